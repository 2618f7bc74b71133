/**
 * M/G/1 FCFS queue: Pollaczek–Khinchine mean-value formula.
 *
 * Source: Pollaczek (1930), Khinchine (1932); as stated in Kleinrock, "Queueing Systems" vol. 1 (1975),
 * ch. 5 (W = λ·E[S²] / (2(1 − ρ))), and Gross & Harris, "Fundamentals of Queueing Theory",
 * 3rd ed. (1998), ch. 5; Little's law for the queue lengths.
 *
 * @module
 */

import { requireNonNegative, requirePositive, requireStable } from './validate.js';

/**
 * Steady-state means of an M/G/1 FCFS queue. Times are in the time unit of `meanService`.
 */
export interface Mg1Result {
  /** ρ = λ·E[S], fraction of time the server is busy, in [0, 1). */
  readonly utilization: number;
  /** Wq = λ·E[S²] / (2(1 − ρ)): mean time in queue (Pollaczek–Khinchine). */
  readonly meanWait: number;
  /** W = Wq + E[S]: mean time in system. */
  readonly meanResponse: number;
  /** Lq = λ·Wq: mean number waiting. */
  readonly meanQueueLength: number;
  /** L = λ·W: mean number in system. */
  readonly meanInSystem: number;
}

/**
 * Mean time in queue of an M/G/1 FCFS queue (Pollaczek–Khinchine): Wq = λ·E[S²] / (2(1 − ρ)),
 * with E[S²] = Var[S] + E[S]².
 *
 * @param arrivalRate - λ ≥ 0, Poisson arrival rate per time unit (e.g. per ms).
 * @param meanService - E[S] > 0, mean service time in the reciprocal unit (e.g. ms).
 * @param serviceVariance - Var[S] ≥ 0, in time units squared (0 = deterministic, E[S]² = exponential).
 * @returns Wq ≥ 0 in the time unit of `meanService`.
 * @throws {RangeError} if λ or Var[S] is negative or not finite, E[S] is not a positive finite number,
 *   or ρ = λ·E[S] ≥ 1 (unstable).
 */
export function mg1MeanWait(arrivalRate: number, meanService: number, serviceVariance: number): number {
  requireNonNegative('arrivalRate', arrivalRate);
  requirePositive('meanService', meanService);
  requireNonNegative('serviceVariance', serviceVariance);
  const utilization = arrivalRate * meanService;
  requireStable(
    utilization,
    `arrivalRate=${arrivalRate}, meanService=${meanService}, serviceVariance=${serviceVariance}`,
  );
  const secondMoment = serviceVariance + meanService * meanService;
  return (arrivalRate * secondMoment) / (2 * (1 - utilization));
}

/**
 * Steady-state means of an M/G/1 FCFS queue from the Pollaczek–Khinchine formula and Little's law.
 *
 * @param arrivalRate - λ ≥ 0, Poisson arrival rate per time unit (e.g. per ms).
 * @param meanService - E[S] > 0, mean service time in the reciprocal unit (e.g. ms).
 * @param serviceVariance - Var[S] ≥ 0, in time units squared.
 * @returns the means; invariants: W = Wq + E[S], Lq = λWq, L = λW = Lq + ρ.
 * @throws {RangeError} if λ or Var[S] is negative or not finite, E[S] is not a positive finite number,
 *   or ρ = λ·E[S] ≥ 1 (unstable).
 */
export function mg1(arrivalRate: number, meanService: number, serviceVariance: number): Mg1Result {
  const meanWait = mg1MeanWait(arrivalRate, meanService, serviceVariance); // validates the inputs
  const utilization = arrivalRate * meanService;
  const meanResponse = meanWait + meanService;
  return {
    utilization,
    meanWait,
    meanResponse,
    meanQueueLength: arrivalRate * meanWait,
    meanInSystem: arrivalRate * meanResponse,
  };
}
