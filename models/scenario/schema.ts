/**
 * The scenario document: the one schema from which the TypeScript types, the runtime validation
 * and the published JSON Schema (`models/scenario/scenario.schema.json`) all come.
 *
 * Component schemas live beside their components (`models/load/schema.ts`, ...); this file only
 * assembles them. Optional fields get their defaults in `normalize.ts`, from `defaults.ts`.
 */
import { z } from 'zod';
import { calibrationSchema } from '../calibration/schema.js';
import { endpointSchema } from '../endpoint/schema.js';
import { loadSchema } from '../load/schema.js';
import { databaseSchema, multiplexerSchema } from '../data/scenario/database-schema.js';
import {
  kafkaTopicSchema,
  rabbitQueueSchema,
  rateLimiterSchema,
  redisServerSchema,
} from '../data/scenario/middleware-schema.js';
import { clusterSchema } from '../service/autoscaling-schema.js';
import { serviceSchema } from '../service/schema.js';
import { durationMs, positiveDurationMs } from './schema-units.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const name = z
  .string()
  .regex(NAME, 'must start with a letter or digit and hold only letters, digits, ".", "_", "-"');

/** A whole scenario as written by a user. */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Editors may point this at the published JSON Schema.'),
    name: z.string().min(1).describe('What this scenario is.'),
    description: z.string().optional(),
    seed: z
      .union([z.int(), z.string().min(1)])
      .optional()
      .describe('Master seed: same scenario and seed give a byte-identical result. Default 1.'),
    replications: z
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe(
        'Independent runs; with two or more, headline figures get 95 % confidence intervals. Default 1.',
      ),
    warmup: durationMs
      .optional()
      .describe(
        'Requests sent before this time are left out of the statistics (not of the time series). Default 0.',
      ),
    timeSeries: z
      .strictObject({
        interval: positiveDurationMs
          .optional()
          .describe('Width of one time-series row. Default: the run split into 60.'),
      })
      .optional(),
    load: loadSchema,
    endpoints: z
      .record(name, endpointSchema)
      .refine((r) => Object.keys(r).length > 0, 'needs at least one endpoint')
      .describe('The request mix, by endpoint name.'),
    services: z
      .record(name, serviceSchema)
      .refine((r) => Object.keys(r).length > 0, 'needs at least one service')
      .describe('The services, by name.'),
    databases: z.record(name, databaseSchema).optional().describe('Database servers, by name.'),
    multiplexers: z
      .record(name, multiplexerSchema)
      .optional()
      .describe('Connection multiplexers (PgBouncer, ProxySQL) between pools and databases, by name.'),
    redis: z.record(name, redisServerSchema).optional().describe('Redis servers, by name.'),
    kafka: z.record(name, kafkaTopicSchema).optional().describe('Kafka topics, by name.'),
    rabbitmq: z.record(name, rabbitQueueSchema).optional().describe('RabbitMQ queues, by name.'),
    rateLimiters: z.record(name, rateLimiterSchema).optional().describe('Rate limiters, by name.'),
    cluster: clusterSchema.optional(),
    calibration: calibrationSchema.optional(),
  })
  .meta({ title: 'capsim scenario', id: 'Scenario' });

/** A scenario as written, before normalization (what `scenarioSchema` accepts). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario after parsing: units converted to ms, cores, per-second; defaults not yet applied. */
export type ScenarioSpec = z.output<typeof scenarioSchema>;
