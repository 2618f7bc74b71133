/**
 * Scenario syntax for Redis servers (`redis.<name>`), the Redis client of a service
 * (`services.<name>.redis.<server>`), Kafka topics (`kafka.<topic>`) and rate limiters
 * (`rateLimiters.<name>`).
 */
import { z } from 'zod';
import { stepSchema } from '../../endpoint/schema.js';
import { distribution } from '../../scenario/distribution-schema.js';
import { durationMs } from '../../scenario/schema-units.js';

/** One Redis server. */
export const redisServerSchema = z
  .strictObject({
    rtt: distribution
      .optional()
      .describe('Network round trip between a pod and Redis. Default 0.2ms (1 Gbit/s network).'),
    commandTime: distribution
      .optional()
      .describe('Main-thread time of a simple command, for steps that give none. Default 0.01ms.'),
    shards: z
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe(
        'Masters of a Redis Cluster (`redis-cli --cluster create`, no replicas), each owning an equal range of the 16384 hash slots; a command goes to the master owning its key. Each master has the rtt and commandTime above. Default 1: a single server.',
      ),
  })
  .describe('A Redis server (one command at a time on its main thread), or a cluster of them.');

/** The Redis client a service uses for one server. */
export const redisClientSchema = z
  .discriminatedUnion('client', [
    z.strictObject({
      client: z
        .literal('lettuce')
        .describe(
          'One shared connection, commands pipelined (Lettuce, Spring Data Redis default; ioredis behaves alike).',
        ),
      timeout: durationMs.optional().describe('Command timeout (Lettuce `RedisURI` timeout). Default 60s.'),
    }),
    z.strictObject({
      client: z
        .literal('redis-py')
        .describe(
          'redis-py (and redis.asyncio): a connection per concurrent command from an unbounded pool, no retries.',
        ),
      socketTimeout: durationMs
        .optional()
        .describe(
          '`socket_timeout`: a command not answered in time fails. Default: none (redis-py waits forever).',
        ),
    }),
    z.strictObject({
      client: z.literal('redisson').describe('Redisson: a connection pool, response timeout and retries.'),
      connectionPoolSize: z.int().min(1).optional().describe('`connectionPoolSize`. Default 64.'),
      timeout: durationMs.optional().describe('Response timeout of one attempt (`timeout`). Default 3s.'),
      retryAttempts: z.int().min(0).optional().describe('`retryAttempts`. Default 4.'),
    }),
  ])
  .meta({ id: 'RedisClient' });

/** One Kafka topic with its consumer group. */
export const kafkaTopicSchema = z
  .strictObject({
    partitions: z.int().min(1).max(10_000).optional().describe('Partitions. Default 1.'),
    acks: z.enum(['all', '1', '0']).optional().describe('Producer `acks`. Default all (Kafka ≥ 3.0).'),
    linger: durationMs.optional().describe('Producer `linger.ms`. Default 5ms (Kafka ≥ 4.0; 0 before).'),
    batchSize: z.int().min(1).optional().describe('Producer `batch.size` in bytes. Default 16384.'),
    messageBytes: z.int().min(1).optional().describe('Size of one message, for batching. Default 1000.'),
    network: distribution.optional().describe('One-way network time producer ↔ broker. Default 0.1ms.'),
    append: distribution.optional().describe('Broker time to append a batch to the leader. Default 1ms.'),
    replication: distribution.optional().describe('Extra wait for the followers with acks=all. Default 2ms.'),
    consumers: consumersSchema(
      'Consumers in the group; at most one per partition works. Default 1.',
    ).describe('The consumer group reading the topic.'),
  })
  .describe(
    'A Kafka topic: producers batch per partition; one consumer per partition processes messages in order.',
  );

/** The consumers of a topic or queue: a plain delay, or steps on a service's pods. */
function consumersSchema(instances: string) {
  return z
    .strictObject({
      instances: z.int().min(1).optional().describe(instances),
      process: distribution
        .optional()
        .describe('Processing time of one message, as a plain delay (give this or steps).'),
      service: z
        .string()
        .min(1)
        .optional()
        .describe(
          'The service whose pods run the consumers (consumer i on pod i mod replicas, on its own listener thread); required with steps.',
        ),
      steps: z
        .array(stepSchema)
        .min(1)
        .optional()
        .describe(
          "What processing one message does, as endpoint steps on the service's pods: their CPU, pools and Redis clients (give this or process).",
        ),
    })
    .refine(
      (c) => (c.process === undefined) !== (c.steps === undefined),
      'give exactly one of process and steps',
    );
}

/** One RabbitMQ queue with its consumers. */
export const rabbitQueueSchema = z
  .strictObject({
    prefetch: z
      .int()
      .min(0)
      .optional()
      .describe(
        '`basic.qos` prefetch_count per consumer: unacknowledged messages it may hold. 0 = no limit, the broker default when the client sets none (pika sets none; Celery sets concurrency × 4). Default 0.',
      ),
    confirms: z
      .boolean()
      .optional()
      .describe(
        'Publisher confirms: a publish waits for the broker to accept the message. Default false (pika, Celery).',
      ),
    connectionPerPublish: z
      .boolean()
      .optional()
      .describe(
        'Each publish opens a connection and a channel, declares the queue and closes it all (8 round trips). Default false: a long-lived connection.',
      ),
    network: distribution.optional().describe('One-way network time client ↔ broker. Default 0.1ms.'),
    enqueue: distribution
      .optional()
      .describe('Broker time from receiving a message to its being ready for consumers. Default 0.1ms.'),
    consumers: consumersSchema(
      'Consumers (processes or threads, each one message at a time). Default 1.',
    ).describe('The competing consumers of the queue.'),
  })
  .describe(
    'A RabbitMQ queue: ready messages go round-robin to consumers with prefetch credit; each acks after processing.',
  );

/** One rate limiter. */
export const rateLimiterSchema = z
  .strictObject({
    algorithm: z
      .enum(['fixed-window', 'sliding-log', 'sliding-counter', 'token-bucket'])
      .describe(
        'fixed-window: INCR + EXPIRE on a key per clock-aligned window; sliding-log: a sorted set of admitted times; sliding-counter: weighted previous + current window; token-bucket: bucket4j, starting full.',
      ),
    limit: z.int().min(1).optional().describe('Requests admitted per window (windowed algorithms).'),
    window: durationMs.optional().describe('Window length (windowed algorithms).'),
    align: durationMs.optional().describe('Offset of the fixed windows from t = 0 (the clock). Default 0.'),
    capacity: z.int().min(1).optional().describe('Bucket capacity (token-bucket).'),
    refillTokens: z
      .int()
      .min(1)
      .optional()
      .describe('Tokens added per refill period (token-bucket). Default: capacity.'),
    refillPeriod: durationMs.optional().describe('Refill period (token-bucket).'),
    refill: z
      .enum(['greedy', 'intervally'])
      .optional()
      .describe('greedy adds tokens continuously, intervally all at once per period. Default greedy.'),
    key: z
      .enum(['global', 'vu'])
      .optional()
      .describe('One counter for everybody (global) or one per virtual user (a user id). Default global.'),
    redis: z
      .string()
      .optional()
      .describe(
        'The Redis server that holds the counters: each check is one command there. Default: none (in-process).',
      ),
  })
  .describe('A rate limiter; a rejected request fails with HTTP 429.');
