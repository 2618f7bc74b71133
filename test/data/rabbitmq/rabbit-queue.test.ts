/** A RabbitMQ queue: publisher costs, prefetch credit, round-robin delivery, acks. */
import { describe, expect, it } from 'vitest';
import { Environment, deterministic } from '../../../engine/index.js';
import type { Continuation, DataFailureCause } from '../../../models/data/contracts.js';
import type { ConsumerWorker, DeliveredMessage } from '../../../models/data/messaging/index.js';
import { RabbitQueue } from '../../../models/data/rabbitmq/index.js';
import type { RabbitQueueOptions, RabbitWaitFor } from '../../../models/data/rabbitmq/index.js';

interface Tok {
  readonly id: number;
}

/** Records when each publisher resumed. */
class Publisher implements Continuation<Tok> {
  readonly resumedAt = new Map<number, number>();
  constructor(private readonly env: Environment) {}
  resume(t: Tok): void {
    if (this.resumedAt.has(t.id)) throw new Error(`publisher ${t.id} resumed twice`);
    this.resumedAt.set(t.id, this.env.now);
  }
  fail(_t: Tok, cause: DataFailureCause): void {
    throw new Error(`a publish never fails, got ${cause}`);
  }
}

/** Processes message `id` for `durationMs(id)`; records who did what, and when it finished. */
class Worker implements ConsumerWorker<Tok> {
  readonly done: { id: number; consumer: number; atMs: number }[] = [];
  constructor(
    private readonly env: Environment,
    private readonly durationMs: (id: number) => number,
  ) {}
  process(c: number, m: DeliveredMessage<Tok>): void {
    this.env.schedule(this.durationMs(m.token.id), () => {
      this.done.push({ id: m.token.id, consumer: c, atMs: this.env.now });
      m.source.processed(c, m);
    });
  }
}

/** One consumer, no prefetch limit, no confirms, a long-lived connection, no network time. */
const BASE: RabbitQueueOptions = {
  name: 'tasks',
  consumers: 1,
  prefetch: null,
  confirms: false,
  connectionPerPublish: false,
  networkMs: deterministic(0),
  enqueueMs: deterministic(0),
};

function setup(options: Partial<RabbitQueueOptions>, durationMs: (id: number) => number = () => 10) {
  const env = new Environment();
  const worker = new Worker(env, durationMs);
  const queue = new RabbitQueue<Tok>(env, { ...BASE, ...options }, worker);
  const publisher = new Publisher(env);
  const publish = (n: number, waitFor: RabbitWaitFor = 'ack') => {
    for (let id = 0; id < n; id++) queue.produce(0, { id }, publisher, waitFor);
  };
  return { env, queue, worker, publisher, publish };
}

describe('RabbitQueue publishers', () => {
  it('without confirms on a long-lived connection the publisher goes on at once (basic.publish has no answer)', () => {
    const { env, publisher, publish, worker } = setup({
      networkMs: deterministic(1),
      enqueueMs: deterministic(0.5),
    });
    publish(1);
    env.run();
    expect(publisher.resumedAt.get(0)).toBe(0);
    // The message reached the consumer after network + enqueue + network.
    expect(worker.done[0]!.atMs).toBe(1 + 0.5 + 1 + 10);
  });

  it("a connection per publish costs 6 round trips before it and 2 after (seed 002's publish_task)", () => {
    const { env, publisher, publish } = setup({ networkMs: deterministic(0.5), connectionPerPublish: true });
    publish(1);
    env.run();
    expect(publisher.resumedAt.get(0)).toBe((6 + 2) * 2 * 0.5);
  });

  it('with confirms the publisher waits for the confirm: network, enqueue, network', () => {
    const { env, publisher, publish } = setup({
      networkMs: deterministic(1),
      enqueueMs: deterministic(3),
      confirms: true,
    });
    publish(1);
    env.run();
    expect(publisher.resumedAt.get(0)).toBe(5);
  });

  it("'consumed' resumes the publisher when a consumer has processed the message", () => {
    const { env, queue, publisher, publish } = setup({ networkMs: deterministic(1) });
    publish(2, 'consumed');
    env.run();
    expect([...publisher.resumedAt]).toEqual([
      [0, 12],
      [1, 22],
    ]);
    expect(queue.stats.publishLatencySumMs).toBe(34);
    expect(queue.stats.publishLatencyCount).toBe(2);
  });
});

describe('RabbitQueue delivery', () => {
  it('prefetch 1: two consumers share one queue, each taking the next message when it acks (M/D/2)', () => {
    const { env, worker, publish, queue } = setup({ consumers: 2, prefetch: 1 });
    publish(4);
    env.run();
    expect(worker.done.map((d) => [d.id, d.consumer, d.atMs])).toEqual([
      [0, 0, 10],
      [1, 1, 10],
      [2, 0, 20],
      [3, 1, 20],
    ]);
    expect(queue.stats.consumed).toBe(4);
    expect(queue.stats.unacked.level).toBe(0);
    expect(queue.stats.ready.max).toBe(2);
  });

  it('prefetch 1 leaves the consumer idle for the ack round trip; a larger prefetch hides it', () => {
    const one = setup({ prefetch: 1, networkMs: deterministic(1) });
    one.publish(3);
    one.env.run();
    // Ready at 1, delivered at 2, done at 12, ack at the broker at 13, next delivered at 14, ...
    expect(one.worker.done.map((d) => d.atMs)).toEqual([12, 24, 36]);
    const three = setup({ prefetch: 3, networkMs: deterministic(1) });
    three.publish(3);
    three.env.run();
    expect(three.worker.done.map((d) => d.atMs)).toEqual([12, 22, 32]);
  });

  it("unlimited prefetch pushes messages round-robin at once: a slow message holds up its consumer's share", () => {
    // Message 0 takes 100 ms, the others 1 ms.
    const slow = (id: number) => (id === 0 ? 100 : 1);
    const unlimited = setup({ consumers: 2, prefetch: null }, slow);
    unlimited.publish(6);
    unlimited.env.run();
    const finished = (w: Worker) => Object.fromEntries(w.done.map((d) => [d.id, [d.consumer, d.atMs]]));
    // Consumer 0 got 0, 2, 4 up front; consumer 1 got 1, 3, 5.
    expect(finished(unlimited.worker)).toEqual({
      0: [0, 100],
      1: [1, 1],
      2: [0, 101],
      3: [1, 2],
      4: [0, 102],
      5: [1, 3],
    });
    // With prefetch 1 the idle consumer takes everything else.
    const fair = setup({ consumers: 2, prefetch: 1 }, slow);
    fair.publish(6);
    fair.env.run();
    expect(finished(fair.worker)).toEqual({
      0: [0, 100],
      1: [1, 1],
      2: [1, 2],
      3: [1, 3],
      4: [1, 4],
      5: [1, 5],
    });
  });

  it('a worker that finishes synchronously drains a long backlog without recursion', () => {
    const env = new Environment();
    let n = 0;
    const queue: RabbitQueue<Tok> = new RabbitQueue<Tok>(env, BASE, {
      process(c, m) {
        n++;
        m.source.processed(c, m);
      },
    });
    const publisher = new Publisher(env);
    for (let id = 0; id < 100_000; id++) queue.produce(0, { id }, publisher, 'ack');
    env.run();
    expect(n).toBe(100_000);
    expect(queue.stats.consumed).toBe(100_000);
    expect(queue.stats.busy.level).toBe(0);
  });

  it('rejects a completion for a message the consumer is not processing, and bad options', () => {
    const env = new Environment();
    let held: DeliveredMessage<Tok> | null = null;
    const options: RabbitQueueOptions = { ...BASE, consumers: 2, prefetch: 1 };
    const queue = new RabbitQueue<Tok>(env, options, { process: (_c, m) => void (held = m) });
    queue.produce(0, { id: 1 }, new Publisher(env), 'ack');
    env.run();
    expect(() => queue.processed(1, held!)).toThrow(/not processing/);
    queue.processed(0, held!);
    expect(() => queue.processed(0, held!)).toThrow(/not processing/);
    const worker = { process: () => {} };
    expect(() => new RabbitQueue(env, { ...options, name: '' }, worker)).toThrow(/name/);
    expect(() => new RabbitQueue(env, { ...options, consumers: 0 }, worker)).toThrow(/consumers/);
    expect(() => new RabbitQueue(env, { ...options, prefetch: 0 }, worker)).toThrow(/prefetch/);
    const bad = new RabbitQueue<Tok>(env, { ...options, networkMs: () => -1 }, worker);
    expect(() => bad.produce(0, { id: 2 }, new Publisher(env), 'ack')).toThrow(/networkMs drew -1/);
  });
});
