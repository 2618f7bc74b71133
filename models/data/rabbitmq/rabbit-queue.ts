/**
 * A RabbitMQ queue (AMQP 0-9-1, default exchange) with its publishers and competing consumers.
 *
 * Sources (rabbitmq/rabbitmq-website, published at https://www.rabbitmq.com/docs/…):
 * - `consumers.md`: a queue delivers to its active consumers round-robin;
 * - `confirms.md` ("Channel Prefetch Setting (QoS)", "Unlimited Prefetch"), `consumer-prefetch.md`:
 *   a consumer holding `prefetch_count` unacknowledged messages gets nothing more until it acks one;
 *   0 means no limit, and the broker's default when the client sets none is 0 (rabbitmq-server
 *   `deps/rabbit/Makefile`, `default_consumer_prefetch {false, 0}`); pika never sends basic.qos on
 *   its own (pika `adapters/blocking_connection.py`, `basic_qos(prefetch_count=0)`);
 * - `confirms.md` ("Publisher Confirms"): without confirms basic.publish gets no answer; with them
 *   the broker confirms once the queue has accepted the message;
 * - `queues.md` ("Runtime characteristics"): one queue runs on one core, so the broker is not a
 *   parallel server for one queue (its per-message time is `enqueueMs`, drawn per message, with no
 *   queueing between messages: at the rates of the seed systems, far below the tens of thousands
 *   of messages per second a queue sustains (`blog/2024-08-21-amqp-benchmarks`), it does not bind).
 *
 * Publisher: with `connectionPerPublish` (the pattern of pika's tutorial code, and of seed 002's
 * `publish_task`: a BlockingConnection opened, a channel, queue_declare, basic_publish, close) each
 * publish first pays {@link SETUP_ROUND_TRIPS} round trips and afterwards {@link CLOSE_ROUND_TRIPS};
 * with a long-lived connection it pays none. The message travels `networkMs` to the broker and is
 * ready for consumers `enqueueMs` later. The publisher continues:
 * - without confirms, once it has written the message (and closed the connection, if it opens one);
 * - with confirms, when the confirm is back (network, enqueue, network), then after the close;
 * - with `waitFor` 'consumed', when a consumer has processed the message (request/reply).
 *
 * Broker → consumers: ready messages go, oldest first, to the next consumer in rotation that has
 * credit (fewer than `prefetch` unacknowledged); a delivery travels `networkMs`. Each consumer
 * processes its delivered messages one at a time (a pika callback, a Celery prefork child), and
 * acks each when done (manual ack after processing, as in seed 002's code); the ack travels
 * `networkMs` back and only then frees the credit. With unlimited prefetch every message is pushed
 * to a consumer the moment it is ready, so each consumer has its own backlog and a slow one is not
 * helped by idle ones: the well-known cost of leaving prefetch unset.
 *
 * Not modelled: broker CPU and memory (alarms, flow control), persistence and fsync batching
 * (fold them into `enqueueMs`), the cost of connection churn on the broker, redeliveries, the
 * consumer timeout, queue length limits (none by default).
 */
import type { Environment, Sampler } from '../../../engine/index.js';
import { Deque } from '../../../engine/index.js';
import { LevelIntegral } from '../../report/level-integral.js';
import type { Continuation } from '../contracts.js';
import type { ConsumerWorker, DeliveredMessage, MessageSource } from '../messaging/index.js';

/**
 * Round trips before a publish on a fresh connection: TCP connect (1); AMQP protocol header →
 * Connection.Start, Start-Ok → Tune, Tune-Ok + Open → Open-Ok (3); Channel.Open (1);
 * Queue.Declare (1). AMQP 0-9-1 specification, class `connection` and `channel`; pika
 * `connection.py` sends Tune-Ok and Open together.
 */
export const SETUP_ROUND_TRIPS = 6;
/** Round trips to close it: Channel.Close → Close-Ok, then Connection.Close → Close-Ok (pika closes channels first). */
export const CLOSE_ROUND_TRIPS = 2;

/** What a publish waits for before resuming the publisher. */
export type RabbitWaitFor = 'ack' | 'consumed';

/** Options of {@link RabbitQueue}; defaults in `DEFAULTS.rabbitmq`. */
export interface RabbitQueueOptions {
  /** Name for results and errors (non-empty). */
  readonly name: string;
  /** Consumers (integer ≥ 1), each processing one message at a time. */
  readonly consumers: number;
  /** Unacknowledged messages per consumer at most (integer ≥ 1), or null: no limit (prefetch 0). */
  readonly prefetch: number | null;
  /** Publisher confirms: the publisher waits for the broker's confirm. */
  readonly confirms: boolean;
  /** Each publish opens and closes its own connection. */
  readonly connectionPerPublish: boolean;
  /** One-way client↔broker network time (ms, draws ≥ 0), drawn per message leg and per round-trip half. */
  readonly networkMs: Sampler;
  /** Broker time from receiving a message to its being ready for delivery (ms, draws ≥ 0). */
  readonly enqueueMs: Sampler;
}

/** What a {@link RabbitQueue} measures. Levels carry their exact time integrals. */
export interface RabbitQueueStats {
  /** Messages given to `publish`. */
  published: number;
  /** Messages a consumer has finished (and acked). */
  consumed: number;
  /** Messages ready in the queue, not yet delivered. */
  readonly ready: LevelIntegral;
  /** Messages delivered and not yet acknowledged at the broker (in flight, buffered or in process). */
  readonly unacked: LevelIntegral;
  /** Consumers busy processing. */
  readonly busy: LevelIntegral;
  /** Sum (ms) and count of publish latencies: from `publish` to the publisher's resume. */
  publishLatencySumMs: number;
  publishLatencyCount: number;
}

class Message<T> implements DeliveredMessage<T> {
  consumer = -1;
  constructor(
    readonly source: RabbitQueue<T>,
    readonly token: T,
    readonly cont: Continuation<T>,
    readonly waitFor: RabbitWaitFor,
    readonly publishedAtMs: number,
  ) {}
}

/**
 * A queue: ready messages, per-consumer credit and local backlogs.
 *
 * Invariants: each `publish` ends in exactly one `cont.resume`, never synchronously (broker errors
 * are not modelled); a consumer holds at most `prefetch` unacknowledged messages and processes one
 * at a time, in delivery order; `unacked.level` = delivered − acks received by the broker.
 */
export class RabbitQueue<T> implements MessageSource<T> {
  /** The queue's name. */
  readonly name: string;
  /** Counters and levels. */
  readonly stats: RabbitQueueStats;
  readonly #env: Environment;
  readonly #worker: ConsumerWorker<T>;
  readonly #prefetch: number;
  readonly #confirms: boolean;
  readonly #perPublish: boolean;
  readonly #networkMs: Sampler;
  readonly #enqueueMs: Sampler;
  readonly #ready = new Deque<Message<T>>();
  /** Per consumer: credit left, delivered messages not yet started, the one in process. */
  readonly #credit: number[];
  readonly #backlog: Deque<Message<T>>[];
  readonly #current: (Message<T> | null)[];
  readonly #starting: boolean[];
  #next = 0;

  /**
   * @throws RangeError if `name` is empty, `consumers` or `prefetch` is not an integer ≥ 1, or a
   * sampler is not a function.
   */
  constructor(env: Environment, options: RabbitQueueOptions, worker: ConsumerWorker<T>) {
    const { name, consumers, prefetch } = options;
    if (typeof name !== 'string' || name === '')
      throw new RangeError('RabbitQueue: name must be a non-empty string');
    if (!Number.isInteger(consumers) || consumers < 1)
      throw new RangeError(`RabbitQueue ${name}: consumers must be an integer ≥ 1, got ${consumers}`);
    if (prefetch !== null && (!Number.isInteger(prefetch) || prefetch < 1))
      throw new RangeError(`RabbitQueue ${name}: prefetch must be null or an integer ≥ 1, got ${prefetch}`);
    for (const key of ['networkMs', 'enqueueMs'] as const)
      if (typeof options[key] !== 'function')
        throw new RangeError(`RabbitQueue ${name}: ${key} must be a sampler function`);
    this.name = name;
    this.#env = env;
    this.#worker = worker;
    this.#prefetch = prefetch ?? Infinity;
    this.#confirms = options.confirms;
    this.#perPublish = options.connectionPerPublish;
    this.#networkMs = options.networkMs;
    this.#enqueueMs = options.enqueueMs;
    this.#credit = new Array<number>(consumers).fill(this.#prefetch);
    this.#backlog = Array.from({ length: consumers }, () => new Deque<Message<T>>());
    this.#current = new Array<Message<T> | null>(consumers).fill(null);
    this.#starting = new Array<boolean>(consumers).fill(false);
    this.stats = {
      published: 0,
      consumed: 0,
      ready: new LevelIntegral(),
      unacked: new LevelIntegral(),
      busy: new LevelIntegral(),
      publishLatencySumMs: 0,
      publishLatencyCount: 0,
    };
  }

  /** Consumers in the queue. */
  get consumers(): number {
    return this.#credit.length;
  }

  /**
   * Publishes one message for `token` (the pod is irrelevant: every publisher reaches the one
   * queue). Resumes `cont` as the class comment describes; never fails.
   */
  produce(_pod: number, token: T, cont: Continuation<T>, waitFor: RabbitWaitFor): void {
    const now = this.#env.now;
    const m = new Message(this, token, cont, waitFor, now);
    this.stats.published++;
    const setupMs = this.#perPublish ? this.#roundTrips(SETUP_ROUND_TRIPS) : 0;
    const arriveMs = setupMs + this.#draw(this.#networkMs, 'networkMs');
    const enqueuedMs = arriveMs + this.#draw(this.#enqueueMs, 'enqueueMs');
    this.#env.schedule(enqueuedMs, RabbitQueue.#enqueued, m);
    if (waitFor === 'consumed') return;
    const closeMs = this.#perPublish ? this.#roundTrips(CLOSE_ROUND_TRIPS) : 0;
    const writtenMs = this.#confirms ? enqueuedMs + this.#draw(this.#networkMs, 'networkMs') : setupMs;
    this.#env.schedule(writtenMs + closeMs, RabbitQueue.#resumePublisher, m);
  }

  /**
   * Consumer `consumerIndex` has finished `message` (called by the worker): the ack goes back to the
   * broker, the consumer takes its next delivered message, and a 'consumed' publisher resumes.
   * @throws Error if `message` is not the one this consumer of this queue is processing.
   */
  processed(consumerIndex: number, message: DeliveredMessage<T>): void {
    if (this.#current[consumerIndex] !== message)
      throw new Error(
        `RabbitQueue ${this.name}: consumer ${consumerIndex} reported a message it is not processing`,
      );
    const m = message as Message<T>;
    const now = this.#env.now;
    this.#current[consumerIndex] = null;
    this.stats.busy.add(now, -1);
    this.stats.consumed++;
    if (m.waitFor === 'consumed') RabbitQueue.#resumePublisher(m);
    this.#env.schedule(this.#draw(this.#networkMs, 'networkMs'), RabbitQueue.#acked, m);
    this.#run(consumerIndex);
  }

  #roundTrips(n: number): number {
    let ms = 0;
    for (let i = 0; i < 2 * n; i++) ms += this.#draw(this.#networkMs, 'networkMs');
    return ms;
  }

  #draw(sampler: Sampler, what: string): number {
    const ms = sampler();
    if (!(ms >= 0) || ms === Infinity)
      throw new RangeError(`RabbitQueue ${this.name}: ${what} drew ${ms}; it must be finite and ≥ 0`);
    return ms;
  }

  /** Delivers ready messages, oldest first, to consumers with credit in rotation. */
  #dispatch(): void {
    const n = this.#credit.length;
    const now = this.#env.now;
    while (this.#ready.length > 0) {
      let c = -1;
      for (let k = 0; k < n; k++) {
        const i = (this.#next + k) % n;
        if (this.#credit[i]! > 0) {
          c = i;
          break;
        }
      }
      if (c === -1) return;
      this.#next = (c + 1) % n;
      const m = this.#ready.shift()!;
      this.stats.ready.add(now, -1);
      this.stats.unacked.add(now, 1);
      this.#credit[c]!--;
      m.consumer = c;
      this.#env.schedule(this.#draw(this.#networkMs, 'networkMs'), RabbitQueue.#delivered, m);
    }
  }

  /** Starts the consumer's next delivered message while it is idle; re-entrant calls return at once. */
  #run(c: number): void {
    if (this.#starting[c]) return;
    this.#starting[c] = true;
    const backlog = this.#backlog[c]!;
    while (this.#current[c] === null && backlog.length > 0) {
      const m = backlog.shift()!;
      this.#current[c] = m;
      this.stats.busy.add(this.#env.now, 1);
      this.#worker.process(c, m);
    }
    this.#starting[c] = false;
  }

  static #enqueued<T>(this: void, m: Message<T>): void {
    const self = m.source;
    self.#ready.push(m);
    self.stats.ready.add(self.#env.now, 1);
    self.#dispatch();
  }

  static #delivered<T>(this: void, m: Message<T>): void {
    const self = m.source;
    self.#backlog[m.consumer]!.push(m);
    self.#run(m.consumer);
  }

  static #acked<T>(this: void, m: Message<T>): void {
    const self = m.source;
    self.stats.unacked.add(self.#env.now, -1);
    self.#credit[m.consumer]!++;
    self.#dispatch();
  }

  static #resumePublisher<T>(this: void, m: Message<T>): void {
    const stats = m.source.stats;
    stats.publishLatencySumMs += m.source.#env.now - m.publishedAtMs;
    stats.publishLatencyCount++;
    m.cont.resume(m.token);
  }
}
