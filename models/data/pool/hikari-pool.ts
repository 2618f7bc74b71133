/**
 * HikariCP's connection pool as `semantics.md` §2 describes it, read from
 * `brettwooldridge/HikariCP @604d7d58` (2024-10-18, the newest public snapshot; HikariCP 6.0.0):
 * `pool/HikariPool.java` (getConnection, PoolEntryCreator, shouldContinueCreating, fillPool,
 * addBagItem, checkFailFast, HouseKeeper), `util/ConcurrentBag.java` (borrow, requite, add),
 * `util/UtilityElf.java` (createThreadPoolExecutor) and `HikariConfig.java` (setConnectionTimeout);
 * for {@link HikariPool.close}: `HikariPool.shutdown` (with softEvictConnection, recycle,
 * closeConnection, abortActiveConnections, PoolEntryCreator.shouldContinueCreating),
 * `ConcurrentBag.close`/`borrow` and `HikariDataSource.close`/`getConnection`.
 *
 * Not modelled: idleTimeout and maxLifetime retirement, keepalive, validation of connections on
 * borrow, leak detection, suspension. Connections, once open, stay open until the pool is closed.
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
 * The settings of a {@link HikariPool}. All are required: the caller fills them from
 * `DEFAULTS.hikari` (models/scenario/defaults.ts), and `minimumIdle` defaults there to
 * `maximumPoolSize` (a fixed-size pool).
 */
export interface HikariPoolOptions {
  /** The pool's name in the scenario (`master`, `report`, ...). */
  name: string;
  /** `maximumPoolSize`: most connections open or being opened; integer ≥ 1. */
  maximumPoolSize: number;
  /** `minimumIdle`: idle connections the pool tries to keep; integer in [0, maximumPoolSize]. */
  minimumIdle: number;
  /**
   * `connectionTimeout` (ms): longest wait in `acquire` before failing with `pool-timeout`.
   * 0 means `Integer.MAX_VALUE` ms (HikariConfig.setConnectionTimeout), i.e. no timeout here;
   * otherwise ≥ 250 ({@link HIKARI_CONNECTION_TIMEOUT_FLOOR_MS}).
   */
  connectionTimeoutMs: number;
  /** First sleep (ms) of the connection adder after a failed connect (PoolEntryCreator: 10); > 0. */
  createBackoffInitialMs: number;
  /** Cap (ms) of that sleep, which doubles after each failure (PoolEntryCreator: 5 s); ≥ the initial sleep. */
  createBackoffMaxMs: number;
}

/**
 * Smallest non-zero `connectionTimeout` (ms): `HikariConfig.setConnectionTimeout` throws below
 * `SOFT_TIMEOUT_FLOOR` (250 ms).
 */
export const HIKARI_CONNECTION_TIMEOUT_FLOOR_MS = 250;
/**
 * Sleep (ms) of the connection adder after each connection it adds (`PoolEntryCreator.call`:
 * `quietlySleep(30L)`, then the task ends).
 */
export const HIKARI_ADDED_SLEEP_MS = 30;
/** Delay (ms) from pool construction to the first housekeeper run (`scheduleWithFixedDelay(…, 100L, …)`). */
export const HIKARI_HOUSEKEEPER_INITIAL_DELAY_MS = 100;
/** Period (ms) of the housekeeper (`housekeepingPeriodMs`, default 30 s). */
export const HIKARI_HOUSEKEEPING_PERIOD_MS = 30_000;

// Tags of the two kinds of connect: the connection adder's, and the one checkFailFast makes.
const TAG_ADDER = 0;
const TAG_FAIL_FAST = 1;

const HIKARI_CAUSES: readonly DataFailureCause[] = ['pool-timeout'];

/** A connection of a {@link HikariPool}: a PoolEntry of the ConcurrentBag. */
class HikariConnection implements PoolConnection {
  constructor(
    readonly backend: BackendConnection,
    readonly pool: object,
  ) {}
}

/**
 * A HikariCP pool of one pod.
 *
 * **Acquire** (`HikariPool.getConnection` → `ConcurrentBag.borrow`): an idle connection is handed
 * over at once (`cont.resume` runs inside `acquire`). Otherwise the caller waits in a FIFO queue
 * (the bag's fair `SynchronousQueue` handoff) and asks for a connection to be added
 * (`addBagItem`); after `connectionTimeoutMs` without a connection it leaves the queue and fails
 * with `pool-timeout` (HikariCP's SQLTransientConnectionException "Connection is not available,
 * request timed out after …ms").
 *
 * **Release** (`ConcurrentBag.requite`): the connection goes straight to the first waiter, else it
 * becomes idle. A new connection is handed over the same way (`ConcurrentBag.add`).
 *
 * **Connection adder** (`PoolEntryCreator`, run by a single-thread executor whose queue holds at
 * most `maximumPoolSize` tasks, extra ones being discarded: `UtilityElf.createThreadPoolExecutor`,
 * `CustomDiscardPolicy`): connections are created one at a time. Each task loops while
 * `shouldContinueCreating` holds (total < maximumPoolSize and (idle < minimumIdle or
 * waiting > idle)): it connects; on success it adds the connection, sleeps
 * {@link HIKARI_ADDED_SLEEP_MS} and ends; on failure it sleeps its backoff (starting at
 * `createBackoffInitialMs`, doubling up to `createBackoffMaxMs`) and tries again. The backoff is
 * the task's own, so each task starts at the initial value. This is the code since commit
 * c2148006 "Simplify connection creation" (2022-05-21, HikariCP 5.1.0 and 6.0.0); older releases
 * kept one loop creating several connections and slept the backoff (reset to 10 ms after a
 * success) after every iteration. Tasks are submitted by a caller that starts waiting
 * (`addBagItem`: when the waiters outnumber the queued tasks) and by `fillPool`
 * (minimumIdle − idle tasks when total < maximumPoolSize and idle < minimumIdle).
 *
 * **Start** ({@link HikariPool.start}): `checkFailFast` opens one connection outside the adder
 * (kept when minimumIdle > 0, closed otherwise); the housekeeper runs `fillPool` 100 ms later and
 * every 30 s after that. A pool that is never started opens connections only for waiting callers.
 *
 * **Close** ({@link HikariPool.close}, `HikariDataSource.close` → `HikariPool.shutdown`): the pool
 * state becomes POOL_SHUTDOWN, so the adder stops (`shouldContinueCreating` requires POOL_NORMAL;
 * queued tasks end without connecting) and the housekeeper is cancelled; `softEvictConnections`
 * closes every idle connection at once. A connection being opened is closed as soon as it opens.
 * A lent connection is closed when it is released (soft eviction marks it, and `recycle` closes a
 * marked connection instead of returning it to the bag); it is never handed to a waiter. HikariCP
 * itself does not wait for the release: as soon as the adder executor has terminated (it waits at
 * most the login timeout, which PoolBase.setLoginTimeout derives from connectionTimeout)
 * `abortActiveConnections` aborts lent connections, failing their holders' statements. That is not modelled: the pool has no way to fail a holder mid-query, and
 * Spring Boot's graceful shutdown lets in-flight requests finish before it closes the DataSource.
 * Callers already waiting are not woken by shutdown (`ConcurrentBag.close` only sets a flag; they
 * keep polling the handoff queue, which nothing feeds any more): they fail with `pool-timeout` at
 * their usual deadline (never, with connectionTimeout 0). `acquire` after close fails at once with
 * `pool-timeout`: HikariDataSource.getConnection throws SQLException "… has been closed.", for
 * which `pool-timeout` (HikariCP's only acquisition failure) stands; it is counted in
 * `stats.failures`.
 *
 * **Refusals**: a refused connect (`too-many-connections`) is counted in
 * `stats.connectRefusals` and retried with backoff; waiting callers are not failed by it and time
 * out after `connectionTimeoutMs` (HikariPool.createTimeoutException copies the 1040 error onto
 * the timeout exception, but the caller still waited the whole timeout).
 *
 * Stats: `total` counts connections open or being opened; `waiting` the callers in the queue;
 * `waited`/`waitMs` the callers that were not served inside `acquire` and then got a connection,
 * and their time from `acquire` to the grant. Invariant: `stats.total.level ≤ maximumPoolSize`.
 *
 * Hot path: `acquire` and `release` with an idle connection or a waiter allocate nothing; one
 * object per open connection. Timeouts use one timer for the whole queue: every wait has the same
 * length, so deadlines follow the queue order.
 */
export class HikariPool<T extends DataToken> implements ClientPool<T> {
  readonly name: string;
  readonly stats: PoolStats;
  readonly #env: Environment;
  readonly #backend: Backend<T>;
  readonly #max: number;
  readonly #minIdle: number;
  /** Wait limit in ms, or Infinity for none (connectionTimeout 0). */
  readonly #timeoutMs: number;
  readonly #backoffInitialMs: number;
  readonly #backoffMaxMs: number;

  /** Idle connections; the last released is taken first (like the bag's thread-local list). */
  readonly #idle: HikariConnection[] = [];
  /** Connections open (in the bag): HikariPool.getTotalConnections, which excludes one being opened. */
  #open = 0;
  /** Waiting callers and their continuations, in arrival order (two deques moved in lockstep). */
  readonly #waiters: DequeType<T> = new Deque<T>();
  readonly #waiterConts: DequeType<Continuation<T>> = new Deque<Continuation<T>>();
  /** Whether the timeout sweep is scheduled (at or before the first waiter's deadline). */
  #sweepPending = false;

  /** Whether a PoolEntryCreator task is running (connecting or sleeping). */
  #adderBusy = false;
  /** PoolEntryCreator tasks queued behind the running one (≤ maximumPoolSize). */
  #tasksQueued = 0;
  /** Next sleep of the running task after a failed connect (ms). */
  #backoffMs: number;

  #started = false;
  /** Whether close() was called (poolState POOL_SHUTDOWN). */
  #closed = false;
  /** Time of the next housekeeper run (ms), or NaN before the housekeeper exists. */
  #housekeeperAtMs = NaN;
  #housekeeperPending = false;

  readonly #callbacks: ConnectCallbacks<number>;
  // Event callbacks made once per pool, so scheduling them allocates nothing.
  readonly #sweep = (): void => this.#expireWaiters();
  readonly #afterAddedSleep = (): void => this.#endTask();
  readonly #afterBackoff = (): void => this.#tryCreate();
  readonly #housekeep = (): void => this.#runHousekeeper();

  /**
   * @param env the simulation clock.
   * @param options the pool settings (all required; see {@link HikariPoolOptions}).
   * @param backend what the pool connects to (a database or a multiplexer).
   * @throws RangeError naming the field, if maximumPoolSize is not an integer ≥ 1, minimumIdle
   *   not an integer in [0, maximumPoolSize], connectionTimeoutMs negative, not finite, or in
   *   (0, 250) (HikariConfig.setConnectionTimeout throws there), createBackoffInitialMs not
   *   finite and > 0, or createBackoffMaxMs not finite and ≥ createBackoffInitialMs. (HikariConfig
   *   itself resets a bad maximumPoolSize to 10 and a bad minimumIdle to maximumPoolSize; here the
   *   caller is expected to have filled defaults, so nonsense is an error.)
   */
  constructor(env: Environment, options: HikariPoolOptions, backend: Backend<T>) {
    const { name, maximumPoolSize, minimumIdle, connectionTimeoutMs } = options;
    const { createBackoffInitialMs, createBackoffMaxMs } = options;
    requireIntegerIn(name, 'maximumPoolSize', maximumPoolSize, 1);
    requireIntegerIn(name, 'minimumIdle', minimumIdle, 0, maximumPoolSize);
    if (
      !Number.isFinite(connectionTimeoutMs) ||
      connectionTimeoutMs < 0 ||
      (connectionTimeoutMs > 0 && connectionTimeoutMs < HIKARI_CONNECTION_TIMEOUT_FLOOR_MS)
    ) {
      throw new RangeError(
        `pool '${name}': connectionTimeoutMs must be 0 (no timeout) or a finite number ≥ ` +
          `${HIKARI_CONNECTION_TIMEOUT_FLOOR_MS} (HikariConfig.setConnectionTimeout), got ${connectionTimeoutMs}`,
      );
    }
    if (!Number.isFinite(createBackoffInitialMs) || createBackoffInitialMs <= 0) {
      throw new RangeError(
        `pool '${name}': createBackoffInitialMs must be a finite number > 0, got ${createBackoffInitialMs}`,
      );
    }
    if (!Number.isFinite(createBackoffMaxMs) || createBackoffMaxMs < createBackoffInitialMs) {
      throw new RangeError(
        `pool '${name}': createBackoffMaxMs must be finite and ≥ createBackoffInitialMs ` +
          `(${createBackoffInitialMs}), got ${createBackoffMaxMs}`,
      );
    }
    this.name = name;
    this.#env = env;
    this.#backend = backend;
    this.#max = maximumPoolSize;
    this.#minIdle = minimumIdle;
    this.#timeoutMs = connectionTimeoutMs === 0 ? Infinity : connectionTimeoutMs;
    this.#backoffInitialMs = createBackoffInitialMs;
    this.#backoffMaxMs = createBackoffMaxMs;
    this.#backoffMs = createBackoffInitialMs;
    this.stats = createPoolStats(HIKARI_CAUSES);
    this.#callbacks = {
      opened: (tag, conn) => this.#opened(tag, conn),
      refused: (tag) => this.#refused(tag),
    };
  }

  /** Idle connections (open and not lent out). */
  get idle(): number {
    return this.#idle.length;
  }

  /**
   * Borrows a connection for `token`. After {@link close}, calls `cont.fail(token, 'pool-timeout')`
   * before returning. With an idle connection, sets `token.conn` and calls
   * `cont.resume(token)` before returning. Otherwise queues the caller (FIFO) and wakes the
   * connection adder; later exactly one of `cont.resume` (a released or new connection) or
   * `cont.fail(token, 'pool-timeout')` (after exactly `connectionTimeoutMs`) follows.
   * Uses `token.waitSinceMs` while the caller waits.
   * @throws Error if `token.conn` is already set.
   */
  acquire(token: T, cont: Continuation<T>): void {
    requireNoConnection(this, token);
    if (this.#closed) {
      // HikariDataSource.getConnection: "HikariDataSource … has been closed." (see the class doc).
      countFailure(this.stats, 'pool-timeout');
      cont.fail(token, 'pool-timeout');
      return;
    }
    const conn = this.#idle.pop();
    const now = this.#env.now;
    if (conn !== undefined) {
      this.stats.inUse.add(now, 1);
      this.stats.acquired++;
      // Taking an idle connection may leave fewer than minimumIdle: the housekeeper's next run
      // refills (HouseKeeper → fillPool); nothing else does until a caller has to wait.
      if (this.#idle.length < this.#minIdle) this.#armHousekeeper();
      token.conn = conn;
      cont.resume(token);
      return;
    }
    token.waitSinceMs = now;
    this.#waiters.push(token);
    this.#waiterConts.push(cont);
    this.stats.waiting.add(now, 1);
    if (!this.#sweepPending && this.#timeoutMs !== Infinity) {
      this.#sweepPending = true;
      this.#env.scheduleAt(now + this.#timeoutMs, this.#sweep);
    }
    // ConcurrentBag.borrow → HikariPool.addBagItem(waiting): a task only when the waiters
    // (this caller included) outnumber the tasks queued.
    if (this.#waiters.length > this.#tasksQueued) this.#submitTask();
  }

  /**
   * Gives `token.conn` back: to the first waiter if any (its `cont.resume` runs before this
   * returns), else to the idle connections; after {@link close}, disconnects it. Sets
   * `token.conn` to null.
   * @throws Error if `token.conn` is null or is not a connection of this pool.
   */
  release(token: T): void {
    const conn = token.conn;
    if (!(conn instanceof HikariConnection) || conn.pool !== this) {
      throw new Error(`pool '${this.name}': release() of a token that holds no connection of this pool`);
    }
    token.conn = null;
    if (this.#closed) {
      // HikariPool.recycle of a connection marked evicted by shutdown: closeConnection.
      this.stats.inUse.add(this.#env.now, -1);
      this.#closeOpen(conn);
      return;
    }
    this.#deliver(conn, false);
  }

  /**
   * Starts the pool as `new HikariPool(config)` does: `checkFailFast` opens one connection now
   * (kept if minimumIdle > 0, else closed at once), and once it is done the housekeeper runs
   * `fillPool` after 100 ms and then every 30 s while idle < minimumIdle. Filling n connections
   * with connect latency L therefore ends at n·L + 100 + 30·(n − 2) ms for n ≥ 2.
   * HikariCP throws PoolInitializationException when that first connect fails; here the refusal
   * is counted and the pool goes on as with `initializationFailTimeout < 0` (empty, filled in the
   * background). A second call, or a call after {@link close}, does nothing.
   */
  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    this.stats.total.add(this.#env.now, 1);
    this.stats.connectAttempts++;
    this.#backend.connect(TAG_FAIL_FAST, this.#callbacks);
  }

  /**
   * Shuts the pool down (`HikariPool.shutdown`; see the class doc): disconnects the idle
   * connections now, stops the adder and the housekeeper, and disconnects lent connections when
   * they are released and connections being opened when they open. Waiting callers still fail
   * with `pool-timeout` at their deadline. A second call does nothing.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    // softEvictConnections: every idle connection is reserved and closed at once.
    for (const conn of this.#idle) this.#closeOpen(conn);
    this.#idle.length = 0;
    // addConnectionExecutor.shutdown(): queued PoolEntryCreator tasks run but find
    // shouldContinueCreating false; a task that is connecting or sleeping ends when it wakes.
    this.#tasksQueued = 0;
  }

  /** Disconnects an open connection of the pool (HikariPool.closeConnection). */
  #closeOpen(conn: HikariConnection): void {
    this.#open--;
    this.stats.total.add(this.#env.now, -1);
    this.#backend.disconnect(conn.backend);
  }

  // --- handing connections over -----------------------------------------------------------

  /**
   * Gives `conn` to the first waiter, or makes it idle. `isNew` tells a new connection (not yet
   * counted in use) from a released one (still counted).
   */
  #deliver(conn: HikariConnection, isNew: boolean): void {
    const now = this.#env.now;
    const token = this.#waiters.shift();
    if (token === undefined) {
      this.#idle.push(conn);
      if (!isNew) this.stats.inUse.add(now, -1);
      return;
    }
    const cont = this.#waiterConts.shift()!;
    const stats = this.stats;
    if (isNew) stats.inUse.add(now, 1);
    stats.waiting.add(now, -1);
    stats.acquired++;
    stats.waited++;
    stats.waitMs += now - token.waitSinceMs;
    token.conn = conn;
    cont.resume(token);
  }

  /**
   * The timeout sweep: fails every waiter whose deadline has come (they are at the front, since
   * all waits are equally long), then schedules itself for the new first waiter's deadline.
   */
  #expireWaiters(): void {
    this.#sweepPending = false;
    const waiters = this.#waiters;
    const timeoutMs = this.#timeoutMs;
    const stats = this.stats;
    for (;;) {
      const token = waiters.peek();
      if (token === undefined) return;
      const deadline = token.waitSinceMs + timeoutMs;
      if (deadline > this.#env.now) {
        // A continuation called below may have queued a caller and scheduled the sweep already.
        if (!this.#sweepPending) {
          this.#sweepPending = true;
          this.#env.scheduleAt(deadline, this.#sweep);
        }
        return;
      }
      waiters.shift();
      const cont = this.#waiterConts.shift()!;
      stats.waiting.add(this.#env.now, -1);
      countFailure(stats, 'pool-timeout');
      cont.fail(token, 'pool-timeout');
    }
  }

  // --- the connection adder (PoolEntryCreator on a single-thread executor) ------------------

  /** Hands a PoolEntryCreator task to the adder executor. */
  #submitTask(): void {
    if (!this.#adderBusy) {
      this.#adderBusy = true;
      this.#backoffMs = this.#backoffInitialMs;
      this.#tryCreate();
    } else if (this.#tasksQueued < this.#max) {
      this.#tasksQueued++;
    }
    // else: the executor's queue (LinkedBlockingQueue(maximumPoolSize)) is full and
    // CustomDiscardPolicy drops the task.
  }

  /**
   * `PoolEntryCreator.shouldContinueCreating`. `total` here includes a connection being opened,
   * which HikariCP's getTotalConnections does not; they agree because HikariCP never evaluates
   * this while a connect is under way (one adder thread; checkFailFast ends before the adder
   * exists), and counting it keeps total ≤ maximumPoolSize when a caller waits during start().
   */
  #shouldContinueCreating(): boolean {
    if (this.#closed) return false; // poolState != POOL_NORMAL
    const idle = this.#idle.length;
    return this.stats.total.level < this.#max && (idle < this.#minIdle || this.#waiters.length > idle);
  }

  /** One iteration of the running task: connect if still needed, else end the task. */
  #tryCreate(): void {
    if (!this.#shouldContinueCreating()) {
      this.#endTask();
      return;
    }
    this.stats.total.add(this.#env.now, 1);
    this.stats.connectAttempts++;
    this.#backend.connect(TAG_ADDER, this.#callbacks);
  }

  /** The running task ended: start the next queued one, or let the adder idle. */
  #endTask(): void {
    while (this.#tasksQueued > 0) {
      this.#tasksQueued--;
      // A task that finds nothing to do ends at once without sleeping, so the queued tasks are
      // drained here until one has work.
      if (this.#shouldContinueCreating()) {
        this.#backoffMs = this.#backoffInitialMs;
        this.#tryCreate();
        return;
      }
    }
    this.#adderBusy = false;
  }

  #opened(tag: number, backendConn: BackendConnection): void {
    const now = this.#env.now;
    if (this.#closed) {
      // Opened after shutdown began: closed at once, never handed to a waiter.
      this.stats.total.add(now, -1);
      this.#backend.disconnect(backendConn);
      if (tag === TAG_ADDER) this.#endTask();
      return;
    }
    if (tag === TAG_FAIL_FAST) {
      this.#startHousekeeper(now);
      if (this.#minIdle === 0) {
        // checkFailFast: "initialization check complete and minimumIdle is zero".
        this.stats.total.add(now, -1);
        this.#backend.disconnect(backendConn);
        return;
      }
      this.#open++;
      this.#deliver(new HikariConnection(backendConn, this), true);
      return;
    }
    this.#open++;
    this.#deliver(new HikariConnection(backendConn, this), true);
    // PoolEntryCreator: after adding a connection the task sleeps 30 ms and ends.
    this.#env.schedule(HIKARI_ADDED_SLEEP_MS, this.#afterAddedSleep);
  }

  #refused(tag: number): void {
    const now = this.#env.now;
    this.stats.total.add(now, -1);
    this.stats.connectRefusals++;
    if (this.#closed) {
      // The task would sleep its backoff and then find shouldContinueCreating false.
      if (tag === TAG_ADDER) this.#endTask();
      return;
    }
    if (tag === TAG_FAIL_FAST) {
      this.#startHousekeeper(now);
      return;
    }
    // PoolEntryCreator: sleep the backoff, double it (capped), and loop.
    const sleepMs = this.#backoffMs;
    this.#backoffMs = Math.min(this.#backoffMaxMs, sleepMs * 2);
    this.#env.schedule(sleepMs, this.#afterBackoff);
  }

  // --- the housekeeper (only its fillPool part) ---------------------------------------------

  #startHousekeeper(now: number): void {
    this.#housekeeperAtMs = now + HIKARI_HOUSEKEEPER_INITIAL_DELAY_MS;
    this.#housekeeperPending = true;
    this.#env.scheduleAt(this.#housekeeperAtMs, this.#housekeep);
  }

  /**
   * Schedules the housekeeper's next run if it could add connections then. HikariCP runs it every
   * 30 s for ever; here it is only scheduled while fillPool has work, so an idle simulation ends.
   */
  #armHousekeeper(): void {
    if (this.#housekeeperPending || this.#closed || Number.isNaN(this.#housekeeperAtMs)) return;
    if (!(this.#open < this.#max && this.#idle.length < this.#minIdle)) return;
    const now = this.#env.now;
    let at = this.#housekeeperAtMs;
    if (at < now) at += Math.ceil((now - at) / HIKARI_HOUSEKEEPING_PERIOD_MS) * HIKARI_HOUSEKEEPING_PERIOD_MS;
    this.#housekeeperAtMs = at;
    this.#housekeeperPending = true;
    this.#env.scheduleAt(at, this.#housekeep);
  }

  #runHousekeeper(): void {
    this.#housekeeperPending = false;
    if (this.#closed) return; // shutdown cancels houseKeeperTask
    this.#housekeeperAtMs += HIKARI_HOUSEKEEPING_PERIOD_MS;
    // HikariPool.fillPool: getTotalConnections (open only) < max and idle < minimumIdle.
    const idle = this.#idle.length;
    if (this.#open < this.#max && idle < this.#minIdle) {
      for (let i = idle; i < this.#minIdle; i++) this.#submitTask();
    }
    this.#armHousekeeper();
  }
}
