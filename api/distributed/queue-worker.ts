/**
 * `capsim worker`: takes tasks from the Redis queue and runs them on this machine's worker
 * threads. Any number of them, on any number of machines, share the queue. A worker that dies
 * mid-job leaves the job's lock to expire; another worker's stalled-job check then hands the job
 * out again (BullMQ), so `lockMs` bounds how long a dead worker delays a sweep.
 */
import { Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { recordsToJson } from '../../models/index.js';
import type { WorkerTask } from '../workers/simulate-worker.js';
import { SimulationPool } from '../workers/simulation-pool.js';
import { DEFAULT_QUEUE } from './redis.js';

/** Settings of a queue worker. */
export interface QueueWorkerOptions {
  readonly redis: Redis;
  readonly queue?: string;
  /** Tasks run at once, one worker thread each. Default: the machine's parallelism. */
  readonly threads?: number;
  /**
   * How long a job stays locked to this worker without a renewal (ms), and how often stalled jobs
   * are looked for. Default 30,000 (BullMQ's). Renewals come from the event loop, which the
   * simulations never block (they run in threads).
   */
  readonly lockMs?: number;
}

/** A running worker. */
export interface QueueWorker {
  /** Jobs completed since start. */
  readonly completed: () => number;
  /** Stops taking jobs, lets running ones finish, and closes. */
  close(): Promise<void>;
}

/** Starts a worker on the queue. */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const pool = new SimulationPool(options.threads === undefined ? {} : { threads: options.threads });
  const lockMs = options.lockMs ?? 30_000;
  let completed = 0;
  // BullMQ leaves a connection it was given open: close() closes it.
  const connection = options.redis.duplicate();
  const worker = new Worker(
    options.queue ?? DEFAULT_QUEUE,
    async (job: Job<WorkerTask>) => {
      const task = job.data;
      const result = await pool.run(task);
      completed++;
      return typeof result === 'string' ? result : recordsToJson(result);
    },
    {
      connection,
      concurrency: pool.threads,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      // A job may outlive several dead workers before it is failed.
      maxStalledCount: 5,
    },
  );
  // Errors of the connection are retried by ioredis; they must not crash the process.
  worker.on('error', () => {});
  await worker.waitUntilReady();
  return {
    completed: () => completed,
    async close() {
      await worker.close();
      await pool.close();
      connection.disconnect();
    },
  };
}
