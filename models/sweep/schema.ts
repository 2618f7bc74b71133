/**
 * The syntax of a sweep's parameters, shared by the API's request bodies and the command line's
 * sweep files. A parameter is a path into the scenario document (as error messages print paths:
 * `services.api.replicas`, `endpoints.pay.steps[1].query.io.exponential`) or the offered-load
 * shorthand `load`, and its values: a list, or a range.
 */
import { z } from 'zod';

/** Most points one parameter or a whole sweep may have. */
export const MAX_SWEEP_POINTS = 400;

const range = {
  from: z.number().describe('First value.'),
  to: z.number().describe('Last value (may be below `from`).'),
  steps: z.int().min(2).max(MAX_SWEEP_POINTS).describe('Number of values, both ends included.'),
  scale: z
    .enum(['linear', 'log'])
    .optional()
    .describe('Spacing of the values: equal differences or equal ratios (both ends > 0). Default linear.'),
  integer: z
    .boolean()
    .optional()
    .describe('Round each value to an integer and drop repeats (replicas, pool sizes). Default false.'),
};

const logNeedsPositiveEnds = [
  (r: { scale?: 'linear' | 'log' | undefined; from: number; to: number }) =>
    r.scale !== 'log' || (r.from > 0 && r.to > 0),
  { message: 'a log scale needs from > 0 and to > 0' },
] as const;

/** A range of numbers: `steps` values from `from` to `to`. */
export const rangeSchema = z.strictObject(range).refine(...logNeedsPositiveEnds);

/** The values of a parameter as written. */
export type RangeSpec = z.output<typeof rangeSchema>;

const loadValues = z
  .union([z.array(z.number().positive()).min(1).max(MAX_SWEEP_POINTS), rangeSchema])
  .describe(
    'Offered load: iterations per second for the arrival-rate and Poisson executors, VUs for the VU executors (a ramping profile is scaled so that its peak is the value).',
  );

/** One parameter of a sweep. */
export const sweepParameterSchema = z.union([
  z.strictObject({ load: loadValues }),
  z.strictObject({
    path: z.string().min(1).describe('Where in the scenario document, e.g. `services.api.replicas`.'),
    values: z.array(z.unknown()).min(1).max(MAX_SWEEP_POINTS).describe('The values, in order.'),
  }),
  z
    .strictObject({ path: z.string().min(1).describe('Where in the scenario document.'), ...range })
    .refine(...logNeedsPositiveEnds),
]);

/** A parameter as written. */
export type SweepParameterSpec = z.output<typeof sweepParameterSchema>;

/** The parameters of a sweep: one to four, their points the grid of all combinations. */
export const varySchema = z
  .array(sweepParameterSchema)
  .min(1)
  .max(4)
  .describe(
    'Parameters to vary; the sweep runs every combination of their values (the first varies slowest).',
  );

/** A service level: every limit given must hold (strictly below). */
export const sloSchema = z
  .strictObject({
    p50Ms: z.number().positive().optional().describe('Median latency of successful requests (ms).'),
    p95Ms: z.number().positive().optional().describe('p95 latency of successful requests (ms).'),
    p99Ms: z.number().positive().optional().describe('p99 latency of successful requests (ms).'),
    failureRate: z
      .number()
      .min(0)
      .max(1)
      .describe('Fraction of requests that fail, and of offered iterations dropped (each must be below it).'),
  })
  .describe('The service level a load must meet.');

/** A service level as written. */
export type SloSpec = z.output<typeof sloSchema>;

/** "The highest value of a parameter at which the service level holds." */
export const capacitySearchSchema = z
  .strictObject({
    over: z
      .string()
      .min(1)
      .describe('`load` (the offered-load shorthand: iterations/s or VUs) or a path into the scenario.'),
    min: z.number().describe('Lowest value tried; the search reports when even it fails.'),
    max: z.number().describe('Highest value tried; the search reports when it passes.'),
    resolution: z.number().positive().describe('Stop when the limit is bracketed this tightly.'),
    slo: sloSchema,
  })
  .refine((s) => s.max > s.min, { message: 'max must be above min', path: ['max'] });

/** A capacity search as written. */
export type CapacitySearchSpec = z.output<typeof capacitySearchSchema>;
