/**
 * The simplest consumer: processing a message is a pure delay drawn from a sampler (no CPU, no
 * downstream calls). For tests and for scenarios that only need a consumer's throughput.
 */
import type { Environment, Sampler } from '../../../engine/index.js';
import type { ConsumerWorker, DeliveredMessage } from './consumer-worker.js';

/**
 * A {@link ConsumerWorker} whose processing time is `processMs()` per message. Each consumer
 * processes one message at a time (the broker guarantees it), so a consumer's capacity is
 * 1 / mean(processMs) messages per ms.
 */
export class DelayWorker<T> implements ConsumerWorker<T> {
  readonly #env: Environment;
  readonly #processMs: Sampler;

  /**
   * @param processMs processing time per message (ms, draws ≥ 0).
   * @throws RangeError if `processMs` is not a function.
   */
  constructor(env: Environment, processMs: Sampler) {
    if (typeof processMs !== 'function')
      throw new RangeError('DelayWorker: processMs must be a sampler function');
    this.#env = env;
    this.#processMs = processMs;
  }

  process(_consumerIndex: number, message: DeliveredMessage<T>): void {
    this.#env.schedule(this.#processMs(), DelayWorker.#done, message);
  }

  static #done<T>(this: void, message: DeliveredMessage<T>): void {
    message.source.processed(message.consumer, message);
  }
}
