/**
 * Normalizes the data tier: databases, multiplexers, Redis servers, Kafka topics, rate limiters,
 * and each service's pools and Redis clients, with defaults from `DEFAULTS`; checks that every
 * name a pool or step uses is declared, and warns where the real software would ignore or choke
 * on the configuration.
 */
import type { DistributionSpec } from '../../../engine/index.js';
import { DEFAULTS } from '../../scenario/defaults.js';
import type { Diagnostics, PathSegments } from '../../scenario/diagnostics.js';
import type { NormalizedEndpoint, NormalizedStep } from '../../scenario/normalized.js';
import type { ScenarioSpec } from '../../scenario/schema.js';
import { RDS_INSTANCE_CLASSES, rdsDefaultMaxConnections } from '../database/instance-classes.js';
import type { RdsEngine } from '../database/instance-classes.js';
import type {
  NormalizedConsumers,
  NormalizedDatabase,
  NormalizedMultiplexer,
  NormalizedPool,
  NormalizedQueue,
  NormalizedRateLimiter,
  NormalizedRedisClient,
  NormalizedRedisServer,
  NormalizedTopic,
} from './normalized-data.js';
import { poolMaxConnections } from './normalized-data.js';
import type { PoolSpec } from './pool-schema.js';
import { normalizeSteps } from '../../endpoint/normalize-endpoint.js';

/** The normalized data tier. */
export interface NormalizedData {
  readonly databases: NormalizedDatabase[];
  readonly multiplexers: NormalizedMultiplexer[];
  readonly redis: NormalizedRedisServer[];
  readonly kafka: NormalizedTopic[];
  readonly rabbitmq: NormalizedQueue[];
  readonly rateLimiters: NormalizedRateLimiter[];
  /** Per service name: its pools and Redis clients. */
  readonly services: ReadonlyMap<string, { pools: NormalizedPool[]; redisClients: NormalizedRedisClient[] }>;
}

const constant = (ms: number): DistributionSpec => ({ kind: 'deterministic', value: ms });

function normalizeDatabase(
  name: string,
  spec: NonNullable<ScenarioSpec['databases']>[string],
  diag: Diagnostics,
): NormalizedDatabase {
  const at = ['databases', name];
  const engine = spec.engine ?? 'mysql';
  let cores = spec.cores;
  let maxConnections = spec.maxConnections;
  let instance: string | null = null;
  if (spec.instance !== undefined && engine === 'mongodb') {
    diag.error(
      [...at, 'instance'],
      'RDS instance classes apply to mysql, mariadb and postgres; give cores for mongodb',
    );
  } else if (spec.instance !== undefined) {
    const cls = Object.hasOwn(RDS_INSTANCE_CLASSES, spec.instance)
      ? RDS_INSTANCE_CLASSES[spec.instance]
      : undefined;
    if (cls === undefined) {
      diag.error(
        [...at, 'instance'],
        `is not a known instance class (known: ${Object.keys(RDS_INSTANCE_CLASSES).join(', ')})`,
      );
    } else {
      instance = spec.instance;
      cores ??= cls.vcpu;
      maxConnections ??= rdsDefaultMaxConnections(engine as RdsEngine, cls.memoryGiB);
    }
  } else if (cores === undefined) {
    diag.error([...at, 'cores'], 'is required when no instance class is given');
  }
  return {
    name,
    engine,
    instance,
    cores: cores ?? 1,
    maxConnections:
      maxConnections ??
      (engine === 'mongodb' ? DEFAULTS.mongodb.maxIncomingConnections : DEFAULTS.database.maxConnections),
    replicas: spec.replicas ?? 0,
    connectTime: spec.connectTime ?? constant(DEFAULTS.database.connectMs),
    lockWaitTimeoutMs: spec.lockWaitTimeout ?? DEFAULTS.database.lockWaitTimeoutMs,
    locks: [],
  };
}

function normalizeMultiplexer(
  name: string,
  spec: NonNullable<ScenarioSpec['multiplexers']>[string],
): NormalizedMultiplexer {
  const connectTime = spec.connectTime ?? constant(DEFAULTS.database.connectMs);
  if (spec.kind === 'pgbouncer') {
    const d = DEFAULTS.pgbouncer;
    const wait = spec.queryWaitTimeout ?? d.queryWaitTimeoutMs;
    return {
      name,
      kind: 'pgbouncer',
      database: spec.database,
      mode: spec.poolMode ?? d.poolMode,
      maxClientConnections: spec.maxClientConn ?? d.maxClientConn,
      poolSize: spec.defaultPoolSize ?? d.defaultPoolSize,
      reservePoolSize: spec.reservePoolSize ?? d.reservePoolSize,
      reservePoolTimeoutMs: spec.reservePoolTimeout ?? d.reservePoolTimeoutMs,
      // pgbouncer doc/config.md: query_wait_timeout 0 disables the timeout.
      waitTimeoutMs: wait === 0 ? null : wait,
      connectTime,
    };
  }
  const d = DEFAULTS.proxysql;
  return {
    name,
    kind: 'proxysql',
    database: spec.database,
    // ProxySQL returns the backend connection to the hostgroup pool after each query.
    mode: 'transaction',
    maxClientConnections: spec.maxConnections ?? d.maxClientConnections,
    poolSize: spec.backendMaxConnections ?? d.maxBackendConnections,
    reservePoolSize: 0,
    reservePoolTimeoutMs: 0,
    waitTimeoutMs: spec.connectTimeoutServerMax ?? d.connectTimeoutServerMaxMs,
    connectTime,
  };
}

function normalizePool(
  service: string,
  name: string,
  spec: PoolSpec,
  targets: { databases: Map<string, NormalizedDatabase>; multiplexers: Set<string> },
  diag: Diagnostics,
): NormalizedPool {
  const at = ['services', service, 'pools', name];
  const isDb = targets.databases.has(spec.database);
  if (!isDb && !targets.multiplexers.has(spec.database)) {
    const known = [...targets.databases.keys(), ...targets.multiplexers];
    diag.error(
      [...at, 'database'],
      `names no declared database or multiplexer (declared: ${known.join(', ') || 'none'})`,
    );
  }
  const db = targets.databases.get(spec.database);
  if (spec.driver === 'mongodb')
    return normalizeMongoPool(name, spec, db, at, targets.multiplexers.has(spec.database), diag);
  if (db?.engine === 'mongodb')
    diag.error(
      [...at, 'driver'],
      `is ${spec.driver}, but database ${db.name} is MongoDB: use driver mongodb`,
    );
  const endpoint = spec.endpoint ?? 'writer';
  if (endpoint === 'reader') {
    const db = targets.databases.get(spec.database);
    if (db === undefined)
      diag.error([...at, 'endpoint'], 'reader applies only to a database, not a multiplexer');
    else if (db.replicas === 0)
      diag.error([...at, 'endpoint'], `is reader, but database ${db.name} has no replicas`);
  }
  const base = {
    name,
    target: spec.database,
    targetKind: isDb ? 'database' : 'multiplexer',
    endpoint,
  } as const;
  if (spec.driver === 'hikari') {
    const max = spec.maximumPoolSize ?? DEFAULTS.hikari.maximumPoolSize;
    const minIdle = spec.minimumIdle ?? max;
    if (minIdle > max)
      diag.error([...at, 'minimumIdle'], `must be ≤ maximumPoolSize (${max}), got ${minIdle}`);
    const timeout = spec.connectionTimeout ?? DEFAULTS.hikari.connectionTimeoutMs;
    // HikariConfig.setConnectionTimeout: 0 means Integer.MAX_VALUE; below 250 ms it throws.
    if (timeout !== 0 && timeout < 250) {
      diag.error(
        [...at, 'connectionTimeout'],
        `must be 0 or ≥ 250 ms (HikariCP rejects less), got ${timeout} ms`,
      );
    }
    return {
      ...base,
      driver: 'hikari',
      maximumPoolSize: max,
      minimumIdle: Math.min(minIdle, max),
      connectionTimeoutMs: timeout === 0 ? null : timeout,
    };
  }
  if (spec.driver === 'sqlalchemy') {
    const d = DEFAULTS.sqlalchemy;
    return {
      ...base,
      driver: 'sqlalchemy',
      poolSize: spec.poolSize ?? d.poolSize,
      maxOverflow: spec.maxOverflow ?? d.maxOverflow,
      poolTimeoutMs: spec.poolTimeout ?? d.poolTimeoutMs,
    };
  }
  if (spec.acquireTimeout !== undefined) {
    diag.warn(
      'SCN_WARN_ACQUIRE_TIMEOUT_IGNORED',
      [...at, 'acquireTimeout'],
      'is ignored by mysql2 ("Ignoring invalid configuration option passed to Connection: acquireTimeout"): queued queries wait without limit',
    );
  }
  const limit = spec.connectionLimit ?? DEFAULTS.mysql2.connectionLimit;
  const queue = spec.queueLimit ?? DEFAULTS.mysql2.queueLimit;
  return {
    ...base,
    driver: 'mysql2',
    connectionLimit: limit === 0 ? null : limit,
    waitForConnections: spec.waitForConnections ?? DEFAULTS.mysql2.waitForConnections,
    queueLimit: queue === 0 ? null : queue,
  };
}

function normalizeMongoPool(
  name: string,
  spec: Extract<PoolSpec, { driver: 'mongodb' }>,
  db: NormalizedDatabase | undefined,
  at: PathSegments,
  isMultiplexer: boolean,
  diag: Diagnostics,
): NormalizedPool {
  const d = DEFAULTS.mongodb;
  if (db !== undefined && db.engine !== 'mongodb')
    diag.error([...at, 'database'], `names database ${db.name}, whose engine is not mongodb`);
  else if (isMultiplexer)
    diag.error([...at, 'database'], 'a MongoDB client connects to a database, not a multiplexer');
  const readPreference = spec.readPreference ?? d.readPreference;
  const replicas = db?.replicas ?? 0;
  if (readPreference === 'secondary' && db !== undefined && replicas === 0)
    diag.error([...at, 'readPreference'], `is secondary, but database ${db.name} has no replicas`);
  const wait = spec.maxWaitTime ?? d.maxWaitTimeMs;
  const onSecondaries =
    readPreference === 'secondary' || (readPreference === 'secondaryPreferred' && replicas > 0);
  return {
    name,
    target: spec.database,
    targetKind: 'database',
    endpoint: onSecondaries ? 'reader' : 'writer',
    driver: 'mongodb',
    maxPoolSize: spec.maxPoolSize ?? d.maxPoolSize,
    maxConnecting: spec.maxConnecting ?? d.maxConnecting,
    maxWaitTimeMs: wait === 0 ? null : wait,
    readPreference,
  };
}

function normalizeRateLimiter(
  name: string,
  spec: NonNullable<ScenarioSpec['rateLimiters']>[string],
  diag: Diagnostics,
): NormalizedRateLimiter {
  const at = ['rateLimiters', name];
  const base = { name, key: spec.key ?? 'global', redis: spec.redis ?? null } as const;
  if (spec.algorithm === 'token-bucket') {
    if (spec.capacity === undefined) diag.error([...at, 'capacity'], 'is required for token-bucket');
    if (spec.refillPeriod === undefined) diag.error([...at, 'refillPeriod'], 'is required for token-bucket');
    else if (spec.refillPeriod === 0) diag.error([...at, 'refillPeriod'], 'must be > 0');
    for (const k of ['limit', 'window', 'align'] as const) {
      if (spec[k] !== undefined) diag.error([...at, k], 'applies only to the windowed algorithms');
    }
    return {
      ...base,
      algorithm: 'token-bucket',
      capacity: spec.capacity ?? 1,
      refillTokens: spec.refillTokens ?? spec.capacity ?? 1,
      refillPeriodMs: spec.refillPeriod ?? 1,
      refill: spec.refill ?? 'greedy',
    };
  }
  if (spec.limit === undefined) diag.error([...at, 'limit'], `is required for ${spec.algorithm}`);
  if (spec.window === undefined) diag.error([...at, 'window'], `is required for ${spec.algorithm}`);
  else if (spec.window === 0) diag.error([...at, 'window'], 'must be > 0');
  for (const k of ['capacity', 'refillTokens', 'refillPeriod', 'refill'] as const) {
    if (spec[k] !== undefined) diag.error([...at, k], 'applies only to token-bucket');
  }
  if (spec.align !== undefined && spec.algorithm !== 'fixed-window') {
    diag.error([...at, 'align'], 'applies only to fixed-window');
  }
  return {
    ...base,
    algorithm: spec.algorithm,
    limit: spec.limit ?? 1,
    windowMs: spec.window ?? 1,
    alignMs: spec.align ?? 0,
  };
}

function normalizeTopic(name: string, spec: NonNullable<ScenarioSpec['kafka']>[string]): NormalizedTopic {
  const d = DEFAULTS.kafka;
  return {
    name,
    partitions: spec.partitions ?? d.partitions,
    acks: spec.acks ?? d.acks,
    lingerMs: spec.linger ?? d.lingerMs,
    batchMessages: Math.max(
      1,
      Math.floor((spec.batchSize ?? d.batchSizeBytes) / (spec.messageBytes ?? d.messageBytes)),
    ),
    network: spec.network ?? constant(d.networkMs),
    append: spec.append ?? constant(d.appendMs),
    replication: spec.replication ?? constant(d.replicationMs),
    consumers: normalizeConsumers(spec.consumers),
  };
}

function normalizeConsumers(
  spec: NonNullable<ScenarioSpec['kafka']>[string]['consumers'],
): NormalizedConsumers {
  return {
    instances: spec.instances ?? 1,
    process: spec.process ?? null,
    service: spec.service ?? null,
    steps: spec.steps === undefined ? null : normalizeSteps(spec.steps, ''),
  };
}

function normalizeQueue(name: string, spec: NonNullable<ScenarioSpec['rabbitmq']>[string]): NormalizedQueue {
  const d = DEFAULTS.rabbitmq;
  const prefetch = spec.prefetch ?? d.prefetch;
  return {
    name,
    prefetch: prefetch === 0 ? null : prefetch,
    confirms: spec.confirms ?? d.confirms,
    connectionPerPublish: spec.connectionPerPublish ?? d.connectionPerPublish,
    network: spec.network ?? constant(d.networkMs),
    enqueue: spec.enqueue ?? constant(d.enqueueMs),
    consumers: normalizeConsumers(spec.consumers),
  };
}

function redisClient(
  server: string,
  spec: NonNullable<ScenarioSpec['services'][string]['redis']>[string] | undefined,
): NormalizedRedisClient {
  if (spec?.client === 'redisson') {
    const d = DEFAULTS.redisson;
    return {
      server,
      client: 'redisson',
      connectionPoolSize: spec.connectionPoolSize ?? d.connectionPoolSize,
      timeoutMs: spec.timeout ?? d.timeoutMs,
      retryAttempts: spec.retryAttempts ?? d.retryAttempts,
      retryDelayBaseMs: d.retryDelayBaseMs,
      retryDelayMaxMs: d.retryDelayMaxMs,
    };
  }
  if (spec?.client === 'redis-py')
    return { server, client: 'redis-py', timeoutMs: spec.socketTimeout ?? DEFAULTS.redisPy.socketTimeoutMs };
  return { server, client: 'lettuce', timeoutMs: spec?.timeout ?? DEFAULTS.lettuce.timeoutMs };
}

/** Normalizes the data tier of `spec`; `endpoints` are already normalized (their steps are checked here). */
export function normalizeData(
  spec: ScenarioSpec,
  endpoints: readonly NormalizedEndpoint[],
  diag: Diagnostics,
): NormalizedData {
  const databases = new Map(
    Object.entries(spec.databases ?? {}).map(([n, d]) => [n, normalizeDatabase(n, d, diag)]),
  );
  const multiplexers = Object.entries(spec.multiplexers ?? {}).map(([n, m]) => normalizeMultiplexer(n, m));
  for (const m of multiplexers) {
    if (!databases.has(m.database)) {
      diag.error(
        ['multiplexers', m.name, 'database'],
        `names no declared database (declared: ${[...databases.keys()].join(', ') || 'none'})`,
      );
    }
  }
  const targets = { databases, multiplexers: new Set(multiplexers.map((m) => m.name)) };
  const redis: NormalizedRedisServer[] = Object.entries(spec.redis ?? {}).map(([name, r]) => ({
    name,
    rtt: r.rtt ?? constant(DEFAULTS.redis.rttMs),
    commandTime: r.commandTime ?? constant(DEFAULTS.redis.commandMs),
    shards: r.shards ?? 1,
  }));
  const redisNames = new Set(redis.map((r) => r.name));
  const kafka = Object.entries(spec.kafka ?? {}).map(([n, t]) => normalizeTopic(n, t));
  const topicNames = new Set(kafka.map((t) => t.name));
  const rabbitmq = Object.entries(spec.rabbitmq ?? {}).map(([n, q]) => normalizeQueue(n, q));
  const queueNames = new Set(rabbitmq.map((q) => q.name));
  const rateLimiters = Object.entries(spec.rateLimiters ?? {}).map(([n, l]) =>
    normalizeRateLimiter(n, l, diag),
  );
  const limiters = new Map(rateLimiters.map((l) => [l.name, l]));
  for (const l of rateLimiters) {
    if (l.redis !== null && !redisNames.has(l.redis)) {
      diag.error(
        ['rateLimiters', l.name, 'redis'],
        `names no declared Redis server (declared: ${[...redisNames].join(', ') || 'none'})`,
      );
    }
  }

  const services = new Map<string, { pools: NormalizedPool[]; redisClients: NormalizedRedisClient[] }>();
  for (const [svc, s] of Object.entries(spec.services)) {
    const pools = Object.entries(s.pools ?? {}).map(([n, p]) => normalizePool(svc, n, p, targets, diag));
    for (const server of Object.keys(s.redis ?? {})) {
      if (!redisNames.has(server))
        diag.error(['services', svc, 'redis', server], 'names no declared Redis server');
    }
    services.set(svc, { pools, redisClients: [] });
  }

  // The database a pool's queries finally run on (through a multiplexer, its database).
  const databaseOf = (pool: NormalizedPool): NormalizedDatabase | undefined =>
    pool.targetKind === 'database'
      ? databases.get(pool.target)
      : databases.get(multiplexers.find((m) => m.name === pool.target)?.database ?? '');
  const useRedis = (svc: string, server: string): void => {
    const entry = services.get(svc);
    if (entry === undefined || !redisNames.has(server) || entry.redisClients.some((c) => c.server === server))
      return;
    entry.redisClients.push(redisClient(server, spec.services[svc]?.redis?.[server]));
  };
  const checkSteps = (steps: readonly NormalizedStep[], at: PathSegments, svc: string): void => {
    steps.forEach((step, i) => {
      const here = [...at, i];
      switch (step.kind) {
        case 'parallel':
          step.branches.forEach((b, j) => checkSteps(b, [...here, 'parallel', j], svc));
          return;
        case 'cache':
          if (!redisNames.has(step.server))
            diag.error([...here, 'cache', 'server'], 'names no declared Redis server');
          useRedis(svc, step.server);
          checkSteps(step.miss, [...here, 'cache', 'miss'], svc);
          return;
        case 'query': {
          const pool = services.get(svc)?.pools.find((p) => p.name === step.pool);
          if (pool === undefined) {
            const names = services.get(svc)?.pools.map((p) => p.name) ?? [];
            diag.error(
              [...here, 'query', 'pool'],
              `names no pool of service ${svc} (its pools: ${names.join(', ') || 'none'})`,
            );
            return;
          }
          const db = databaseOf(pool);
          if (step.lock !== null && db !== undefined && !db.locks.includes(step.lock)) {
            (db.locks as string[]).push(step.lock);
          }
          return;
        }
        case 'redis':
          if (!redisNames.has(step.server))
            diag.error([...here, 'redis', 'server'], 'names no declared Redis server');
          useRedis(svc, step.server);
          return;
        case 'produce':
          if (!topicNames.has(step.topic))
            diag.error([...here, 'produce', 'topic'], 'names no declared Kafka topic');
          return;
        case 'broadcast':
          if (!redisNames.has(step.server))
            diag.error([...here, 'broadcast', 'server'], 'names no declared Redis server');
          useRedis(svc, step.server);
          if (!services.has(step.subscribers))
            diag.error(
              [...here, 'broadcast', 'subscribers'],
              `names no declared service (declared: ${[...services.keys()].join(', ')})`,
            );
          else checkSteps(step.deliver, [...here, 'broadcast', 'deliver'], step.subscribers);
          return;
        case 'publish':
          if (!queueNames.has(step.queue))
            diag.error(
              [...here, 'publish', 'queue'],
              `names no declared RabbitMQ queue (declared: ${[...queueNames].join(', ') || 'none'})`,
            );
          return;
        case 'rateLimit': {
          const l = limiters.get(step.limiter);
          if (l === undefined)
            diag.error([...here, 'rateLimit', 'limiter'], 'names no declared rate limiter');
          else if (l.redis !== null) useRedis(svc, l.redis);
          return;
        }
        default:
          return;
      }
    });
  };
  // An endpoint without a valid service has its error already; its pools cannot be checked.
  for (const e of endpoints)
    if (services.has(e.service)) checkSteps(e.steps, ['endpoints', e.name, 'steps'], e.service);
  const brokers = [
    ...kafka.map((t) => ({ at: ['kafka', t.name, 'consumers'], consumers: t.consumers })),
    ...rabbitmq.map((q) => ({ at: ['rabbitmq', q.name, 'consumers'], consumers: q.consumers })),
  ];
  for (const { at, consumers } of brokers) {
    const { steps, service } = consumers;
    if (steps === null) {
      if (service !== null) diag.error([...at, 'service'], 'applies only with steps');
    } else if (service === null) {
      diag.error([...at, 'service'], 'is required with steps: it names the pods that run them');
    } else if (!services.has(service)) {
      diag.error(
        [...at, 'service'],
        `names no declared service (declared: ${[...services.keys()].join(', ')})`,
      );
    } else {
      if ((spec.services[service]?.replicas ?? 1) === 0)
        diag.error([...at, 'service'], 'has no replicas to run the consumers');
      checkSteps(steps, [...at, 'steps'], service);
      if (spec.services[service]?.autoscaling !== undefined) {
        diag.warn(
          'SCN_WARN_CONSUMERS_NOT_SCALED',
          [...at, 'service'],
          `is autoscaled, but its ${consumers.instances} consumer(s) stay on its initial pods: pods the autoscaler adds run no consumers, and a consumer whose pod is deleted loses its pools`,
        );
      }
    }
  }
  connectionWarnings(spec, [...databases.values()], multiplexers, services, diag);
  return { databases: [...databases.values()], multiplexers, redis, kafka, rabbitmq, rateLimiters, services };
}

/**
 * Warns when the pods' pools can open more connections than a database accepts: pods × pool
 * sizes above max_connections is how seed 000 failed ("Too many connections").
 */
function connectionWarnings(
  spec: ScenarioSpec,
  databases: readonly NormalizedDatabase[],
  multiplexers: readonly NormalizedMultiplexer[],
  services: ReadonlyMap<string, { pools: NormalizedPool[] }>,
  diag: Diagnostics,
): void {
  for (const db of databases) {
    let demand = 0;
    let unlimited = false;
    for (const [svc, { pools }] of services) {
      const replicas = spec.services[svc]?.replicas ?? 1;
      for (const p of pools) {
        // Reader pools spread over the replicas; only the primary's demand is checked.
        if (p.targetKind !== 'database' || p.target !== db.name || p.endpoint !== 'writer') continue;
        const size = poolMaxConnections(p);
        if (size === null) unlimited = true;
        else demand += replicas * size;
      }
    }
    for (const m of multiplexers) if (m.database === db.name) demand += m.poolSize + m.reservePoolSize;
    if (unlimited || demand > db.maxConnections) {
      diag.warn(
        'SCN_WARN_POOLS_EXCEED_MAX_CONNECTIONS',
        ['databases', db.name, 'maxConnections'],
        `is ${db.maxConnections}, but the pools in front of it can open ${unlimited ? 'an unlimited number of' : demand} connections at the initial replica counts: connects past the limit are refused (error 1040)`,
      );
    }
  }
}
