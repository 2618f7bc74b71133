/**
 * M/M/1 FCFS queue: the single-server case of M/M/c.
 *
 * Source: Kleinrock, "Queueing Systems" vol. 1 (1975), ch. 3; Gross & Harris, "Fundamentals of
 * Queueing Theory", 3rd ed. (1998), ch. 2 (W = 1/(μ − λ), P(wait) = ρ).
 *
 * @module
 */

import { mmc } from './mmc.js';
import type { MmcResult } from './mmc.js';

/**
 * Steady-state metrics of an M/M/1 FCFS queue (convenience for `mmc(λ, μ, 1)`).
 *
 * @param arrivalRate - λ ≥ 0, Poisson arrival rate (per ms or per s, the same unit as `serviceRate`).
 * @param serviceRate - μ > 0, exponential service rate, same unit as λ.
 * @returns the M/M/c metrics with c = 1: utilization = probWait = ρ = λ/μ, meanResponse = 1/(μ − λ),
 *   meanWait = ρ/(μ − λ); times in the reciprocal of the rate unit.
 * @throws {RangeError} if λ is negative or not finite, μ is not a positive finite number, or λ ≥ μ
 *   (unstable).
 */
export function mm1(arrivalRate: number, serviceRate: number): MmcResult {
  return mmc(arrivalRate, serviceRate, 1);
}
