/**
 * SQLAlchemy's `QueuePool` (the default pool of `create_engine`, and as `AsyncAdaptedQueuePool`
 * of `create_async_engine`), read from sqlalchemy/sqlalchemy `lib/sqlalchemy/pool/impl.py`
 * (`QueuePool.__init__`, `_do_get`, `_do_return_conn`, `_inc_overflow`, `_dec_overflow`, `dispose`)
 * and `lib/sqlalchemy/util/queue.py` (a bounded queue: `put(block=False)` raises Full at
 * `pool_size` items; getters blocked in `get` are woken in turn by each put).
 *
 * **Checkout** (`_do_get`): take an idle connection if any (FIFO: `use_lifo` False by default);
 * else, with fewer than `pool_size + max_overflow` connections, open a new one in the calling
 * thread (several callers may be connecting at once); at the limit, wait for a returned connection up to
 * `pool_timeout` (default 30 s), then fail with `pool-timeout` ("QueuePool limit of size 5 overflow
 * 10 reached, connection timed out"). A refused connect fails its caller and frees its place
 * (`_dec_overflow`), but wakes no waiter: waiters are only woken by returned connections.
 *
 * **Return** (`_do_return_conn`): to the first waiter if any; else kept idle if fewer than
 * `pool_size` are idle; else closed (an overflow connection), which frees its place.
 *
 * **Start**: nothing; connections open on demand. **Close** (`dispose` at shutdown): idle
 * connections are closed at once, lent ones on return, waiters and new callers fail with
 * `pool-timeout` (the application gets an error either way; SQLAlchemy has no cause of its own).
 *
 * Not modelled: `pool_recycle`, `pool_pre_ping`, the reset-on-return rollback (psycopg2 and asyncpg
 * send nothing when no transaction is open), `pool_use_lifo`.
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

/** The settings of a {@link SqlalchemyPool}; the caller fills them from `DEFAULTS.sqlalchemy`. */
export interface SqlalchemyPoolOptions {
  /** The pool's name in the scenario. */
  name: string;
  /** `pool_size`: idle connections kept at most; integer ≥ 1. */
  poolSize: number;
  /** `max_overflow`: connections beyond pool_size at most; integer ≥ 0. */
  maxOverflow: number;
  /** `pool_timeout` (ms): longest wait at the limit before `pool-timeout`; > 0. */
  poolTimeoutMs: number;
}

const SQLALCHEMY_CAUSES: readonly DataFailureCause[] = ['pool-timeout'];

class SqlalchemyConnection implements PoolConnection {
  constructor(
    readonly backend: BackendConnection,
    readonly pool: object,
  ) {}
}

/** A caller waiting at the limit, with its timeout. Stale entries are skipped when dequeued. */
class Waiter<T> {
  timer: EventHandle | null = null;
  done = false;
  constructor(
    readonly pool: SqlalchemyPool<T & DataToken>,
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
 * A SQLAlchemy QueuePool of one pod (one engine per process).
 *
 * Invariants: `stats.total.level ≤ poolSize + maxOverflow`; at most `poolSize` connections idle;
 * every acquire ends in exactly one `resume` or `fail`.
 */
export class SqlalchemyPool<T extends DataToken> implements ClientPool<T> {
  readonly name: string;
  readonly stats: PoolStats;
  readonly #env: Environment;
  readonly #backend: Backend<T>;
  readonly #poolSize: number;
  readonly #limit: number;
  readonly #timeoutMs: number;
  readonly #idle = new Deque<SqlalchemyConnection>();
  readonly #waiters = new Deque<Waiter<T>>();
  readonly #callbacks: ConnectCallbacks<PendingConnect<T>>;
  #closed = false;

  /**
   * @throws RangeError naming the field, if poolSize is not an integer ≥ 1, maxOverflow not an
   *   integer ≥ 0, or poolTimeoutMs not a finite number > 0.
   */
  constructor(env: Environment, options: SqlalchemyPoolOptions, backend: Backend<T>) {
    const { name, poolSize, maxOverflow, poolTimeoutMs } = options;
    requireIntegerIn(name, 'poolSize', poolSize, 1);
    requireIntegerIn(name, 'maxOverflow', maxOverflow, 0);
    if (!Number.isFinite(poolTimeoutMs) || poolTimeoutMs <= 0)
      throw new RangeError(`pool '${name}': poolTimeoutMs must be a finite number > 0, got ${poolTimeoutMs}`);
    this.name = name;
    this.#env = env;
    this.#backend = backend;
    this.#poolSize = poolSize;
    this.#limit = poolSize + maxOverflow;
    this.#timeoutMs = poolTimeoutMs;
    this.stats = createPoolStats(SQLALCHEMY_CAUSES);
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
   * Checks out a connection by the rules in the class doc: an idle one before this returns; a new
   * one when its connect completes; at the limit, a returned one, or `pool-timeout` after
   * `poolTimeoutMs`. After {@link close}, `pool-timeout` before this returns.
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
    // `_pool.get` comes first, blocking or not: an idle connection is taken whatever the count.
    const conn = this.#idle.shift();
    if (conn !== undefined) {
      stats.inUse.add(now, 1);
      stats.acquired++;
      token.conn = conn;
      cont.resume(token);
      return;
    }
    token.waitSinceMs = now;
    if (stats.total.level < this.#limit) {
      stats.total.add(now, 1);
      stats.connectAttempts++;
      this.#backend.connect(new PendingConnect(token, cont), this.#callbacks);
      return;
    }
    const waiter = new Waiter<T>(this, token, cont);
    waiter.timer = this.#env.scheduleCancellable(this.#timeoutMs, SqlalchemyPool.#timedOut, waiter);
    this.#waiters.push(waiter);
    stats.waiting.add(now, 1);
  }

  /**
   * Returns `token.conn`: to the first waiter, else idle if fewer than poolSize are idle, else
   * closed. After {@link close}, closes it. Sets `token.conn` to null.
   * @throws Error if `token.conn` is null or is not a connection of this pool.
   */
  release(token: T): void {
    const conn = token.conn;
    if (!(conn instanceof SqlalchemyConnection) || conn.pool !== this)
      throw new Error(`pool '${this.name}': release() of a token that holds no connection of this pool`);
    token.conn = null;
    this.#checkin(conn);
  }

  /** QueuePool opens nothing at start-up. */
  start(): void {}

  /** Closes the pool: idle connections now, lent ones on return; waiters fail with `pool-timeout`. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const now = this.#env.now;
    for (let c = this.#idle.shift(); c !== undefined; c = this.#idle.shift())
      this.#disconnect(c.backend, now);
    for (let w = this.#waiters.shift(); w !== undefined; w = this.#waiters.shift()) {
      if (w.done) continue;
      this.#env.cancel(w.timer!);
      this.#fail(w);
    }
  }

  #checkin(conn: SqlalchemyConnection): void {
    const now = this.#env.now;
    const stats = this.stats;
    if (this.#closed) {
      stats.inUse.add(now, -1);
      this.#disconnect(conn.backend, now);
      return;
    }
    for (let w = this.#waiters.shift(); w !== undefined; w = this.#waiters.shift()) {
      if (w.done) continue;
      w.done = true;
      this.#env.cancel(w.timer!);
      stats.waiting.add(now, -1);
      this.#grant(w.token, w.cont, conn, now);
      return;
    }
    stats.inUse.add(now, -1);
    if (this.#idle.length < this.#poolSize) this.#idle.push(conn);
    else this.#disconnect(conn.backend, now);
  }

  #disconnect(backendConn: BackendConnection, now: number): void {
    this.stats.total.add(now, -1);
    this.#backend.disconnect(backendConn);
  }

  #grant(token: T, cont: Continuation<T>, conn: SqlalchemyConnection, now: number): void {
    const stats = this.stats;
    stats.acquired++;
    stats.waited++;
    stats.waitMs += now - token.waitSinceMs;
    token.conn = conn;
    cont.resume(token);
  }

  #fail(w: Waiter<T>): void {
    w.done = true;
    this.stats.waiting.add(this.#env.now, -1);
    countFailure(this.stats, 'pool-timeout');
    w.cont.fail(w.token, 'pool-timeout');
  }

  #opened(pending: PendingConnect<T>, backendConn: BackendConnection): void {
    const now = this.#env.now;
    if (this.#closed) {
      this.#disconnect(backendConn, now);
      countFailure(this.stats, 'pool-timeout');
      pending.cont.fail(pending.token, 'pool-timeout');
      return;
    }
    this.stats.inUse.add(now, 1);
    this.#grant(pending.token, pending.cont, new SqlalchemyConnection(backendConn, this), now);
  }

  #refused(pending: PendingConnect<T>, cause: DataFailureCause): void {
    const stats = this.stats;
    stats.total.add(this.#env.now, -1);
    stats.connectRefusals++;
    countFailure(stats, cause);
    pending.cont.fail(pending.token, cause);
  }

  static #timedOut<T extends DataToken>(this: void, w: Waiter<T>): void {
    w.timer = null;
    w.pool.#fail(w);
  }
}
