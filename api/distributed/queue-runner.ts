/**
 * A {@link TaskRunner} whose tasks run on other processes, possibly other machines: each task is
 * a BullMQ job on a Redis queue, taken by whichever `capsim worker` is free. A job whose worker
 * dies is handed to another (BullMQ's stalled-job check); since a task's result depends on the
 * task alone, a retried job gives the same result, and each task is awaited once, so each counts
 * once. Results come back as JSON text; a part of a simulation's replications comes back as
 * records (`recordsToJson`).
 */
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { recordsFromJson } from '../../models/index.js';
import type { TaskResult, WorkerTask } from '../workers/simulate-worker.js';
import type { TaskRunner } from '../workers/simulation-pool.js';
import { DEFAULT_QUEUE } from './redis.js';

/** Settings of a {@link QueueRunner}. */
export interface QueueRunnerOptions {
  /** A connected client (see `connectRedis`); the runner makes its own connections from it. */
  readonly redis: Redis;
  readonly queue?: string;
  /** Jobs a job keeps queued or running at once. Default 1,024: the workers set the pace. */
  readonly inFlight?: number;
  /** Attempts of a job that fails (a crash in its worker, say). Default 3. */
  readonly attempts?: number;
  /**
   * How often each job in flight is looked for (ms). A job Redis lost (restarted without its data,
   * or flushed) is queued again under the same id. Default 10,000.
   */
  readonly checkMs?: number;
}

/** Replications a task runs: what its completion adds to a job's progress. */
const replicationsOf = (task: WorkerTask): number =>
  task.kind === 'replications' || task.kind === 'sweep-point' ? task.replications : 1;

/** Runs tasks as jobs on a Redis queue. */
export class QueueRunner implements TaskRunner {
  readonly threads: number;
  readonly #queue: Queue;
  readonly #events: QueueEvents;
  readonly #attempts: number;
  readonly #checkMs: number;
  readonly #connections: Redis[];
  readonly #prefix = randomUUID();
  #next = 0;
  #requeued = 0;

  constructor(options: QueueRunnerOptions) {
    const name = options.queue ?? DEFAULT_QUEUE;
    this.threads = options.inFlight ?? 1024;
    this.#attempts = options.attempts ?? 3;
    this.#checkMs = options.checkMs ?? 10_000;
    // BullMQ leaves connections it was given open: close() closes them.
    this.#connections = [options.redis.duplicate(), options.redis.duplicate()];
    this.#queue = new Queue(name, { connection: this.#connections[0]! });
    this.#events = new QueueEvents(name, { connection: this.#connections[1]! });
    // Every job in flight waits on the events (a listener each).
    this.#events.setMaxListeners(this.threads + 16);
    this.#queue.setMaxListeners(this.threads + 16);
  }

  /** Jobs queued again because Redis had lost them. */
  get requeued(): number {
    return this.#requeued;
  }

  /** Resolves when the runner listens for results (call before the first job). */
  async ready(): Promise<void> {
    await Promise.all([this.#queue.waitUntilReady(), this.#events.waitUntilReady()]);
  }

  async run<T extends WorkerTask>(
    task: T,
    options: { signal?: AbortSignal; onProgress?: () => void } = {},
  ): Promise<TaskResult<T>> {
    const { signal, onProgress } = options;
    signal?.throwIfAborted();
    const name = task.kind ?? 'simulation';
    const jobOptions = {
      // Unique, and never an integer (BullMQ reserves those).
      jobId: `${this.#prefix}-${this.#next++}`,
      attempts: this.#attempts,
      backoff: { type: 'fixed' as const, delay: 1000 },
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 24 * 3600 },
    };
    const job = await this.#queue.add(name, task, jobOptions);
    // The waiter follows the id: a job queued again under it completes this wait.
    const finished = job.waitUntilFinished(this.#events) as Promise<string>;
    const watch = setInterval(() => {
      this.#queue
        .getJobState(jobOptions.jobId)
        .then(async (state) => {
          if (state !== 'unknown') return;
          this.#requeued++;
          await this.#queue.add(name, task, jobOptions);
        })
        // Redis away: looked for again next time.
        .catch(() => {});
    }, this.#checkMs);
    let text: string;
    try {
      text = await this.#settled(finished, job, signal);
    } finally {
      clearInterval(watch);
    }
    for (let i = replicationsOf(task); i > 0; i--) onProgress?.();
    return (task.kind === 'replications' ? recordsFromJson(text) : text) as TaskResult<T>;
  }

  // The job's result, or the signal's reason when it aborts first (the job is then removed if no
  // worker has taken it yet; one running finishes unheeded).
  async #settled(finished: Promise<string>, job: Job, signal: AbortSignal | undefined): Promise<string> {
    if (signal === undefined) return finished;
    let stop = (): void => {};
    const aborted = new Promise<never>((_, reject) => {
      stop = () => {
        void job.remove().catch(() => {});
        reject(signal.reason);
      };
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
    });
    try {
      return await Promise.race([finished, aborted]);
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.#events.close(), this.#queue.close()]);
    for (const c of this.#connections) c.disconnect();
  }
}
