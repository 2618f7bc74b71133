/**
 * Simulations run in worker threads (piscina), never on the server's event loop: a bounded number
 * of threads and a bounded queue. A worker that crashes fails its job; piscina replaces the thread.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { TaskResult, WorkerTask } from './simulate-worker.js';
import { workerBundle } from './worker-bundle.js';

/** Settings of a {@link SimulationPool}. */
export interface SimulationPoolOptions {
  /** Worker threads (≥ 1). Default: the machine's parallelism. */
  readonly threads?: number;
  /** Jobs waiting for a thread at most; more are refused. Default 100. */
  readonly maxQueue?: number;
  /** Young-generation size of each thread's heap (MB). Default 64. */
  readonly youngGenerationMb?: number;
}

/** Thrown by {@link SimulationPool.run} when the queue is full. */
export class QueueFullError extends Error {
  readonly code = 'API_ERR_QUEUE_FULL';
}

/** How a job's tasks get run: by a pool of threads, or in-process (`api/jobs/in-process.ts`). */
export interface TaskRunner {
  /** Tasks it runs at once. */
  readonly threads: number;
  /**
   * Runs a task; resolves with its result (JSON text, or a simulation part's records).
   * @param onProgress - called once per replication finished.
   */
  run<T extends WorkerTask>(
    task: T,
    options?: { signal?: AbortSignal; onProgress?: () => void },
  ): Promise<TaskResult<T>>;
}

/** The worker pool. */
export class SimulationPool implements TaskRunner {
  readonly threads: number;
  readonly #piscina: Piscina;
  readonly #maxQueue: number;

  constructor(options: SimulationPoolOptions = {}) {
    const threads = options.threads ?? availableParallelism();
    this.threads = threads;
    this.#maxQueue = options.maxQueue ?? 100;
    const bundle = workerBundle();
    this.#piscina = new Piscina({
      // One JavaScript file when it could be built; else the TypeScript through tsx, as bin/capsim.js loads it.
      ...(bundle === null
        ? { filename: new URL('./simulate-worker.ts', import.meta.url).href, execArgv: ['--import', 'tsx'] }
        : { filename: bundle }),
      // A simulation allocates short-lived objects (events, requests) at a high rate; a larger young
      // generation means fewer scavenges, and scavenges of two threads on two cores compete for the
      // same GC helper threads. Measured on the 20-point sweep of `npm run bench` (2 cores): the
      // speed-up of 2 threads over 1 went from 1.49 (the default) to 1.73-1.90 with 64 MB.
      resourceLimits: { maxYoungGenerationSizeMb: options.youngGenerationMb ?? 64 },
      minThreads: threads,
      maxThreads: threads,
      maxQueue: this.#maxQueue,
    });
  }

  /** Jobs waiting for a thread. */
  get queued(): number {
    return this.#piscina.queueSize;
  }

  /**
   * Runs a task in a worker; resolves with its result (see {@link TaskResult}).
   * @throws QueueFullError when the queue is full; rejects with the worker's error otherwise.
   */
  async run<T extends WorkerTask>(
    task: T,
    options: { signal?: AbortSignal; onProgress?: () => void } = {},
  ): Promise<TaskResult<T>> {
    if (this.#piscina.queueSize >= this.#maxQueue) throw new QueueFullError('the simulation queue is full');
    const { signal, onProgress } = options;
    if (onProgress === undefined)
      return (await this.#piscina.run(task, signal === undefined ? {} : { signal })) as TaskResult<T>;
    const channel = new MessageChannel();
    // The result comes back on piscina's own channel, which may overtake the progress port's last
    // messages: a task that succeeds ends its progress with 'end', awaited before resolving.
    let ended = (): void => {};
    const allReported = new Promise<void>((resolve) => (ended = resolve));
    channel.port1.on('message', (message) => (message === 'end' ? ended() : onProgress()));
    try {
      const result = (await this.#piscina.run(
        { ...task, progress: channel.port2 },
        { transferList: [channel.port2], ...(signal === undefined ? {} : { signal }) },
      )) as TaskResult<T>;
      await allReported;
      return result;
    } finally {
      channel.port1.close();
    }
  }

  async close(): Promise<void> {
    await this.#piscina.destroy();
  }
}
