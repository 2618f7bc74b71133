/**
 * Runs a job's independent tasks on a runner: at most `runner.threads` at once, the costliest
 * first (longest-processing-time order, so two threads finish close together), each result put
 * back in its task's place. The first failure stops the rest.
 */
import { setMaxListeners } from 'node:events';
import type { TaskResult, WorkerTask } from '../workers/simulate-worker.js';
import type { TaskRunner } from '../workers/simulation-pool.js';

/** Signal and progress of a job; progress counts replications finished. */
export interface JobControl {
  readonly signal?: AbortSignal;
  readonly onProgress?: () => void;
}

/** A task and its expected cost (any unit; only the order matters). */
export interface WeightedTask<T extends WorkerTask = WorkerTask> {
  readonly task: T;
  readonly cost: number;
}

/**
 * The tasks' results, in the tasks' order.
 * @param onProgress - called once per replication finished, in any task.
 * @throws the first task's error (the others are aborted); the signal's reason when aborted.
 */
export async function runTasks<T extends WorkerTask>(
  runner: TaskRunner,
  tasks: readonly WeightedTask<T>[],
  options: JobControl = {},
): Promise<TaskResult<T>[]> {
  const order = tasks.map((_, i) => i).sort((a, b) => tasks[b]!.cost - tasks[a]!.cost || a - b);
  const results = new Array<TaskResult<T>>(tasks.length);
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  // Each task in flight may listen for the abort (a queue runner has hundreds in flight).
  setMaxListeners(runner.threads + 16, signal);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < order.length) {
      signal.throwIfAborted();
      const i = order[next++]!;
      results[i] = await runner.run(tasks[i]!.task, {
        signal,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      });
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(runner.threads, tasks.length)) }, lane);
  try {
    await Promise.all(lanes.map((p) => p.catch((e: unknown) => (stop.abort(e), Promise.reject(e)))));
  } catch (e) {
    // Let the other lanes see the abort and settle before the caller moves on.
    await Promise.allSettled(lanes);
    throw options.signal?.aborted === true ? options.signal.reason : e;
  }
  return results;
}
