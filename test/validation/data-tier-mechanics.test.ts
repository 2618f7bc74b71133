/**
 * The data tier through the whole scenario pipeline: the mechanics of the seed documents and the
 * laws the components must obey (issue 4, "What proves it").
 *
 * - Seed 004 run A: a clock-aligned fixed window of 1,000 per 60 s under the document's 8-minute
 *   k6 ramp admits exactly 8 windows × 1,000 and rejects the rest with 429 (measured: 8,000
 *   passed, 94.14 % failed).
 * - Seed 000: 5 pods × (50 + 50) mysql2 connections against max_connections 90 fail with "too many
 *   connections", and the failure rate moves as it must with load, pool size and max_connections.
 * - A pool in front of a database with spare cores is M/M/c for the connection wait (Erlang C).
 * - PgBouncer in transaction mode caps the database's connections at its pool size.
 * - Redis saturates at 1 / command time; Kafka lag grows at produce rate − consume capacity.
 */
import { describe, expect, it } from 'vitest';
import { mmc } from '../../engine/index.js';
import type { ComponentSummary } from '../../models/report/component-summary.js';
import type { RunSummary } from '../../models/report/summary-types.js';
import { runScenario } from '../../models/scenario/run.js';
import type { ScenarioInput } from '../../models/scenario/schema.js';

const component = (s: RunSummary, kind: string, name: string): ComponentSummary => {
  const c = s.components.find((x) => x.kind === kind && x.name === name);
  if (c === undefined) throw new Error(`no ${kind} ${name} in the result`);
  return c;
};
const failureRate = (s: RunSummary): number => s.requests.failureRate.value!;

describe('seed 004 run A: fixed window 1,000 per 60 s under the 8-minute ramp', () => {
  const summary = runScenario({
    name: 'seed-004-run-a',
    load: {
      executor: 'ramping-arrival-rate',
      startRate: 0,
      timeUnit: '1s',
      stages: [
        { duration: '30s', target: 100 },
        { duration: '1m', target: 200 },
        { duration: '2m', target: 300 },
        { duration: '2m', target: 400 },
        { duration: '2m', target: 400 },
        { duration: '30s', target: 0 },
      ],
      preAllocatedVUs: 200,
      maxVUs: 2000,
    },
    endpoints: { authorize: { steps: [{ rateLimit: { limiter: 'authorize' } }, { cpu: '2ms' }] } },
    services: { gateway: { replicas: 2, resources: { limits: { cpu: 2 } } } },
    rateLimiters: { authorize: { algorithm: 'fixed-window', limit: 1000, window: '60s' } },
  });

  it('admits exactly 8 × 1,000 and rejects the rest with 429', () => {
    // 136,499 starts fall before the end (k6-ramping-count.test.ts); 8 aligned windows of 1,000.
    expect(summary.requests.sent.value).toBe(136_499);
    expect(summary.requests.succeeded.value).toBe(8_000);
    expect(summary.failures['rate-limited'].value).toBe(128_499);
    // The document measured 94.14 % failed (8,000 of 136,799 passed).
    expect(failureRate(summary)).toBeCloseTo(0.9414, 3);
    expect(summary.bottleneck.component).toBe('rate-limiter');
  });

  it('each window opens with a burst of successes and then rejects', () => {
    const rows = summary.timeSeries.rows;
    const succeeded = rows.reduce(
      (t, r) => t + (r.succeededPerSec * summary.timeSeries.intervalMs) / 1000,
      0,
    );
    expect(succeeded).toBeCloseTo(8000, 0);
  });
});

// Seed 000: NestJS + mysql2 (master and report pools of 50 per pod), RDS max_connections 90.
function seed000(opts: { rate: number; poolSize: number; maxConnections: number }): ScenarioInput {
  return {
    name: 'seed-000-pools',
    seed: 7,
    warmup: '5s',
    load: {
      executor: 'constant-arrival-rate',
      rate: opts.rate,
      duration: '30s',
      preAllocatedVUs: 200,
      maxVUs: 5000,
    },
    endpoints: {
      order: {
        steps: [
          { cpu: { exponential: { mean: '2ms' } } },
          // Slow queries (the document measured a 154 ms median): a lazy mysql2 pool only opens
          // what its concurrency needs, so it is the number of queries in flight, about
          // rate × holding time, that runs into max_connections.
          {
            query: {
              pool: 'master',
              cpu: { exponential: { mean: '1ms' } },
              io: { exponential: { mean: '80ms' } },
            },
          },
          {
            query: {
              pool: 'report',
              cpu: { exponential: { mean: '0.5ms' } },
              io: { exponential: { mean: '40ms' } },
            },
          },
        ],
      },
    },
    services: {
      api: {
        server: 'event-loop',
        replicas: 5,
        resources: { limits: { cpu: '500m' } },
        pools: {
          master: { driver: 'mysql2', database: 'rds', connectionLimit: opts.poolSize },
          report: { driver: 'mysql2', database: 'rds', connectionLimit: opts.poolSize },
        },
      },
    },
    databases: { rds: { instance: 'db.t3.large', maxConnections: opts.maxConnections } },
  };
}

describe('seed 000: 5 pods × (50 + 50) mysql2 connections against max_connections 90', () => {
  const base = { rate: 800, poolSize: 50, maxConnections: 90 };
  const at = (o: Partial<typeof base>) => runScenario(seed000({ ...base, ...o }));
  const reference = at({});

  it('fails with "too many connections" (error 1040), and the database is the bottleneck', () => {
    expect(reference.failures['too-many-connections'].value).toBeGreaterThan(0);
    expect(failureRate(reference)).toBeGreaterThan(0.05);
    expect(reference.bottleneck.component).toBe('database/rds');
    const rds = component(reference, 'database', 'rds');
    expect(rds.levels.connections!.max.value).toBe(90);
    expect(reference.warnings.map((w) => w.code)).toContain('SCN_WARN_POOLS_EXCEED_MAX_CONNECTIONS');
  });

  it('more load, more failures', () => {
    const rates = [200, 800, 1200].map((rate) => failureRate(at({ rate })));
    // 200/s keeps about 24 queries in flight: no connect is ever refused.
    expect(rates[0]).toBe(0);
    expect(rates[0]).toBeLessThan(rates[1]!);
    expect(rates[1]).toBeLessThan(rates[2]!);
  });

  it('pools that fit under max_connections (5 × 2 × 9 = 90) never see error 1040', () => {
    const fitted = at({ poolSize: 9 });
    expect(fitted.failures['too-many-connections'].value).toBe(0);
    expect(failureRate(fitted)).toBe(0);
    expect(component(fitted, 'database', 'rds').levels.connections!.max.value).toBeLessThanOrEqual(90);
  });

  it('raising max_connections above what the pools can open removes the failures', () => {
    const raised = at({ maxConnections: 500 });
    expect(raised.failures['too-many-connections'].value).toBe(0);
    const rates = [90, 200, 500].map((maxConnections) => failureRate(at({ maxConnections })));
    expect(rates[0]).toBeGreaterThan(rates[1]!);
    expect(rates[1]).toBeGreaterThanOrEqual(rates[2]!);
  });
});

describe('a pool in front of an uncontended database is M/M/c', () => {
  // Poisson arrivals, c = 8 pooled connections, each query holds its connection for an
  // exponential time (I/O only: the database's cores play no part); the mean wait for a
  // connection over all acquisitions is Erlang C's. Hikari is pre-filled, so no connect time.
  const c = 8;
  const lambdaPerSec = 320;
  const holdMs = 20;
  const summary = runScenario(
    {
      name: 'pool-mmc',
      warmup: '20s',
      replications: 8,
      load: { executor: 'poisson', rate: lambdaPerSec, duration: '220s' },
      endpoints: { q: { steps: [{ query: { pool: 'db', io: { exponential: { mean: `${holdMs}ms` } } } }] } },
      services: {
        api: {
          server: 'event-loop',
          pools: { db: { driver: 'hikari', database: 'pg', maximumPoolSize: c, connectionTimeout: '10m' } },
        },
      },
      databases: { pg: { cores: 64, maxConnections: 100 } },
    },
    { seed: 11 },
  );

  it('matches Erlang C within the 95 % confidence interval', () => {
    const pool = component(summary, 'pool', 'api/db');
    // Mean over all acquisitions from the per-replication counters.
    const analytic = mmc(lambdaPerSec, 1000 / holdMs, c).meanWait * 1000;
    const waited = pool.counters.waitMs!;
    const acquired = pool.counters.acquired!;
    const mean = waited.value! / acquired.value!;
    const [lo, hi] = [waited.ci95![0] / acquired.value!, waited.ci95![1] / acquired.value!];
    expect(analytic).toBeGreaterThan(lo);
    expect(analytic).toBeLessThan(hi);
    expect(Math.abs(mean - analytic) / analytic).toBeLessThan(0.1);
  });
});

describe('PgBouncer in transaction mode caps the database connections at its pool size', () => {
  const run = (replicas: number) =>
    runScenario({
      name: 'pgbouncer-cap',
      load: {
        executor: 'constant-arrival-rate',
        rate: 800,
        duration: '20s',
        preAllocatedVUs: 100,
        maxVUs: 2000,
      },
      endpoints: { q: { steps: [{ query: { pool: 'db', cpu: '1ms', io: '10ms' } }] } },
      services: {
        api: {
          replicas,
          resources: { limits: { cpu: 2 } },
          pools: { db: { driver: 'hikari', database: 'bouncer', maximumPoolSize: 20 } },
        },
      },
      multiplexers: {
        bouncer: {
          kind: 'pgbouncer',
          database: 'pg',
          poolMode: 'transaction',
          defaultPoolSize: 20,
          maxClientConn: 1000,
        },
      },
      databases: { pg: { engine: 'postgres', cores: 8, maxConnections: 100 } },
    });

  it.each([2, 10, 30])('with %i pods × 20 client connections the database sees at most 20', (pods) => {
    const s = run(pods);
    expect(component(s, 'database', 'pg').levels.connections!.max.value).toBeLessThanOrEqual(20);
    expect(component(s, 'multiplexer', 'bouncer').levels.clients!.max.value).toBe(pods * 20);
    expect(s.failures['too-many-connections'].value).toBe(0);
  });
});

describe('Redis saturates at the rate its command time implies', () => {
  it('1 ms per command, 1,500 offered per second: 1,000 served per second, the main thread 100 % busy', () => {
    const s = runScenario({
      name: 'redis-saturation',
      warmup: '5s',
      timeSeries: { interval: '1s' },
      load: {
        executor: 'constant-arrival-rate',
        rate: 1500,
        duration: '20s',
        preAllocatedVUs: 100,
        maxVUs: 20_000,
      },
      endpoints: { get: { steps: [{ redis: { server: 'cache', time: '1ms' } }] } },
      services: { api: { server: 'event-loop' } },
      redis: { cache: {} },
    });
    const redis = component(s, 'redis', 'cache');
    expect(redis.utilization!.value).toBeGreaterThan(0.999);
    // Each request is one command: once the queue has formed, responses come at 1 per ms.
    for (const row of s.timeSeries.rows.slice(5, 20)) {
      expect(row.succeededPerSec).toBeGreaterThan(990);
      expect(row.succeededPerSec).toBeLessThanOrEqual(1001);
    }
    // The queue grows at what is sent beyond that (k6 drops some starts while it adds VUs).
    const rows = s.timeSeries.rows;
    const queue = (i: number) => rows[i]!.components['redis/cache']!.queue!;
    const growthPerSec = (queue(15) - queue(5)) / 10;
    expect(growthPerSec).toBeCloseTo(rows[10]!.requestsPerSec - 1000, -1);
  });
});

describe('a Redis cluster of 3 masters', () => {
  const run = (key: string | undefined) =>
    runScenario({
      name: 'redis-cluster',
      warmup: '5s',
      timeSeries: { interval: '1s' },
      load: {
        executor: 'constant-arrival-rate',
        rate: 1500,
        duration: '20s',
        preAllocatedVUs: 100,
        maxVUs: 20_000,
      },
      endpoints: {
        get: { steps: [{ redis: { server: 'cache', time: '1ms', ...(key === undefined ? {} : { key }) } }] },
      },
      services: { api: { server: 'event-loop', redis: { cache: { client: 'redis-py' } } } },
      redis: { cache: { shards: 3 } },
    });

  it('serves 1,500 commands/s of 1 ms over distinct keys: each master about half busy', () => {
    const s = run(undefined);
    const shards = [1, 2, 3].map((i) => component(s, 'redis', `cache/shard-${i}`));
    for (const shard of shards) expect(shard.utilization!.value).toBeCloseTo(0.5, 1);
    expect(failureRate(s)).toBe(0);
    // Each master is M/D/1 at ρ ≈ 0.5: waits stay around a millisecond.
    expect(s.latencyMs.succeeded.p99.value).toBeLessThan(10);
  });

  it('one hot key loads only its master, which saturates at 1,000/s like a single server', () => {
    const s = run('orders:{hot}');
    const busy = [1, 2, 3].map((i) => component(s, 'redis', `cache/shard-${i}`).utilization!.value!);
    // "hot" hashes to slot 6,093: the second master's range (5461–10922).
    expect(busy[1]).toBeGreaterThan(0.999);
    expect(busy[0]).toBe(0);
    expect(busy[2]).toBe(0);
    for (const row of s.timeSeries.rows.slice(5, 20)) expect(row.succeededPerSec).toBeLessThanOrEqual(1001);
  });
});

// 150 messages per second for 2 minutes, into a broker whose one consumer takes 10 ms per message.
const BACKLOG_LOAD = {
  executor: 'constant-arrival-rate',
  rate: 150,
  duration: '120s',
  preAllocatedVUs: 20,
  maxVUs: 100,
} as const;

describe('Kafka lag grows at produce rate − consume capacity', () => {
  it('150 messages/s into 3 partitions, 1 consumer at 10 ms each: lag grows ~50/s', () => {
    const s = runScenario({
      name: 'kafka-lag',
      timeSeries: { interval: '10s' },
      load: BACKLOG_LOAD,
      endpoints: { pay: { steps: [{ produce: { topic: 'payments' } }] } },
      services: { api: { server: 'event-loop' } },
      kafka: { payments: { partitions: 3, consumers: { instances: 1, process: '10ms' } } },
    });
    const lag = s.timeSeries.rows.map((r) => r.components['kafka/payments']!.lag!);
    // Row averages 10 s apart, away from the start and the end of the load.
    const slopePerSec = (lag[10]! - lag[2]!) / 80;
    expect(slopePerSec).toBeGreaterThan(45);
    expect(slopePerSec).toBeLessThan(55);
    expect(component(s, 'kafka', 'payments').utilization!.value).toBeGreaterThan(0.99);
  });
});

describe('consumers that run steps on a service: the pool behind them sets the pace', () => {
  // Three consumers on one worker pod share its Hikari pool of one connection; each message is a
  // 10 ms write, so the group drains at most 100 messages/s whatever its size, and at 150/s the
  // lag grows at ~50/s. Producers on the sync path wait for their message to be processed.
  const run = (rate: number, awaitConsumed: boolean) =>
    runScenario({
      name: 'consumer-steps',
      timeSeries: { interval: '10s' },
      load: {
        executor: 'constant-arrival-rate',
        rate,
        duration: '120s',
        preAllocatedVUs: 50,
        maxVUs: 20_000,
      },
      endpoints: {
        pay: {
          service: 'ingest',
          steps: [{ produce: { topic: 'payments', await: awaitConsumed ? 'consumed' : 'ack' } }],
        },
      },
      services: {
        ingest: { server: 'event-loop' },
        worker: { pools: { db: { driver: 'hikari', database: 'mariadb', maximumPoolSize: 1 } } },
      },
      databases: { mariadb: { engine: 'mariadb', cores: 4 } },
      kafka: {
        payments: {
          partitions: 3,
          consumers: { instances: 3, service: 'worker', steps: [{ query: { pool: 'db', io: '10ms' } }] },
        },
      },
    });

  it('lag grows at produce rate − what the pool lets through', () => {
    const s = run(150, false);
    const lag = s.timeSeries.rows.map((r) => r.components['kafka/payments']!.lag!);
    const slopePerSec = (lag[10]! - lag[2]!) / 80;
    expect(slopePerSec).toBeGreaterThan(45);
    expect(slopePerSec).toBeLessThan(55);
    const pool = component(s, 'pool', 'worker/db');
    expect(pool.levels.inUse!.mean.value).toBeGreaterThan(0.99);
  });

  it('on the sync path a request waits for its message to be processed', () => {
    const s = run(50, true);
    // 50/s on a 100/s pool: the write (10 ms) and the producer's linger and acks come on top.
    expect(s.latencyMs.succeeded.p50.value).toBeGreaterThan(10);
    expect(s.failures['client-timeout'].value).toBe(0);
    const asyncPath = run(50, false);
    expect(asyncPath.latencyMs.succeeded.p50.value).toBeLessThan(s.latencyMs.succeeded.p50.value! - 9);
  });
});

describe('the latency breakdown names the data tier', () => {
  it('pool wait, database, Redis and Kafka time add up to the latency', () => {
    const s = runScenario({
      name: 'breakdown',
      warmup: '2s',
      load: { executor: 'poisson', rate: 20, duration: '20s' },
      endpoints: {
        q: {
          steps: [
            { redis: { server: 'cache', time: '1ms' } },
            { query: { pool: 'db', cpu: '2ms', io: '8ms' } },
            { produce: { topic: 'events' } },
          ],
        },
      },
      services: {
        api: {
          server: 'event-loop',
          pools: { db: { driver: 'hikari', database: 'pg', maximumPoolSize: 50 } },
        },
      },
      databases: { pg: { cores: 64 } },
      redis: { cache: { rtt: '0.2ms' } },
      kafka: {
        events: {
          linger: '0ms',
          network: '1ms',
          append: '1ms',
          replication: '2ms',
          consumers: { process: '1ms' },
        },
      },
    });
    const b = s.breakdown;
    // At 20/s almost nothing queues (M/D/1 at ρ = 0.02 adds ~0.01 ms on Redis): Redis = rtt + 1 ms; the query 2 + 8 ms with a pre-opened connection;
    // a Kafka send with acks=all = network + append + replication + network.
    expect(b.redisMs.value).toBeCloseTo(1.2, 1);
    expect(b.poolWaitMs.value).toBe(0);
    expect(b.databaseMs.value).toBeCloseTo(10, 2);
    expect(b.kafkaMs.value).toBeCloseTo(5, 2);
    expect(b.otherMs.value).toBe(0);
    expect(s.latencyMs.succeeded.mean.value).toBeCloseTo(16.2, 1);
  });
});

describe('a RabbitMQ queue', () => {
  const run = (prefetch: number, connectionPerPublish = false) =>
    runScenario({
      name: 'rabbitmq-backlog',
      timeSeries: { interval: '10s' },
      load: BACKLOG_LOAD,
      endpoints: { order: { steps: [{ publish: { queue: 'tasks' } }] } },
      services: { api: { server: 'event-loop' } },
      rabbitmq: {
        tasks: {
          prefetch,
          connectionPerPublish,
          network: '0.5ms',
          consumers: { instances: 1, process: '10ms' },
        },
      },
    });

  it('150 messages/s to one consumer at 10 ms each: the backlog grows ~50/s, ready with prefetch 1', () => {
    const s = run(1);
    const rows = s.timeSeries.rows.map((r) => r.components['rabbitmq/tasks']!);
    const slopePerSec = (rows[10]!.ready! - rows[2]!.ready!) / 80;
    // Prefetch 1 idles the consumer for the ack's round trip (1 ms) after each 10 ms message:
    // it serves 1 / 11 ms ≈ 91/s, so the backlog grows at ~59/s.
    expect(slopePerSec).toBeGreaterThan(54);
    expect(slopePerSec).toBeLessThan(64);
    expect(rows[10]!.unacked).toBeLessThanOrEqual(1);
    expect(component(s, 'rabbitmq', 'tasks').utilization!.value).toBeCloseTo(10 / 11, 2);
  });

  it('with no prefetch limit (the default) the same backlog sits unacked in the consumer instead', () => {
    const s = run(0);
    const rows = s.timeSeries.rows.map((r) => r.components['rabbitmq/tasks']!);
    const slopePerSec = (rows[10]!.unacked! - rows[2]!.unacked!) / 80;
    expect(slopePerSec).toBeGreaterThan(45);
    expect(slopePerSec).toBeLessThan(55);
    expect(rows[10]!.ready).toBe(0);
    expect(component(s, 'rabbitmq', 'tasks').utilization!.value).toBeGreaterThan(0.99);
  });

  it('a connection per publish puts 8 round trips on the request path', () => {
    const s = run(0, true);
    // 8 round trips of 2 × 0.5 ms; the long-lived connection costs nothing to a publish without confirms.
    expect(s.breakdown.rabbitmqMs.value).toBeCloseTo(8, 6);
    expect(run(0).breakdown.rabbitmqMs.value).toBe(0);
    expect(component(s, 'rabbitmq', 'tasks').meanWaitMs!.value).toBeCloseTo(8, 6);
  });
});

describe('a MongoDB replica set read on its secondaries', () => {
  it('spreads reads evenly over the two secondaries; writes stay on the primary', () => {
    const s = runScenario({
      name: 'mongo-reads',
      warmup: '2s',
      load: {
        executor: 'constant-arrival-rate',
        rate: 1000,
        duration: '20s',
        preAllocatedVUs: 50,
        maxVUs: 500,
      },
      endpoints: {
        chat: {
          steps: [
            { query: { pool: 'reads', cpu: '1ms', io: '2ms' } },
            { query: { pool: 'reads', cpu: '1ms', io: '2ms' } },
            { query: { pool: 'writes', cpu: '0.5ms', io: '3ms' } },
          ],
        },
      },
      services: {
        api: {
          server: 'event-loop',
          replicas: 2,
          pools: {
            reads: { driver: 'mongodb', database: 'mongo', readPreference: 'secondary' },
            writes: { driver: 'mongodb', database: 'mongo' },
          },
        },
      },
      databases: { mongo: { engine: 'mongodb', cores: 2, replicas: 2 } },
    });
    const queries = (name: string) => component(s, 'database', name).counters.queries!.value!;
    const [r1, r2] = [queries('mongo/replica-1'), queries('mongo/replica-2')];
    expect(queries('mongo')).toBeCloseTo(18_000, -2);
    expect(r1 + r2).toBeCloseTo(36_000, -2);
    // Fewer operations in progress wins between the two: the split is even within 2 %.
    expect(Math.abs(r1 - r2) / (r1 + r2)).toBeLessThan(0.02);
    // Each secondary runs 1,000 × 2 / 2 reads/s of 1 ms on 2 cores: 50 % busy.
    expect(component(s, 'database', 'mongo/replica-1').utilization!.value).toBeCloseTo(0.5, 1);
    expect(failureRate(s)).toBe(0);
  });
});

describe('Redis pub/sub broadcast', () => {
  it('one PUBLISH costs its subscribers on Redis, and every ready pod runs the delivery', () => {
    const s = runScenario({
      name: 'chat-broadcast',
      warmup: '2s',
      load: {
        executor: 'constant-arrival-rate',
        rate: 100,
        duration: '20s',
        preAllocatedVUs: 20,
        maxVUs: 200,
      },
      endpoints: {
        send: {
          steps: [
            {
              broadcast: {
                server: 'pubsub',
                subscribers: 'chat',
                perSubscriber: '0.1ms',
                deliver: [{ cpu: '2ms' }],
              },
            },
          ],
        },
      },
      services: { chat: { server: 'event-loop', replicas: 3, resources: { limits: { cpu: 1 } } } },
      redis: { pubsub: { commandTime: '0.01ms' } },
    });
    // Redis: 100/s × (0.01 ms + 3 subscribers × 0.1 ms) = 3.1 % of the main thread.
    expect(component(s, 'redis', 'pubsub').utilization!.value).toBeCloseTo(0.031, 3);
    // Each pod delivers every message: 100/s × 2 ms = 20 % of its core, though it served a third of the sends.
    expect(s.services[0]!.cpuUtilization!.value).toBeCloseTo(0.2, 2);
    expect(failureRate(s)).toBe(0);
  });

  it('checks the subscribers and their delivery steps against the subscribing service', () => {
    expect(() =>
      runScenario({
        name: 'bad-broadcast',
        load: { executor: 'constant-vus', vus: 1, duration: '1s' },
        endpoints: {
          send: {
            service: 'api',
            steps: [{ broadcast: { server: 'pubsub', subscribers: 'nope', deliver: [{ cpu: '1ms' }] } }],
          },
          other: {
            service: 'api',
            steps: [
              {
                broadcast: {
                  server: 'pubsub',
                  subscribers: 'chat',
                  deliver: [{ query: { pool: 'db', io: '1ms' } }],
                },
              },
            ],
          },
        },
        services: { api: {}, chat: {} },
        redis: { pubsub: {} },
      }),
    ).toThrow(
      /endpoints\.send\.steps\[0\]\.broadcast\.subscribers[\s\S]*endpoints\.other\.steps\[0\]\.broadcast\.deliver\[0\]\.query\.pool/,
    );
  });
});
