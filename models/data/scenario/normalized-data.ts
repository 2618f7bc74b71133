/**
 * The normalized form of the data tier: every default applied (from `DEFAULTS`), names resolved,
 * durations in ms. Plain JSON; `null` means "no limit".
 */
import type { DistributionSpec } from '../../../engine/index.js';
import type { NormalizedStep } from '../../scenario/normalized.js';

/** A database: a primary and `replicas` identical read replicas. */
export interface NormalizedDatabase {
  readonly name: string;
  readonly engine: 'mysql' | 'mariadb' | 'postgres' | 'mongodb';
  readonly instance: string | null;
  readonly cores: number;
  readonly maxConnections: number;
  readonly replicas: number;
  readonly connectTime: DistributionSpec;
  readonly lockWaitTimeoutMs: number;
  /** The lock names the steps use, in first-use order (a query's lock index points here). */
  readonly locks: readonly string[];
}

/** PgBouncer or ProxySQL, in one shape. */
export interface NormalizedMultiplexer {
  readonly name: string;
  readonly kind: 'pgbouncer' | 'proxysql';
  readonly database: string;
  /** ProxySQL multiplexes per query: transaction. */
  readonly mode: 'session' | 'transaction' | 'statement';
  readonly maxClientConnections: number;
  /** Server connections to the database at most (reserve excluded). */
  readonly poolSize: number;
  readonly reservePoolSize: number;
  readonly reservePoolTimeoutMs: number;
  /** query_wait_timeout / connect_timeout_server_max; null waits forever. */
  readonly waitTimeoutMs: number | null;
  readonly connectTime: DistributionSpec;
}

interface PoolBase {
  readonly name: string;
  /** A database or multiplexer name. */
  readonly target: string;
  readonly targetKind: 'database' | 'multiplexer';
  readonly endpoint: 'writer' | 'reader';
}

/** One client pool of a pod. */
export type NormalizedPool =
  | (PoolBase & {
      readonly driver: 'hikari';
      readonly maximumPoolSize: number;
      readonly minimumIdle: number;
      /** null: no timeout (HikariCP's 0). */
      readonly connectionTimeoutMs: number | null;
    })
  | (PoolBase & {
      readonly driver: 'mysql2';
      /** null: unlimited (mysql2's 0). */
      readonly connectionLimit: number | null;
      readonly waitForConnections: boolean;
      /** null: unlimited (mysql2's 0). */
      readonly queueLimit: number | null;
    })
  | (PoolBase & {
      readonly driver: 'mongodb';
      readonly maxPoolSize: number;
      readonly maxConnecting: number;
      /** null: wait forever. */
      readonly maxWaitTimeMs: number | null;
      readonly readPreference:
        'primary' | 'primaryPreferred' | 'secondary' | 'secondaryPreferred' | 'nearest';
    })
  | (PoolBase & {
      readonly driver: 'sqlalchemy';
      readonly poolSize: number;
      readonly maxOverflow: number;
      readonly poolTimeoutMs: number;
    });

/** Connections a pod's pool can open at most (a MongoDB pool: to each member), or null for no limit. */
export function poolMaxConnections(p: NormalizedPool): number | null {
  switch (p.driver) {
    case 'hikari':
      return p.maximumPoolSize;
    case 'mysql2':
      return p.connectionLimit;
    case 'sqlalchemy':
      return p.poolSize + p.maxOverflow;
    case 'mongodb':
      return p.maxPoolSize;
  }
}

/** A Redis server. */
export interface NormalizedRedisServer {
  readonly name: string;
  readonly rtt: DistributionSpec;
  readonly commandTime: DistributionSpec;
  /** Masters of a Redis Cluster; 1 is a single server. */
  readonly shards: number;
}

/** The Redis client a service uses for one server. */
export type NormalizedRedisClient =
  | { readonly server: string; readonly client: 'lettuce'; readonly timeoutMs: number }
  /** null: no socket timeout. */
  | { readonly server: string; readonly client: 'redis-py'; readonly timeoutMs: number | null }
  | {
      readonly server: string;
      readonly client: 'redisson';
      readonly connectionPoolSize: number;
      readonly timeoutMs: number;
      readonly retryAttempts: number;
      readonly retryDelayBaseMs: number;
      readonly retryDelayMaxMs: number;
    };

/** A Kafka topic and its consumer group. */
export interface NormalizedTopic {
  readonly name: string;
  readonly partitions: number;
  readonly acks: 'all' | '1' | '0';
  readonly lingerMs: number;
  /** Messages per batch: floor(batch.size / message bytes), at least 1. */
  readonly batchMessages: number;
  readonly network: DistributionSpec;
  readonly append: DistributionSpec;
  readonly replication: DistributionSpec;
  readonly consumers: NormalizedConsumers;
}

/** The consumers of a Kafka topic or a RabbitMQ queue. */
export interface NormalizedConsumers {
  readonly instances: number;
  /** Processing as a plain delay, or null when `steps` run on `service`'s pods. */
  readonly process: DistributionSpec | null;
  readonly service: string | null;
  readonly steps: readonly NormalizedStep[] | null;
}

/** A RabbitMQ queue and its consumers. */
export interface NormalizedQueue {
  readonly name: string;
  /** Unacknowledged messages per consumer at most; null: no limit (prefetch_count 0). */
  readonly prefetch: number | null;
  readonly confirms: boolean;
  readonly connectionPerPublish: boolean;
  readonly network: DistributionSpec;
  readonly enqueue: DistributionSpec;
  readonly consumers: NormalizedConsumers;
}

/** A rate limiter. */
export type NormalizedRateLimiter = {
  readonly name: string;
  readonly key: 'global' | 'vu';
  /** The Redis server each check is a command on, or null for an in-process limiter. */
  readonly redis: string | null;
} & (
  | {
      readonly algorithm: 'fixed-window' | 'sliding-log' | 'sliding-counter';
      readonly limit: number;
      readonly windowMs: number;
      readonly alignMs: number;
    }
  | {
      readonly algorithm: 'token-bucket';
      readonly capacity: number;
      readonly refillTokens: number;
      readonly refillPeriodMs: number;
      readonly refill: 'greedy' | 'intervally';
    }
);

/** The data-tier steps of an endpoint (the cache step, which nests steps, is in `normalized.ts`). */
export type NormalizedDataStep =
  | {
      readonly kind: 'query';
      readonly name: string;
      readonly pool: string;
      readonly cpu: DistributionSpec | null;
      readonly io: DistributionSpec | null;
      readonly lock: string | null;
    }
  | {
      readonly kind: 'redis';
      readonly name: string;
      readonly server: string;
      /** The command's main-thread time; null: the server's `commandTime`. */
      readonly time: DistributionSpec | null;
      /** The command's key (it picks a cluster's master), or null: a random key. */
      readonly key: string | null;
    }
  | {
      readonly kind: 'produce';
      readonly name: string;
      readonly topic: string;
      readonly await: 'ack' | 'consumed';
    }
  | {
      readonly kind: 'publish';
      readonly name: string;
      readonly queue: string;
      readonly await: 'ack' | 'consumed';
    }
  | { readonly kind: 'rateLimit'; readonly name: string; readonly limiter: string };
