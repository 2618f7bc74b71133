import type { Backend, BackendConnection, ConnectCallbacks, Continuation, DataToken } from '../contracts.js';

/** Options of {@link ReaderEndpoint}. */
export interface ReaderEndpointOptions<T extends DataToken> {
  /** Name for results and errors; non-empty. */
  name: string;
  /** The read replicas (usually {@link DatabaseServer}s), at least one, each at most once. */
  replicas: readonly Backend<T>[];
}

/**
 * The reader endpoint of a replica set (Aurora's cluster reader endpoint, or a DNS name listing the
 * RDS read replicas): it balances **connections**, not queries. Each `connect` goes to the next
 * replica in turn; every query on that connection then runs on that replica until it is closed.
 *
 * AWS describes the reader endpoint as DNS-based: each resolution returns one replica's address,
 * chosen randomly ("Amazon Aurora MySQL Database Administrator's Handbook", Load balancing with the
 * reader endpoint; Aurora User Guide, Aurora.Endpoints.Reader). Strict rotation gives the same
 * long-run share per replica with less spread, and keeps runs free of an extra random stream; the
 * imbalance that DNS caching in clients causes (one replica taking most connections) is not modelled.
 *
 * `execute` and `disconnect` go to the replica that opened the connection (`conn.backend`).
 * @see DatabaseServer
 */
export class ReaderEndpoint<T extends DataToken> implements Backend<T> {
  readonly name: string;
  /** The replicas, in rotation order. */
  readonly replicas: readonly Backend<T>[];
  // Index of the replica the next connect goes to.
  #next = 0;

  /**
   * @throws RangeError if `name` is empty, `replicas` is empty, or a replica appears twice.
   */
  constructor(options: ReaderEndpointOptions<T>) {
    const { name, replicas } = options;
    if (typeof name !== 'string' || name === '')
      throw new RangeError(`ReaderEndpoint: name must be a non-empty string, got ${String(name)}`);
    if (!Array.isArray(replicas) || replicas.length === 0)
      throw new RangeError(`ReaderEndpoint ${name}: replicas must hold at least one backend`);
    if (new Set(replicas).size !== replicas.length)
      throw new RangeError(`ReaderEndpoint ${name}: replicas must not repeat a backend`);
    this.name = name;
    this.replicas = [...replicas];
  }

  /** Opens a connection on the next replica in turn; that replica calls `cb` (never synchronously). */
  connect<U>(tag: U, cb: ConnectCallbacks<U>): void {
    const replicas = this.replicas;
    const replica = replicas[this.#next]!;
    this.#next = this.#next + 1 === replicas.length ? 0 : this.#next + 1;
    replica.connect(tag, cb);
  }

  /**
   * Runs the query on the replica that opened `conn`.
   * @throws Error if `conn` was not opened by one of the replicas (and whatever that replica throws).
   */
  execute(token: T, conn: BackendConnection, cont: Continuation<T>): void {
    this.#owner(conn).execute(token, conn, cont);
  }

  /**
   * Closes `conn` on the replica that opened it.
   * @throws Error if `conn` was not opened by one of the replicas (and whatever that replica throws).
   */
  disconnect(conn: BackendConnection): void {
    this.#owner(conn).disconnect(conn);
  }

  #owner(conn: BackendConnection): Backend<T> {
    const backend = conn.backend as unknown as Backend<T>;
    // A linear scan: a replica set has a handful of members (Aurora: at most 15 replicas).
    if (!this.replicas.includes(backend))
      throw new Error(`ReaderEndpoint ${this.name}: connection was not opened by one of its replicas`);
    return backend;
  }
}
