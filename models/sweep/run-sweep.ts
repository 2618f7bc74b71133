/**
 * A sweep plan run in this thread, one point after the other: what notebooks and scripts call.
 * The API spreads the same points over worker threads (`api/jobs/sweep-job.ts`); both measure a
 * point with {@link measurePoint} and assemble with {@link planResult}, so the answers are the same
 * bytes.
 */
import type { ReplicationRecord } from '../scenario/replication-record.js';
import { runOfRecords, runReplications } from '../scenario/run.js';
import type { SweepPlan } from './plan.js';
import { pointMeasures } from './point-row.js';
import type { PointMeasures } from './point-row.js';
import { sweepResult } from './sweep-result.js';
import type { SweepResult } from './sweep-result.js';

/**
 * One point's measures: its replications run with the sweep's seed (the same at every point).
 * @param onProgress - called after each replication.
 */
export function measurePoint(
  document: unknown,
  seed: number | string,
  replications: number,
  onProgress?: () => void,
): PointMeasures {
  return pointMeasures(
    runReplications(document, { seed, replications, ...(onProgress === undefined ? {} : { onProgress }) }),
  );
}

/**
 * One point's measures from its replications' records, run in parts (one machine each, say): the
 * same as {@link measurePoint} when the records are replications 0 to `replications − 1`.
 * @throws RangeError when they are not (see `runOfRecords`).
 */
export function measureRecords(
  document: unknown,
  seed: number | string,
  replications: number,
  records: readonly ReplicationRecord[],
): PointMeasures {
  return pointMeasures(runOfRecords(document, { seed, replications }, records));
}

/** The sweep's answer from its points' measures, in point order. */
export function planResult(plan: SweepPlan, measures: readonly PointMeasures[]): SweepResult {
  return sweepResult(
    { scenario: plan.scenario, seed: plan.seed, replications: plan.replications },
    plan.parameters,
    plan.points.map((p) => p.values),
    measures,
  );
}

/** Runs every point of the plan here and answers the sweep. */
export function runSweepPlan(plan: SweepPlan): SweepResult {
  return planResult(
    plan,
    plan.points.map((p) => measurePoint(p.document, plan.seed, plan.replications)),
  );
}
