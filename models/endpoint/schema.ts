/**
 * Scenario syntax for endpoints: a weight in the request mix, the service that serves it, and
 * the steps one request walks through on a pod.
 */
import { z } from 'zod';
import type { DistributionSpec } from '../../engine/index.js';
import { distribution } from '../scenario/distribution-schema.js';
import { fraction } from '../scenario/schema-units.js';
import type { DistributionInput } from '../scenario/distribution-schema.js';

/** The keys that make a step what it is; exactly one must be present. */
export const STEP_KINDS = [
  'cpu',
  'wait',
  'parallel',
  'query',
  'redis',
  'cache',
  'produce',
  'publish',
  'broadcast',
  'rateLimit',
] as const;

/** A step as written. */
export interface StepInput {
  name?: string;
  cpu?: DistributionInput;
  wait?: DistributionInput;
  parallel?: StepInput[][];
  query?: QueryStepInput;
  redis?: RedisStepInput;
  cache?: { server: string; hitRatio: string | number; miss: StepInput[] };
  produce?: ProduceStep;
  publish?: PublishStep;
  broadcast?: {
    server: string;
    subscribers: string;
    perSubscriber?: DistributionInput;
    deliver: StepInput[];
  };
  rateLimit?: RateLimitStep;
}
/** A step after parsing (durations in ms); still loose: normalize makes it a tagged union. */
export interface StepSpec {
  name?: string | undefined;
  cpu?: DistributionSpec | undefined;
  wait?: DistributionSpec | undefined;
  parallel?: StepSpec[][] | undefined;
  query?: QueryStep | undefined;
  redis?: RedisStep | undefined;
  cache?: { server: string; hitRatio: number; miss: StepSpec[] } | undefined;
  produce?: ProduceStep | undefined;
  publish?: PublishStep | undefined;
  broadcast?:
    | {
        server: string;
        subscribers: string;
        perSubscriber?: DistributionSpec | undefined;
        deliver: StepSpec[];
      }
    | undefined;
  rateLimit?: RateLimitStep | undefined;
}

const queryStep = z
  .strictObject({
    pool: z
      .string()
      .min(1)
      .describe("The pod's pool (under the service's `pools`) that lends the connection."),
    cpu: distribution
      .optional()
      .describe(
        "CPU time of the query on one database core; queries beyond the database's cores share them. Default 0.",
      ),
    io: distribution.optional().describe('I/O and other time in the database that uses no CPU. Default 0.'),
    lock: z
      .string()
      .min(1)
      .optional()
      .describe(
        'A hot row or lock (any name) the query holds while it runs: queries naming the same lock on a database run one at a time.',
      ),
  })
  .refine((q) => q.cpu !== undefined || q.io !== undefined, 'a query needs cpu or io (or both)')
  .describe('Borrow a connection from a pool, run one query (a transaction) on it, give it back.');
type QueryStep = z.output<typeof queryStep>;
type QueryStepInput = z.input<typeof queryStep>;

const redisStep = z
  .strictObject({
    server: z.string().min(1).describe('The Redis server (a name under `redis`).'),
    time: distribution
      .optional()
      .describe(
        "The command's main-thread time (a Lua script costs more). Default: the server's commandTime.",
      ),
    key: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The command's key, for a cluster: its hash slot (of the `{tag}` alone if it has one) picks the master. Default: a different key each time, spread over all masters.",
      ),
  })
  .describe("One Redis command (or Lua script, which runs atomically), through the service's Redis client.");
type RedisStep = z.output<typeof redisStep>;
type RedisStepInput = z.input<typeof redisStep>;

const produceStep = z
  .strictObject({
    topic: z.string().min(1).describe('The Kafka topic (a name under `kafka`).'),
    await: z
      .enum(['ack', 'consumed'])
      .optional()
      .describe(
        'ack (default): continue when the broker acknowledges (async path); consumed: wait until a consumer has processed the message (sync path).',
      ),
  })
  .describe('Send one message to a Kafka topic.');
type ProduceStep = z.output<typeof produceStep>;

const publishStep = z
  .strictObject({
    queue: z.string().min(1).describe('The RabbitMQ queue (a name under `rabbitmq`).'),
    await: z
      .enum(['ack', 'consumed'])
      .optional()
      .describe(
        'ack (default): continue once published (after the confirm, with confirms); consumed: wait until a consumer has processed the message (request/reply).',
      ),
  })
  .describe('Publish one message to a RabbitMQ queue (through the default exchange).');
type PublishStep = z.output<typeof publishStep>;

const rateLimitStep = z
  .strictObject({ limiter: z.string().min(1).describe('The rate limiter (a name under `rateLimiters`).') })
  .describe('Ask a rate limiter; a rejected request fails at once with HTTP 429.');
type RateLimitStep = z.output<typeof rateLimitStep>;

/** One step of an endpoint. */
export const stepSchema: z.ZodType<StepSpec, StepInput> = z
  .strictObject({
    name: z.string().min(1).optional().describe('A label for results (defaults to the kind and index).'),
    cpu: distribution
      .optional()
      .describe("CPU time at one full core, run on the pod's CPU (shared by all requests on the pod)."),
    wait: distribution
      .optional()
      .describe(
        'Time spent waiting on something outside the model (an HTTP call, a disk); holds the thread, uses no CPU.',
      ),
    query: queryStep.optional(),
    redis: redisStep.optional(),
    get cache() {
      return z
        .strictObject({
          server: z.string().min(1).describe('The Redis server that holds the cache.'),
          hitRatio: fraction.describe('Share of lookups that find the value.'),
          miss: z
            .array(stepSchema)
            .min(1)
            .describe('What a miss does (e.g. a query) before the value is written back with a SET.'),
        })
        .optional()
        .describe('A cache lookup in Redis (a GET); a hit skips the miss steps.');
    },
    produce: produceStep.optional(),
    publish: publishStep.optional(),
    get broadcast() {
      return z
        .strictObject({
          server: z.string().min(1).describe('The Redis server the message is PUBLISHed on.'),
          subscribers: z
            .string()
            .min(1)
            .describe('The service whose pods subscribe: each ready pod holds one subscription.'),
          perSubscriber: distribution
            .optional()
            .describe('Redis main-thread time per subscriber (PUBLISH is O(N+M)). Default 0.002ms.'),
          deliver: z
            .array(stepSchema)
            .min(1)
            .describe(
              'What each subscribing pod does with the message (CPU to push it to its sockets), off the request path.',
            ),
        })
        .optional()
        .describe(
          'Redis pub/sub: PUBLISH one message; every ready pod of the subscribing service then runs the deliver steps.',
        );
    },
    rateLimit: rateLimitStep.optional(),
    get parallel() {
      return z
        .array(z.array(stepSchema).min(1))
        .min(1)
        .optional()
        .describe(
          'Branches (each a list of steps) run concurrently; the request continues when all have finished.',
        );
    },
  })
  .superRefine((step, ctx) => {
    const kinds = STEP_KINDS.filter((k) => step[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a step needs exactly one of ${STEP_KINDS.join(', ')}, got ${kinds.length === 0 ? 'none' : kinds.join(' and ')}`,
      });
    }
  })
  .meta({ id: 'Step' });

/** An endpoint: a kind of request in the mix. */
export const endpointSchema = z
  .strictObject({
    weight: z
      .number()
      .min(0)
      .optional()
      .describe('Relative share of iterations that call this endpoint. Default 1.'),
    service: z
      .string()
      .optional()
      .describe('The service that serves it. Default: the only service (required when there are several).'),
    steps: z.array(stepSchema).min(1).describe('What one request does on the pod, in order.'),
  })
  .describe('A kind of request: its share of the load and what it does on the server.');

/** An endpoint as written (durations already in ms). */
export type EndpointSpec = z.output<typeof endpointSchema>;
