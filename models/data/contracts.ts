/**
 * What the data tier's components (client pools, databases, multiplexers, Redis, Kafka, rate
 * limiters) share with the request path. The components are generic over the token that waits on
 * them (a request strand in a scenario, a plain object in unit tests), so none of them knows about
 * pods or HTTP; the token carries the little state they need in fixed fields, which keeps the hot
 * path free of per-operation allocations.
 */
import type { LevelIntegral } from '../report/level-integral.js';

/**
 * Why an operation of the data tier failed.
 *
 * - `pool-timeout`: HikariCP's `connectionTimeout` passed with no connection (SQLTransientConnectionException).
 * - `pool-queue-limit`: mysql2's queue was at `queueLimit` ("Queue limit reached.").
 * - `pool-exhausted`: mysql2 with `waitForConnections: false` had no free connection ("No connections available.").
 * - `too-many-connections`: a database (or a multiplexer's `max_client_conn`) refused a new connection (MySQL 1040).
 * - `multiplexer-timeout`: PgBouncer's `query_wait_timeout` or ProxySQL's `connect_timeout_server_max` passed.
 * - `lock-wait-timeout`: a query waited longer than `innodb_lock_wait_timeout` for a row lock (MySQL 1205).
 * - `redis-timeout`: a Redis command failed for good after its client's timeout and retries (RedisTimeoutException).
 * - `rate-limited`: a rate limiter rejected the request (HTTP 429).
 */
export const DATA_FAILURE_CAUSES = [
  'pool-timeout',
  'pool-queue-limit',
  'pool-exhausted',
  'too-many-connections',
  'multiplexer-timeout',
  'lock-wait-timeout',
  'redis-timeout',
  'rate-limited',
] as const;

/** One of {@link DATA_FAILURE_CAUSES}. */
export type DataFailureCause = (typeof DATA_FAILURE_CAUSES)[number];

/**
 * How a component hands a waiting token back. For each operation started with a continuation,
 * exactly one of the two is called, exactly once, possibly synchronously inside the call that
 * started it (an idle connection is handed over at once).
 */
export interface Continuation<T> {
  /** The operation succeeded; `token` goes on. */
  resume(token: T): void;
  /** The operation failed with `cause`; whatever the token held for it has been given back. */
  fail(token: T, cause: DataFailureCause): void;
}

/**
 * A connection as a database server or multiplexer sees it (the server side of a client pool's
 * connection). Opaque to pools: they only pass it back to the backend that opened it.
 */
export interface BackendConnection {
  /** The backend that opened it. */
  readonly backend: Backend<DataToken>;
}

/**
 * The fields of a token that the data tier reads and writes. A request strand implements them.
 * Components set a field when they hand something over and clear it when it is given back.
 */
export interface DataToken {
  /** The client pool connection the token holds, or null. Set by pools, cleared by `release`. */
  conn: PoolConnection | null;
  /** The multiplexer's server connection the token holds during a query, or null (multiplexers only). */
  serverConn: BackendConnection | null;
  /** CPU time (ms at one database core, no contention) of the query the token is about to run. */
  queryCpuMs: number;
  /** I/O and other non-CPU time (ms) of that query. */
  queryIoMs: number;
  /** Index of the database lock (hot row) that query holds while it runs, or -1 for none. */
  queryLock: number;
  /** When the token started waiting for its current operation (ms); components may use it for wait accounting. */
  waitSinceMs: number;
}

/** A client pool's connection: the backend's connection plus the pool's bookkeeping. */
export interface PoolConnection {
  /** The server side of this connection. */
  readonly backend: BackendConnection;
}

/** Called back by {@link Backend.connect}: exactly one of the two, once, never synchronously. */
export interface ConnectCallbacks<U> {
  /** The backend accepted the connection. */
  opened(tag: U, conn: BackendConnection): void;
  /** The backend refused it (`too-many-connections`). */
  refused(tag: U, cause: DataFailureCause): void;
}

/**
 * What a client pool connects to: a database server, a replica set's reader endpoint, or a
 * multiplexer (PgBouncer, ProxySQL). Every open connection counts against the backend's limit
 * until `disconnect`.
 */
export interface Backend<T extends DataToken> {
  /** Name for results and errors. */
  readonly name: string;
  /**
   * Opens a connection; after the connect latency calls `cb.opened(tag, conn)` or
   * `cb.refused(tag, cause)` (never synchronously).
   */
  connect<U>(tag: U, cb: ConnectCallbacks<U>): void;
  /**
   * Runs the query described by the token's `query*` fields on `conn` (a connection this backend
   * opened), then calls `cont.resume(token)` or `cont.fail(token, cause)`.
   */
  execute(token: T, conn: BackendConnection, cont: Continuation<T>): void;
  /** Closes `conn`: it no longer counts against the backend's limit. */
  disconnect(conn: BackendConnection): void;
}

/**
 * A client-side connection pool of one pod (HikariCP, mysql2). Connections are opened on its
 * backend and count against the backend's limit while open.
 */
export interface ClientPool<T extends DataToken> {
  /** The pool's name in the scenario (`master`, `report`, ...). */
  readonly name: string;
  /**
   * Borrows a connection for `token`: sets `token.conn` and calls `cont.resume(token)`, or calls
   * `cont.fail(token, cause)`; possibly synchronously.
   */
  acquire(token: T, cont: Continuation<T>): void;
  /** Gives `token.conn` back to the pool (to the first waiter, if any) and sets it to null. */
  release(token: T): void;
  /** Opens what the driver opens at start-up (HikariCP fills to `minimumIdle`; mysql2 nothing). */
  start(): void;
  /**
   * The application shuts down (its pod terminates): no new connections are opened (the adder /
   * lazy opens stop), idle connections are disconnected at once, connections still lent out are
   * disconnected when they are released, and connections being opened are disconnected as soon as
   * they open; each disconnect lowers `stats.total`. `acquire` afterwards fails synchronously with
   * the pool's failure for a closed pool. Queued callers fail as the driver fails them (each pool
   * documents when and with which cause). Idempotent.
   */
  close(): void;
  /** Counters and levels, for results and time series. */
  readonly stats: PoolStats;
}

/** What a client pool measures. Levels carry their exact time integrals. */
export interface PoolStats {
  /** Connections open or being opened (what the driver counts against its maximum). */
  readonly total: LevelIntegral;
  /** Connections lent out. */
  readonly inUse: LevelIntegral;
  /** Callers waiting for a connection. */
  readonly waiting: LevelIntegral;
  /** Successful acquisitions, and how many of them had to wait, and for how long in total (ms). */
  acquired: number;
  waited: number;
  waitMs: number;
  /** Connection attempts made, and how many the backend refused. */
  connectAttempts: number;
  connectRefusals: number;
  /** Failed acquisitions by cause. */
  readonly failures: Partial<Record<DataFailureCause, number>>;
}
