/**
 * The worker-thread side of every job: a whole simulation, one point of a sweep, or one
 * replication's capacity bisection. Each answers JSON text, so the main thread stores and sends
 * exactly the bytes a worker produced; the same task gives the same text in any thread.
 */
import type { MessagePort } from 'node:worker_threads';
import { runReplications, runScenario } from '../../models/index.js';
import { searchReplication } from '../../models/sweep/capacity-search.js';
import { pointMeasures } from '../../models/sweep/point-row.js';
import type { CapacitySearchSpec } from '../../models/sweep/schema.js';

/** A whole simulation: its summary. */
export interface SimulateTask {
  readonly kind?: 'simulation';
  /** A validated scenario document (plain JSON). */
  readonly document: unknown;
  readonly seed?: number;
  readonly replications?: number;
}

/** One point of a sweep: its measures (`PointMeasures`). */
export interface SweepPointTask {
  readonly kind: 'sweep-point';
  readonly document: unknown;
  readonly seed: number | string;
  readonly replications: number;
}

/** One replication of a capacity search: its bisection (`ReplicationCapacity`). */
export interface CapacityReplicationTask {
  readonly kind: 'capacity-replication';
  readonly document: Record<string, unknown>;
  readonly search: CapacitySearchSpec;
  readonly seed: number | string;
  readonly replication: number;
}

/** Anything a worker runs. */
export type WorkerTask = SimulateTask | SweepPointTask | CapacityReplicationTask;

/** A task as sent to a thread: with the port its progress goes to (one message per replication). */
export type PortedTask = WorkerTask & { readonly progress?: MessagePort };

/**
 * Runs a task in this thread.
 * @param onProgress - called once per replication finished (for a capacity search, per replication's bisection).
 */
export function runTask(task: WorkerTask, onProgress?: () => void): string {
  const progress = onProgress === undefined ? {} : { onProgress };
  switch (task.kind) {
    case 'sweep-point':
      return JSON.stringify(
        pointMeasures(
          runReplications(task.document, { seed: task.seed, replications: task.replications, ...progress }),
        ),
      );
    case 'capacity-replication': {
      const found = searchReplication(task.document, task.search, task.seed, task.replication);
      onProgress?.();
      return JSON.stringify(found);
    }
    default:
      return JSON.stringify(
        runScenario(task.document, {
          ...(task.seed === undefined ? {} : { seed: task.seed }),
          ...(task.replications === undefined ? {} : { replications: task.replications }),
          ...progress,
        }),
      );
  }
}

/** Piscina's entry: runs the task, its progress going to the port it carries. */
export default function work(task: PortedTask): string {
  const port = task.progress;
  try {
    return runTask(task, port === undefined ? undefined : () => port.postMessage(1));
  } finally {
    port?.close();
  }
}
