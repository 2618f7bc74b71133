/**
 * A pod's client for a Redis cluster: the client library keeps one connection (Lettuce, redis-py)
 * or one pool (Redisson) per master and sends each command to the master owning its key's hash
 * slot, from the slot map it fetched at start-up (Redis Cluster specification, "Client and server
 * roles"; Lettuce `RedisClusterClient`, Redisson `ClusterServersConfig` with a
 * `masterConnectionPoolSize` per master, redis-py `RedisCluster` with a pool per node).
 *
 * A command whose key the scenario does not name goes to a uniformly random slot: many distinct
 * keys spread over the slots that way. A named key always lands on the same master, which is how a
 * hot key (one global counter) loads one shard while the others idle.
 *
 * Not modelled: MOVED/ASK redirections (the slot map never changes during a run), replicas of the
 * masters, and cross-slot errors.
 */
import type { RandomSource } from '../../../engine/index.js';
import type { Continuation } from '../contracts.js';
import { HASH_SLOTS, slotOwners } from './hash-slot.js';
import type { RedisClient } from './redis-client.js';

/**
 * Routes each command to one of its per-master clients by hash slot.
 *
 * Invariant: a command with slot s always goes to `masters[owner(s)]`; the per-master client's
 * own semantics (pool, timeout, retries) apply unchanged.
 */
export class RedisClusterClient<T> implements RedisClient<T> {
  readonly #masters: readonly RedisClient<T>[];
  readonly #owners: Uint16Array;
  readonly #random: RandomSource;

  /**
   * @param masters one client per master, in slot-range order (`redis-cli --cluster create` order).
   * @param random draws the slot of a command that names no key.
   * @throws RangeError if `masters` is empty.
   */
  constructor(masters: readonly RedisClient<T>[], random: RandomSource) {
    if (masters.length === 0) throw new RangeError('RedisClusterClient: masters must not be empty');
    this.#masters = [...masters];
    this.#owners = slotOwners(masters.length);
    this.#random = random;
  }

  /**
   * Sends the command to the master owning `slot`.
   * @param slot the key's hash slot (0–16383), or -1 for a key the scenario does not name.
   * @throws RangeError if `slot` is not -1 or an integer slot (and whatever the master's client throws).
   */
  command(token: T, serviceMs: number, cont: Continuation<T>, slot = -1): void {
    let s = slot;
    if (s === -1) s = Math.floor(this.#random() * HASH_SLOTS);
    else if (!Number.isInteger(s) || s < 0 || s >= HASH_SLOTS)
      throw new RangeError(
        `RedisClusterClient: slot must be -1 or an integer in [0, ${HASH_SLOTS - 1}], got ${slot}`,
      );
    this.#masters[this.#owners[s]!]!.command(token, serviceMs, cont);
  }
}
