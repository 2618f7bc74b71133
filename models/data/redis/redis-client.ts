/**
 * What the request path sees of a Redis client library (Redisson, Lettuce): one call per command.
 */
import type { Continuation } from '../contracts.js';

/** A pod's Redis client. */
export interface RedisClient<T> {
  /**
   * Runs one command for `token`: the client sends it to its server (which spends `serviceMs` of
   * its main thread on it), then calls `cont.resume(token)` when the reply arrives, or
   * `cont.fail(token, 'redis-timeout')` when the client gives up. Exactly one of the two is called,
   * exactly once, never synchronously.
   * @param serviceMs main-thread time of the command on the server (ms, finite, ≥ 0).
   * @param slot the hash slot of the command's key, which picks the master of a cluster; -1 (the
   * default) for a key the scenario does not name. A single server ignores it.
   * @throws RangeError if `serviceMs` is negative, NaN or infinite.
   */
  command(token: T, serviceMs: number, cont: Continuation<T>, slot?: number): void;
}
