/**
 * Scenario syntax for a pod's client connection pools (`services.<name>.pools.<pool>`), one
 * variant per driver. Every field mirrors the driver's own option of the same name.
 */
import { z } from 'zod';
import { durationMs } from '../../scenario/schema-units.js';

const target = z
  .string()
  .min(1)
  .describe('The database or multiplexer (a name under `databases` or `multiplexers`) the pool connects to.');

const endpoint = z
  .enum(['writer', 'reader'])
  .optional()
  .describe(
    "Which endpoint of a database with replicas: writer (the primary, default) or reader (each new connection goes to the next replica, like an RDS reader endpoint's DNS round robin).",
  );

const hikariSchema = z
  .strictObject({
    driver: z.literal('hikari').describe('HikariCP (Java, Spring Boot).'),
    database: target,
    endpoint,
    maximumPoolSize: z
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .describe('Connections at most, idle and in use (`maximumPoolSize`). Default 10.'),
    minimumIdle: z
      .int()
      .min(0)
      .max(100_000)
      .optional()
      .describe(
        'Idle connections kept open; opened one at a time at start-up (`minimumIdle`). Default: maximumPoolSize (a fixed-size pool).',
      ),
    connectionTimeout: durationMs
      .optional()
      .describe(
        'How long a caller waits for a connection before SQLTransientConnectionException (`connectionTimeout`, at least 250 ms; 0 means no limit). Default 30s.',
      ),
  })
  .describe('A HikariCP pool: callers wait up to connectionTimeout; connections are created one at a time.');

const mysql2Schema = z
  .strictObject({
    driver: z.literal('mysql2').describe('node-mysql2 `createPool` (Node.js, also under TypeORM).'),
    database: target,
    endpoint,
    connectionLimit: z
      .int()
      .min(0)
      .max(100_000)
      .optional()
      .describe('Connections at most; 0 means unlimited (`connectionLimit`). Default 10.'),
    waitForConnections: z
      .boolean()
      .optional()
      .describe(
        'Queue callers when every connection is busy; false fails them at once (`waitForConnections`). Default true.',
      ),
    queueLimit: z
      .int()
      .min(0)
      .optional()
      .describe(
        'Callers queued at most, past it "Queue limit reached."; 0 means unlimited (`queueLimit`). Default 0.',
      ),
    acquireTimeout: durationMs
      .optional()
      .describe(
        'Accepted for compatibility and ignored, as mysql2 ignores it (a warning says so): queued callers wait without limit.',
      ),
  })
  .describe(
    'A mysql2 pool: lazy, LIFO reuse, no acquire timeout, a refused connect fails the query at once.',
  );

const sqlalchemySchema = z
  .strictObject({
    driver: z
      .literal('sqlalchemy')
      .describe(
        'SQLAlchemy QueuePool (Python: create_engine, create_async_engine), under psycopg2, asyncpg, PyMySQL, ...',
      ),
    database: target,
    endpoint,
    poolSize: z
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .describe('Idle connections kept (`pool_size`). Default 5.'),
    maxOverflow: z
      .int()
      .min(0)
      .max(100_000)
      .optional()
      .describe(
        'Connections beyond pool_size, closed when returned to a full pool (`max_overflow`). Default 10.',
      ),
    poolTimeout: durationMs
      .optional()
      .describe('How long a caller waits at the limit before TimeoutError (`pool_timeout`). Default 30s.'),
  })
  .describe(
    'A SQLAlchemy QueuePool: connections open on demand up to pool_size + max_overflow; callers wait up to pool_timeout.',
  );

const mongodbSchema = z
  .strictObject({
    driver: z
      .literal('mongodb')
      .describe('A MongoDB driver (Java: Spring Data MongoDB; Node): one pool per replica-set member.'),
    database: target,
    maxPoolSize: z
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .describe('Connections per member (`maxPoolSize`). Default 100.'),
    maxConnecting: z
      .int()
      .min(1)
      .optional()
      .describe('Connections being opened at once per member (`maxConnecting`). Default 2.'),
    maxWaitTime: durationMs
      .optional()
      .describe(
        'How long an operation waits for a connection (Java `maxWaitTime`, Node `waitQueueTimeoutMS`); 0 waits forever. Default 2m (Java; the Node driver waits forever).',
      ),
    readPreference: z
      .enum(['primary', 'primaryPreferred', 'secondary', 'secondaryPreferred', 'nearest'])
      .optional()
      .describe(
        "Members the pool's operations use: secondary(Preferred) the replicas, nearest all, else the primary; among several, the one with fewer operations in progress of two at random. Writes need primary. Default primary.",
      ),
  })
  .describe('A MongoDB client over a replica set: a pool per member, a member per operation.');

/** One named pool of a pod. */
export const poolSchema = z
  .discriminatedUnion('driver', [hikariSchema, mysql2Schema, sqlalchemySchema, mongodbSchema])
  .meta({ id: 'Pool' });

/** A pool as written (durations in ms). */
export type PoolSpec = z.output<typeof poolSchema>;
