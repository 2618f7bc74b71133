/**
 * node-mysql2's connection pool as `semantics.md` §3 describes it, read from
 * `sidorares/node-mysql2 @928c3c51` (v3.23.4): `lib/base/pool.js` (getConnection,
 * releaseConnection, _removeConnection, end), `lib/pool_connection.js` (release, _removeFromPool),
 * `lib/base/connection.js` (end) and `lib/pool_config.js` (defaults).
 *
 * Not modelled: idleTimeout (it only applies when maxIdle < connectionLimit, and maxIdle defaults
 * to connectionLimit), resetOnRelease, connectTimeout, and the ~0.15 ms a handoff costs on a real
 * event loop. Connections, once open, stay open until the pool is closed.
 */
import type { Deque as DequeType, Environment } from '../../../engine/index.js';
import { Deque } from '../../../engine/index.js';
import type {
  Backend,
  BackendConnection,
  ClientPool,
  ConnectCallbacks,
  Continuation,
  DataFailureCause,
  DataToken,
  PoolConnection,
  PoolStats,
} from '../contracts.js';
import { countFailure, createPoolStats, requireIntegerIn, requireNoConnection } from './pool-stats.js';

/**
 * The settings of a {@link Mysql2Pool}. All are required: the caller fills them from
 * `DEFAULTS.mysql2` (models/scenario/defaults.ts).
 */
export interface Mysql2PoolOptions {
  /** The pool's name in the scenario (`master`, `report`, ...). */
  name: string;
  /** `connectionLimit`: most connections open or being opened; integer ≥ 0, 0 = unlimited. */
  connectionLimit: number;
  /** `waitForConnections`: queue callers at the limit (true) or fail them with `pool-exhausted`. */
  waitForConnections: boolean;
  /** `queueLimit`: most queued callers, further ones fail with `pool-queue-limit`; integer ≥ 0, 0 = unlimited. */
  queueLimit: number;
}

const MYSQL2_CAUSES: readonly DataFailureCause[] = [
  'too-many-connections',
  'pool-exhausted',
  'pool-queue-limit',
];

/** A connection of a {@link Mysql2Pool} (a PoolConnection of node-mysql2). */
class Mysql2Connection implements PoolConnection {
  constructor(
    readonly backend: BackendConnection,
    readonly pool: object,
  ) {}
}

/** The caller a connect is made for. Recycled, so repeated refusals allocate nothing. */
class PendingConnect<T> {
  token: T | null = null;
  cont: Continuation<T> | null = null;
}

/**
 * A node-mysql2 pool (`mysql.createPool`) of one pod.
 *
 * **Acquire** (`BasePool.getConnection`), in this order:
 * 1. a free connection: take the most recently released (`_freeConnections.pop()`, LIFO);
 *    `cont.resume` runs inside `acquire`;
 * 2. under `connectionLimit` (or 0 = unlimited): count a new connection in the total at once and
 *    connect on the caller's behalf; several connects can be under way at once, one per caller;
 *    the caller gets that connection when it opens;
 * 3. `waitForConnections` false: fail at once with `pool-exhausted` ("No connections available.");
 * 4. `queueLimit` > 0 and that many callers queued: fail at once with `pool-queue-limit`
 *    ("Queue limit reached.");
 * 5. else queue the caller, FIFO, with no timeout of any kind (mysql2 has no acquireTimeout).
 *
 * **Release** (`releaseConnection`): to the first queued caller, else onto the free list.
 *
 * **Refused connect** (`too-many-connections`, MySQL 1040): the connection leaves the pool at once
 * (`_removeFromPool` → `_removeConnection`), its caller fails at once, and if callers are queued
 * the first one leaves the queue and runs `getConnection` again (`releaseConnection` of a removed
 * connection): the pool is now under its limit, so it starts a new connect of its own, which
 * against a full server fails too. This matches what semantics.md §3 observed on MariaDB.
 *
 * **Start**: nothing; connections open on demand. With the default maxIdle (= connectionLimit)
 * idle connections are never closed.
 *
 * **Close** ({@link Mysql2Pool.close}, `pool.end()`): sets `_closed`; every queued caller fails
 * with "Pool is closed." (on the next tick; here inside `close`); every connection gets
 * `_realEnd` (COM_QUIT), so free connections are disconnected at once. A connect under way
 * completes and is then quit; its caller's connect callback sees `_closed` first and fails with
 * "Pool is closed." when the connect ends, whether the server accepted it or not. `getConnection`
 * afterwards fails with "Pool is closed." (next tick; here before `acquire` returns). "Pool is
 * closed." has no cause of its own and is reported as `pool-exhausted` (mysql2's other "no
 * connection for you" error, "No connections available."), counted in `stats.failures`.
 * A lent connection is disconnected when it is released. In mysql2 its COM_QUIT is queued behind
 * the command in flight and later commands on it fail ("Can't add new command when connection is
 * in closed state"), while `release()` on a closed pool does nothing; the model lets the holder
 * finish instead, since a pool cannot fail a holder mid-query.
 *
 * Stats: `total` counts connections open or being opened (`_allConnections`); `waiting` the
 * queued callers; `waited`/`waitMs` the callers not served inside `acquire` (queued, or waiting
 * for their own connect) that then got a connection, and their time from `acquire` to the grant.
 * Invariant: `stats.total.level ≤ connectionLimit` unless the limit is 0.
 *
 * Hot path: `acquire` and `release` with a free connection or a queued caller allocate nothing;
 * one object per opened connection.
 */
export class Mysql2Pool<T extends DataToken> implements ClientPool<T> {
  readonly name: string;
  readonly stats: PoolStats;
  readonly #env: Environment;
  readonly #backend: Backend<T>;
  /** connectionLimit, with 0 (unlimited) as Infinity. */
  readonly #limit: number;
  readonly #waitForConnections: boolean;
  /** queueLimit, with 0 (unlimited) as Infinity. */
  readonly #queueLimit: number;

  /** `_freeConnections`: used as a stack, so the last released is reused first. */
  readonly #free: Mysql2Connection[] = [];
  /** `_connectionQueue`: queued callers and their continuations (two deques in lockstep). */
  readonly #queue: DequeType<T> = new Deque<T>();
  readonly #queueConts: DequeType<Continuation<T>> = new Deque<Continuation<T>>();
  readonly #spareConnects: PendingConnect<T>[] = [];
  readonly #callbacks: ConnectCallbacks<PendingConnect<T>>;
  /** `_closed`: whether close() (pool.end()) was called. */
  #closed = false;

  /**
   * @param env the simulation clock.
   * @param options the pool settings (all required; see {@link Mysql2PoolOptions}).
   * @param backend what the pool connects to (a database or a multiplexer).
   * @throws RangeError naming the field, if connectionLimit or queueLimit is not an integer ≥ 0,
   *   or waitForConnections is not a boolean.
   */
  constructor(env: Environment, options: Mysql2PoolOptions, backend: Backend<T>) {
    const { name, connectionLimit, waitForConnections, queueLimit } = options;
    requireIntegerIn(name, 'connectionLimit', connectionLimit, 0);
    requireIntegerIn(name, 'queueLimit', queueLimit, 0);
    if (typeof waitForConnections !== 'boolean') {
      throw new RangeError(
        `pool '${name}': waitForConnections must be a boolean, got ${String(waitForConnections)}`,
      );
    }
    this.name = name;
    this.#env = env;
    this.#backend = backend;
    this.#limit = connectionLimit === 0 ? Infinity : connectionLimit;
    this.#waitForConnections = waitForConnections;
    this.#queueLimit = queueLimit === 0 ? Infinity : queueLimit;
    this.stats = createPoolStats(MYSQL2_CAUSES);
    this.#callbacks = {
      opened: (pending, conn) => this.#opened(pending, conn),
      refused: (pending, cause) => this.#refused(pending, cause),
    };
  }

  /** Free connections (open and not lent out). */
  get idle(): number {
    return this.#free.length;
  }

  /**
   * Borrows a connection for `token` by the rules in the class doc. A free connection, or a
   * failure (`pool-exhausted`, `pool-queue-limit`), is reported before this returns; a new
   * connection after the backend's connect latency (or `too-many-connections` if refused); a
   * queued caller whenever a connection is released to it, however long that takes. After
   * {@link close}, `pool-exhausted` before this returns.
   * Uses `token.waitSinceMs` while the caller waits.
   * @throws Error if `token.conn` is already set.
   */
  acquire(token: T, cont: Continuation<T>): void {
    requireNoConnection(this, token);
    if (this.#closed) {
      // getConnection: "Pool is closed." (see the class doc).
      countFailure(this.stats, 'pool-exhausted');
      cont.fail(token, 'pool-exhausted');
      return;
    }
    const conn = this.#free.pop();
    if (conn !== undefined) {
      this.stats.inUse.add(this.#env.now, 1);
      this.stats.acquired++;
      token.conn = conn;
      cont.resume(token);
      return;
    }
    token.waitSinceMs = this.#env.now;
    this.#getConnection(token, cont);
  }

  /**
   * Gives `token.conn` back: to the first queued caller if any (its `cont.resume` runs before this
   * returns), else onto the free list; after {@link close}, disconnects it. Sets `token.conn` to
   * null.
   * @throws Error if `token.conn` is null or is not a connection of this pool.
   */
  release(token: T): void {
    const conn = token.conn;
    if (!(conn instanceof Mysql2Connection) || conn.pool !== this) {
      throw new Error(`pool '${this.name}': release() of a token that holds no connection of this pool`);
    }
    token.conn = null;
    const now = this.#env.now;
    if (this.#closed) {
      this.stats.inUse.add(now, -1);
      this.#disconnect(conn.backend, now);
      return;
    }
    const next = this.#queue.shift();
    if (next === undefined) {
      this.#free.push(conn);
      this.stats.inUse.add(now, -1);
      return;
    }
    const cont = this.#queueConts.shift()!;
    this.stats.waiting.add(now, -1);
    this.#grant(next, cont, conn, now);
  }

  /** mysql2 opens nothing at start-up: connections are made on demand. */
  start(): void {}

  /**
   * Closes the pool (`pool.end()`; see the class doc): fails every queued caller with
   * `pool-exhausted`, disconnects the free connections now, lent ones when they are released and
   * connections being opened when their connect ends. A second call does nothing.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const now = this.#env.now;
    for (const conn of this.#free) this.#disconnect(conn.backend, now);
    this.#free.length = 0;
    const stats = this.stats;
    for (;;) {
      const token = this.#queue.shift();
      if (token === undefined) break;
      const cont = this.#queueConts.shift()!;
      stats.waiting.add(now, -1);
      countFailure(stats, 'pool-exhausted');
      cont.fail(token, 'pool-exhausted');
    }
  }

  /** Closes an open connection of the pool: it leaves the total and the backend. */
  #disconnect(backendConn: BackendConnection, now: number): void {
    this.stats.total.add(now, -1);
    this.#backend.disconnect(backendConn);
  }

  /**
   * Steps 2–5 of getConnection, for a caller that found no free connection (a new caller, or the
   * first queued caller retried after a refusal). `token.waitSinceMs` is already set.
   */
  #getConnection(token: T, cont: Continuation<T>): void {
    const stats = this.stats;
    const now = this.#env.now;
    if (stats.total.level < this.#limit) {
      stats.total.add(now, 1);
      stats.connectAttempts++;
      const pending = this.#spareConnects.pop() ?? new PendingConnect<T>();
      pending.token = token;
      pending.cont = cont;
      this.#backend.connect(pending, this.#callbacks);
    } else if (!this.#waitForConnections) {
      countFailure(stats, 'pool-exhausted');
      cont.fail(token, 'pool-exhausted');
    } else if (this.#queue.length >= this.#queueLimit) {
      countFailure(stats, 'pool-queue-limit');
      cont.fail(token, 'pool-queue-limit');
    } else {
      this.#queue.push(token);
      this.#queueConts.push(cont);
      stats.waiting.add(now, 1);
    }
  }

  #grant(token: T, cont: Continuation<T>, conn: Mysql2Connection, now: number): void {
    const stats = this.stats;
    stats.acquired++;
    stats.waited++;
    stats.waitMs += now - token.waitSinceMs;
    token.conn = conn;
    cont.resume(token);
  }

  #takePending(pending: PendingConnect<T>): void {
    pending.token = null;
    pending.cont = null;
    this.#spareConnects.push(pending);
  }

  #opened(pending: PendingConnect<T>, backendConn: BackendConnection): void {
    const token = pending.token!;
    const cont = pending.cont!;
    this.#takePending(pending);
    const now = this.#env.now;
    if (this.#closed) {
      // end() queued COM_QUIT on it; the connect callback reports "Pool is closed.".
      this.#disconnect(backendConn, now);
      countFailure(this.stats, 'pool-exhausted');
      cont.fail(token, 'pool-exhausted');
      return;
    }
    this.stats.inUse.add(now, 1);
    this.#grant(token, cont, new Mysql2Connection(backendConn, this), now);
  }

  #refused(pending: PendingConnect<T>, cause: DataFailureCause): void {
    const token = pending.token!;
    const cont = pending.cont!;
    this.#takePending(pending);
    const stats = this.stats;
    // _removeFromPool: the connection no longer counts against the limit.
    stats.total.add(this.#env.now, -1);
    stats.connectRefusals++;
    if (this.#closed) {
      // The connect callback checks _closed before the error: "Pool is closed.". No one is queued.
      countFailure(stats, 'pool-exhausted');
      cont.fail(token, 'pool-exhausted');
      return;
    }
    countFailure(stats, cause);
    cont.fail(token, cause);
    // releaseConnection of a removed connection: the first queued caller runs getConnection again
    // (node-mysql2 does it on the next tick, after the failed caller's callback).
    const next = this.#queue.shift();
    if (next === undefined) return;
    const nextCont = this.#queueConts.shift()!;
    stats.waiting.add(this.#env.now, -1);
    const conn = this.#free.pop();
    if (conn !== undefined) {
      // Only if the failed caller's continuation released a connection synchronously.
      stats.inUse.add(this.#env.now, 1);
      this.#grant(next, nextCont, conn, this.#env.now);
    } else {
      this.#getConnection(next, nextCont);
    }
  }
}
