/**
 * A pool that opens connections on demand, the shape shared by SQLAlchemy's `QueuePool` and the
 * MongoDB drivers' per-server pools (CMAP). Each driver is a configuration of {@link LazyPool}:
 *
 * - **SQLAlchemy QueuePool** ({@link sqlalchemyQueuePool}), read from sqlalchemy/sqlalchemy
 *   `lib/sqlalchemy/pool/impl.py` (`_do_get`, `_do_return_conn`, `_inc_overflow`, `_dec_overflow`)
 *   and `lib/sqlalchemy/util/queue.py`: up to `pool_size + max_overflow` connections, opened in the
 *   calling thread (any number at once); at the limit a caller waits for a returned connection up
 *   to `pool_timeout` ("QueuePool limit of size 5 overflow 10 reached, connection timed out"); a
 *   connection returned to a pool already holding `pool_size` idle ones is closed; a refused
 *   connect frees its place but wakes no waiter (waiters are woken only by returned connections).
 * - **MongoDB connection pool** ({@link mongoServerPool}), the CMAP specification
 *   (mongodb/specifications `source/connection-monitoring-and-pooling`) as the Java driver applies
 *   it (mongodb/mongo-java-driver `ConnectionPoolSettings`: maxSize 100, minSize 0, maxConnecting 2,
 *   maxWaitTime 2 minutes): one pool per server; at most `maxConnecting` connections being
 *   established at once; callers wait in FIFO order, and the first waiter opens a connection as
 *   soon as there is room for one (a free place and a free connecting slot), or takes a returned
 *   one; past `maxWaitTime` it fails (MongoTimeoutException).
 *
 * Common rules: an idle connection is taken first, oldest first (SQLAlchemy `use_lifo` False);
 * the caller that opens a connection gets it; every failure to get one is `pool-timeout`.
 *
 * Not modelled: SQLAlchemy's `pool_recycle` and `pool_pre_ping`, its reset-on-return rollback
 * (psycopg2 and asyncpg send nothing when no transaction is open); CMAP's idle-time and
 * background minimum-size maintenance (minPoolSize 0 by default).
 */
import type { Environment, EventHandle } from '../../../engine/index.js';
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

/** The settings of a {@link LazyPool}. */
export interface LazyPoolOptions {
  /** The pool's name in the scenario. */
  name: string;
  /** Connections open or being opened at most; integer ≥ 1. */
  maxConnections: number;
  /** Idle connections kept at most (more are closed on return); integer in [1, maxConnections]. */
  maxIdle: number;
  /** Connections being opened at once at most; integer ≥ 1, or Infinity. */
  maxConnecting: number;
  /** Longest wait (ms, > 0) before `pool-timeout`, or null: wait forever. */
  waitTimeoutMs: number | null;
  /** Whether a waiter opens a connection when room appears (CMAP), or only takes returned ones (SQLAlchemy). */
  waitersConnect: boolean;
  /** Stats to add to, shared with other pools (the per-server pools of one MongoDB client); default: its own. */
  stats?: PoolStats;
}

/** The settings of SQLAlchemy's QueuePool; the caller fills them from `DEFAULTS.sqlalchemy`. */
export interface SqlalchemyPoolOptions {
  name: string;
  /** `pool_size`: idle connections kept at most; integer ≥ 1. */
  poolSize: number;
  /** `max_overflow`: connections beyond pool_size at most; integer ≥ 0. */
  maxOverflow: number;
  /** `pool_timeout` (ms): longest wait at the limit before `pool-timeout`; > 0. */
  poolTimeoutMs: number;
}

/** A SQLAlchemy QueuePool of one pod (one engine per process). */
export function sqlalchemyQueuePool<T extends DataToken>(
  env: Environment,
  options: SqlalchemyPoolOptions,
  backend: Backend<T>,
): LazyPool<T> {
  const { name, poolSize, maxOverflow, poolTimeoutMs } = options;
  requireIntegerIn(name, 'poolSize', poolSize, 1);
  requireIntegerIn(name, 'maxOverflow', maxOverflow, 0);
  const limits = { maxConnections: poolSize + maxOverflow, maxIdle: poolSize, maxConnecting: Infinity };
  return new LazyPool(env, { name, ...limits, waitTimeoutMs: poolTimeoutMs, waitersConnect: false }, backend);
}

/** A MongoDB driver's pool for one server of a replica set. */
export function mongoServerPool<T extends DataToken>(
  env: Environment,
  options: {
    name: string;
    maxPoolSize: number;
    maxConnecting: number;
    maxWaitTimeMs: number | null;
    stats?: PoolStats;
  },
  backend: Backend<T>,
): LazyPool<T> {
  const { name, maxPoolSize, maxConnecting, maxWaitTimeMs, stats } = options;
  const settings = {
    maxConnections: maxPoolSize,
    maxIdle: maxPoolSize,
    maxConnecting,
    waitTimeoutMs: maxWaitTimeMs,
  };
  return new LazyPool(env, { name, ...settings, waitersConnect: true, ...(stats ? { stats } : {}) }, backend);
}

const LAZY_CAUSES: readonly DataFailureCause[] = ['pool-timeout'];

class LazyConnection implements PoolConnection {
  constructor(
    readonly backend: BackendConnection,
    readonly pool: object,
  ) {}
}

/** A caller waiting, with its timeout. Stale entries (timed out) are skipped when dequeued. */
class Waiter<T> {
  timer: EventHandle | null = null;
  done = false;
  constructor(
    readonly pool: LazyPool<T & DataToken>,
    readonly token: T,
    readonly cont: Continuation<T>,
  ) {}
}

/** The caller a connect is made for. */
class PendingConnect<T> {
  constructor(
    readonly token: T,
    readonly cont: Continuation<T>,
  ) {}
}

/**
 * A lazily filled pool of one pod (see the module doc for the rules).
 *
 * Invariants: `total ≤ maxConnections`; idle ≤ maxIdle; connects under way ≤ maxConnecting; every
 * acquire ends in exactly one `resume` or `fail`.
 */
export class LazyPool<T extends DataToken> implements ClientPool<T> {
  readonly name: string;
  readonly stats: PoolStats;
  readonly #env: Environment;
  readonly #backend: Backend<T>;
  readonly #max: number;
  readonly #maxIdle: number;
  readonly #maxConnecting: number;
  readonly #timeoutMs: number | null;
  readonly #waitersConnect: boolean;
  readonly #idle = new Deque<LazyConnection>();
  readonly #waiters = new Deque<Waiter<T>>();
  readonly #callbacks: ConnectCallbacks<PendingConnect<T>>;
  // This pool's own counts (the stats may be shared with other pools).
  #total = 0;
  #connecting = 0;
  #liveWaiters = 0;
  #closed = false;

  /** @throws RangeError naming the field that is out of range. */
  constructor(env: Environment, options: LazyPoolOptions, backend: Backend<T>) {
    const { name, maxConnections, maxIdle, maxConnecting, waitTimeoutMs } = options;
    requireIntegerIn(name, 'maxConnections', maxConnections, 1);
    requireIntegerIn(name, 'maxIdle', maxIdle, 1, maxConnections);
    if (maxConnecting !== Infinity) requireIntegerIn(name, 'maxConnecting', maxConnecting, 1);
    if (waitTimeoutMs !== null && !(Number.isFinite(waitTimeoutMs) && waitTimeoutMs > 0))
      throw new RangeError(
        `pool '${name}': the wait timeout must be null or a finite number > 0 (ms), got ${waitTimeoutMs}`,
      );
    this.name = name;
    this.#env = env;
    this.#backend = backend;
    this.#max = maxConnections;
    this.#maxIdle = maxIdle;
    this.#maxConnecting = maxConnecting;
    this.#timeoutMs = waitTimeoutMs;
    this.#waitersConnect = options.waitersConnect;
    this.stats = options.stats ?? createPoolStats(LAZY_CAUSES);
    this.#callbacks = {
      opened: (pending, conn) => this.#opened(pending, conn),
      refused: (pending, cause) => this.#refused(pending, cause),
    };
  }

  /** Idle connections. */
  get idle(): number {
    return this.#idle.length;
  }

  /**
   * Lends a connection by the module's rules: an idle one before this returns; a new one when its
   * connect completes; else a returned one (or one it opens, with waitersConnect), or
   * `pool-timeout` after the wait timeout. After {@link close}, `pool-timeout` before this returns.
   * @throws Error if `token.conn` is already set.
   */
  acquire(token: T, cont: Continuation<T>): void {
    requireNoConnection(this, token);
    const stats = this.stats;
    const now = this.#env.now;
    if (this.#closed) {
      countFailure(stats, 'pool-timeout');
      cont.fail(token, 'pool-timeout');
      return;
    }
    const conn = this.#idle.shift();
    if (conn !== undefined) {
      stats.inUse.add(now, 1);
      stats.acquired++;
      token.conn = conn;
      cont.resume(token);
      return;
    }
    token.waitSinceMs = now;
    // With waitersConnect the queue is fair: a newcomer does not open ahead of waiters.
    if (this.#hasRoom() && !(this.#waitersConnect && this.#liveWaiters > 0)) {
      this.#connect(token, cont, now);
      return;
    }
    const waiter = new Waiter<T>(this, token, cont);
    if (this.#timeoutMs !== null)
      waiter.timer = this.#env.scheduleCancellable(this.#timeoutMs, LazyPool.#timedOut, waiter);
    this.#waiters.push(waiter);
    this.#liveWaiters++;
    stats.waiting.add(now, 1);
  }

  /**
   * Returns `token.conn`: to the first waiter, else idle if fewer than maxIdle are idle, else
   * closed. After {@link close}, closes it. Sets `token.conn` to null.
   * @throws Error if `token.conn` is null or is not a connection of this pool.
   */
  release(token: T): void {
    const conn = token.conn;
    if (!(conn instanceof LazyConnection) || conn.pool !== this)
      throw new Error(`pool '${this.name}': release() of a token that holds no connection of this pool`);
    token.conn = null;
    const now = this.#env.now;
    const stats = this.stats;
    if (this.#closed) {
      stats.inUse.add(now, -1);
      this.#disconnect(conn.backend, now);
      return;
    }
    const waiter = this.#nextWaiter(now);
    if (waiter !== null) {
      this.#grant(waiter.token, waiter.cont, conn, now);
      return;
    }
    stats.inUse.add(now, -1);
    if (this.#idle.length < this.#maxIdle) this.#idle.push(conn);
    else {
      this.#disconnect(conn.backend, now);
      this.#serveWaiters(now);
    }
  }

  /** Opens nothing at start-up (SQLAlchemy; CMAP with minPoolSize 0). */
  start(): void {}

  /** Closes the pool: idle connections now, lent ones on return; waiters fail with `pool-timeout`. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const now = this.#env.now;
    for (let c = this.#idle.shift(); c !== undefined; c = this.#idle.shift())
      this.#disconnect(c.backend, now);
    for (let w = this.#nextWaiter(now); w !== null; w = this.#nextWaiter(now)) this.#failWaiter(w);
  }

  #hasRoom(): boolean {
    return this.#total < this.#max && this.#connecting < this.#maxConnecting;
  }

  #connect(token: T, cont: Continuation<T>, now: number): void {
    this.#total++;
    this.#connecting++;
    this.stats.total.add(now, 1);
    this.stats.connectAttempts++;
    this.#backend.connect(new PendingConnect(token, cont), this.#callbacks);
  }

  /** Takes the first live waiter off the queue (its timer cancelled), or null. */
  #nextWaiter(now: number): Waiter<T> | null {
    for (let w = this.#waiters.shift(); w !== undefined; w = this.#waiters.shift()) {
      if (w.done) continue;
      w.done = true;
      if (w.timer !== null) this.#env.cancel(w.timer);
      this.#liveWaiters--;
      this.stats.waiting.add(now, -1);
      return w;
    }
    return null;
  }

  /** CMAP: while there is room, the first waiters open connections of their own. */
  #serveWaiters(now: number): void {
    if (!this.#waitersConnect || this.#closed) return;
    while (this.#liveWaiters > 0 && this.#hasRoom()) {
      const w = this.#nextWaiter(now)!;
      this.#connect(w.token, w.cont, now);
    }
  }

  #disconnect(backendConn: BackendConnection, now: number): void {
    this.#total--;
    this.stats.total.add(now, -1);
    this.#backend.disconnect(backendConn);
  }

  #grant(token: T, cont: Continuation<T>, conn: LazyConnection, now: number): void {
    const stats = this.stats;
    stats.acquired++;
    stats.waited++;
    stats.waitMs += now - token.waitSinceMs;
    token.conn = conn;
    cont.resume(token);
  }

  #failWaiter(w: Waiter<T>): void {
    countFailure(this.stats, 'pool-timeout');
    w.cont.fail(w.token, 'pool-timeout');
  }

  #opened(pending: PendingConnect<T>, backendConn: BackendConnection): void {
    const now = this.#env.now;
    this.#connecting--;
    if (this.#closed) {
      this.#disconnect(backendConn, now);
      countFailure(this.stats, 'pool-timeout');
      pending.cont.fail(pending.token, 'pool-timeout');
      return;
    }
    this.stats.inUse.add(now, 1);
    this.#grant(pending.token, pending.cont, new LazyConnection(backendConn, this), now);
    this.#serveWaiters(this.#env.now);
  }

  #refused(pending: PendingConnect<T>, cause: DataFailureCause): void {
    const stats = this.stats;
    this.#connecting--;
    this.#total--;
    stats.total.add(this.#env.now, -1);
    stats.connectRefusals++;
    countFailure(stats, cause);
    pending.cont.fail(pending.token, cause);
    this.#serveWaiters(this.#env.now);
  }

  static #timedOut<T extends DataToken>(this: void, w: Waiter<T>): void {
    w.timer = null;
    w.done = true;
    w.pool.#liveWaiters--;
    w.pool.stats.waiting.add(w.pool.#env.now, -1);
    w.pool.#failWaiter(w);
  }
}
