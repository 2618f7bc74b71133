/**
 * Erlang C: probability that an arrival waits in the M/M/c queue.
 *
 * Source: Gross & Harris, "Fundamentals of Queueing Theory", 3rd ed. (1998), ch. 2 (M/M/c), with the
 * relation to Erlang B C = B / (1 − (a/c)(1 − B)) (e.g. Kleinrock 1975 vol. 1, ch. 3; also
 * Cooper, "Introduction to Queueing Theory", 2nd ed. (1981), ch. 3).
 *
 * @module
 */

import { erlangB } from './erlang-b.js';
import { requireIntegerAtLeast, requireNonNegative, requireStable } from './validate.js';

/**
 * Probability that an arrival has to wait in an M/M/c queue (Erlang C formula).
 *
 * Derived from the stable Erlang B recursion as C = c·B / (c − a·(1 − B)); never forms a^c or c!,
 * accurate for c and a in the thousands; cost O(c).
 *
 * @param servers - c, number of servers (integer ≥ 1).
 * @param offeredLoad - a = λ/μ in Erlangs (dimensionless, λ and μ in the same time unit); must satisfy
 *   0 ≤ a < c (utilization ρ = a/c < 1).
 * @returns C(c, a) ∈ [0, 1): the steady-state probability that all servers are busy at an arrival;
 *   0 when a = 0. For c = 1 it equals ρ.
 * @throws {RangeError} if `servers` is not an integer ≥ 1, `offeredLoad` is negative or not finite, or
 *   `offeredLoad` ≥ `servers` (unstable).
 */
export function erlangC(servers: number, offeredLoad: number): number {
  requireIntegerAtLeast('servers', servers, 1);
  requireNonNegative('offeredLoad', offeredLoad);
  requireStable(offeredLoad / servers, `offeredLoad=${offeredLoad}, servers=${servers}`);
  const blocking = erlangB(servers, offeredLoad);
  return (servers * blocking) / (servers - offeredLoad * (1 - blocking));
}
