/**
 * Little's law L = λ·W and a relative-discrepancy check for measured values.
 *
 * Source: J. D. C. Little, "A Proof for the Queuing Formula: L = λW", Operations Research 9(3), 1961;
 * Lazowska et al., "Quantitative System Performance" (1984), ch. 3.
 *
 * @module
 */

import { requireNonNegative, requirePositive } from './validate.js';

/**
 * Mean number in a system from Little's law: L = λ·W.
 *
 * @param arrivalRate - λ ≥ 0, throughput of the system (per ms or per s).
 * @param meanTime - W ≥ 0, mean time spent in the system, in the reciprocal unit of λ.
 * @returns L ≥ 0, dimensionless mean count.
 * @throws {RangeError} if either argument is negative or not finite.
 */
export function littleL(arrivalRate: number, meanTime: number): number {
  requireNonNegative('arrivalRate', arrivalRate);
  requireNonNegative('meanTime', meanTime);
  return arrivalRate * meanTime;
}

/**
 * Mean time in a system from Little's law: W = L/λ.
 *
 * @param meanNumber - L ≥ 0, mean number in the system.
 * @param arrivalRate - λ > 0, throughput of the system (per ms or per s).
 * @returns W ≥ 0 in the reciprocal unit of λ.
 * @throws {RangeError} if `meanNumber` is negative or not finite, or `arrivalRate` is not a positive
 *   finite number.
 */
export function littleW(meanNumber: number, arrivalRate: number): number {
  requireNonNegative('meanNumber', meanNumber);
  requirePositive('arrivalRate', arrivalRate);
  return meanNumber / arrivalRate;
}

/** Measured (or computed) quantities to check against Little's law. */
export interface LittlesLawGapInput {
  /** L ≥ 0: time-average number in the system. */
  readonly meanNumber: number;
  /** λ ≥ 0: arrival rate (or throughput), per time unit. */
  readonly arrivalRate: number;
  /** W ≥ 0: mean time in the system, in the reciprocal unit of λ. */
  readonly meanTime: number;
}

/**
 * Relative discrepancy from Little's law: |L − λW| / max(L, λW).
 *
 * @param input - L, λ and W measured on the same system over the same window.
 * @returns a value in [0, 1]: 0 when L = λW exactly (including L = λW = 0), 1 when exactly one of them
 *   is 0. Scale-free, so a tolerance such as 0.01 means "within 1 %".
 * @throws {RangeError} if any field is negative or not finite.
 */
export function littlesLawGap(input: LittlesLawGapInput): number {
  const { meanNumber, arrivalRate, meanTime } = input;
  requireNonNegative('meanNumber', meanNumber);
  requireNonNegative('arrivalRate', arrivalRate);
  requireNonNegative('meanTime', meanTime);
  const predicted = arrivalRate * meanTime;
  const scale = Math.max(meanNumber, predicted);
  return scale === 0 ? 0 : Math.abs(meanNumber - predicted) / scale;
}
