/**
 * Scenario syntax for database servers (`databases.<name>`) and connection multiplexers
 * (`multiplexers.<name>`).
 */
import { z } from 'zod';
import { distribution } from '../../scenario/distribution-schema.js';
import { durationMs } from '../../scenario/schema-units.js';

/** One database (a primary and its read replicas). */
export const databaseSchema = z
  .strictObject({
    engine: z
      .enum(['mysql', 'mariadb', 'postgres', 'mongodb'])
      .optional()
      .describe(
        'Decides the RDS max_connections formula. mongodb: a replica set whose replicas are secondaries, reached through `mongodb` pools. Default mysql.',
      ),
    instance: z
      .string()
      .optional()
      .describe(
        'An RDS instance class (db.t3.large, db.r6g.xlarge, ...): gives the cores and the default max_connections from the RDS formula.',
      ),
    cores: z
      .number()
      .positive()
      .max(1024)
      .optional()
      .describe(
        'Cores that run queries (queries beyond them share the cores). Default: the instance class vCPUs; required without an instance.',
      ),
    maxConnections: z
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .describe(
        'Connections accepted from ordinary users; one more is refused with error 1040 "Too many connections" (`max_connections`). Default: the RDS formula for the instance, else 151.',
      ),
    replicas: z
      .int()
      .min(0)
      .max(64)
      .optional()
      .describe('Read replicas, each like the primary (same cores and max_connections). Default 0.'),
    connectTime: distribution
      .optional()
      .describe(
        'Time to open a connection (TCP, handshake, authentication), also to be refused. Default 2ms.',
      ),
    lockWaitTimeout: durationMs
      .optional()
      .describe(
        'How long a query waits for a row lock before error 1205 (`innodb_lock_wait_timeout`). Default 50s.',
      ),
  })
  .describe(
    'A database server; queries run on its cores, every open connection counts against max_connections.',
  );

/** A database as written. */
export type DatabaseSpec = z.output<typeof databaseSchema>;

const pgbouncerSchema = z
  .strictObject({
    kind: z.literal('pgbouncer'),
    database: z.string().min(1).describe('The database behind it.'),
    poolMode: z
      .enum(['session', 'transaction', 'statement'])
      .optional()
      .describe(
        'When a server connection goes back to the pool: at client disconnect (session, default), after each transaction, after each statement (`pool_mode`).',
      ),
    defaultPoolSize: z
      .int()
      .min(1)
      .optional()
      .describe('Server connections per user/database pair (`default_pool_size`). Default 20.'),
    maxClientConn: z
      .int()
      .min(1)
      .optional()
      .describe(
        'Client connections accepted; past it "no more connections allowed" (`max_client_conn`). Default 100.',
      ),
    reservePoolSize: z
      .int()
      .min(0)
      .optional()
      .describe(
        'Extra server connections for clients that waited reservePoolTimeout (`reserve_pool_size`). Default 0.',
      ),
    reservePoolTimeout: durationMs.optional().describe('`reserve_pool_timeout`. Default 5s.'),
    queryWaitTimeout: durationMs
      .optional()
      .describe(
        'A client not given a server connection within it is disconnected; 0 waits forever (`query_wait_timeout`). Default 120s.',
      ),
    connectTime: distribution.optional().describe('Time for a client to connect to PgBouncer. Default 2ms.'),
  })
  .describe('PgBouncer in front of a PostgreSQL database.');

const proxysqlSchema = z
  .strictObject({
    kind: z.literal('proxysql'),
    database: z.string().min(1).describe('The database behind it (one hostgroup).'),
    maxConnections: z
      .int()
      .min(1)
      .optional()
      .describe('Client connections accepted (`mysql-max_connections`). Default 10000.'),
    backendMaxConnections: z
      .int()
      .min(1)
      .optional()
      .describe(
        'Backend connections to the database at most (`mysql_servers.max_connections`). Default 1000.',
      ),
    connectTimeoutServerMax: durationMs
      .optional()
      .describe(
        'A query that gets no backend connection within it fails with error 9001 (`mysql-connect_timeout_server_max`). Default 10s.',
      ),
    connectTime: distribution.optional().describe('Time for a client to connect to ProxySQL. Default 2ms.'),
  })
  .describe(
    'ProxySQL multiplexing client connections onto a bounded backend pool (a backend connection is held per query).',
  );

/** One multiplexer. */
export const multiplexerSchema = z
  .discriminatedUnion('kind', [pgbouncerSchema, proxysqlSchema])
  .meta({ id: 'Multiplexer' });

/** A multiplexer as written. */
export type MultiplexerSpec = z.output<typeof multiplexerSchema>;
