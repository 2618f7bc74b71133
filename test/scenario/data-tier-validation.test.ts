/**
 * The data tier's part of the scenario document: every wrong name or value reported at its path,
 * defaults taken from the real software, and warnings where the real software would ignore or
 * choke on the configuration (mysql2's ignored acquireTimeout; pools larger than max_connections).
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../models/scenario/parse.js';
import { issuePathsOf as pathsOf } from './scenario-error-of.js';

type Obj = Record<string, unknown>;

/** A valid scenario using every data-tier component, as a fresh object to break. */
function valid(): Obj & {
  services: { api: Obj & { pools: Record<string, Obj> } };
  endpoints: { order: { steps: Obj[] } };
} {
  return {
    name: 'orders',
    load: { executor: 'constant-arrival-rate', rate: 100, duration: '1m', preAllocatedVUs: 10 },
    endpoints: {
      order: {
        steps: [
          { rateLimit: { limiter: 'perUser' } },
          { cache: { server: 'cache', hitRatio: '80%', miss: [{ query: { pool: 'reads', cpu: '1ms' } }] } },
          { query: { pool: 'master', cpu: '1ms', io: '2ms', lock: 'seat' } },
          { produce: { topic: 'events' } },
          { publish: { queue: 'tasks' } },
        ],
      },
    },
    services: {
      api: {
        replicas: 2,
        resources: { limits: { cpu: '1' } },
        pools: {
          master: { driver: 'hikari', database: 'rds', maximumPoolSize: 10 },
          reads: { driver: 'mysql2', database: 'rds', endpoint: 'reader', connectionLimit: 10 },
        },
        redis: { cache: { client: 'redisson' } },
      },
    },
    databases: { rds: { instance: 'db.r6g.large', replicas: 1 } },
    redis: { cache: {} },
    kafka: { events: { partitions: 3, consumers: { process: '5ms' } } },
    rabbitmq: { tasks: { consumers: { instances: 2, process: '20ms' } } },
    rateLimiters: { perUser: { algorithm: 'token-bucket', capacity: 10, refillPeriod: '1s', key: 'vu' } },
  };
}

describe('a scenario with every data-tier component', () => {
  it('loads with no warnings and with the real software defaults', () => {
    const { scenario, warnings } = loadScenario(valid());
    expect(warnings).toEqual([]);
    const db = scenario.databases[0]!;
    // db.r6g.large: 2 vCPU, 16 GiB; RDS MySQL formula on the class memory (AWS: "around 1,300").
    expect(db.cores).toBe(2);
    expect(db.maxConnections).toBeGreaterThan(1250);
    expect(db.maxConnections).toBeLessThanOrEqual(1365);
    expect(db.locks).toEqual(['seat']);
    const [master, reads] = scenario.services[0]!.pools;
    expect(master).toMatchObject({
      driver: 'hikari',
      maximumPoolSize: 10,
      minimumIdle: 10,
      connectionTimeoutMs: 30_000,
    });
    expect(reads).toMatchObject({
      driver: 'mysql2',
      endpoint: 'reader',
      waitForConnections: true,
      queueLimit: null,
    });
    expect(scenario.services[0]!.redisClients).toEqual([
      expect.objectContaining({
        server: 'cache',
        client: 'redisson',
        connectionPoolSize: 64,
        timeoutMs: 3000,
        retryAttempts: 4,
      }),
    ]);
    expect(scenario.kafka[0]).toMatchObject({
      acks: 'all',
      lingerMs: 5,
      batchMessages: 16,
      consumers: { instances: 1 },
    });
    // RabbitMQ: no basic.qos (prefetch unlimited), no confirms, a long-lived connection.
    expect(scenario.rabbitmq[0]).toMatchObject({
      prefetch: null,
      confirms: false,
      connectionPerPublish: false,
      consumers: { instances: 2, service: null },
    });
    expect(scenario.rateLimiters[0]).toMatchObject({
      algorithm: 'token-bucket',
      refillTokens: 10,
      refill: 'greedy',
      key: 'vu',
    });
  });

  it('a SQLAlchemy pool gets QueuePool defaults: pool_size 5, max_overflow 10, pool_timeout 30 s', () => {
    const doc = valid();
    doc.services.api.pools.py = { driver: 'sqlalchemy', database: 'rds' };
    const pool = loadScenario(doc).scenario.services[0]!.pools.find((p) => p.name === 'py');
    expect(pool).toMatchObject({ driver: 'sqlalchemy', poolSize: 5, maxOverflow: 10, poolTimeoutMs: 30_000 });
  });

  it('a Redis server used without a client setting gets Lettuce (one shared connection, 60 s timeout)', () => {
    const doc = valid();
    delete doc.services.api.redis;
    const clients = loadScenario(doc).scenario.services[0]!.redisClients;
    expect(clients).toEqual([{ server: 'cache', client: 'lettuce', timeoutMs: 60_000 }]);
  });
});

describe('names that point nowhere are errors at their path', () => {
  it('pools, databases, Redis servers, topics and limiters', () => {
    const doc = valid();
    doc.endpoints.order.steps = [
      { query: { pool: 'nope', cpu: '1ms' } },
      { redis: { server: 'nope' } },
      { produce: { topic: 'nope' } },
      { rateLimit: { limiter: 'nope' } },
      { publish: { queue: 'nope' } },
    ];
    doc.services.api.pools.master!.database = 'nope';
    expect(pathsOf(doc).sort()).toEqual(
      [
        'endpoints.order.steps[0].query.pool',
        'endpoints.order.steps[1].redis.server',
        'endpoints.order.steps[2].produce.topic',
        'endpoints.order.steps[3].rateLimit.limiter',
        'endpoints.order.steps[4].publish.queue',
        'services.api.pools.master.database',
      ].sort(),
    );
  });

  it('a reader endpoint needs replicas; an unknown instance class is named', () => {
    const doc = valid();
    (doc.databases as Record<string, Obj>).rds = { instance: 'db.x9.huge' };
    expect(pathsOf(doc)).toEqual(['databases.rds.instance', 'services.api.pools.reads.endpoint']);
  });
});

describe('Kafka consumers', () => {
  it('need exactly one of process and steps; steps need a service whose pools they name', () => {
    const doc = valid();
    doc.kafka = {
      a: { consumers: { process: '1ms', steps: [{ cpu: '1ms' }] } },
    };
    expect(pathsOf(doc)).toEqual(['kafka.a.consumers']);
    doc.kafka = {
      a: { consumers: { steps: [{ cpu: '1ms' }] } },
      b: { consumers: { service: 'api', steps: [{ query: { pool: 'nope', io: '1ms' } }] } },
      c: { consumers: { service: 'nope', steps: [{ cpu: '1ms' }] } },
      events: { consumers: { process: '1ms', service: 'api' } },
    };
    expect(pathsOf(doc).sort()).toEqual([
      'kafka.a.consumers.service',
      'kafka.b.consumers.steps[0].query.pool',
      'kafka.c.consumers.service',
      'kafka.events.consumers.service',
    ]);
  });
});

describe('values the real software refuses', () => {
  it('HikariCP connectionTimeout below 250 ms, minimumIdle above maximumPoolSize', () => {
    const doc = valid();
    doc.services.api.pools.master = {
      driver: 'hikari',
      database: 'rds',
      connectionTimeout: '100ms',
      maximumPoolSize: 5,
      minimumIdle: 6,
    };
    expect(pathsOf(doc).sort()).toEqual([
      'services.api.pools.master.connectionTimeout',
      'services.api.pools.master.minimumIdle',
    ]);
  });

  it('a query needs cpu or io time', () => {
    const doc = valid();
    doc.endpoints.order.steps = [{ query: { pool: 'master' } }];
    expect(pathsOf(doc)).toEqual(['endpoints.order.steps[0].query']);
  });

  it('a token bucket without capacity; a fixed window with a token-bucket field', () => {
    const doc = valid();
    doc.rateLimiters = {
      a: { algorithm: 'token-bucket', refillPeriod: '1s' },
      b: { algorithm: 'fixed-window', limit: 10, window: '1s', capacity: 5 },
    };
    doc.endpoints.order.steps = [{ rateLimit: { limiter: 'a' } }, { rateLimit: { limiter: 'b' } }];
    expect(pathsOf(doc).sort()).toEqual(['rateLimiters.a.capacity', 'rateLimiters.b.capacity']);
  });

  it('a driver the schema does not know lists the drivers it does', () => {
    const doc = valid();
    doc.services.api.pools.master = { driver: 'c3p0', database: 'rds' };
    expect(pathsOf(doc)).toEqual(['services.api.pools.master.driver']);
  });
});

describe('warnings for configurations the real software ignores or cannot serve', () => {
  it("mysql2's acquireTimeout is ignored; 5 pods × (50 + 50) connections exceed max_connections 90", () => {
    const doc = valid();
    doc.services.api.replicas = 5;
    doc.services.api.pools = {
      master: { driver: 'mysql2', database: 'rds', connectionLimit: 50, acquireTimeout: '10s' },
      reads: { driver: 'mysql2', database: 'rds', connectionLimit: 50 },
    };
    (doc.databases as Record<string, Obj>).rds = { instance: 'db.t3.large', maxConnections: 90 };
    doc.endpoints.order.steps = [
      { query: { pool: 'master', cpu: '1ms' } },
      { query: { pool: 'reads', cpu: '1ms' } },
    ];
    const warnings = loadScenario(doc).warnings.map(({ code, path }) => ({ code, path }));
    expect(warnings).toEqual([
      { code: 'SCN_WARN_ACQUIRE_TIMEOUT_IGNORED', path: 'services.api.pools.master.acquireTimeout' },
      { code: 'SCN_WARN_POOLS_EXCEED_MAX_CONNECTIONS', path: 'databases.rds.maxConnections' },
    ]);
  });
});

describe('capacity warnings for the data tier (mean demand at the peak rate)', () => {
  it('query CPU beyond the database cores; commands beyond the Redis main thread', () => {
    const doc = valid();
    doc.load = {
      executor: 'constant-arrival-rate',
      rate: 5000,
      duration: '1m',
      preAllocatedVUs: 10,
      maxVUs: 100_000,
    };
    doc.endpoints.order.steps = [
      { query: { pool: 'master', cpu: '1ms' } },
      { redis: { server: 'cache', time: '0.3ms' } },
    ];
    const codes = loadScenario(doc).warnings.map(({ code, path }) => ({ code, path }));
    // 5,000/s × 1 ms = 5 cores on a 2-core db.r6g.large; 5,000/s × 0.3 ms = 1.5 s/s of Redis.
    expect(codes).toEqual(
      expect.arrayContaining([
        { code: 'SCN_WARN_DATABASE_OVERLOAD', path: 'databases.rds' },
        { code: 'SCN_WARN_REDIS_OVERLOAD', path: 'redis.cache' },
      ]),
    );
    doc.load = {
      executor: 'constant-arrival-rate',
      rate: 1000,
      duration: '1m',
      preAllocatedVUs: 10,
      maxVUs: 100_000,
    };
    expect(loadScenario(doc).warnings.map((w) => w.code)).not.toContain('SCN_WARN_DATABASE_OVERLOAD');
  });
});

describe('RabbitMQ queues', () => {
  it('check their consumers like Kafka consumer groups, and bound prefetch and shards', () => {
    const doc = valid();
    doc.rabbitmq = {
      a: { consumers: { process: '1ms', steps: [{ cpu: '1ms' }] } },
      b: { prefetch: -1, consumers: { process: '1ms' } },
    };
    expect(pathsOf(doc).sort()).toEqual(['rabbitmq.a.consumers', 'rabbitmq.b.prefetch']);
    doc.rabbitmq = {
      tasks: { consumers: { service: 'nope', steps: [{ cpu: '1ms' }] } },
      b: { consumers: { service: 'api', steps: [{ query: { pool: 'nope', io: '1ms' } }] } },
    };
    expect(pathsOf(doc).sort()).toEqual(
      ['rabbitmq.b.consumers.steps[0].query.pool', 'rabbitmq.tasks.consumers.service'].sort(),
    );
    const cluster = valid();
    cluster.redis = { cache: { shards: 0 } };
    expect(pathsOf(cluster)).toEqual(['redis.cache.shards']);
  });
});

describe('MongoDB', () => {
  const mongo = (): Obj & { services: { api: Obj & { pools: Record<string, Obj> } } } => ({
    name: 'chat',
    load: { executor: 'constant-vus', vus: 10, duration: '10s' },
    endpoints: { read: { steps: [{ query: { pool: 'reads', cpu: '1ms' } }] } },
    services: {
      api: {
        pools: {
          reads: { driver: 'mongodb', database: 'mongo', readPreference: 'secondary' },
          writes: { driver: 'mongodb', database: 'mongo' },
        },
      },
    },
    databases: { mongo: { engine: 'mongodb', cores: 2, replicas: 2 } },
  });

  it('gets the Java driver defaults and mongod connection cap', () => {
    const s = loadScenario(mongo()).scenario;
    expect(s.databases[0]!.maxConnections).toBe(25_600);
    expect(s.services[0]!.pools).toEqual([
      expect.objectContaining({
        driver: 'mongodb',
        endpoint: 'reader',
        maxPoolSize: 100,
        maxConnecting: 2,
        maxWaitTimeMs: 120_000,
        readPreference: 'secondary',
      }),
      expect.objectContaining({ driver: 'mongodb', endpoint: 'writer', readPreference: 'primary' }),
    ]);
  });

  it('reports a driver that does not fit the database, secondaries without replicas, and an RDS class', () => {
    const doc = mongo();
    doc.services.api.pools.sql = { driver: 'hikari', database: 'mongo' };
    (doc.databases as Record<string, Obj>).mongo = { engine: 'mongodb', cores: 2, instance: 'db.t3.large' };
    (doc.databases as Record<string, Obj>).rds = { cores: 2 };
    doc.services.api.pools.other = { driver: 'mongodb', database: 'rds' };
    expect(pathsOf(doc).sort()).toEqual(
      [
        'databases.mongo.instance',
        'services.api.pools.other.database',
        'services.api.pools.reads.readPreference',
        'services.api.pools.sql.driver',
      ].sort(),
    );
  });
});
