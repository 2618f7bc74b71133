/**
 * "The highest load at which p95 < X ms and failures < Y %", with a confidence interval. Each
 * replication bisects on its own, with its own random streams held fixed across its trials
 * (common random numbers: the trials differ only in the parameter, so the bisection is not thrown
 * off by noise between trials); the capacities of the replications are independent draws, and
 * their mean and Student-t interval are the answer.
 */
import { confidenceInterval } from '../../engine/index.js';
import { round } from '../report/estimate.js';
import type { Estimate } from '../report/estimate.js';
import type { Bottleneck } from '../report/summary-types.js';
import { runReplications } from '../scenario/run.js';
import { bisect } from './bisect.js';
import { withPointValues } from './expand.js';
import { pointMeasures } from './point-row.js';
import { meetsSlo } from './slo.js';
import type { CapacitySearchSpec, SweepParameterSpec } from './schema.js';

/** One trial of one replication. */
export interface CapacityTrialRow {
  readonly value: number;
  readonly meetsSlo: boolean;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  readonly failureRate: number | null;
  readonly droppedRate: number;
  readonly bottleneck: Bottleneck;
}

/** What one replication's bisection found. */
export interface ReplicationCapacity {
  readonly replication: number;
  /** Highest value that met the SLO (within the resolution); null when `min` failed. */
  readonly capacity: number | null;
  /** `max` met the SLO: the capacity is at least `max`. */
  readonly atUpperBound: boolean;
  readonly trials: readonly CapacityTrialRow[];
}

/** The parameter a search moves, as a sweep parameter. */
export function searchParameter(spec: CapacitySearchSpec): SweepParameterSpec {
  return spec.over === 'load' ? { load: [spec.min] } : { path: spec.over, values: [spec.min] };
}

/**
 * Bisects replication `replication` of `base` (a validated document) under `seed`.
 * @throws SweepError for a parameter that cannot be set; ScenarioError for a trial value that
 *   makes the scenario invalid.
 */
export function searchReplication(
  base: Record<string, unknown>,
  spec: CapacitySearchSpec,
  seed: number | string,
  replication: number,
): ReplicationCapacity {
  const parameter = [searchParameter(spec)];
  const trials: CapacityTrialRow[] = [];
  const slo = spec.slo;
  const found = bisect(spec.min, spec.max, spec.resolution, (value) => {
    const document = withPointValues(base, parameter, [value]);
    const m = pointMeasures(runReplications(document, { seed, replications: 1, first: replication }));
    const droppedRate = m.failureRateByCause['dropped-iteration']?.value ?? 0;
    const figures = {
      failureRate: m.failureRate.value,
      p50Ms: m.latencyMs.p50.value,
      p95Ms: m.latencyMs.p95.value,
      p99Ms: m.latencyMs.p99.value,
    };
    // Dropped iterations are failures too: an open-loop load the clients could not even send.
    const meets = droppedRate < slo.failureRate && meetsSlo(figures, slo);
    trials.push({ value, meetsSlo: meets, ...figures, droppedRate, bottleneck: m.bottleneck });
    return meets;
  });
  return { replication, capacity: found.passing, atUpperBound: found.atUpperBound, trials };
}

/** The answer of a search over all replications. */
export interface CapacityAnswer {
  /**
   * Mean of the replications' capacities with its 95 % CI; null when any replication failed even
   * at `min` (the capacity is below the range searched).
   */
  readonly capacity: Estimate | null;
  /** Replications that met the SLO at `max`: the capacity is at least what is reported. */
  readonly atUpperBound: number;
  /** Replications that failed at `min`. */
  readonly belowMin: number;
  readonly note: string | null;
}

/** Combines the replications' capacities. */
export function capacityAnswer(replications: readonly ReplicationCapacity[]): CapacityAnswer {
  const belowMin = replications.filter((r) => r.capacity === null).length;
  const atUpperBound = replications.filter((r) => r.atUpperBound).length;
  if (belowMin > 0)
    return {
      capacity: null,
      atUpperBound,
      belowMin,
      note: `${belowMin} of ${replications.length} replications failed the SLO at min: lower min`,
    };
  const values = replications.map((r) => r.capacity!);
  const ci = values.length > 1 ? confidenceInterval(values) : null;
  const mean = values.reduce((t, v) => t + v, 0) / values.length;
  return {
    capacity: { value: round(mean), ci95: ci === null ? null : [round(ci.lower), round(ci.upper)] },
    atUpperBound,
    belowMin,
    note:
      atUpperBound > 0
        ? `${atUpperBound} of ${replications.length} replications met the SLO at max: the capacity is at least this; raise max`
        : null,
  };
}
