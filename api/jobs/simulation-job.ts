/**
 * A simulation as a job. With one thread, or one replication, it is one task. Otherwise its
 * replications are split into contiguous parts, one per thread, and a last task summarizes their
 * records; replication i always runs with the streams of (seed, i), so the summary's text is the
 * same as the single task's, byte for byte.
 */
import type { TaskRunner } from '../workers/simulation-pool.js';
import { runTasks } from './run-tasks.js';
import type { JobControl } from './run-tasks.js';

/** A validated scenario document and the run's settings. */
export interface SimulationJob {
  readonly document: unknown;
  readonly seed?: number | string;
  /** The override of the scenario's replications, if any. */
  readonly replications?: number;
  /** Replications the run has (the override, or the scenario's own). */
  readonly total: number;
}

/**
 * The replications `[first, first + count)` of each part: `total` split into `parts` contiguous
 * runs whose sizes differ by at most one, the larger first.
 */
export function splitReplications(total: number, parts: number): { first: number; count: number }[] {
  const n = Math.max(1, Math.min(parts, total));
  const base = Math.floor(total / n);
  const extra = total % n;
  let first = 0;
  return Array.from({ length: n }, (_, i) => {
    const count = base + (i < extra ? 1 : 0);
    const part = { first, count };
    first += count;
    return part;
  });
}

/** Runs the simulation; resolves with its `RunSummary` as JSON text. */
export async function runSimulation(
  runner: TaskRunner,
  job: SimulationJob,
  control: JobControl = {},
): Promise<string> {
  const settings = {
    document: job.document,
    ...(job.seed === undefined ? {} : { seed: job.seed }),
    ...(job.replications === undefined ? {} : { replications: job.replications }),
  };
  const parts = splitReplications(job.total, runner.threads);
  if (parts.length === 1) return runner.run({ ...settings, kind: 'simulation' as const }, control);
  const records = await runTasks(
    runner,
    parts.map(({ first, count }) => ({
      task: { ...settings, kind: 'replications' as const, first, replications: count },
      cost: count,
    })),
    control,
  );
  const { signal } = control;
  return runner.run(
    { ...settings, kind: 'summary', records: records.flat() },
    signal === undefined ? {} : { signal },
  );
}
