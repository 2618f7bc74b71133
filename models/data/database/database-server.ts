import { Deque } from '../../../engine/index.js';
import type { Environment, Sampler } from '../../../engine/index.js';
import { ProcessorSharingCpu } from '../../pod/cpu/index.js';
import { LevelIntegral } from '../../report/level-integral.js';
import type {
  Backend,
  BackendConnection,
  ConnectCallbacks,
  Continuation,
  DataFailureCause,
  DataToken,
} from '../contracts.js';

/** Options of {@link DatabaseServer}; all required. */
export interface DatabaseServerOptions {
  /** Name for results and errors; non-empty. */
  name: string;
  /**
   * Connections ordinary (application) accounts may hold at once: MySQL `max_connections`
   * (default 151, range 1–100000). An integer ≥ 1. MySQL really accepts `max_connections + 1`, but
   * the extra slot is kept for accounts with `CONNECTION_ADMIN`/`SUPER` (MySQL manual B.3.2.5 "Too
   * many connections"), which applications never use, so it is not modelled. For PostgreSQL pass
   * `max_connections` minus the reserved superuser slots.
   */
  maxConnections: number;
  /** Cores (vCPUs) running queries; finite and > 0. One query uses at most one core. */
  cores: number;
  /** Connection set-up time (ms): TCP, handshake and authentication, also for a refused attempt. */
  connectMs: Sampler;
  /** Number of hot locks (rows); queries name one by index in [0, lockCount). An integer ≥ 0. */
  lockCount: number;
  /**
   * How long (ms) a query waits for its lock before failing with `lock-wait-timeout`: InnoDB's
   * `innodb_lock_wait_timeout` (default 50 s, then error 1205). > 0; `Infinity` waits forever.
   */
  lockWaitTimeoutMs: number;
}

/** What a {@link DatabaseServer} measures. Levels carry their exact time integrals. */
export interface DatabaseStats {
  /** Open connections (counted once accepted, until `disconnect`). */
  readonly connections: LevelIntegral;
  /** Connection attempts refused with `too-many-connections` (MySQL error 1040). */
  refusals: number;
  /** Queries completed (resumed), not counting lock-wait timeouts. */
  queries: number;
  /** Queries executing: holding their lock (if any) and running CPU or I/O; lock waiters excluded. */
  readonly active: LevelIntegral;
  /** Queries waiting for a lock. */
  readonly lockWaiting: LevelIntegral;
  /** Queries that had to wait for their lock (granted or timed out). */
  lockWaits: number;
  /** Total time (ms) spent waiting for locks, by granted and timed-out queries alike. */
  lockWaitMs: number;
  /** Queries failed with `lock-wait-timeout` (MySQL error 1205). */
  lockTimeouts: number;
  /**
   * Total time (ms) queries ran slower than their CPU work because the cores were shared (more
   * queries than cores): the wait for the database's CPU.
   */
  cpuWaitMs: number;
  /** The server's cores. */
  readonly cores: number;
  /** The server's `maxConnections`. */
  readonly maxConnections: number;
  /** ∫ busy cores dt up to now (core·ms); CPU utilization = this / (cores · elapsed ms). */
  busyCoreMs(): number;
}

// A connection as the server sees it: one MySQL connection is one server thread running at most one
// statement at a time, so the running query's state lives here and a query allocates nothing.
class DatabaseConnection<T extends DataToken> implements BackendConnection {
  readonly backend: Backend<DataToken>;
  readonly server: DatabaseServer<T>;
  /** Accepted and not yet disconnected. */
  open = false;
  /** The query running or waiting for its lock on this connection, and whom to hand it back to. */
  token: T | null = null;
  cont: Continuation<T> | null = null;
  /** Lock index the current query holds or waits for, or -1 (copied so a caller's edit cannot unbalance locks). */
  lock = -1;
  /** When the current query's CPU work started (ms). */
  cpuStartMs = 0;
  // The pending connect's caller, until the connect event.
  tag: unknown = undefined;
  callbacks: ConnectCallbacks<unknown> | null = null;

  constructor(server: DatabaseServer<T>) {
    this.server = server;
    this.backend = server as unknown as Backend<DataToken>;
  }
}

// One hot lock: a FIFO mutex with one pending timeout event at a time (see #onLockTimer).
class LockState<T extends DataToken> {
  readonly server: DatabaseServer<T>;
  readonly waiters = new Deque<DatabaseConnection<T>>();
  held = false;
  timerArmed = false;

  constructor(server: DatabaseServer<T>) {
    this.server = server;
  }
}

const REFUSED: DataFailureCause = 'too-many-connections';
const LOCK_TIMEOUT: DataFailureCause = 'lock-wait-timeout';

/**
 * A database server (MySQL/MariaDB on RDS, or any engine with the same shape): a connection limit,
 * CPU cores shared by the running queries, and hot row locks.
 *
 * - **Connections.** `connect` takes a sampled `connectMs`; then the connection is accepted while
 *   fewer than `maxConnections` are open, else refused with `too-many-connections`. MySQL does not
 *   queue over the limit: it answers the handshake with error 1040 (SQLSTATE 08004, "Too many
 *   connections"), and the client pool decides what to do (semantics.md §5).
 * - **Queries.** `execute` runs the query the token describes: first it takes lock `queryLock` (if
 *   ≥ 0), a FIFO mutex; a query that waits longer than `lockWaitTimeoutMs` fails with
 *   `lock-wait-timeout` (InnoDB `innodb_lock_wait_timeout`, error 1205; InnoDB grants a contended
 *   row lock roughly in arrival order). Then `queryCpuMs` of CPU runs on the cores as processor
 *   sharing where each query uses at most one core (one server thread per connection), then
 *   `queryIoMs` elapses as a pure delay (I/O waits overlap without contention), then the lock passes
 *   to the next waiter and `cont.resume(token)` is called. The lock is held for the query only, as
 *   if each query were its own autocommit transaction.
 * - With Poisson arrivals and exponential CPU times the CPU phase is exactly M/M/c in the mean: with
 *   n queries in service they progress at min(n, c) cores in total, the same birth–death chain as
 *   FCFS on c servers.
 *
 * Allocation: a query allocates nothing of its own. Its state lives on its connection (a connection
 * runs one statement at a time), the CPU reuses slots, and the lock queues hold connections. Each
 * lock has at most one pending timeout event, due at its first waiter's deadline; it is not
 * cancelled when that waiter gets the lock but fires to no effect (and re-arms for the next one),
 * so `env.run()` without `until` may end up to `lockWaitTimeoutMs` after the last lock wait.
 *
 * Errors: `execute` and `disconnect` throw `Error` for a connection this server did not open or that
 * is closed, `execute` for a connection already running a query, `disconnect` for one running a
 * query; `execute` throws `RangeError` for bad query fields.
 */
export class DatabaseServer<T extends DataToken> implements Backend<T> {
  readonly name: string;
  /** Counters and levels, for results and time series. */
  readonly stats: DatabaseStats;
  readonly #env: Environment;
  readonly #maxConnections: number;
  readonly #connectMs: Sampler;
  readonly #lockCount: number;
  readonly #lockWaitTimeoutMs: number;
  readonly #cpu: ProcessorSharingCpu<DatabaseConnection<T>>;
  // Created on first use: a scenario may declare many locks and touch few.
  readonly #locks: (LockState<T> | undefined)[] = [];

  /**
   * @throws RangeError naming the field if an option is out of range; TypeError if `connectMs` is
   *   not a function.
   */
  constructor(env: Environment, options: DatabaseServerOptions) {
    const { name, maxConnections, cores, connectMs, lockCount, lockWaitTimeoutMs } = options;
    if (typeof name !== 'string' || name === '')
      throw new RangeError(`DatabaseServer: name must be a non-empty string, got ${String(name)}`);
    const where = `DatabaseServer ${name}`;
    if (!Number.isInteger(maxConnections) || maxConnections < 1)
      throw new RangeError(`${where}: maxConnections must be an integer ≥ 1, got ${maxConnections}`);
    if (!(cores > 0) || cores === Infinity)
      throw new RangeError(`${where}: cores must be a finite number > 0, got ${cores}`);
    if (typeof connectMs !== 'function')
      throw new TypeError(`${where}: connectMs must be a sampler function`);
    if (!Number.isInteger(lockCount) || lockCount < 0)
      throw new RangeError(`${where}: lockCount must be an integer ≥ 0, got ${lockCount}`);
    if (!(lockWaitTimeoutMs > 0))
      throw new RangeError(
        `${where}: lockWaitTimeoutMs must be > 0 (Infinity to wait forever), got ${lockWaitTimeoutMs}`,
      );
    this.name = name;
    this.#env = env;
    this.#maxConnections = maxConnections;
    this.#connectMs = connectMs;
    this.#lockCount = lockCount;
    this.#lockWaitTimeoutMs = lockWaitTimeoutMs;
    this.#cpu = new ProcessorSharingCpu<DatabaseConnection<T>>(env, {
      cores,
      perJobMaxCores: 1,
      onDone: (conn) => this.#cpuDone(conn),
    });
    const cpu = this.#cpu;
    this.stats = {
      connections: new LevelIntegral(),
      refusals: 0,
      queries: 0,
      active: new LevelIntegral(),
      lockWaiting: new LevelIntegral(),
      lockWaits: 0,
      lockWaitMs: 0,
      lockTimeouts: 0,
      cpuWaitMs: 0,
      cores,
      maxConnections,
      busyCoreMs: () => cpu.busyCoreMs(),
    };
  }

  /**
   * Opens a connection: after a sampled `connectMs`, `cb.opened(tag, conn)` if fewer than
   * `maxConnections` are open (the connection then counts until `disconnect`), else
   * `cb.refused(tag, 'too-many-connections')`. Never synchronous.
   */
  connect<U>(tag: U, cb: ConnectCallbacks<U>): void {
    const conn = new DatabaseConnection<T>(this);
    conn.tag = tag;
    conn.callbacks = cb as ConnectCallbacks<unknown>;
    this.#env.schedule(this.#connectMs(), DatabaseServer.#onConnect, conn);
  }

  /**
   * Runs the token's query on `conn` (lock, CPU, I/O as described on the class), then calls
   * `cont.resume(token)`, or `cont.fail(token, 'lock-wait-timeout')` if the lock wait timed out.
   * Never calls back synchronously. Sets `token.waitSinceMs` when the query waits for its lock.
   * @throws Error if `conn` is not an open connection of this server or already runs a query.
   * @throws RangeError if `queryCpuMs` or `queryIoMs` is not a finite number ≥ 0, or `queryLock` is
   *   not −1 or an integer in [0, lockCount).
   */
  execute(token: T, conn: BackendConnection, cont: Continuation<T>): void {
    const c = this.#own(conn, 'execute');
    if (c.token !== null)
      throw new Error(`DatabaseServer ${this.name}: execute on a connection already running a query`);
    const { queryCpuMs, queryIoMs, queryLock } = token;
    if (!(queryCpuMs >= 0) || queryCpuMs === Infinity)
      throw new RangeError(
        `DatabaseServer ${this.name}: queryCpuMs must be a finite number ≥ 0, got ${queryCpuMs}`,
      );
    if (!(queryIoMs >= 0) || queryIoMs === Infinity)
      throw new RangeError(
        `DatabaseServer ${this.name}: queryIoMs must be a finite number ≥ 0, got ${queryIoMs}`,
      );
    if (queryLock !== -1 && !(Number.isInteger(queryLock) && queryLock >= 0 && queryLock < this.#lockCount))
      throw new RangeError(
        `DatabaseServer ${this.name}: queryLock must be -1 or an integer in [0, ${this.#lockCount}), got ${queryLock}`,
      );
    c.token = token;
    c.cont = cont;
    c.lock = queryLock;
    if (queryLock >= 0) {
      const lock = this.#lockState(queryLock);
      if (lock.held) {
        this.#waitForLock(lock, c, token);
        return;
      }
      lock.held = true;
    }
    this.#start(c, token);
  }

  /**
   * Closes `conn`: it no longer counts against `maxConnections`.
   * @throws Error if `conn` is not an open connection of this server or still runs a query.
   */
  disconnect(conn: BackendConnection): void {
    const c = this.#own(conn, 'disconnect');
    if (c.token !== null)
      throw new Error(`DatabaseServer ${this.name}: disconnect of a connection running a query`);
    c.open = false;
    this.stats.connections.add(this.#env.now, -1);
  }

  static #onConnect<U extends DataToken>(conn: DatabaseConnection<U>): void {
    const server = conn.server;
    const tag = conn.tag;
    const cb = conn.callbacks!;
    conn.tag = undefined;
    conn.callbacks = null;
    const connections = server.stats.connections;
    if (connections.level < server.#maxConnections) {
      conn.open = true;
      connections.add(server.#env.now, 1);
      cb.opened(tag, conn);
    } else {
      server.stats.refusals++;
      cb.refused(tag, REFUSED);
    }
  }

  #own(conn: BackendConnection, what: string): DatabaseConnection<T> {
    if (!(conn instanceof DatabaseConnection) || conn.server !== this || !conn.open)
      throw new Error(`DatabaseServer ${this.name}: ${what} on a connection that is not open on this server`);
    return conn as DatabaseConnection<T>;
  }

  #lockState(index: number): LockState<T> {
    let lock = this.#locks[index];
    if (lock === undefined) {
      lock = new LockState<T>(this);
      this.#locks[index] = lock;
    }
    return lock;
  }

  #waitForLock(lock: LockState<T>, c: DatabaseConnection<T>, token: T): void {
    const now = this.#env.now;
    token.waitSinceMs = now;
    this.stats.lockWaiting.add(now, 1);
    this.stats.lockWaits++;
    lock.waiters.push(c);
    if (!lock.timerArmed && this.#lockWaitTimeoutMs !== Infinity) {
      lock.timerArmed = true;
      this.#env.scheduleAt(now + this.#lockWaitTimeoutMs, DatabaseServer.#onLockTimer, lock);
    }
  }

  // Every waiter of a lock has the same timeout and they queue in arrival order, so they time out in
  // queue order: one pending event per lock, due when the head's wait ends, replaces a cancellable
  // timer per waiter. A head granted the lock before then leaves the event to re-arm for the next one.
  static #onLockTimer<U extends DataToken>(lock: LockState<U>): void {
    const server = lock.server;
    const now = server.#env.now;
    const timeout = server.#lockWaitTimeoutMs;
    const stats = server.stats;
    // timerArmed stays true through the loop: a waiter queued by a continuation below must not arm
    // a second event ahead of the waiters still to be examined here.
    for (;;) {
      const head = lock.waiters.peek();
      if (head === undefined) break;
      const token = head.token!;
      if (token.waitSinceMs + timeout > now) break;
      lock.waiters.shift();
      stats.lockWaiting.add(now, -1);
      stats.lockWaitMs += now - token.waitSinceMs;
      stats.lockTimeouts++;
      const cont = head.cont!;
      head.token = null;
      head.cont = null;
      head.lock = -1;
      cont.fail(token, LOCK_TIMEOUT);
    }
    const head = lock.waiters.peek();
    if (head === undefined) lock.timerArmed = false;
    else server.#env.scheduleAt(head.token!.waitSinceMs + timeout, DatabaseServer.#onLockTimer, lock);
  }

  #start(c: DatabaseConnection<T>, token: T): void {
    this.stats.active.add(this.#env.now, 1);
    c.cpuStartMs = this.#env.now;
    this.#cpu.submit(c, token.queryCpuMs);
  }

  #cpuDone(c: DatabaseConnection<T>): void {
    const token = c.token!;
    this.stats.cpuWaitMs += Math.max(0, this.#env.now - c.cpuStartMs - token.queryCpuMs);
    const ioMs = token.queryIoMs;
    if (ioMs > 0) this.#env.schedule(ioMs, DatabaseServer.#onIoDone, c);
    else this.#finish(c);
  }

  static #onIoDone<U extends DataToken>(c: DatabaseConnection<U>): void {
    c.server.#finish(c);
  }

  #finish(c: DatabaseConnection<T>): void {
    const token = c.token!;
    const cont = c.cont!;
    const lock = c.lock;
    c.token = null;
    c.cont = null;
    c.lock = -1;
    const now = this.#env.now;
    this.stats.active.add(now, -1);
    this.stats.queries++;
    if (lock >= 0) this.#unlock(this.#locks[lock]!, now);
    cont.resume(token);
  }

  // Hands the lock to the first waiter, which starts at once, or frees it.
  #unlock(lock: LockState<T>, now: number): void {
    const next = lock.waiters.shift();
    if (next === undefined) {
      lock.held = false;
      return;
    }
    const token = next.token!;
    this.stats.lockWaiting.add(now, -1);
    this.stats.lockWaitMs += now - token.waitSinceMs;
    this.#start(next, token);
  }
}
