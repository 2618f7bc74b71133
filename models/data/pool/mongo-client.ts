/**
 * A MongoDB client of one pod in front of a replica set: one {@link mongoServerPool} per member,
 * and server selection per operation.
 *
 * Sources: mongodb/specifications `source/server-selection/server-selection.md` (read preference
 * modes; the latency window of `localThresholdMS`, 15 ms; "select two servers at random from the
 * window and use the one with the fewer in-progress operations"); mongodb/mongo-java-driver
 * `BaseCluster` (AtMostTwoRandomServerSelector, then MinimumOperationCountServerSelector, which
 * keeps the first of two equal counts) and `DefaultServer` (`operationCount` rises when an
 * operation asks for a connection and falls when it gives it back, so waiting for a connection
 * counts); CMAP: one pool per server. The driver's default read preference is `primary`; writes
 * always go to the primary, whatever the preference.
 *
 * The model's members are always up and equally far (one latency window holds them all), so:
 * `primary` and `primaryPreferred` use the primary; `secondary` the secondaries; `secondaryPreferred`
 * the secondaries, or the primary when there are none; `nearest` every member. Among two or more
 * candidates, two are drawn at random and the one with fewer operations in progress wins.
 *
 * Not modelled: heartbeats and server discovery, failover, `maxStalenessSeconds`, tag sets.
 */
import type { Environment, RandomSource } from '../../../engine/index.js';
import type {
  Backend,
  ClientPool,
  Continuation,
  DataFailureCause,
  DataToken,
  PoolStats,
} from '../contracts.js';
import { mongoServerPool } from './lazy-pool.js';
import type { LazyPool } from './lazy-pool.js';
import { createPoolStats } from './pool-stats.js';

/** A MongoDB read preference mode. */
export type MongoReadPreference =
  'primary' | 'primaryPreferred' | 'secondary' | 'secondaryPreferred' | 'nearest';

/** The settings of a {@link MongoClientPool}; defaults in `DEFAULTS.mongodb`. */
export interface MongoClientOptions {
  name: string;
  /** Per member: connections at most (`maxPoolSize`, 100). */
  maxPoolSize: number;
  /** Per member: connections being opened at once at most (`maxConnecting`, 2). */
  maxConnecting: number;
  /** Longest wait for a connection (ms), or null: forever (Java `maxWaitTime` 2 min; Node waits forever). */
  maxWaitTimeMs: number | null;
  /** Which members the operations of this pool read from. */
  readPreference: MongoReadPreference;
}

/** One replica-set member as the client sees it. */
class Member<T extends DataToken> {
  /** Operations in progress on it: waiting for a connection or holding one. */
  operations = 0;
  // The pool's continuation for each caller continuation (callers pass the same few objects).
  readonly #wrappers = new Map<Continuation<T>, Continuation<T>>();
  constructor(
    readonly server: Backend<T>,
    readonly pool: LazyPool<T>,
  ) {}

  wrap(cont: Continuation<T>): Continuation<T> {
    let w = this.#wrappers.get(cont);
    if (w === undefined) {
      w = {
        resume: (token) => cont.resume(token),
        fail: (token, cause: DataFailureCause) => {
          this.operations--;
          cont.fail(token, cause);
        },
      };
      this.#wrappers.set(cont, w);
    }
    return w;
  }
}

/**
 * Invariants: an operation counts on its member from `acquire` until `release` (or its failure);
 * every acquire ends in exactly one `resume` or `fail` (from the member's pool).
 */
export class MongoClientPool<T extends DataToken> implements ClientPool<T> {
  readonly name: string;
  /** Summed over the members' pools. */
  readonly stats: PoolStats;
  readonly #candidates: readonly Member<T>[];
  readonly #members: readonly Member<T>[];
  readonly #random: RandomSource;

  /**
   * @param primary the primary; `secondaries` the other members (possibly none).
   * @param random draws the two candidates of each selection.
   * @throws RangeError if the read preference is `secondary` and there are no secondaries.
   */
  constructor(
    env: Environment,
    options: MongoClientOptions,
    primary: Backend<T>,
    secondaries: readonly Backend<T>[],
    random: RandomSource,
  ) {
    const { name, maxPoolSize, maxConnecting, maxWaitTimeMs, readPreference } = options;
    this.name = name;
    this.stats = createPoolStats(['pool-timeout']);
    const member = (backend: Backend<T>) =>
      new Member(
        backend,
        mongoServerPool(
          env,
          { name: `${name}/${backend.name}`, maxPoolSize, maxConnecting, maxWaitTimeMs, stats: this.stats },
          backend,
        ),
      );
    const p = member(primary);
    const s = secondaries.map(member);
    this.#members = [p, ...s];
    if (readPreference === 'secondary' && s.length === 0)
      throw new RangeError(`MongoClientPool ${name}: read preference secondary needs at least one secondary`);
    this.#candidates =
      readPreference === 'secondary' || (readPreference === 'secondaryPreferred' && s.length > 0)
        ? s
        : readPreference === 'nearest'
          ? this.#members
          : [p];
    this.#random = random;
  }

  /** Operations in progress on each member, primary first. */
  get operationCounts(): number[] {
    return this.#members.map((m) => m.operations);
  }

  /** Selects a member (two random candidates, fewer operations wins) and borrows from its pool. */
  acquire(token: T, cont: Continuation<T>): void {
    const member = this.#select();
    member.operations++;
    member.pool.acquire(token, member.wrap(cont));
  }

  /** Gives the connection back to its member's pool; the operation ends. */
  release(token: T): void {
    // A connection belongs to the member whose server opened it.
    const server = token.conn?.backend.backend as unknown;
    const member = this.#members.find((m) => m.server === server);
    if (member === undefined)
      throw new Error(`pool '${this.name}': release() of a token that holds no connection of this client`);
    member.operations--;
    member.pool.release(token);
  }

  start(): void {}

  close(): void {
    for (const m of this.#members) m.pool.close();
  }

  #select(): Member<T> {
    const c = this.#candidates;
    if (c.length === 1) return c[0]!;
    const i = Math.floor(this.#random() * c.length);
    let j = Math.floor(this.#random() * (c.length - 1));
    if (j >= i) j++;
    const a = c[i]!;
    const b = c[j]!;
    return b.operations < a.operations ? b : a;
  }
}
