/**
 * Client-side connection pools of one pod, implementing `ClientPool` from
 * `models/data/contracts.ts`:
 *
 * - {@link HikariPool}: HikariCP (Java, Spring Boot). A fixed-size pool by default; connections
 *   are created one at a time by a single adder; callers wait FIFO up to `connectionTimeout`
 *   (30 s) and then fail with `pool-timeout`, also when the database refuses connections.
 * - {@link Mysql2Pool}: node-mysql2 (`createPool`). Connections are made on demand, several at a
 *   time; callers wait FIFO with no timeout at all; a refused connect fails its caller at once
 *   with `too-many-connections`.
 * - {@link LazyPool}: connections opened on demand, as SQLAlchemy's QueuePool
 *   ({@link sqlalchemyQueuePool}: up to pool_size + max_overflow, 5 + 10; returns beyond pool_size
 *   idle are closed; callers at the limit wait up to pool_timeout, 30 s) and as a MongoDB driver's
 *   per-server pool ({@link mongoServerPool}: 100, 2 connecting at once, waiters open connections
 *   as room appears); a caller that waits too long fails with `pool-timeout`.
 * - {@link MongoClientPool}: a MongoDB client over a replica set, one such pool per member and a
 *   server per operation, by read preference and the fewer operations in progress of two at random.
 *
 * `close()` (pod termination) follows HikariPool.shutdown and mysql2's pool.end(): idle
 * connections are disconnected at once, lent ones on release; see each class.
 *
 * Behaviour follows `semantics.md` §2 and §3; each class cites the source files it reproduces.
 * Hikari and mysql2 allocate nothing per acquire/release once warm, and keep `PoolStats` levels
 * with their exact time integrals.
 *
 * @module
 */
export {
  HIKARI_ADDED_SLEEP_MS,
  HIKARI_CONNECTION_TIMEOUT_FLOOR_MS,
  HIKARI_HOUSEKEEPER_INITIAL_DELAY_MS,
  HIKARI_HOUSEKEEPING_PERIOD_MS,
  HikariPool,
} from './hikari-pool.js';
export type { HikariPoolOptions } from './hikari-pool.js';
export { Mysql2Pool } from './mysql2-pool.js';
export { LazyPool, mongoServerPool, sqlalchemyQueuePool } from './lazy-pool.js';
export type { LazyPoolOptions, SqlalchemyPoolOptions } from './lazy-pool.js';
export { MongoClientPool } from './mongo-client.js';
export type { MongoClientOptions, MongoReadPreference } from './mongo-client.js';
export type { Mysql2PoolOptions } from './mysql2-pool.js';
