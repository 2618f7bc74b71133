/**
 * M/M/c FCFS queue: steady-state means and the waiting-time distribution.
 *
 * Sources: Gross & Harris, "Fundamentals of Queueing Theory", 3rd ed. (1998), ch. 2 (means, and the
 * waiting-time distribution P(Wq > t) = C·e^{−(cμ−λ)t}); Kleinrock, "Queueing Systems" vol. 1 (1975),
 * ch. 3; Little's law L = λW (Little 1961) for the queue lengths.
 *
 * @module
 */

import { erlangC } from './erlang-c.js';
import {
  requireIntegerAtLeast,
  requireNonNegative,
  requireNotNaN,
  requirePositive,
  requireProbability,
  requireStable,
} from './validate.js';

/**
 * Steady-state metrics of an M/M/c (or M/M/1) FCFS queue.
 *
 * Times are in the reciprocal of the rate unit (rates per ms → times in ms; per s → s). "Wait" is the
 * time in queue before service starts; "response" is wait + service.
 */
export interface MmcResult {
  /** ρ = λ/(cμ): mean fraction of time each server is busy, in [0, 1). */
  readonly utilization: number;
  /** Erlang C: probability an arrival has to wait (P(Wq > 0)), in [0, 1). */
  readonly probWait: number;
  /** Wq = C/(cμ − λ): mean time in queue. */
  readonly meanWait: number;
  /** W = Wq + 1/μ: mean time in system. */
  readonly meanResponse: number;
  /** Lq = λ·Wq: mean number waiting (not in service). */
  readonly meanQueueLength: number;
  /** L = λ·W: mean number in system (waiting + in service). */
  readonly meanInSystem: number;
  /**
   * q-quantile of the time in queue Wq: 0 when q ≤ 1 − C, else −ln((1 − q)/C)/(cμ − λ); +∞ for q = 1
   * when C > 0.
   * @throws {RangeError} if q is not in [0, 1].
   */
  waitQuantile(q: number): number;
  /**
   * P(Wq > t) = C·e^{−(cμ−λ)t} for t ≥ 0; 1 for t < 0 (a wait is never negative).
   * @throws {RangeError} if t is NaN.
   */
  probWaitExceeds(t: number): number;
}

/**
 * Steady-state metrics of an M/M/c queue with FCFS discipline and an infinite buffer.
 *
 * @param arrivalRate - λ ≥ 0, Poisson arrival rate (per ms or per s: any unit, the same as `serviceRate`).
 * @param serviceRate - μ > 0, service rate of one server (exponential service), same unit as λ.
 * @param servers - c, number of identical servers (integer ≥ 1).
 * @returns the metrics; times are in the reciprocal of the rate unit. Invariants: L = λW, Lq = λWq,
 *   W = Wq + 1/μ, L = Lq + λ/μ.
 * @throws {RangeError} if λ is negative or not finite, μ is not a positive finite number, c is not an
 *   integer ≥ 1, or the system is unstable (ρ = λ/(cμ) ≥ 1).
 */
export function mmc(arrivalRate: number, serviceRate: number, servers: number): MmcResult {
  requireNonNegative('arrivalRate', arrivalRate);
  requirePositive('serviceRate', serviceRate);
  requireIntegerAtLeast('servers', servers, 1);
  const utilization = arrivalRate / (servers * serviceRate);
  requireStable(utilization, `arrivalRate=${arrivalRate}, serviceRate=${serviceRate}, servers=${servers}`);

  const probWait = erlangC(servers, arrivalRate / serviceRate);
  // Decay rate of the conditional wait: given that it waits, Wq ~ Exp(cμ − λ) (Gross & Harris ch. 2).
  const drainRate = servers * serviceRate - arrivalRate;
  const meanWait = probWait / drainRate;
  const meanResponse = meanWait + 1 / serviceRate;

  return {
    utilization,
    probWait,
    meanWait,
    meanResponse,
    meanQueueLength: arrivalRate * meanWait,
    meanInSystem: arrivalRate * meanResponse,
    waitQuantile(q: number): number {
      requireProbability('q', q);
      if (q <= 1 - probWait) return 0;
      return -Math.log((1 - q) / probWait) / drainRate;
    },
    probWaitExceeds(t: number): number {
      requireNotNaN('t', t);
      if (t < 0) return 1;
      return probWait * Math.exp(-drainRate * t);
    },
  };
}
