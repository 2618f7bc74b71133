/**
 * The worker-thread side of every job: a whole simulation, a part of a simulation's replications
 * and their summary, one point of a sweep, or one replication's capacity bisection. Results are
 * JSON text, so the main thread stores and sends exactly the bytes a worker produced; the same
 * task gives the same text in any thread. Only a simulation's parts answer data (their records),
 * which go to a summary task.
 */
import type { MessagePort } from 'node:worker_threads';
import { runReplications, runScenario, summarizeRecords, toReplicationRecord } from '../../models/index.js';
import type { ReplicationRecord } from '../../models/index.js';
import { searchReplication } from '../../models/sweep/capacity-search.js';
import { measurePoint, measureRecords } from '../../models/sweep/run-sweep.js';
import type { CapacitySearchSpec } from '../../models/sweep/schema.js';

/** A whole simulation: its summary. */
export interface SimulateTask {
  readonly kind?: 'simulation';
  /** A validated scenario document (plain JSON). */
  readonly document: unknown;
  readonly seed?: number | string;
  readonly replications?: number;
}

/** Replications `first` to `first + replications − 1` of a simulation: their records. */
export interface ReplicationsTask {
  readonly kind: 'replications';
  readonly document: unknown;
  readonly seed?: number | string;
  readonly first: number;
  readonly replications: number;
}

/** The summary of a simulation's records, all its replications in order. */
export interface SummaryTask {
  readonly kind: 'summary';
  readonly document: unknown;
  readonly seed?: number | string;
  readonly replications?: number;
  readonly records: readonly ReplicationRecord[];
}

/** One point of a sweep: its measures (`PointMeasures`). */
export interface SweepPointTask {
  readonly kind: 'sweep-point';
  readonly document: unknown;
  readonly seed: number | string;
  readonly replications: number;
}

/** A sweep point's measures from its replications' records (run elsewhere, one job each). */
export interface PointRecordsTask {
  readonly kind: 'point-records';
  readonly document: unknown;
  readonly seed: number | string;
  readonly replications: number;
  readonly records: readonly ReplicationRecord[];
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
export type WorkerTask =
  SimulateTask | ReplicationsTask | SummaryTask | SweepPointTask | PointRecordsTask | CapacityReplicationTask;

/** What a task answers: records for a part of a simulation, JSON text for everything else. */
export type TaskResult<T extends WorkerTask> = T extends ReplicationsTask ? ReplicationRecord[] : string;

/** A task as sent to a thread: with the port its progress goes to (one message per replication). */
export type PortedTask = WorkerTask & { readonly progress?: MessagePort };

/**
 * Runs a task in this thread.
 * @param onProgress - called once per replication finished (for a capacity search, per replication's bisection).
 */
export function runTask<T extends WorkerTask>(task: T, onProgress?: () => void): TaskResult<T>;
export function runTask(task: WorkerTask, onProgress?: () => void): string | ReplicationRecord[] {
  const progress = onProgress === undefined ? {} : { onProgress };
  const seed = task.seed === undefined ? {} : { seed: task.seed };
  switch (task.kind) {
    case 'replications':
      return runReplications(task.document, {
        ...seed,
        first: task.first,
        replications: task.replications,
        ...progress,
      }).results.map(toReplicationRecord);
    case 'summary':
      return JSON.stringify(
        summarizeRecords(
          task.document,
          { ...seed, ...(task.replications === undefined ? {} : { replications: task.replications }) },
          task.records,
        ),
      );
    case 'point-records':
      return JSON.stringify(measureRecords(task.document, task.seed, task.replications, task.records));
    case 'sweep-point':
      return JSON.stringify(measurePoint(task.document, task.seed, task.replications, onProgress));
    case 'capacity-replication': {
      const found = searchReplication(task.document, task.search, task.seed, task.replication);
      onProgress?.();
      return JSON.stringify(found);
    }
    default:
      return JSON.stringify(
        runScenario(task.document, {
          ...seed,
          ...(task.replications === undefined ? {} : { replications: task.replications }),
          ...progress,
        }),
      );
  }
}

/**
 * Piscina's entry: runs the task, its progress going to the port it carries (1 per replication,
 * then 'end' when the task succeeded, so that the pool knows it has every message).
 */
export default function work(task: PortedTask): string | ReplicationRecord[] {
  const port = task.progress;
  try {
    const result = runTask(task, port === undefined ? undefined : () => port.postMessage(1));
    port?.postMessage('end');
    return result;
  } finally {
    port?.close();
  }
}
