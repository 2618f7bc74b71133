/**
 * Consumers (of a Kafka topic or a RabbitMQ queue) whose processing is a program of steps run on a service's pods (a Spring
 * Kafka listener writing to the database through the pod's Hikari pool, say). Consumer i runs on
 * pod i mod replicas, on its own listener thread: it uses the pod's CPU, pools and Redis clients
 * but not its HTTP worker threads.
 */
import type { ConsumerWorker, DeliveredMessage } from '../messaging/index.js';
import type { Op } from '../../endpoint/program.js';
import { Strand } from '../../request/strand.js';
import type { PodRuntime } from '../../request/strand.js';

/** One consumer instance as the interpreter sees it: a pod of its own that runs one message at a time. */
class ConsumerRuntime implements PodRuntime {
  inFlight = 0;
  /** The message being processed, or null. */
  current: DeliveredMessage<Strand> | null = null;

  constructor(
    /** The consumer's index in its group. */
    readonly consumer: number,
    private readonly worker: StepWorker,
    private readonly pod: PodRuntime,
  ) {}

  /** The pod's index: what a produce step of the consumer batches under. */
  get index(): number {
    return this.pod.index;
  }

  get pools() {
    return this.pod.pools;
  }

  get redis() {
    return this.pod.redis;
  }

  runCpu(strand: Strand, workMs: number): void {
    this.pod.runCpu(strand, workMs);
  }

  finish(root: Strand): void {
    const message = this.current!;
    this.current = null;
    this.worker.finished(this, message, root.failCause);
  }
}

/**
 * A {@link ConsumerWorker} running compiled steps. Built before the pods exist; {@link StepWorker.bind}
 * gives it its program and pods once the services are compiled.
 */
export class StepWorker implements ConsumerWorker<Strand> {
  /** Messages whose processing failed, by cause (the listener's error handler drops them). */
  readonly failures: Record<string, number> = {};
  #ops: readonly Op[] = [];
  #consumers: ConsumerRuntime[] = [];
  #advance: (s: Strand) => void = () => {};

  /** Gives the worker its program, the pods it runs on (consumer i on pod i mod pods) and the interpreter. */
  bind(
    ops: readonly Op[],
    pods: readonly PodRuntime[],
    consumers: number,
    advance: (s: Strand) => void,
  ): void {
    this.#ops = ops;
    this.#advance = advance;
    this.#consumers = Array.from(
      { length: consumers },
      (_, i) => new ConsumerRuntime(i, this, pods[i % pods.length]!),
    );
  }

  process(consumerIndex: number, message: DeliveredMessage<Strand>): void {
    const consumer = this.#consumers[consumerIndex]!;
    consumer.current = message;
    const strand = new Strand(this.#ops, null, null);
    strand.pod = consumer;
    this.#advance(strand);
  }

  /** @internal Called by a consumer when its message's program is over. */
  finished(consumer: ConsumerRuntime, message: DeliveredMessage<Strand>, cause: string | null): void {
    if (cause !== null) this.failures[cause] = (this.failures[cause] ?? 0) + 1;
    message.source.processed(consumer.consumer, message);
  }
}
