/**
 * Builds one replication's data tier from the normalized scenario: database servers (primary and
 * replicas), multiplexers, Redis servers (and clusters), Kafka topics with their consumer groups,
 * RabbitMQ queues with their consumers, rate limiters,
 * and, for each new pod, its client pools and Redis clients. Every component draws from its own
 * named stream, so adding one leaves the others' numbers alone.
 *
 * It also lists every component's levels and counters as {@link ComponentProbe}s, which the run
 * samples into time series and whole-window figures without knowing what the components are.
 */
import { createSampler } from '../../../engine/index.js';
import type { Environment, RandomStreams } from '../../../engine/index.js';
import type { NormalizedScenario, NormalizedService } from '../../scenario/normalized.js';
import type { Strand } from '../../request/strand.js';
import type { TopicRuntime } from '../../request/interpreter.js';
import type { LevelIntegral } from '../../report/level-integral.js';
import { DEFAULTS } from '../../scenario/defaults.js';
import type { Backend, ClientPool, PoolStats } from '../contracts.js';
import { DatabaseServer, ReaderEndpoint } from '../database/index.js';
import { KafkaTopic } from '../kafka/index.js';
import { DelayWorker } from '../messaging/index.js';
import type { ConsumerWorker } from '../messaging/index.js';
import { Multiplexer } from '../multiplexer/index.js';
import { HikariPool, MongoClientPool, Mysql2Pool, sqlalchemyQueuePool } from '../pool/index.js';
import {
  FixedWindowLimiter,
  SlidingCounterLimiter,
  SlidingLogLimiter,
  TokenBucketLimiter,
} from '../rate-limit/index.js';
import type { RateLimiter } from '../rate-limit/index.js';
import { LettuceClient, RedisClusterClient, RedisServer, RedissonClient } from '../redis/index.js';
import type { RedisClient } from '../redis/index.js';
import { RabbitQueue } from '../rabbitmq/index.js';
import type { NormalizedConsumers, NormalizedRateLimiter } from './normalized-data.js';
import { poolMaxConnections } from './normalized-data.js';
import { StepWorker } from './step-worker.js';

/** A level a probe exposes: its time integral and maximum. */
export interface LevelProbe {
  readonly name: string;
  /** ∫ level dt from 0 to `nowMs`. */
  areaAt(nowMs: number): number;
  /** Highest level since the last `restartMax`. */
  max(): number;
  restartMax(): void;
}

/** One component's measurable state, for results. */
export interface ComponentProbe {
  /** `pool`, `database`, `multiplexer`, `redis`, `kafka`, `rabbitmq`, `rate-limiter`. */
  readonly kind: string;
  /** `rds`, `rds/replica-1`, `api/master` (service/pool), ... */
  readonly name: string;
  /** Configured capacities (max connections, cores, pool size, ...). */
  readonly capacity: Readonly<Record<string, number>>;
  readonly levels: readonly LevelProbe[];
  /** Counters, read at the end of the warm-up and at the end of the run. */
  counters(): Record<string, number>;
}

/** The consumers of a topic or queue whose processing is steps on a service's pods. */
export interface StepConsumers {
  /** `kafka/<topic>` or `rabbitmq/<queue>`: names the consumers' random streams. */
  readonly path: string;
  readonly consumers: NormalizedConsumers;
  readonly worker: StepWorker;
}

/** One replication's data tier. */
export interface DataTier {
  readonly topics: readonly TopicRuntime[];
  /** RabbitMQ queues, in scenario order. */
  readonly queues: readonly TopicRuntime[];
  /** The current total lag of topic `name` (messages appended and not yet processed). */
  lagOf(name: string): number;
  readonly limiters: readonly RateLimiter[];
  readonly probes: readonly ComponentProbe[];
  /** Consumers that run steps on a service's pods: to bind once the services exist. */
  readonly stepWorkers: readonly StepConsumers[];
  /** Creates and starts the pools and Redis clients of a new pod of `service`. */
  podData(
    service: NormalizedService,
    podIndex: number,
  ): { pools: ClientPool<Strand>[]; redis: RedisClient<Strand>[] };
}

const levelProbe = (name: string, level: LevelIntegral): LevelProbe => ({
  name,
  areaAt: (t) => level.areaAt(t),
  max: () => level.max,
  restartMax: () => level.restartMax(),
});

// The sum of one level over a growing set of pods (pools of a service).
function summedLevel(name: string, levels: LevelIntegral[]): LevelProbe {
  return {
    name,
    areaAt: (t) => levels.reduce((a, l) => a + l.areaAt(t), 0),
    // The highest level any one pod reached: pods' maxima need not coincide in time.
    max: () => levels.reduce((m, l) => Math.max(m, l.max), 0),
    restartMax: () => levels.forEach((l) => l.restartMax()),
  };
}

function createLimiter(l: NormalizedRateLimiter): RateLimiter {
  switch (l.algorithm) {
    case 'fixed-window':
      return new FixedWindowLimiter({ limit: l.limit, windowMs: l.windowMs, alignMs: l.alignMs });
    case 'sliding-log':
      return new SlidingLogLimiter({ limit: l.limit, windowMs: l.windowMs });
    case 'sliding-counter':
      return new SlidingCounterLimiter({ limit: l.limit, windowMs: l.windowMs });
    case 'token-bucket':
      return new TokenBucketLimiter({
        capacity: l.capacity,
        refillTokens: l.refillTokens,
        refillPeriodMs: l.refillPeriodMs,
        refill: l.refill,
      });
  }
}

/** Builds the data tier of one replication. */
export function compileDataTier(s: NormalizedScenario, env: Environment, streams: RandomStreams): DataTier {
  const probes: ComponentProbe[] = [];
  const writers = new Map<string, Backend<Strand>>();
  const readers = new Map<string, Backend<Strand>>();
  // A database's replicas one by one (a MongoDB client picks a member per operation).
  const replicaServers = new Map<string, Backend<Strand>[]>();

  for (const db of s.databases) {
    const server = (name: string, stream: string) => {
      const srv = new DatabaseServer<Strand>(env, {
        name,
        maxConnections: db.maxConnections,
        cores: db.cores,
        connectMs: createSampler(db.connectTime, streams.stream(stream)),
        lockCount: db.locks.length,
        lockWaitTimeoutMs: db.lockWaitTimeoutMs,
      });
      const st = srv.stats;
      probes.push({
        kind: 'database',
        name,
        capacity: { maxConnections: db.maxConnections, cores: db.cores },
        levels: [
          levelProbe('connections', st.connections),
          levelProbe('activeQueries', st.active),
          levelProbe('lockWaiting', st.lockWaiting),
          { name: 'busyCores', areaAt: () => st.busyCoreMs(), max: () => db.cores, restartMax: () => {} },
        ],
        counters: () => ({
          queries: st.queries,
          refusals: st.refusals,
          lockWaits: st.lockWaits,
          lockWaitMs: st.lockWaitMs,
          lockTimeouts: st.lockTimeouts,
          cpuWaitMs: st.cpuWaitMs,
        }),
      });
      return srv;
    };
    writers.set(db.name, server(db.name, `database/${db.name}/connect`));
    if (db.replicas > 0) {
      const replicas = Array.from({ length: db.replicas }, (_, i) =>
        server(`${db.name}/replica-${i + 1}`, `database/${db.name}/replica-${i + 1}/connect`),
      );
      readers.set(db.name, new ReaderEndpoint<Strand>({ name: `${db.name}/reader`, replicas }));
      replicaServers.set(db.name, replicas);
    }
  }

  for (const m of s.multiplexers) {
    const mux = new Multiplexer<Strand>(
      env,
      {
        name: m.name,
        kind: m.kind,
        mode: m.mode,
        maxClientConnections: m.maxClientConnections,
        poolSize: m.poolSize,
        reservePoolSize: m.reservePoolSize,
        reservePoolTimeoutMs: m.reservePoolTimeoutMs,
        waitTimeoutMs: m.waitTimeoutMs ?? 0,
        connectMs: createSampler(m.connectTime, streams.stream(`multiplexer/${m.name}/connect`)),
      },
      writers.get(m.database)!,
    );
    const st = mux.stats;
    probes.push({
      kind: 'multiplexer',
      name: m.name,
      capacity: { maxClientConnections: m.maxClientConnections, poolSize: m.poolSize },
      levels: [
        levelProbe('clients', st.clients),
        levelProbe('serverConnections', st.serverConnections),
        levelProbe('waiting', st.waiting),
      ],
      counters: () => ({
        waits: st.waits,
        waitMs: st.waitMs,
        timeouts: st.timeouts,
        clientRefusals: st.clientRefusals,
        serverRefusals: st.serverRefusals,
      }),
    });
    writers.set(m.name, mux);
  }

  // A cluster's masters are servers of their own (`cache/shard-2`), in slot-range order.
  const redisServers = new Map<string, RedisServer[]>();
  for (const r of s.redis) {
    const names =
      r.shards === 1 ? [r.name] : Array.from({ length: r.shards }, (_, i) => `${r.name}/shard-${i + 1}`);
    const servers = names.map((name) => {
      const srv = new RedisServer(env, {
        name,
        rttMs: createSampler(r.rtt, streams.stream(`redis/${name}/rtt`)),
      });
      const st = srv.stats;
      probes.push({
        kind: 'redis',
        name,
        capacity: { threads: 1 },
        levels: [levelProbe('busy', st.busy), levelProbe('queue', st.queue)],
        counters: () => ({ commands: st.commands, waitMs: st.waitMs }),
      });
      return srv;
    });
    redisServers.set(r.name, servers);
  }

  const stepWorkers: StepConsumers[] = [];
  const consumerWorker = (path: string, consumers: NormalizedConsumers): ConsumerWorker<Strand> => {
    if (consumers.process !== null)
      return new DelayWorker<Strand>(
        env,
        createSampler(consumers.process, streams.stream(`${path}/process`)),
      );
    const worker = new StepWorker();
    stepWorkers.push({ path, consumers, worker });
    return worker;
  };
  const topics = s.kafka.map((t) => {
    const at = `kafka/${t.name}`;
    const worker = consumerWorker(at, t.consumers);
    const topic = new KafkaTopic<Strand>(
      env,
      {
        name: t.name,
        partitions: t.partitions,
        consumers: t.consumers.instances,
        acks: t.acks,
        lingerMs: t.lingerMs,
        batchMessages: t.batchMessages,
        networkMs: createSampler(t.network, streams.stream(`${at}/network`)),
        appendMs: createSampler(t.append, streams.stream(`${at}/append`)),
        replicationMs: createSampler(t.replication, streams.stream(`${at}/replication`)),
      },
      streams.stream(`${at}/partitioner`),
      worker,
    );
    const st = topic.stats;
    probes.push({
      kind: 'kafka',
      name: t.name,
      capacity: { partitions: t.partitions, consumers: t.consumers.instances },
      levels: [levelProbe('lag', st.lag), levelProbe('busyConsumers', st.busy)],
      counters: () => ({
        ...(worker instanceof StepWorker ? worker.failures : {}),
        produced: st.produced,
        consumed: st.consumed,
        produceLatencySumMs: st.produceLatencySumMs,
        produceLatencyCount: st.produceLatencyCount,
      }),
    });
    return topic;
  });

  const queues = s.rabbitmq.map((q) => {
    const at = `rabbitmq/${q.name}`;
    const worker = consumerWorker(at, q.consumers);
    const queue = new RabbitQueue<Strand>(
      env,
      {
        name: q.name,
        consumers: q.consumers.instances,
        prefetch: q.prefetch,
        confirms: q.confirms,
        connectionPerPublish: q.connectionPerPublish,
        networkMs: createSampler(q.network, streams.stream(`${at}/network`)),
        enqueueMs: createSampler(q.enqueue, streams.stream(`${at}/enqueue`)),
      },
      worker,
    );
    const st = queue.stats;
    probes.push({
      kind: 'rabbitmq',
      name: q.name,
      capacity: { consumers: q.consumers.instances, prefetch: q.prefetch ?? 0 },
      levels: [
        levelProbe('ready', st.ready),
        levelProbe('unacked', st.unacked),
        levelProbe('busyConsumers', st.busy),
      ],
      counters: () => ({
        ...(worker instanceof StepWorker ? worker.failures : {}),
        published: st.published,
        consumed: st.consumed,
        publishLatencySumMs: st.publishLatencySumMs,
        publishLatencyCount: st.publishLatencyCount,
      }),
    });
    return queue;
  });

  const limiters = s.rateLimiters.map(createLimiter);

  // Pools are per pod; a pool's probe sums over the pods of its service, including pods the
  // HPA adds during the run (podData appends their stats here).
  const poolStats = new Map<string, PoolStats[][]>();
  for (const svc of s.services) {
    const perPool: PoolStats[][] = svc.pools.map(() => []);
    poolStats.set(svc.name, perPool);
    svc.pools.forEach((p, k) => {
      const pods = perPool[k]!;
      const total: LevelIntegral[] = [];
      const inUse: LevelIntegral[] = [];
      const waiting: LevelIntegral[] = [];
      const sync = () => {
        for (let i = total.length; i < pods.length; i++) {
          total.push(pods[i]!.total);
          inUse.push(pods[i]!.inUse);
          waiting.push(pods[i]!.waiting);
        }
      };
      const summed = (name: string, levels: LevelIntegral[]): LevelProbe => {
        const probe = summedLevel(name, levels);
        return {
          name,
          areaAt: (t) => (sync(), probe.areaAt(t)),
          max: () => (sync(), probe.max()),
          restartMax: () => (sync(), probe.restartMax()),
        };
      };
      probes.push({
        kind: 'pool',
        name: `${svc.name}/${p.name}`,
        capacity: {
          connectionsPerPod: poolMaxConnections(p) ?? 0,
        },
        levels: [summed('connections', total), summed('inUse', inUse), summed('waiting', waiting)],
        counters: () => {
          const out: Record<string, number> = {
            acquired: 0,
            waited: 0,
            waitMs: 0,
            connectAttempts: 0,
            connectRefusals: 0,
          };
          for (const st of pods) {
            out.acquired! += st.acquired;
            out.waited! += st.waited;
            out.waitMs! += st.waitMs;
            out.connectAttempts! += st.connectAttempts;
            out.connectRefusals! += st.connectRefusals;
            for (const [cause, n] of Object.entries(st.failures)) out[cause] = (out[cause] ?? 0) + (n ?? 0);
          }
          return out;
        },
      });
    });
  }

  const podData: DataTier['podData'] = (service, podIndex) => {
    const pools = service.pools.map((p): ClientPool<Strand> => {
      const name = `${service.name}/${p.name}`;
      if (p.driver === 'mongodb') {
        const options = {
          name,
          maxPoolSize: p.maxPoolSize,
          maxConnecting: p.maxConnecting,
          maxWaitTimeMs: p.maxWaitTimeMs,
          readPreference: p.readPreference,
        };
        const select = streams.stream(`service/${service.name}/pod-${podIndex}/pool/${p.name}/select`);
        const secondaries = replicaServers.get(p.target) ?? [];
        return new MongoClientPool<Strand>(env, options, writers.get(p.target)!, secondaries, select);
      }
      const backend = p.endpoint === 'reader' ? readers.get(p.target)! : writers.get(p.target)!;
      switch (p.driver) {
        case 'hikari':
          return new HikariPool<Strand>(
            env,
            {
              name,
              maximumPoolSize: p.maximumPoolSize,
              minimumIdle: p.minimumIdle,
              connectionTimeoutMs: p.connectionTimeoutMs ?? 0,
              createBackoffInitialMs: DEFAULTS.hikari.createBackoffInitialMs,
              createBackoffMaxMs: DEFAULTS.hikari.createBackoffMaxMs,
            },
            backend,
          );
        case 'mysql2':
          return new Mysql2Pool<Strand>(
            env,
            {
              name,
              connectionLimit: p.connectionLimit ?? 0,
              waitForConnections: p.waitForConnections,
              queueLimit: p.queueLimit ?? 0,
            },
            backend,
          );
        case 'sqlalchemy':
          return sqlalchemyQueuePool<Strand>(
            env,
            { name, poolSize: p.poolSize, maxOverflow: p.maxOverflow, poolTimeoutMs: p.poolTimeoutMs },
            backend,
          );
      }
    });
    const stats = poolStats.get(service.name)!;
    pools.forEach((pool, k) => stats[k]!.push(pool.stats));
    for (const pool of pools) pool.start();
    const redis = service.redisClients.map((c): RedisClient<Strand> => {
      const at = `service/${service.name}/pod-${podIndex}/redis/${c.server}`;
      const client = (server: RedisServer, stream: string): RedisClient<Strand> => {
        switch (c.client) {
          case 'lettuce':
          case 'redis-py':
            return new LettuceClient<Strand>(env, server, { timeoutMs: c.timeoutMs });
          case 'redisson':
            return new RedissonClient<Strand>(
              env,
              server,
              {
                connectionPoolSize: c.connectionPoolSize,
                timeoutMs: c.timeoutMs,
                retryAttempts: c.retryAttempts,
                retryDelayBaseMs: c.retryDelayBaseMs,
                retryDelayMaxMs: c.retryDelayMaxMs,
              },
              streams.stream(stream),
            );
        }
      };
      const servers = redisServers.get(c.server)!;
      if (servers.length === 1) return client(servers[0]!, at);
      // One connection (Lettuce, redis-py) or pool (Redisson) per master, as cluster clients keep.
      return new RedisClusterClient(
        servers.map((server, i) => client(server, `${at}/shard-${i + 1}`)),
        streams.stream(`${at}/slots`),
      );
    });
    return { pools, redis };
  };

  const lagOf = (name: string): number => topics[s.kafka.findIndex((t) => t.name === name)]!.stats.lag.level;
  return { topics, queues, limiters, probes, stepWorkers, podData, lagOf };
}
