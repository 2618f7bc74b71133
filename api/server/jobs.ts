/**
 * The jobs in flight (simulations, sweeps, capacity searches): each stored when it starts and when
 * it ends, cancellable, stopped at the time budget, with its progress kept in memory while it runs.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { JobControl } from '../jobs/run-tasks.js';
import type { RunKind, RunStore } from '../store/run-store.js';
import { QueueFullError } from '../workers/simulation-pool.js';
import { ApiError, RUN_FAILURES } from './errors.js';

/** How far a running job is: replications finished of those planned. */
export interface JobProgress {
  done: number;
  readonly total: number;
}

interface Job {
  readonly cancel: AbortController;
  readonly done: Promise<string | ApiError>;
  readonly progress: JobProgress;
}

/** The running jobs of one server. */
export class Jobs {
  readonly #running = new Map<string, Job>();

  constructor(
    private readonly store: RunStore,
    private readonly maxRunMs: number,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Jobs started and not finished. */
  get size(): number {
    return this.#running.size;
  }

  /**
   * Stores a new job and starts it; resolves when it ends, with its JSON text or the error it
   * ended with (already stored). Never rejects.
   * @param total - replications the job will run, for its progress.
   */
  start(
    id: string,
    kind: RunKind,
    request: string,
    total: number,
    work: (control: Required<JobControl>) => Promise<string>,
  ): Promise<string | ApiError> {
    this.store.create(id, kind, request);
    this.store.started(id);
    const cancel = new AbortController();
    const progress: JobProgress = { done: 0, total };
    // #run yields at its first await before it can end, so its `finally` deletes the entry after this set.
    const done = this.#run(id, work, cancel, progress);
    this.#running.set(id, { cancel, done, progress });
    return done;
  }

  /** The progress of a running job, or undefined. */
  progress(id: string): JobProgress | undefined {
    return this.#running.get(id)?.progress;
  }

  /** Cancels a running job and waits for its end; false when it is not running. */
  async cancel(id: string): Promise<boolean> {
    const job = this.#running.get(id);
    if (job === undefined) return false;
    job.cancel.abort();
    await job.done;
    return true;
  }

  async #run(
    id: string,
    work: (control: Required<JobControl>) => Promise<string>,
    cancel: AbortController,
    progress: JobProgress,
  ): Promise<string | ApiError> {
    const timeout = AbortSignal.timeout(this.maxRunMs);
    try {
      const result = await work({
        signal: AbortSignal.any([cancel.signal, timeout]),
        onProgress: () => {
          progress.done = Math.min(progress.total, progress.done + 1);
        },
      });
      this.#record(() => this.store.succeeded(id, result));
      return result;
    } catch (e) {
      const error =
        e instanceof QueueFullError
          ? new ApiError('API_ERR_QUEUE_FULL', e.message)
          : timeout.aborted
            ? new ApiError(
                'API_ERR_SIMULATION_FAILED',
                `stopped after the time budget of ${this.maxRunMs} ms`,
              )
            : new ApiError('API_ERR_SIMULATION_FAILED', `the simulation failed: ${(e as Error).message}`);
      const code = cancel.signal.aborted
        ? RUN_FAILURES.cancelled
        : timeout.aborted
          ? RUN_FAILURES.timedOut
          : error.code;
      const message = cancel.signal.aborted ? 'cancelled' : error.message;
      this.#record(() => this.store.failed(id, JSON.stringify({ code, message })));
      return error;
    } finally {
      this.#running.delete(id);
    }
  }

  // A job that ends while the server shuts down finds the store closed: it stays "running" there,
  // and the next start marks it failed as interrupted, which is what happened to it.
  #record(write: () => void): void {
    try {
      write();
    } catch (e) {
      this.log.warn(e, 'could not record the end of a run');
    }
  }
}
