/**
 * A sweep and a capacity search as jobs: their tasks spread over a runner's threads, their answers
 * put together as JSON text. The text depends only on the plan and the seed, not on how many
 * threads ran it.
 */
import type { SweepPlan, CapacityPlan } from '../../models/sweep/plan.js';
import type { PointMeasures } from '../../models/sweep/point-row.js';
import { planResult } from '../../models/sweep/run-sweep.js';
import { capacityAnswer } from '../../models/sweep/capacity-search.js';
import type { ReplicationCapacity } from '../../models/sweep/capacity-search.js';
import type { CapacitySearchSpec } from '../../models/sweep/schema.js';
import type { TaskRunner } from '../workers/simulation-pool.js';
import { runTasks } from './run-tasks.js';
import type { JobControl } from './run-tasks.js';

/**
 * Runs every point of the plan; resolves with the `SweepResult` as JSON text.
 * @param remote - where to run the replications instead (a Redis queue's workers): one job per
 *   point and replication, their records merged per point on `runner`. The text is the same.
 */
export async function runSweep(
  runner: TaskRunner,
  plan: SweepPlan,
  control: JobControl = {},
  remote?: TaskRunner,
): Promise<string> {
  const { seed, replications } = plan;
  let texts: string[];
  if (remote === undefined)
    texts = await runTasks(
      runner,
      plan.points.map((p) => ({
        task: { kind: 'sweep-point', document: p.document, seed, replications },
        cost: p.events,
      })),
      control,
    );
  else {
    const records = await runTasks(
      remote,
      plan.points.flatMap((p) =>
        Array.from({ length: replications }, (_, first) => ({
          task: { kind: 'replications' as const, document: p.document, seed, first, replications: 1 },
          cost: p.events,
        })),
      ),
      control,
    );
    texts = await runTasks(
      runner,
      plan.points.map((p, k) => ({
        task: {
          kind: 'point-records' as const,
          document: p.document,
          seed,
          replications,
          records: records.slice(k * replications, (k + 1) * replications).flat(),
        },
        cost: 1,
      })),
      control.signal === undefined ? {} : { signal: control.signal },
    );
  }
  return JSON.stringify(
    planResult(
      plan,
      texts.map((t) => JSON.parse(t) as PointMeasures),
    ),
  );
}

/** Runs each replication's bisection; resolves with the answer as JSON text. */
export async function runCapacitySearch(
  runner: TaskRunner,
  base: Record<string, unknown>,
  search: CapacitySearchSpec,
  plan: CapacityPlan,
  control: JobControl = {},
): Promise<string> {
  const texts = await runTasks(
    runner,
    Array.from({ length: plan.replications }, (_, replication) => ({
      task: { kind: 'capacity-replication' as const, document: base, search, seed: plan.seed, replication },
      cost: 1,
    })),
    control,
  );
  const replications = texts.map((t) => JSON.parse(t) as ReplicationCapacity);
  return JSON.stringify({
    scenario: plan.scenario,
    seed: plan.seed,
    replications: plan.replications,
    search: { ...search, unit: plan.unit },
    ...capacityAnswer(replications),
    perReplication: replications,
  });
}
