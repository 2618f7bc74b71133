/**
 * Exact Mean Value Analysis of a closed, single-class, product-form queueing network.
 *
 * Source: M. Reiser & S. S. Lavenberg, "Mean-Value Analysis of Closed Multichain Queuing Networks",
 * J. ACM 27(2), 1980; presentation (service demands, delay centers, think time) as in Lazowska,
 * Zahorjan, Graham & Sevcik, "Quantitative System Performance" (1984), ch. 6 (exact MVA):
 *   R_k(n) = D_k·(1 + Q_k(n−1)) at a queueing center, R_k(n) = D_k at a delay center,
 *   X(n) = n / (Z + Σ_k R_k(n)),  Q_k(n) = X(n)·R_k(n)   (Little's law per center), Q_k(0) = 0.
 *
 * @module
 */

import { requireIntegerAtLeast, requireNonNegative } from './validate.js';

/** One service center of the closed network. */
export interface MvaStation {
  /** Label echoed in the result; defaults to `station <index>` (0-based position in `stations`). */
  readonly name?: string;
  /**
   * D ≥ 0: total service demand per customer cycle (visits × mean service time per visit), in the
   * same time unit as `thinkTime`.
   */
  readonly demand: number;
  /**
   * `'queue'` (default): single-server, load-independent FCFS (exponential service) or PS center.
   * `'delay'`: infinite-server center (pure delay, no queueing).
   */
  readonly kind?: 'queue' | 'delay';
}

/** Input of {@link mvaClosed}. */
export interface MvaClosedInput {
  /** N: number of customers circulating (integer ≥ 1). */
  readonly population: number;
  /** Z ≥ 0: mean think time at the terminals (a delay outside the response time), same time unit as demands. */
  readonly thinkTime: number;
  /** The service centers; may be empty only if Z > 0. */
  readonly stations: readonly MvaStation[];
}

/** Per-center result of {@link mvaClosed} at population N. */
export interface MvaStationResult {
  /** The station's `name`, or `station <index>`. */
  readonly name: string;
  /** R_k: mean time a customer spends at the center per cycle (all visits, queueing + service). */
  readonly residenceTime: number;
  /** Q_k = X·R_k: mean number of customers at the center (waiting + in service). */
  readonly queueLength: number;
  /**
   * U_k = X·D_k (utilization law). In [0, 1] for a queueing center (up to rounding); for a delay center it is the mean
   * number in service and equals `queueLength`.
   */
  readonly utilization: number;
}

/** System throughput and response time at one population level n. */
export interface MvaPopulationPoint {
  /** n, population level (1 … N). */
  readonly n: number;
  /** X(n): cycles completed per time unit. */
  readonly throughput: number;
  /** R(n) = Σ_k R_k(n), excluding think time. */
  readonly responseTime: number;
}

/** Result of {@link mvaClosed} at population N. */
export interface MvaClosedResult {
  /** X(N): system throughput, cycles per time unit (reciprocal of the demand/think-time unit). */
  readonly throughput: number;
  /** R(N) = Σ_k R_k: sum of residence times, excluding think time. Satisfies R = N/X − Z. */
  readonly responseTime: number;
  /** R(N) + Z: mean time of one full cycle (= N/X). */
  readonly cycleTime: number;
  /** Per-center results, in the order of the input `stations`. Σ queueLength + X·Z = N. */
  readonly stations: MvaStationResult[];
  /** X(n) and R(n) for n = 1 … N (length N), a by-product of the recursion. */
  readonly byPopulation: MvaPopulationPoint[];
}

/**
 * Exact Mean Value Analysis (Reiser & Lavenberg 1980) of a closed single-class product-form network.
 *
 * Iterates n = 1 … N; cost O(N·K) for K stations. Stations are single-server load-independent queueing
 * centers or delay (infinite-server) centers. Load-dependent centers (multi-server queues, rates that
 * vary with the queue length) and multiple classes are out of scope: model a c-server queue by hand or
 * bound it (demand D/c as a queue plus D·(c−1)/c as a delay is a common approximation, not exact).
 *
 * @param input - population N, think time Z and the stations; all times in one unit (ms or s).
 * @returns throughput X(N), response time R(N), per-station residence times, queue lengths and
 *   utilizations, and X(n), R(n) for every n ≤ N. Invariants (up to floating-point rounding):
 *   X = N/(R + Z), X(n) non-decreasing in n, X ≤ 1/max_k D_k over queueing centers (so U_k = X·D_k ≤ 1),
 *   X → 1/max D as N → ∞, Σ_k Q_k + X·Z = N.
 * @throws {RangeError} if N is not an integer ≥ 1, Z or a demand is negative or not finite, a `kind` is
 *   neither `'queue'` nor `'delay'`, or Z plus all demands is 0 (the cycle would take no time).
 */
export function mvaClosed(input: MvaClosedInput): MvaClosedResult {
  const { population, thinkTime, stations } = input;
  requireIntegerAtLeast('population', population, 1);
  requireNonNegative('thinkTime', thinkTime);
  if (!Array.isArray(stations)) {
    throw new RangeError(`stations must be an array, got ${String(stations)}`);
  }
  let totalDemand = 0;
  stations.forEach((station, index) => {
    requireNonNegative(`stations[${index}].demand`, station.demand);
    if (station.kind !== undefined && station.kind !== 'queue' && station.kind !== 'delay') {
      throw new RangeError(`stations[${index}].kind must be 'queue' or 'delay', got ${String(station.kind)}`);
    }
    totalDemand += station.demand;
  });
  if (totalDemand + thinkTime === 0) {
    throw new RangeError('thinkTime plus the sum of stations[].demand must be > 0, got 0');
  }

  const demands = stations.map((s) => s.demand);
  const isDelay = stations.map((s) => s.kind === 'delay');
  const queueLengths = new Array<number>(stations.length).fill(0);
  const residenceTimes = new Array<number>(stations.length).fill(0);
  const byPopulation: MvaPopulationPoint[] = [];
  let throughput = 0;
  let responseTime = 0;

  for (let n = 1; n <= population; n++) {
    responseTime = 0;
    for (let k = 0; k < demands.length; k++) {
      const demand = demands[k] ?? 0;
      // Arrival theorem: an arriving customer sees the time-averaged state of the network with n − 1.
      residenceTimes[k] = isDelay[k] ? demand : demand * (1 + (queueLengths[k] ?? 0));
      responseTime += residenceTimes[k] ?? 0;
    }
    throughput = n / (thinkTime + responseTime);
    for (let k = 0; k < demands.length; k++) {
      queueLengths[k] = throughput * (residenceTimes[k] ?? 0);
    }
    byPopulation.push({ n, throughput, responseTime });
  }

  return {
    throughput,
    responseTime,
    cycleTime: responseTime + thinkTime,
    stations: stations.map((station, k) => ({
      name: station.name ?? `station ${k}`,
      residenceTime: residenceTimes[k] ?? 0,
      queueLength: queueLengths[k] ?? 0,
      utilization: throughput * (demands[k] ?? 0),
    })),
    byPopulation,
  };
}
