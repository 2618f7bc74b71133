/**
 * "How much load does this configuration take?": the highest constant arrival rate (or number of
 * concurrent users) at which a variant meets a service level, found by bisection. Assumes that
 * meeting the SLO is monotone in the load (true of every queue in the model; an HPA still scaling up at the warm-up's end can
 * break it, which is why trials have a warm-up).
 */
import { runForMetrics } from '../calibration/run-metrics.js';
import { bisect } from '../sweep/bisect.js';
import { meetsSlo } from '../sweep/slo.js';
import type { Bottleneck } from '../report/summary-types.js';
import { variantDocument } from './preset-document.js';
import type { CapacityQuestion, Preset } from './types.js';

/** One trial of the search. */
export interface CapacityTrial {
  readonly ratePerSec: number;
  readonly meetsSlo: boolean;
  readonly failureRate: number | null;
  readonly medianMs: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  /** The run's most utilized component and why. */
  readonly bottleneck: Bottleneck;
}

/** What the search found. */
export interface CapacityResult {
  /**
   * The highest rate tried that met the SLO, within `resolution` of the true limit; null when even
   * `minRate` failed. When `maxRate` passed it is `maxRate` and `atUpperBound` is set.
   */
  readonly ratePerSec: number | null;
  readonly atUpperBound: boolean;
  /** The lowest rate tried that failed the SLO; null when none did. */
  readonly failingRatePerSec: number | null;
  readonly trials: readonly CapacityTrial[];
}

/**
 * Bisects the constant arrival rate between the question's bounds.
 * @throws ScenarioError / CalibrationError for a bad variant or parameters.
 */
export function capacityOf(
  preset: Preset,
  variant: string,
  values: Readonly<Record<string, number>>,
  q: CapacityQuestion,
): CapacityResult {
  const trials: CapacityTrial[] = [];
  const trial = (ratePerSec: number): boolean => {
    const doc = variantDocument(preset, variant, values);
    doc.load =
      q.over === 'vus'
        ? { executor: 'constant-vus', vus: ratePerSec, ...q.load }
        : { executor: 'constant-arrival-rate', rate: ratePerSec, ...q.load };
    doc.warmup = q.warmup;
    if (q.replications !== undefined) doc.replications = q.replications;
    const { metrics: m, summary } = runForMetrics(doc);
    const get = (k: string) => m.get(k) ?? null;
    const t: CapacityTrial = {
      ratePerSec,
      failureRate: get('http_req_failed.rate'),
      medianMs: get('http_req_duration.med'),
      p95Ms: get('http_req_duration.p(95)'),
      p99Ms: get('http_req_duration.p(99)'),
      bottleneck: summary.bottleneck,
      meetsSlo: false,
    };
    const meets = meetsSlo(
      { failureRate: t.failureRate, p50Ms: t.medianMs, p95Ms: t.p95Ms, p99Ms: t.p99Ms },
      { ...q.slo, p50Ms: q.slo.medianMs },
    );
    trials.push({ ...t, meetsSlo: meets });
    return meets;
  };
  const found = bisect(q.minRate, q.maxRate, q.resolution, trial);
  return {
    ratePerSec: found.passing,
    atUpperBound: found.atUpperBound,
    failingRatePerSec: found.failing,
    trials,
  };
}
