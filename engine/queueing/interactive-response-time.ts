/**
 * Interactive response time law for closed systems: R = N/X − Z.
 *
 * Source: Lazowska, Zahorjan, Graham & Sevcik, "Quantitative System Performance" (1984), ch. 3
 * (Little's law applied to the whole closed system, N = X·(R + Z)).
 *
 * @module
 */

import { requireNonNegative, requirePositive } from './validate.js';

/**
 * Mean response time of a closed interactive system from the response time law R = N/X − Z.
 *
 * @param population - N > 0, number of customers (users) circulating; usually an integer, not required.
 * @param throughput - X > 0, system throughput (per ms or per s).
 * @param thinkTime - Z ≥ 0, mean think time, in the reciprocal unit of X.
 * @returns R in the reciprocal unit of X. Not clamped: with inconsistent measurements it may be negative,
 *   which is itself a signal that N, X and Z disagree.
 * @throws {RangeError} if N or X is not a positive finite number, or Z is negative or not finite.
 */
export function interactiveResponseTime(population: number, throughput: number, thinkTime: number): number {
  requirePositive('population', population);
  requirePositive('throughput', throughput);
  requireNonNegative('thinkTime', thinkTime);
  return population / throughput - thinkTime;
}
