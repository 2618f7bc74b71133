/**
 * M/D/1 queue: deterministic service, the zero-variance case of Pollaczek–Khinchine.
 *
 * Source: Kleinrock, "Queueing Systems" vol. 1 (1975), ch. 5 (P-K with Var[S] = 0); Gross & Harris,
 * "Fundamentals of Queueing Theory", 3rd ed. (1998), ch. 5: Wq = ρ·S / (2(1 − ρ)), half the M/M/1 wait.
 *
 * @module
 */

import { requireNonNegative, requirePositive, requireStable } from './validate.js';

/**
 * Mean time in queue of an M/D/1 FCFS queue: Wq = ρ·S / (2(1 − ρ)) with ρ = λ·S.
 *
 * @param arrivalRate - λ ≥ 0, Poisson arrival rate per time unit (e.g. per ms).
 * @param serviceTime - S > 0, constant service time in the reciprocal unit (e.g. ms).
 * @returns Wq ≥ 0 in the time unit of `serviceTime`; equals `mg1MeanWait(λ, S, 0)` and half the M/M/1
 *   mean wait at the same ρ and mean service time.
 * @throws {RangeError} if λ is negative or not finite, S is not a positive finite number, or ρ ≥ 1
 *   (unstable).
 */
export function md1MeanWait(arrivalRate: number, serviceTime: number): number {
  requireNonNegative('arrivalRate', arrivalRate);
  requirePositive('serviceTime', serviceTime);
  const utilization = arrivalRate * serviceTime;
  requireStable(utilization, `arrivalRate=${arrivalRate}, serviceTime=${serviceTime}`);
  return (utilization * serviceTime) / (2 * (1 - utilization));
}
