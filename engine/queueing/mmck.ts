/**
 * M/M/c/K queue: c servers and K ≥ c places in total (waiting + in service); arrivals finding K
 * customers present are lost.
 *
 * Source: Gross & Harris, "Fundamentals of Queueing Theory", 3rd ed. (1998), ch. 2 (birth–death
 * solution p_n ∝ a^n/n! for n ≤ c, p_n ∝ a^c/c!·(a/c)^{n−c} for c < n ≤ K); Kleinrock, "Queueing
 * Systems" vol. 1 (1975), ch. 3; Little's law with the effective (admitted) arrival rate.
 *
 * @module
 */

import { requireIntegerAtLeast, requireNonNegative, requirePositive } from './validate.js';

/**
 * Steady-state metrics of an M/M/c/K queue.
 *
 * Times are in the reciprocal of the rate unit. Means over admitted customers only (lost arrivals
 * spend no time in the system).
 */
export interface MmckResult {
  /** P_K: probability that an arrival finds the system full and is lost (PASTA), in [0, 1]. */
  readonly blockingProbability: number;
  /** λ·(1 − P_K): rate of admitted (and, in steady state, completed) customers. */
  readonly throughput: number;
  /** L = Σ n·p_n: mean number in system. */
  readonly meanInSystem: number;
  /** Lq = Σ_{n>c} (n − c)·p_n: mean number waiting. */
  readonly meanQueueLength: number;
  /** W = Wq + 1/μ: mean time in system of an admitted customer (= L / throughput). */
  readonly meanResponse: number;
  /** Wq = Lq / throughput: mean time in queue of an admitted customer (0 when λ = 0). */
  readonly meanWait: number;
  /** Per-server utilization throughput/(cμ), in [0, 1] up to floating-point rounding. */
  readonly utilization: number;
  /** p_0 … p_K: steady-state probability of n customers in the system; length K + 1, sums to 1. */
  readonly stateProbabilities: number[];
}

/**
 * Steady-state metrics of an M/M/c/K queue (finite buffer, lost arrivals when full).
 *
 * Valid for any load, including λ ≥ cμ (the finite buffer keeps it stable). The state probabilities are
 * built by multiplication outward from the most likely state, so every unnormalized term is ≤ 1 and
 * nothing overflows (no powers or factorials); terms that underflow are negligible. Cost O(K).
 * With K = c this is the Erlang B loss system: `blockingProbability === erlangB(c, λ/μ)` up to rounding.
 *
 * @param arrivalRate - λ ≥ 0, Poisson arrival rate (per ms or per s, the same unit as `serviceRate`).
 * @param serviceRate - μ > 0, exponential service rate of one server, same unit as λ.
 * @param servers - c, number of servers (integer ≥ 1).
 * @param capacity - K, total places in the system including those in service (integer ≥ c).
 * @returns the metrics; invariants: L = throughput·W, Lq = throughput·Wq, Σ p_n = 1.
 * @throws {RangeError} if λ is negative or not finite, μ is not a positive finite number, c is not an
 *   integer ≥ 1, or K is not an integer ≥ c.
 */
export function mmck(
  arrivalRate: number,
  serviceRate: number,
  servers: number,
  capacity: number,
): MmckResult {
  requireNonNegative('arrivalRate', arrivalRate);
  requirePositive('serviceRate', serviceRate);
  requireIntegerAtLeast('servers', servers, 1);
  requireIntegerAtLeast('capacity', capacity, servers);

  const load = arrivalRate / serviceRate; // a, Erlangs
  // Birth–death ratio p_n / p_{n−1} = a / min(n, c): it decreases in n, so p is unimodal. Its mode is
  // K when a ≥ c, else ⌊a⌋ (clamped to K). Put 1 at the mode and walk outward: all terms ≤ 1.
  const mode = load >= servers ? capacity : Math.min(Math.floor(load), capacity);
  const terms = new Array<number>(capacity + 1).fill(0);
  terms[mode] = 1;
  let term = 1;
  for (let n = mode; n >= 1; n--) {
    term = (term * Math.min(n, servers)) / load; // p_{n−1} = p_n·min(n, c)/a (load > 0 here since mode ≥ 1)
    terms[n - 1] = term;
  }
  term = 1;
  for (let n = mode + 1; n <= capacity; n++) {
    term = (term * load) / Math.min(n, servers);
    terms[n] = term;
  }

  // Sum the states below K separately so that 1 − P_K = belowCapacity/total has no cancellation when
  // blocking is close to 1 (heavy overload).
  let belowCapacity = 0;
  for (let n = 0; n < capacity; n++) belowCapacity += terms[n] ?? 0;
  const total = belowCapacity + (terms[capacity] ?? 0);
  const stateProbabilities = terms.map((t) => t / total);

  let meanInSystem = 0;
  let meanQueueLength = 0;
  stateProbabilities.forEach((p, n) => {
    meanInSystem += n * p;
    if (n > servers) meanQueueLength += (n - servers) * p;
  });

  const blockingProbability = stateProbabilities[capacity] ?? 0;
  const throughput = arrivalRate * (belowCapacity / total);
  const meanWait = throughput > 0 ? meanQueueLength / throughput : 0;

  return {
    blockingProbability,
    throughput,
    meanInSystem,
    meanQueueLength,
    meanResponse: meanWait + 1 / serviceRate,
    meanWait,
    utilization: throughput / (servers * serviceRate),
    stateProbabilities,
  };
}
