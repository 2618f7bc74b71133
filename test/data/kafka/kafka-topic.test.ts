/**
 * KafkaTopic: batching (batch size vs linger), acks, consumer-group assignment, lag growth, and the
 * synchronous request/reply path. Network 1 ms one way, append 0.5 ms and replication 2 ms unless
 * said otherwise, so a batch is committed (visible to consumers) 3.5 ms after it is sent.
 */
import { describe, expect, it } from 'vitest';
import { Environment, RandomStreams, deterministic } from '../../../engine/index.js';
import type { Continuation, DataFailureCause } from '../../../models/data/contracts.js';
import { KafkaTopic } from '../../../models/data/kafka/index.js';
import type { KafkaMessage, KafkaTopicOptions, KafkaWaitFor } from '../../../models/data/kafka/index.js';
import { DelayWorker } from '../../../models/data/messaging/index.js';
import type { ConsumerWorker, DeliveredMessage } from '../../../models/data/messaging/index.js';

interface Tok {
  readonly id: number;
}

/** Records resume times; fails on a second callback or on any failure. */
class Producer implements Continuation<Tok> {
  readonly resumedAt = new Map<number, number>();
  constructor(private readonly env: Environment) {}
  resume(token: Tok): void {
    if (this.resumedAt.has(token.id)) throw new Error(`token ${token.id} resumed twice`);
    this.resumedAt.set(token.id, this.env.now);
  }
  fail(token: Tok, cause: DataFailureCause): void {
    throw new Error(`token ${token.id} failed: ${cause}`);
  }
}

const base: Omit<KafkaTopicOptions, 'acks'> = {
  name: 'events',
  partitions: 1,
  consumers: 1,
  lingerMs: 5,
  batchMessages: 3,
  appendMs: deterministic(0.5),
  replicationMs: deterministic(2),
  networkMs: deterministic(1),
};

function setup(
  options: Partial<KafkaTopicOptions> = {},
  processMs = 10,
  partitioner: () => number = new RandomStreams('kafka').stream('partitioner'),
) {
  const env = new Environment();
  const worker = new DelayWorker<Tok>(env, deterministic(processMs));
  const topic = new KafkaTopic<Tok>(env, { ...base, acks: 'all', ...options }, partitioner, worker);
  return { env, topic, producer: new Producer(env) };
}

describe('KafkaTopic producer: batching and acks', () => {
  it('a lone message waits lingerMs, then network + append + replication + network (acks=all)', () => {
    const { env, topic, producer } = setup();
    topic.produce(0, { id: 1 }, producer, 'ack');
    env.run();
    expect(producer.resumedAt.get(1)).toBe(5 + 1 + 0.5 + 2 + 1);
    expect(topic.stats).toMatchObject({ produced: 1, acked: 1, consumed: 1, batches: 1, batchedMessages: 1 });
  });

  it('a full batch goes at once', () => {
    const { env, topic, producer } = setup();
    for (let id = 1; id <= 4; id++) topic.produce(0, { id }, producer, 'ack');
    env.run();
    expect([1, 2, 3].map((id) => producer.resumedAt.get(id))).toEqual([4.5, 4.5, 4.5]);
    expect(producer.resumedAt.get(4)).toBe(9.5); // opened the next batch, which lingered
    expect(topic.stats.batches).toBe(2);
    expect(topic.stats.produceLatencySumMs / topic.stats.produceLatencyCount).toBe((3 * 4.5 + 9.5) / 4);
  });

  it('each pod has its own accumulator', () => {
    const { env, topic, producer } = setup({ batchMessages: 2 });
    topic.produce(0, { id: 1 }, producer, 'ack');
    topic.produce(1, { id: 2 }, producer, 'ack');
    env.run();
    expect(topic.stats.batches).toBe(2);
    expect(producer.resumedAt.get(1)).toBe(9.5);
    expect(producer.resumedAt.get(2)).toBe(9.5);
  });

  it.each([
    ['all', 4.5],
    ['1', 2.5],
    ['0', 0],
  ] as const)(
    'acks=%s answers the producer after %d ms; consumers see the batch at 3.5 ms',
    (acks, ackMs) => {
      const env = new Environment();
      const seen: number[] = [];
      const worker: ConsumerWorker<Tok> = {
        process(c: number, m: KafkaMessage<Tok>) {
          seen.push(m.appendedAtMs);
          m.source.processed(c, m); // synchronous processing
        },
      };
      const topic = new KafkaTopic<Tok>(
        env,
        { ...base, acks, lingerMs: 0, batchMessages: 1 },
        () => 0,
        worker,
      );
      const producer = new Producer(env);
      topic.produce(0, { id: 1 }, producer, 'ack');
      env.run();
      expect(producer.resumedAt.get(1)).toBe(ackMs);
      expect(seen).toEqual([3.5]);
    },
  );

  it('waitFor consumed resumes the producer only when a consumer has processed the message', () => {
    const { env, topic, producer } = setup({ batchMessages: 1 });
    topic.produce(0, { id: 1 }, producer, 'consumed');
    topic.produce(0, { id: 2 }, producer, 'consumed');
    env.run();
    // Committed at 3.5; processed 3.5–13.5, then 13.5–23.5 (one consumer, one at a time).
    expect(producer.resumedAt.get(1)).toBe(13.5);
    expect(producer.resumedAt.get(2)).toBe(23.5);
    expect(topic.stats.acked).toBe(2);
  });
});

describe('KafkaTopic consumer group', () => {
  it('assigns partitions round-robin; consumers beyond the partition count stay idle', () => {
    const { env, topic, producer } = setup({ partitions: 3, consumers: 4, batchMessages: 1 }, 1);
    expect([0, 1, 2].map((p) => topic.consumerOf(p))).toEqual([0, 1, 2]);
    for (let id = 0; id < 3000; id++)
      env.scheduleAt(id, () => topic.produce(id % 5, { id }, producer, 'ack'));
    env.run();
    expect(topic.stats.consumed).toBe(3000);
    const [c0, c1, c2, c3] = topic.stats.consumerProcessed;
    expect(c3).toBe(0);
    expect(topic.stats.consumerBusyMs[3]).toBe(0);
    for (const n of [c0!, c1!, c2!]) expect(n).toBeGreaterThan(850);
    expect(c0! + c1! + c2!).toBe(3000);
    expect(topic.stats.lag.level).toBe(0);
    expect(topic.stats.partitionLag).toEqual([0, 0, 0]);
  });

  it('lag grows at produce rate − consume capacity when consumers fall behind', () => {
    // 3 partitions, 1 consumer at 10 ms per message (100/s); 150 messages/s produced.
    const { env, topic, producer } = setup(
      { partitions: 3, consumers: 1, batchMessages: 1, lingerMs: 0 },
      10,
    );
    let id = 0;
    const produce = (): void => {
      topic.produce(id % 4, { id }, producer, 'ack');
      id++;
      env.schedule(1000 / 150, produce);
    };
    env.schedule(0, produce);
    env.run({ until: 10_000 });
    const lag10 = topic.stats.lag.level;
    const area10 = topic.stats.lag.areaAt(10_000);
    env.run({ until: 60_000 });
    const slopePerS = (topic.stats.lag.level - lag10) / 50;
    expect(slopePerS).toBeGreaterThan(50 * 0.97);
    expect(slopePerS).toBeLessThan(50 * 1.03);
    // The time-average lag over 10–60 s is the midpoint of a straight line: ≈ 500 + 50 · 25.
    const meanLag = (topic.stats.lag.areaAt(60_000) - area10) / 50_000;
    expect(meanLag).toBeGreaterThan(1700);
    expect(meanLag).toBeLessThan(1800);
    expect(topic.stats.partitionLag.reduce((s, x) => s + x, 0)).toBe(topic.stats.lag.level);
    expect(topic.stats.busy.areaAt(60_000) / 60_000).toBeGreaterThan(0.99);
    expect(topic.stats.consumerBusyMs[0]).toBeCloseTo(topic.stats.consumerProcessed[0]! * 10, 6);
  });

  it('processes one message at a time per consumer even when the worker finishes synchronously', () => {
    const env = new Environment();
    const order: number[] = [];
    let depth = 0;
    const worker: ConsumerWorker<Tok> = {
      process(c: number, m: KafkaMessage<Tok>) {
        depth++;
        expect(depth).toBe(1);
        order.push(m.token.id);
        m.source.processed(c, m);
        depth--;
      },
    };
    const topic = new KafkaTopic<Tok>(env, { ...base, acks: '1', batchMessages: 100 }, () => 0, worker);
    const producer = new Producer(env);
    for (let id = 0; id < 50; id++) topic.produce(0, { id }, producer, 'consumed');
    env.run();
    expect(order).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(producer.resumedAt.size).toBe(50);
  });

  it('rejects a completion for a message the consumer is not processing', () => {
    const env = new Environment();
    let held: DeliveredMessage<Tok> | null = null;
    const topic = new KafkaTopic<Tok>(env, { ...base, acks: 'all', batchMessages: 1 }, () => 0, {
      process(_c, m) {
        held = m;
      },
    });
    topic.produce(0, { id: 1 }, new Producer(env), 'ack');
    env.run();
    expect(held).not.toBeNull();
    expect(() => topic.processed(1, held!)).toThrow(/not processing/);
    topic.processed(0, held!);
    expect(() => topic.processed(0, held!)).toThrow(/not processing/);
  });
});

describe('KafkaTopic validation', () => {
  it('names the invalid option', () => {
    const env = new Environment();
    const worker = new DelayWorker<Tok>(env, deterministic(1));
    const make = (o: Partial<KafkaTopicOptions>) => () =>
      new KafkaTopic<Tok>(env, { ...base, acks: 'all', ...o }, () => 0, worker);
    expect(make({ name: '' })).toThrow(/name/);
    expect(make({ partitions: 0 })).toThrow(/partitions/);
    expect(make({ consumers: 1.5 })).toThrow(/consumers/);
    expect(make({ acks: 'none' as never })).toThrow(/acks/);
    expect(make({ lingerMs: -1 })).toThrow(/lingerMs/);
    expect(make({ batchMessages: 0 })).toThrow(/batchMessages/);
    expect(make({ appendMs: 1 as never })).toThrow(/appendMs/);
    const topic = make({})();
    const p = new Producer(env);
    expect(() => topic.produce(-1, { id: 1 }, p, 'ack')).toThrow(/pod/);
    expect(() => topic.produce(0, { id: 1 }, p, 'never' as KafkaWaitFor)).toThrow(/waitFor/);
  });
});
