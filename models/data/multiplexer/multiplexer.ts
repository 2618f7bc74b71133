import { Deque } from '../../../engine/index.js';
import type { Environment, Sampler } from '../../../engine/index.js';
import { LevelIntegral } from '../../report/level-integral.js';
import type {
  Backend,
  BackendConnection,
  ConnectCallbacks,
  Continuation,
  DataFailureCause,
  DataToken,
} from '../contracts.js';
import { DEFAULTS } from '../../scenario/defaults.js';

/**
 * PgBouncer `server_login_retry` (ms): after a failed server login the pool opens no new server
 * connection for this long (pgbouncer/pgbouncer @13a344f2 src/main.c CF_ABS default "15",
 * doc/config.md "Default: 15.0").
 */
export const PGBOUNCER_SERVER_LOGIN_RETRY_MS = DEFAULTS.pgbouncer.serverLoginRetryMs;
/** ProxySQL `mysql-connect_retries_on_failure`: 10 (sysown/proxysql lib/MySQL_Thread.cpp constructor). */
export const PROXYSQL_CONNECT_RETRIES_ON_FAILURE = DEFAULTS.proxysql.connectRetriesOnFailure;
/** ProxySQL `mysql-connect_retries_delay` (ms): 1 (sysown/proxysql lib/MySQL_Thread.cpp constructor). */
export const PROXYSQL_CONNECT_RETRIES_DELAY_MS = DEFAULTS.proxysql.connectRetriesDelayMs;

/** Options of {@link Multiplexer}. */
export interface MultiplexerOptions {
  /** Name for results and errors; non-empty. */
  name: string;
  /** Which software's behaviour on backend refusals to follow (see {@link Multiplexer}). */
  kind: 'pgbouncer' | 'proxysql';
  /**
   * When a server connection goes back to the pool: `session` at client disconnect (PgBouncer's
   * default; ProxySQL with multiplexing off or pinned by the session's statements); `transaction`
   * and `statement` after each `execute` (one `execute` is one transaction here, so the two are the
   * same; ProxySQL multiplexes per query outside transactions).
   */
  mode: 'session' | 'transaction' | 'statement';
  /**
   * Client connections accepted at once: PgBouncer `max_client_conn` (default 100), ProxySQL
   * `mysql-max_connections` (10000 in code). An integer ≥ 1.
   */
  maxClientConnections: number;
  /**
   * Server connections to the backend: PgBouncer `default_pool_size` (20), ProxySQL
   * `mysql_servers.max_connections` (1000). An integer ≥ 1.
   */
  poolSize: number;
  /** PgBouncer `reserve_pool_size` (default 0): extra server connections for long waiters. Integer ≥ 0; 0 for ProxySQL. */
  reservePoolSize: number;
  /** PgBouncer `reserve_pool_timeout` (default 5 s): how long the first waiter waits before the reserve opens; 0 disables the reserve. */
  reservePoolTimeoutMs: number;
  /**
   * Longest wait (ms) for a server connection, then `multiplexer-timeout`: PgBouncer
   * `query_wait_timeout` (120 s), ProxySQL `mysql-connect_timeout_server_max` (10 s). 0 waits forever.
   */
  waitTimeoutMs: number;
  /** Client connection set-up time (ms) to the multiplexer, also for a refused attempt. */
  connectMs: Sampler;
  /** PgBouncer only: `server_login_retry` (ms) after a refused server connect. Default {@link PGBOUNCER_SERVER_LOGIN_RETRY_MS}. */
  serverLoginRetryMs?: number;
  /** ProxySQL only: refused server connects a waiting client absorbs before it gets the backend's error. Default {@link PROXYSQL_CONNECT_RETRIES_ON_FAILURE}. */
  connectRetriesOnFailure?: number;
  /** ProxySQL only: pause (ms) before a refused connect is retried. Default {@link PROXYSQL_CONNECT_RETRIES_DELAY_MS}. */
  connectRetriesDelayMs?: number;
}

/** What a {@link Multiplexer} measures. Levels carry their exact time integrals. */
export interface MultiplexerStats {
  /** Client connections open. */
  readonly clients: LevelIntegral;
  /** Server connections open on the backend (attempts in progress excluded). */
  readonly serverConnections: LevelIntegral;
  /** Client queries waiting for a server connection. */
  readonly waiting: LevelIntegral;
  /** Queries that had to wait, and their total wait (ms), timed-out ones included. */
  waits: number;
  waitMs: number;
  /** Queries failed with `multiplexer-timeout`. */
  timeouts: number;
  /** Client connections refused (`max_client_conn` / `mysql-max_connections`). */
  clientRefusals: number;
  /** Server connection attempts the backend refused. */
  serverRefusals: number;
  /**
   * Queries failed with the backend's refusal (`too-many-connections`): PgBouncer's fast failure while
   * server logins fail and no server connection is open, ProxySQL's after its connect retries.
   */
  backendErrors: number;
}

const IDLE = 0;
const WAITING = 1;
const RUNNING = 2;

// A client connection: one client session runs one query at a time, so the query's state (token,
// caller's continuation, wait state) lives here and neither waiting nor running allocates.
class ClientConnection<T extends DataToken> implements BackendConnection {
  readonly backend: Backend<DataToken>;
  readonly mux: Multiplexer<T>;
  open = false;
  state = IDLE;
  token: T | null = null;
  cont: Continuation<T> | null = null;
  /** Session mode: the server connection pinned to this client, or null. */
  pinned: ServerConnection | null = null;
  /** ProxySQL: refused server connects charged to this client's current wait. */
  connectFailures = 0;
  // The pending connect's caller, until the connect event.
  tag: unknown = undefined;
  callbacks: ConnectCallbacks<unknown> | null = null;

  constructor(mux: Multiplexer<T>) {
    this.mux = mux;
    this.backend = mux as unknown as Backend<DataToken>;
  }
}

// A server connection of the pool and the client using it (running a query, or pinned), if any.
class ServerConnection {
  readonly conn: BackendConnection;
  client: ClientConnection<DataToken> | null = null;

  constructor(conn: BackendConnection) {
    this.conn = conn;
  }
}

const REFUSED: DataFailureCause = 'too-many-connections';
const TIMEOUT: DataFailureCause = 'multiplexer-timeout';

/**
 * A connection multiplexer (PgBouncer or ProxySQL) in front of a backend: many client connections
 * share a small pool of server connections.
 *
 * **Client side.** `connect` takes a sampled `connectMs`, then accepts while fewer than
 * `maxClientConnections` clients are connected, else refuses with `too-many-connections`
 * (PgBouncer: "no more connections allowed (max_client_conn)", src/client.c; ProxySQL: 1040
 * "Too many connections" when `mysql-max_connections` is reached, lib/MySQL_Session.cpp).
 *
 * **Server side.** At most `poolSize` server connections, opened lazily through `backend.connect`
 * when a query finds none idle; more only for the reserve pool. A query takes an idle server
 * connection (the most recently used: PgBouncer's default LIFO reuse, doc/config.md
 * server_round_robin) or waits in FIFO order. In `transaction`/`statement` mode it holds it for the
 * one `execute`; in `session` mode the client's first query pins it until the client disconnects,
 * so server connections = min(clients, poolSize) and further clients' queries wait. A query waiting
 * longer than `waitTimeoutMs` fails with `multiplexer-timeout` (PgBouncer disconnects the client
 * with `query_wait_timeout`, src/janitor.c; ProxySQL answers error 9001 "Max connect timeout reached
 * while reaching hostgroup", lib/MySQL_Session.cpp). Timeouts fire at the exact deadline; PgBouncer
 * checks every 1/3 s and ProxySQL polls waiting sessions every `connect_retries_delay`.
 *
 * **Reserve pool** (PgBouncer src/objects.c launch_new_connection): when the pool is full and the
 * first waiting client has waited at least `reservePoolTimeoutMs`, up to `reservePoolSize` more
 * server connections may be opened. Once open they stay in the pool like the others.
 *
 * **Opening server connections and refusals**, by `kind`:
 * - `pgbouncer` opens one server connection at a time per pool (launch_new_connection: "Allow only
 *   a single connection attempt at a time"). When the backend refuses, the pool marks logins as
 *   failing and opens nothing for `serverLoginRetryMs` (15 s) after that attempt started; waiting
 *   clients stay queued (until `query_wait_timeout`) and server connections already open keep
 *   serving them. A query that arrives while logins fail and no server connection is open fails at
 *   once with the cached backend error (check_fast_fail: "server login has been failing, cached
 *   error: ... (server_login_retry)"); here its cause is the backend's, `too-many-connections`.
 * - `proxysql` opens a server connection for each waiting query, in parallel, while the pool has
 *   room. A refused connect is retried after `connectRetriesDelayMs` (1 ms); after
 *   `connectRetriesOnFailure` (10) retries the client gets the backend's own error, e.g. 1040
 *   (lib/MySQL_Session.cpp handler_again___status_CONNECTING_SERVER), here `too-many-connections`.
 *   Refusals are charged to the first waiting query: ProxySQL charges each session its own
 *   attempts, which this approximates in aggregate while keeping failures in queue order.
 *   ProxySQL's shunning of a backend after `mysql-shun_on_failures` (5) errors in a second is not
 *   modelled.
 *
 * Server connections are never closed (PgBouncer's `server_idle_timeout` 600 s and ProxySQL's
 * `free_connections_pct` are not modelled) and server connects are never cancelled.
 *
 * Allocation: a query allocates nothing. Its token, the caller's continuation and its wait state
 * live on its client connection (a client runs one query at a time); the wait queue holds client
 * connections; the continuation passed to the backend is one object per multiplexer; all timeouts,
 * reserve checks and login retries share one pending maintenance event (PgBouncer's janitor).
 * That event is not cancelled when the queue empties: it fires later to no effect, so `env.run()`
 * without `until` may end up to `waitTimeoutMs` after the last wait ended.
 * `token.waitSinceMs` is set when a query starts waiting; `token.serverConn` holds the backend's
 * connection while the query runs on it.
 *
 * Errors: `execute` and `disconnect` throw `Error` for a connection this multiplexer did not open or
 * that is closed, `execute` for a client already running a query, `disconnect` for one with a query
 * in progress.
 */
export class Multiplexer<T extends DataToken> implements Backend<T> {
  readonly name: string;
  /** Counters and levels, for results and time series. */
  readonly stats: MultiplexerStats;
  readonly #env: Environment;
  readonly #backend: Backend<T>;
  readonly #pgbouncer: boolean;
  readonly #session: boolean;
  readonly #maxClients: number;
  readonly #poolSize: number;
  readonly #reserveSize: number;
  readonly #reserveTimeoutMs: number;
  readonly #waitTimeoutMs: number;
  readonly #connectMs: Sampler;
  readonly #loginRetryMs: number;
  readonly #retries: number;
  readonly #retryDelayMs: number;
  // Idle server connections, used as a stack (LIFO reuse). Empty whenever a query waits.
  readonly #idle: ServerConnection[] = [];
  readonly #queue = new Deque<ClientConnection<T>>();
  readonly #servers = new Map<BackendConnection, ServerConnection>();
  #connecting = 0;
  // PgBouncer: a server login failed and none has succeeded since; when the last attempt started.
  #loginFailed = false;
  #lastConnectMs = -Infinity;
  // Time of the earliest pending maintenance event (Infinity: none known); see #armMaintenance.
  #maintAtMs = Infinity;
  #inMaintenance = false;
  #retryPending = false;
  readonly #inner: Continuation<T>;
  readonly #serverCallbacks: ConnectCallbacks<null>;

  /**
   * @param backend - the database (or reader endpoint) the server connections go to.
   * @throws RangeError naming the field if an option is out of range; TypeError if `connectMs` is
   *   not a function.
   */
  constructor(env: Environment, options: MultiplexerOptions, backend: Backend<T>) {
    const o = options;
    if (typeof o.name !== 'string' || o.name === '')
      throw new RangeError(`Multiplexer: name must be a non-empty string, got ${String(o.name)}`);
    const where = `Multiplexer ${o.name}`;
    if (o.kind !== 'pgbouncer' && o.kind !== 'proxysql')
      throw new RangeError(`${where}: kind must be 'pgbouncer' or 'proxysql', got ${String(o.kind)}`);
    if (o.mode !== 'session' && o.mode !== 'transaction' && o.mode !== 'statement')
      throw new RangeError(
        `${where}: mode must be 'session', 'transaction' or 'statement', got ${String(o.mode)}`,
      );
    checkInteger(where, 'maxClientConnections', o.maxClientConnections, 1);
    checkInteger(where, 'poolSize', o.poolSize, 1);
    checkInteger(where, 'reservePoolSize', o.reservePoolSize, 0);
    checkMs(where, 'reservePoolTimeoutMs', o.reservePoolTimeoutMs);
    checkMs(where, 'waitTimeoutMs', o.waitTimeoutMs);
    if (typeof o.connectMs !== 'function')
      throw new TypeError(`${where}: connectMs must be a sampler function`);
    const loginRetryMs = o.serverLoginRetryMs ?? PGBOUNCER_SERVER_LOGIN_RETRY_MS;
    const retries = o.connectRetriesOnFailure ?? PROXYSQL_CONNECT_RETRIES_ON_FAILURE;
    const retryDelayMs = o.connectRetriesDelayMs ?? PROXYSQL_CONNECT_RETRIES_DELAY_MS;
    checkMs(where, 'serverLoginRetryMs', loginRetryMs);
    checkInteger(where, 'connectRetriesOnFailure', retries, 0);
    checkMs(where, 'connectRetriesDelayMs', retryDelayMs);
    this.name = o.name;
    this.#env = env;
    this.#backend = backend;
    this.#pgbouncer = o.kind === 'pgbouncer';
    this.#session = o.mode === 'session';
    this.#maxClients = o.maxClientConnections;
    this.#poolSize = o.poolSize;
    // PgBouncer uses the reserve only when both settings are non-zero.
    this.#reserveSize = o.reservePoolTimeoutMs > 0 ? o.reservePoolSize : 0;
    this.#reserveTimeoutMs = o.reservePoolTimeoutMs;
    this.#waitTimeoutMs = o.waitTimeoutMs;
    this.#connectMs = o.connectMs;
    this.#loginRetryMs = loginRetryMs;
    this.#retries = retries;
    this.#retryDelayMs = retryDelayMs;
    this.stats = {
      clients: new LevelIntegral(),
      serverConnections: new LevelIntegral(),
      waiting: new LevelIntegral(),
      waits: 0,
      waitMs: 0,
      timeouts: 0,
      clientRefusals: 0,
      serverRefusals: 0,
      backendErrors: 0,
    };
    this.#inner = {
      resume: (token) => this.#queryDone(token, null),
      fail: (token, cause) => this.#queryDone(token, cause),
    };
    this.#serverCallbacks = {
      opened: (_tag, conn) => this.#serverOpened(conn),
      refused: (_tag, cause) => this.#serverRefused(cause),
    };
  }

  /** Server connections being opened now. */
  get connecting(): number {
    return this.#connecting;
  }

  /**
   * Opens a client connection: after a sampled `connectMs`, `cb.opened(tag, conn)` if fewer than
   * `maxClientConnections` clients are connected, else `cb.refused(tag, 'too-many-connections')`.
   * Opens no server connection (that waits for the first query). Never synchronous.
   */
  connect<U>(tag: U, cb: ConnectCallbacks<U>): void {
    const conn = new ClientConnection<T>(this);
    conn.tag = tag;
    conn.callbacks = cb as ConnectCallbacks<unknown>;
    this.#env.schedule(this.#connectMs(), Multiplexer.#onClientConnect, conn);
  }

  /**
   * Runs the token's query on a server connection (see the class), then forwards the backend's
   * `resume`/`fail` to `cont`; or fails it with `multiplexer-timeout` or `too-many-connections`.
   * May call back synchronously only for a PgBouncer fast failure, or when the backend does.
   * @throws Error if `conn` is not an open client connection of this multiplexer or runs a query.
   */
  execute(token: T, conn: BackendConnection, cont: Continuation<T>): void {
    const c = this.#own(conn, 'execute');
    if (c.state !== IDLE)
      throw new Error(`Multiplexer ${this.name}: execute on a client already running a query`);
    c.token = token;
    c.cont = cont;
    if (c.pinned !== null) return this.#run(c, c.pinned);
    if (this.#idle.length > 0) return this.#assign(c, this.#idle.pop()!);
    if (this.#pgbouncer && this.#loginFailed && this.#servers.size === 0) {
      // check_fast_fail: with logins failing and no server to wait for, waiting would be pointless.
      c.token = null;
      c.cont = null;
      this.stats.backendErrors++;
      this.#launch(true);
      cont.fail(token, REFUSED);
      return;
    }
    const now = this.#env.now;
    c.state = WAITING;
    c.connectFailures = 0;
    token.waitSinceMs = now;
    this.stats.waiting.add(now, 1);
    this.stats.waits++;
    this.#queue.push(c);
    this.#launch(false);
    this.#armMaintenance();
  }

  /**
   * Closes a client connection; in session mode its pinned server connection goes to the next
   * waiting query, or back to the pool.
   * @throws Error if `conn` is not an open client connection of this multiplexer or has a query in progress.
   */
  disconnect(conn: BackendConnection): void {
    const c = this.#own(conn, 'disconnect');
    if (c.state !== IDLE)
      throw new Error(`Multiplexer ${this.name}: disconnect of a client with a query in progress`);
    c.open = false;
    this.stats.clients.add(this.#env.now, -1);
    const pinned = c.pinned;
    if (pinned !== null) {
      c.pinned = null;
      pinned.client = null;
      this.#release(pinned);
    }
  }

  static #onClientConnect<U extends DataToken>(c: ClientConnection<U>): void {
    const mux = c.mux;
    const tag = c.tag;
    const cb = c.callbacks!;
    c.tag = undefined;
    c.callbacks = null;
    const clients = mux.stats.clients;
    if (clients.level < mux.#maxClients) {
      c.open = true;
      clients.add(mux.#env.now, 1);
      cb.opened(tag, c);
    } else {
      mux.stats.clientRefusals++;
      cb.refused(tag, REFUSED);
    }
  }

  #own(conn: BackendConnection, what: string): ClientConnection<T> {
    if (!(conn instanceof ClientConnection) || conn.mux !== this || !conn.open)
      throw new Error(
        `Multiplexer ${this.name}: ${what} on a connection that is not open on this multiplexer`,
      );
    return conn as ClientConnection<T>;
  }

  // Gives server connection `s` to client `c` (pinning it in session mode) and runs c's query.
  #assign(c: ClientConnection<T>, s: ServerConnection): void {
    if (this.#session) c.pinned = s;
    this.#run(c, s);
  }

  #run(c: ClientConnection<T>, s: ServerConnection): void {
    const token = c.token!;
    c.state = RUNNING;
    s.client = c as unknown as ClientConnection<DataToken>;
    token.serverConn = s.conn;
    this.#backend.execute(token, s.conn, this.#inner);
  }

  #queryDone(token: T, cause: DataFailureCause | null): void {
    const s = token.serverConn === null ? undefined : this.#servers.get(token.serverConn);
    const c = s?.client as ClientConnection<T> | null | undefined;
    if (s === undefined || c == null || c.state !== RUNNING || c.token !== token)
      throw new Error(`Multiplexer ${this.name}: the backend handed back a token it was not given`);
    const cont = c.cont!;
    token.serverConn = null;
    c.token = null;
    c.cont = null;
    c.state = IDLE;
    if (!this.#session) {
      s.client = null;
      this.#release(s);
    }
    if (cause === null) cont.resume(token);
    else cont.fail(token, cause);
  }

  // A free server connection goes to the first waiting query, else to the idle stack.
  #release(s: ServerConnection): void {
    const next = this.#queue.shift();
    if (next === undefined) {
      this.#idle.push(s);
      return;
    }
    this.#endWait(next);
    this.#assign(next, s);
  }

  #endWait(c: ClientConnection<T>): void {
    const now = this.#env.now;
    this.stats.waiting.add(now, -1);
    this.stats.waitMs += now - c.token!.waitSinceMs;
  }

  // Server connections allowed now: the pool, plus the reserve once the first waiter has waited long enough.
  #limit(): number {
    if (this.#reserveSize > 0) {
      const head = this.#queue.peek();
      if (head !== undefined && head.token!.waitSinceMs + this.#reserveTimeoutMs <= this.#env.now)
        return this.#poolSize + this.#reserveSize;
    }
    return this.#poolSize;
  }

  // Opens server connections for waiting queries that no attempt in progress will serve, within the
  // limit; `force` opens one even with nobody waiting (PgBouncer after a fast failure).
  #launch(force: boolean): void {
    const backend = this.#backend;
    for (;;) {
      if (this.#pgbouncer) {
        if (this.#connecting > 0) return;
        if (this.#loginFailed && this.#env.now < this.#lastConnectMs + this.#loginRetryMs) return;
      }
      if (!force && this.#queue.length <= this.#connecting) return;
      if (this.#servers.size + this.#connecting >= this.#limit()) return;
      force = false;
      this.#connecting++;
      this.#lastConnectMs = this.#env.now;
      backend.connect(null, this.#serverCallbacks);
    }
  }

  #serverOpened(conn: BackendConnection): void {
    this.#connecting--;
    this.#loginFailed = false;
    const s = new ServerConnection(conn);
    this.#servers.set(conn, s);
    this.stats.serverConnections.add(this.#env.now, 1);
    this.#release(s);
    this.#launch(false);
    this.#armMaintenance();
  }

  #serverRefused(cause: DataFailureCause): void {
    this.#connecting--;
    this.stats.serverRefusals++;
    if (this.#pgbouncer) {
      // Waiters stay queued; the maintenance event retries after server_login_retry.
      this.#loginFailed = true;
      this.#armMaintenance();
      return;
    }
    const head = this.#queue.peek();
    if (head !== undefined && ++head.connectFailures > this.#retries) {
      this.#queue.shift();
      this.#endWait(head);
      this.stats.backendErrors++;
      this.#failWaiter(head, cause);
    }
    if (!this.#retryPending && this.#queue.length > 0) {
      this.#retryPending = true;
      this.#env.schedule(this.#retryDelayMs, Multiplexer.#onRetry, this);
    }
  }

  static #onRetry<U extends DataToken>(mux: Multiplexer<U>): void {
    mux.#retryPending = false;
    mux.#launch(false);
  }

  #failWaiter(c: ClientConnection<T>, cause: DataFailureCause): void {
    const token = c.token!;
    const cont = c.cont!;
    c.token = null;
    c.cont = null;
    c.state = IDLE;
    cont.fail(token, cause);
  }

  // Schedules the maintenance event for the next time something is due: the first waiter's timeout,
  // the first waiter's reserve-pool threshold, or the end of PgBouncer's login retry pause. Waiters
  // share one timeout and queue in arrival order, so the first waiter is always the next to expire.
  // An earlier event supersedes a later one, which then fires to no effect.
  #armMaintenance(): void {
    if (this.#inMaintenance) return;
    const head = this.#queue.peek();
    if (head === undefined) return;
    const now = this.#env.now;
    const since = head.token!.waitSinceMs;
    let due = this.#waitTimeoutMs > 0 ? since + this.#waitTimeoutMs : Infinity;
    if (this.#reserveSize > 0) {
      const reserveAt = since + this.#reserveTimeoutMs;
      if (
        reserveAt > now &&
        reserveAt < due &&
        this.#servers.size + this.#connecting < this.#poolSize + this.#reserveSize
      )
        due = reserveAt;
    }
    if (this.#pgbouncer && this.#loginFailed) {
      const retryAt = this.#lastConnectMs + this.#loginRetryMs;
      if (retryAt > now && retryAt < due) due = retryAt;
    }
    if (due < this.#maintAtMs) {
      this.#maintAtMs = due;
      this.#env.scheduleAt(due, Multiplexer.#onMaintenance, this);
    }
  }

  static #onMaintenance<U extends DataToken>(mux: Multiplexer<U>): void {
    const now = mux.#env.now;
    if (now >= mux.#maintAtMs) mux.#maintAtMs = Infinity;
    mux.#inMaintenance = true;
    try {
      const timeout = mux.#waitTimeoutMs;
      if (timeout > 0) {
        for (;;) {
          const head = mux.#queue.peek();
          if (head === undefined || head.token!.waitSinceMs + timeout > now) break;
          mux.#queue.shift();
          mux.#endWait(head);
          mux.stats.timeouts++;
          mux.#failWaiter(head, TIMEOUT);
        }
      }
      mux.#launch(false);
    } finally {
      mux.#inMaintenance = false;
    }
    mux.#armMaintenance();
  }
}

function checkInteger(where: string, field: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`${where}: ${field} must be an integer ≥ ${min}, got ${value}`);
}

function checkMs(where: string, field: string, value: number): void {
  if (!(value >= 0) || value === Infinity)
    throw new RangeError(`${where}: ${field} must be a finite number ≥ 0 (ms), got ${value}`);
}
