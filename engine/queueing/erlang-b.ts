/**
 * Erlang B: blocking probability of the M/M/c/c loss system.
 *
 * Source: A. K. Erlang (1917); recursion as in Gross & Harris, "Fundamentals of Queueing Theory",
 * 3rd ed. (1998), ch. 2 (M/M/c/c), and Kleinrock, "Queueing Systems" vol. 1 (1975), ch. 3.
 *
 * @module
 */

import { requireIntegerAtLeast, requireNonNegative } from './validate.js';

/**
 * Blocking probability of an M/M/c/c loss system (Erlang B formula).
 *
 * Computed with the recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), which never forms a^c or c!
 * and stays accurate for c and a in the thousands; cost O(c). The result is the same for any
 * insensitive service distribution with the same mean (M/G/c/c).
 *
 * @param servers - c, number of servers (integer ≥ 1).
 * @param offeredLoad - a = λ/μ in Erlangs (dimensionless, ≥ 0; λ and μ in the same time unit). Any
 *   value is valid: a loss system has no stability condition.
 * @returns B(c, a) ∈ [0, 1): the probability that an arrival finds all c servers busy and is lost;
 *   0 when a = 0.
 * @throws {RangeError} if `servers` is not an integer ≥ 1, or `offeredLoad` is negative or not finite.
 */
export function erlangB(servers: number, offeredLoad: number): number {
  requireIntegerAtLeast('servers', servers, 1);
  requireNonNegative('offeredLoad', offeredLoad);
  let blocking = 1;
  for (let k = 1; k <= servers; k++) {
    const x = offeredLoad * blocking;
    blocking = x / (k + x);
  }
  return blocking;
}
