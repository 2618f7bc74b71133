/**
 * Test doubles for the pool tests: a database that opens connections after a fixed latency and
 * refuses them (`too-many-connections`) past a connection limit, and a plain token.
 */
import type { Environment } from '../../../engine/index.js';
import type {
  Backend,
  BackendConnection,
  ConnectCallbacks,
  Continuation,
  DataFailureCause,
  DataToken,
  PoolConnection,
} from '../../../models/data/contracts.js';

/** A token with the DataToken fields and a label. */
export interface TestToken extends DataToken {
  readonly id: number;
}

export function token(id: number): TestToken {
  return { id, conn: null, serverConn: null, queryCpuMs: 0, queryIoMs: 0, queryLock: -1, waitSinceMs: NaN };
}

/** A continuation that records what happened to each token, and when. */
export class Recorder implements Continuation<TestToken> {
  readonly events: {
    id: number;
    at: number;
    outcome: 'ok' | DataFailureCause;
    conn: PoolConnection | null;
  }[] = [];
  constructor(readonly env: Environment) {}
  resume(t: TestToken): void {
    this.events.push({ id: t.id, at: this.env.now, outcome: 'ok', conn: t.conn });
  }
  fail(t: TestToken, cause: DataFailureCause): void {
    this.events.push({ id: t.id, at: this.env.now, outcome: cause, conn: t.conn });
  }
  /** The events of token `id`. */
  of(id: number): { at: number; outcome: 'ok' | DataFailureCause }[] {
    return this.events.filter((e) => e.id === id).map(({ at, outcome }) => ({ at, outcome }));
  }
}

export class FakeConnection implements BackendConnection {
  constructor(
    readonly backend: Backend<DataToken>,
    readonly serial: number,
  ) {}
}

interface PendingConnect {
  tag: unknown;
  cb: ConnectCallbacks<unknown>;
}

/**
 * A database with a fixed connect latency. A connection is accepted when, at the end of the
 * latency, fewer than `maxConnections` are open; else it is refused. Queries are not supported.
 */
export class FakeBackend implements Backend<DataToken> {
  readonly name = 'fake-db';
  /** Connections open now. */
  open = 0;
  /** Highest number of connections open at once. */
  maxOpen = 0;
  /** Connects in progress now, and the most at once. */
  connecting = 0;
  maxConnecting = 0;
  /** Start time of every connect. */
  readonly attemptTimes: number[] = [];
  /** Time of every accepted connect, and of every refused one. */
  readonly openedTimes: number[] = [];
  readonly refusedTimes: number[] = [];
  #serial = 0;

  constructor(
    readonly env: Environment,
    readonly connectMs: number,
    public maxConnections = Infinity,
  ) {}

  connect<U>(tag: U, cb: ConnectCallbacks<U>): void {
    this.attemptTimes.push(this.env.now);
    this.connecting++;
    this.maxConnecting = Math.max(this.maxConnecting, this.connecting);
    const pending: PendingConnect = { tag, cb: cb as ConnectCallbacks<unknown> };
    this.env.schedule(this.connectMs, (p: PendingConnect) => this.#finish(p), pending);
  }

  #finish(p: PendingConnect): void {
    this.connecting--;
    if (this.open < this.maxConnections) {
      this.open++;
      this.maxOpen = Math.max(this.maxOpen, this.open);
      this.openedTimes.push(this.env.now);
      p.cb.opened(p.tag, new FakeConnection(this, this.#serial++));
    } else {
      this.refusedTimes.push(this.env.now);
      p.cb.refused(p.tag, 'too-many-connections');
    }
  }

  execute(): void {
    throw new Error('FakeBackend.execute: pools do not run queries');
  }

  /** Time of every disconnect. */
  readonly disconnectTimes: number[] = [];
  readonly #disconnected = new Set<BackendConnection>();

  /** @throws Error if `conn` is not this backend's, or was disconnected already. */
  disconnect(conn: BackendConnection): void {
    if (!(conn instanceof FakeConnection) || conn.backend !== this) {
      throw new Error('FakeBackend.disconnect: not a connection of this backend');
    }
    if (this.#disconnected.has(conn)) throw new Error(`FakeBackend.disconnect: #${conn.serial} twice`);
    this.#disconnected.add(conn);
    this.disconnectTimes.push(this.env.now);
    this.open--;
  }
}

/** The serial number of the backend connection under a pool connection. */
export function serialOf(conn: PoolConnection | null): number {
  if (conn === null) throw new Error('no connection');
  return (conn.backend as FakeConnection).serial;
}
