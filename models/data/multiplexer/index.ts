/**
 * Connection multiplexers of the data tier: PgBouncer and ProxySQL, one {@link Multiplexer} class
 * with a `kind` for where the two differ (how server connections are opened and what a refusal by
 * the database does to waiting clients). Many client connections share `poolSize` server
 * connections; queries wait in FIFO order and time out after `waitTimeoutMs`.
 *
 * @module
 */

export {
  Multiplexer,
  PGBOUNCER_SERVER_LOGIN_RETRY_MS,
  PROXYSQL_CONNECT_RETRIES_DELAY_MS,
  PROXYSQL_CONNECT_RETRIES_ON_FAILURE,
} from './multiplexer.js';
export type { MultiplexerOptions, MultiplexerStats } from './multiplexer.js';
