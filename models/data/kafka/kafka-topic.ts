/**
 * A Kafka topic with its producers' batching and one consumer group.
 *
 * Sources: apache/kafka `clients/src/main/java/org/apache/kafka/clients/producer/ProducerConfig.java`
 * (acks, linger.ms 5 since 4.0 / KIP-1030, batch.size 16384), `producer/internals/RecordAccumulator.java`
 * (one open batch per partition; a batch is ready when full or when it has lingered linger.ms);
 * `ConsumerConfig` and the KafkaConsumer javadoc (each partition goes to exactly one consumer of a
 * group; consumers beyond the partition count are idle); Kafka's design documentation,
 * "Replication" (consumers only see committed messages, i.e. those replicated to the in-sync
 * replicas). See `/work/shared/semantics.md` §8 and `DEFAULTS.kafka`.
 *
 * Producer side, per message: a partition is drawn uniformly at random (this is how keyed messages
 * with many distinct keys spread under murmur2(key) mod partitions; the sticky partitioner that
 * Kafka uses for unkeyed messages, KIP-480/KIP-794, which fills one partition's batch at a time, is
 * not modelled). The message joins the open batch of (pod, partition): each pod is one producer
 * with its own accumulator. A batch is sent when it holds `batchMessages` messages or `lingerMs`
 * after its first message, whichever comes first. The request travels `networkMs`, the leader
 * appends (`appendMs`), followers replicate (`replicationMs`), and the response travels `networkMs`
 * back. The producer is answered:
 * - acks=0: when the batch is sent (nothing is awaited from the broker);
 * - acks=1: after network + append + network back;
 * - acks=all: after network + append + replication + network back.
 * Consumers see the batch at network + append + replication, whatever acks is (only committed
 * messages are handed to consumers); that is when the messages count as appended for the lag.
 *
 * Consumer side: partitions are assigned round-robin (partition p to consumer p mod consumers).
 * Each consumer processes one message at a time, from all its partitions in commit order, by
 * calling its {@link ConsumerWorker}; the worker reports completion with {@link KafkaTopic.processed}.
 *
 * Not modelled: broker capacity (request queues, disk), max.in.flight.requests, buffer.memory and
 * max.block.ms, producer retries, fetch latency and max.poll.records (a committed message reaches an
 * idle consumer at once), rebalances.
 */
import type { Environment, RandomSource, Sampler } from '../../../engine/index.js';
import { Deque } from '../../../engine/index.js';
import { LevelIntegral } from '../../report/level-integral.js';
import type { ConsumerWorker, DeliveredMessage, MessageSource } from '../messaging/index.js';
import type { Continuation } from '../contracts.js';

/** Producer `acks`: how much of the write the producer waits for. */
export type KafkaAcks = 'all' | '1' | '0';

/**
 * What `produce` waits for before resuming the token: the broker's acknowledgement (an ordinary
 * `send().get()`), or the end of the consumer's processing (a synchronous request/reply over Kafka).
 */
export type KafkaWaitFor = 'ack' | 'consumed';

/** Options of {@link KafkaTopic}; defaults in `DEFAULTS.kafka`. */
export interface KafkaTopicOptions {
  /** Name for results and errors (non-empty). */
  readonly name: string;
  /** Partitions (integer ≥ 1). */
  readonly partitions: number;
  /** Consumer-group size (integer ≥ 1); consumers beyond `partitions` stay idle. */
  readonly consumers: number;
  /** Producer acks. */
  readonly acks: KafkaAcks;
  /** `linger.ms`: longest time a batch waits for more messages (ms, ≥ 0). */
  readonly lingerMs: number;
  /** Messages per batch: floor(batch.size / message bytes), integer ≥ 1. */
  readonly batchMessages: number;
  /** Leader append time per batch (ms, draws ≥ 0). */
  readonly appendMs: Sampler;
  /** Replication to the in-sync followers after the append (ms, draws ≥ 0). */
  readonly replicationMs: Sampler;
  /** Producer↔broker one-way network time (ms, draws ≥ 0), drawn per request and per response. */
  readonly networkMs: Sampler;
}

/** A message as the consumer's worker sees it; `source` is its {@link KafkaTopic}. */
export interface KafkaMessage<T> extends DeliveredMessage<T> {
  /** Partition index. */
  readonly partition: number;
  /** Producing pod. */
  readonly pod: number;
  /** When `produce` was called (ms). */
  readonly producedAtMs: number;
  /** When the message became visible to consumers (ms; NaN before). */
  readonly appendedAtMs: number;
}

/** What a {@link KafkaTopic} measures. Levels carry their exact time integrals. */
export interface KafkaTopicStats {
  /** Messages given to `produce`. */
  produced: number;
  /** Messages whose producer got the broker's answer (acks=0: whose batch was sent). */
  acked: number;
  /** Messages processed by a consumer. */
  consumed: number;
  /** Batches sent, and the messages they carried. */
  batches: number;
  batchedMessages: number;
  /** Messages visible to consumers and not yet processed (in process included), over all partitions. */
  readonly lag: LevelIntegral;
  /** Current lag per partition. */
  readonly partitionLag: number[];
  /** Consumers busy processing. */
  readonly busy: LevelIntegral;
  /** Per consumer: ms spent on messages it has finished, and how many. */
  readonly consumerBusyMs: number[];
  readonly consumerProcessed: number[];
  /** Sum (ms) and count of produce latencies: from `produce` to the producer's resume. */
  produceLatencySumMs: number;
  produceLatencyCount: number;
}

/** One message: one small record per `produce`. Batches are chains of these (`batchNext`). */
class Message<T> implements KafkaMessage<T> {
  readonly token: T;
  readonly source: KafkaTopic<T>;
  readonly cont: Continuation<T>;
  readonly waitConsumed: boolean;
  readonly partition: number;
  readonly consumer: number;
  readonly pod: number;
  readonly producedAtMs: number;
  appendedAtMs = NaN;
  batchNext: Message<T> | null = null;
  constructor(
    topic: KafkaTopic<T>,
    token: T,
    cont: Continuation<T>,
    waitConsumed: boolean,
    pod: number,
    partition: number,
    consumer: number,
    nowMs: number,
  ) {
    this.source = topic;
    this.token = token;
    this.cont = cont;
    this.waitConsumed = waitConsumed;
    this.pod = pod;
    this.partition = partition;
    this.consumer = consumer;
    this.producedAtMs = nowMs;
  }
}

/** The open batch of one (pod, partition): allocated once, reused for every batch. */
class Accumulator<T> {
  readonly topic: KafkaTopic<T>;
  head: Message<T> | null = null;
  tail: Message<T> | null = null;
  count = 0;
  /** When the current batch's linger expires (ms). */
  dueMs = NaN;
  constructor(topic: KafkaTopic<T>) {
    this.topic = topic;
  }
}

/**
 * A topic: producers' accumulators per (pod, partition), partition logs, and one consumer group.
 *
 * Invariants: each `produce` ends in exactly one `cont.resume` (never `fail`: broker errors are not
 * modelled); `lag.level` = Σ partitionLag = committed − processed; a consumer processes at most one
 * message at a time and messages of one partition in log order; consumers with index ≥ partitions
 * never process anything.
 */
export class KafkaTopic<T> implements MessageSource<T> {
  /** The topic's name. */
  readonly name: string;
  /** Partitions. */
  readonly partitions: number;
  /** Consumer-group size. */
  readonly consumers: number;
  /** Counters and levels. */
  readonly stats: KafkaTopicStats;
  readonly #env: Environment;
  readonly #acks: KafkaAcks;
  readonly #lingerMs: number;
  readonly #batchMessages: number;
  readonly #appendMs: Sampler;
  readonly #replicationMs: Sampler;
  readonly #networkMs: Sampler;
  readonly #partitioner: RandomSource;
  readonly #worker: ConsumerWorker<T>;
  // Open batches, by pod then partition; a pod's row is created on its first message.
  readonly #accumulators: Accumulator<T>[][] = [];
  // Per consumer: committed messages of its partitions, in commit order; the one in process.
  readonly #queues: Deque<Message<T>>[] = [];
  readonly #current: (Message<T> | null)[] = [];
  readonly #startedMs: number[] = [];
  readonly #dispatching: Uint8Array;

  /**
   * @param partitioner uniform source for the partition of each message.
   * @param worker what the consumers do with a message.
   * @throws RangeError naming the first invalid option.
   */
  constructor(
    env: Environment,
    options: KafkaTopicOptions,
    partitioner: RandomSource,
    worker: ConsumerWorker<T>,
  ) {
    const name = options.name;
    if (typeof name !== 'string' || name === '')
      throw new RangeError('KafkaTopic: name must be a non-empty string');
    const where = `KafkaTopic ${name}`;
    checkInteger(where, 'partitions', options.partitions, 1);
    checkInteger(where, 'consumers', options.consumers, 1);
    if (options.acks !== 'all' && options.acks !== '1' && options.acks !== '0')
      throw new RangeError(`${where}: acks must be 'all', '1' or '0', got ${String(options.acks)}`);
    if (!Number.isFinite(options.lingerMs) || options.lingerMs < 0)
      throw new RangeError(`${where}: lingerMs must be a finite number ≥ 0, got ${options.lingerMs}`);
    checkInteger(where, 'batchMessages', options.batchMessages, 1);
    for (const field of ['appendMs', 'replicationMs', 'networkMs'] as const) {
      if (typeof options[field] !== 'function')
        throw new RangeError(`${where}: ${field} must be a sampler function`);
    }
    if (typeof partitioner !== 'function')
      throw new RangeError(`${where}: partitioner must be a random source`);
    if (typeof worker?.process !== 'function')
      throw new RangeError(`${where}: worker must have a process method`);
    this.name = name;
    this.partitions = options.partitions;
    this.consumers = options.consumers;
    this.#env = env;
    this.#acks = options.acks;
    this.#lingerMs = options.lingerMs;
    this.#batchMessages = options.batchMessages;
    this.#appendMs = options.appendMs;
    this.#replicationMs = options.replicationMs;
    this.#networkMs = options.networkMs;
    this.#partitioner = partitioner;
    this.#worker = worker;
    for (let c = 0; c < options.consumers; c++) {
      this.#queues.push(new Deque<Message<T>>());
      this.#current.push(null);
      this.#startedMs.push(0);
    }
    this.#dispatching = new Uint8Array(options.consumers);
    this.stats = {
      produced: 0,
      acked: 0,
      consumed: 0,
      batches: 0,
      batchedMessages: 0,
      lag: new LevelIntegral(),
      partitionLag: new Array<number>(options.partitions).fill(0),
      busy: new LevelIntegral(),
      consumerBusyMs: new Array<number>(options.consumers).fill(0),
      consumerProcessed: new Array<number>(options.consumers).fill(0),
      produceLatencySumMs: 0,
      produceLatencyCount: 0,
    };
  }

  /** The consumer partition `partition` is assigned to (round-robin). */
  consumerOf(partition: number): number {
    return partition % this.consumers;
  }

  /**
   * Produces one message for `token` from pod `pod`; resumes `cont` once (never fails): when the
   * producer gets its answer (`waitFor` 'ack', see acks in the module notes; with acks=0 this can be
   * synchronous, inside this call, when the message fills its batch), or when a consumer has
   * processed the message (`waitFor` 'consumed').
   * @param pod index of the producing pod (integer ≥ 0): its own producer and accumulator.
   * @throws RangeError if `pod` is not an integer ≥ 0 or `waitFor` is unknown.
   */
  produce(pod: number, token: T, cont: Continuation<T>, waitFor: KafkaWaitFor): void {
    if (!Number.isInteger(pod) || pod < 0)
      throw new RangeError(`KafkaTopic ${this.name}: pod must be an integer ≥ 0, got ${pod}`);
    if (waitFor !== 'ack' && waitFor !== 'consumed')
      throw new RangeError(
        `KafkaTopic ${this.name}: waitFor must be 'ack' or 'consumed', got ${String(waitFor)}`,
      );
    const partitions = this.partitions;
    let partition = Math.floor(this.#partitioner() * partitions);
    if (partition >= partitions) partition = partitions - 1;
    const now = this.#env.now;
    const message = new Message(
      this,
      token,
      cont,
      waitFor === 'consumed',
      pod,
      partition,
      partition % this.consumers,
      now,
    );
    this.stats.produced++;
    const acc = this.#accumulator(pod, partition);
    if (acc.tail === null) acc.head = message;
    else acc.tail.batchNext = message;
    acc.tail = message;
    acc.count++;
    if (acc.count >= this.#batchMessages) {
      this.#send(acc);
    } else if (acc.count === 1) {
      acc.dueMs = now + this.#lingerMs;
      // Not cancelled when the batch fills first: the callback checks the due time instead, so a
      // stale timer costs one no-op event and no allocation.
      this.#env.schedule(this.#lingerMs, KafkaTopic.#lingerExpired, acc);
    }
  }

  /**
   * Consumer `consumerIndex` has finished `message` (called by the worker). Resumes the producer of a
   * 'consumed' message, then hands the consumer its next message, if any.
   * @throws Error if `message` is not the one this consumer of this topic is processing.
   */
  processed(consumerIndex: number, message: DeliveredMessage<T>): void {
    if (this.#current[consumerIndex] !== message)
      throw new Error(
        `KafkaTopic ${this.name}: consumer ${consumerIndex} reported a message it is not processing`,
      );
    const m = message as Message<T>;
    const now = this.#env.now;
    const stats = this.stats;
    this.#current[consumerIndex] = null;
    stats.busy.add(now, -1);
    stats.consumerBusyMs[consumerIndex]! += now - this.#startedMs[consumerIndex]!;
    stats.consumerProcessed[consumerIndex]!++;
    stats.consumed++;
    stats.lag.add(now, -1);
    stats.partitionLag[m.partition]!--;
    if (m.waitConsumed) {
      stats.produceLatencySumMs += now - m.producedAtMs;
      stats.produceLatencyCount++;
      m.cont.resume(m.token);
    }
    this.#dispatch(consumerIndex);
  }

  #accumulator(pod: number, partition: number): Accumulator<T> {
    let row = this.#accumulators[pod];
    if (row === undefined) {
      row = [];
      for (let p = 0; p < this.partitions; p++) row.push(new Accumulator(this));
      this.#accumulators[pod] = row;
    }
    return row[partition]!;
  }

  /** The batch of `acc` leaves for the broker. */
  #send(acc: Accumulator<T>): void {
    const head = acc.head!;
    const stats = this.stats;
    stats.batches++;
    stats.batchedMessages += acc.count;
    acc.head = null;
    acc.tail = null;
    acc.count = 0;
    acc.dueMs = NaN;
    const env = this.#env;
    const appended = this.#networkMs() + this.#appendMs();
    const committed = appended + this.#replicationMs();
    env.schedule(committed, KafkaTopic.#commit, head);
    if (this.#acks === '0') {
      KafkaTopic.#ack(head);
    } else {
      const answered = (this.#acks === 'all' ? committed : appended) + this.#networkMs();
      env.schedule(answered, KafkaTopic.#ack, head);
    }
  }

  #dispatch(c: number): void {
    // A worker that finishes synchronously re-enters through `processed`; the outer loop goes on.
    if (this.#dispatching[c] === 1) return;
    this.#dispatching[c] = 1;
    const queue = this.#queues[c]!;
    while (this.#current[c] === null) {
      const next = queue.shift();
      if (next === undefined) break;
      const now = this.#env.now;
      this.#current[c] = next;
      this.#startedMs[c] = now;
      this.stats.busy.add(now, 1);
      this.#worker.process(c, next);
    }
    this.#dispatching[c] = 0;
  }

  // Static event callbacks: the argument carries its topic, so no closure is built per event.

  static #lingerExpired<T>(this: void, acc: Accumulator<T>): void {
    if (acc.count > 0 && acc.dueMs === acc.topic.#env.now) acc.topic.#send(acc);
  }

  /** The producer's answer for the batch starting at `head`. */
  static #ack<T>(this: void, head: Message<T>): void {
    const self = head.source;
    const now = self.#env.now;
    const stats = self.stats;
    for (let m: Message<T> | null = head; m !== null; m = m.batchNext) {
      stats.acked++;
      if (m.waitConsumed) continue;
      stats.produceLatencySumMs += now - m.producedAtMs;
      stats.produceLatencyCount++;
      m.cont.resume(m.token);
    }
  }

  /** The batch starting at `head` is committed: visible to consumers. */
  static #commit<T>(this: void, head: Message<T>): void {
    const self = head.source;
    const now = self.#env.now;
    const stats = self.stats;
    for (let m: Message<T> | null = head; m !== null; m = m.batchNext) {
      m.appendedAtMs = now;
      stats.lag.add(now, 1);
      stats.partitionLag[m.partition]!++;
      self.#queues[m.consumer]!.push(m);
    }
    // All messages of a batch share one partition, hence one consumer.
    self.#dispatch(head.consumer);
  }
}

function checkInteger(where: string, field: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`${where}: ${field} must be an integer ≥ ${min}, got ${value}`);
}
