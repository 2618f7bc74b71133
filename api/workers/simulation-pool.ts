/**
 * Simulations run in worker threads (piscina), never on the server's event loop: a bounded number
 * of threads and a bounded queue. A worker that crashes fails its job; piscina replaces the thread.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { SimulateTask } from './simulate-worker.js';

/** Settings of a {@link SimulationPool}. */
export interface SimulationPoolOptions {
  /** Worker threads (≥ 1). Default: the machine's parallelism. */
  readonly threads?: number;
  /** Jobs waiting for a thread at most; more are refused. Default 100. */
  readonly maxQueue?: number;
}

/** Thrown by {@link SimulationPool.run} when the queue is full. */
export class QueueFullError extends Error {
  readonly code = 'API_ERR_QUEUE_FULL';
}

/** The worker pool. */
export class SimulationPool {
  readonly #piscina: Piscina;
  readonly #maxQueue: number;

  constructor(options: SimulationPoolOptions = {}) {
    const threads = options.threads ?? availableParallelism();
    this.#maxQueue = options.maxQueue ?? 100;
    this.#piscina = new Piscina({
      filename: new URL('./simulate-worker.ts', import.meta.url).href,
      // The worker is TypeScript: load it through tsx, as bin/capsim.js does.
      execArgv: ['--import', 'tsx'],
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
   * Runs a scenario in a worker; resolves with the result's JSON text.
   * @throws QueueFullError when the queue is full; rejects with the worker's error otherwise.
   */
  async run(task: SimulateTask, signal?: AbortSignal): Promise<string> {
    if (this.#piscina.queueSize >= this.#maxQueue) throw new QueueFullError('the simulation queue is full');
    return (await this.#piscina.run(task, signal === undefined ? {} : { signal })) as string;
  }

  async close(): Promise<void> {
    await this.#piscina.destroy();
  }
}
