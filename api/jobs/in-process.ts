/**
 * A task runner without threads: the command line's `--threads 1` and tests that compare its bytes
 * with the pool's. Tasks run one at a time on the calling thread (each still yields between tasks).
 */
import type { TaskRunner } from '../workers/simulation-pool.js';
import { runTask } from '../workers/simulate-worker.js';

/** Runs tasks in this thread. */
export const inProcessRunner: TaskRunner = {
  threads: 1,
  async run(task, options = {}) {
    // Let the caller's bookkeeping (progress, other jobs' callbacks) run between tasks.
    await new Promise((resolve) => setImmediate(resolve));
    options.signal?.throwIfAborted();
    return runTask(task, options.onProgress);
  },
};
