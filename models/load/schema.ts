/**
 * Scenario syntax for the load: k6's executors (same names, fields and defaults), plus plain
 * Poisson arrivals and the replay of recorded arrival times. See `semantics.md` §9.
 */
import { z } from 'zod';
import { clientFields } from '../client/schema.js';
import { distribution } from '../scenario/distribution-schema.js';
import { durationMs, positiveDurationMs, ratePerSec } from '../scenario/schema-units.js';

const vus = (what: string) => z.int().min(1).max(1_000_000).describe(what);

const stage = z.strictObject({
  duration: durationMs.describe('How long the stage lasts; the target is reached at its end.'),
  target: z.number().min(0).describe('Target at the end of the stage (iterations per timeUnit, or VUs).'),
});

const gracefulStop = durationMs
  .optional()
  .describe(
    'Time running iterations get to finish after the executor ends before they are interrupted. Default 30s (k6).',
  );

const timeUnit = positiveDurationMs
  .optional()
  .describe('The period `rate` and `target` refer to. Default 1s (k6).');

const thinkTime = distribution
  .optional()
  .describe('Sleep at the end of each iteration (k6 `sleep()`), e.g. {exponential: "1s"}. Default none.');

const arrivalVus = {
  preAllocatedVUs: vus('VUs ready at the start (required by k6).'),
  maxVUs: vus('VUs k6 may add when it runs out of idle ones. Default preAllocatedVUs.').optional(),
  // In an arrival-rate executor a sleep does not slow the arrivals: it keeps the VU busy, so it
  // raises the VUs needed (and the dropped iterations when maxVUs is short) and the iteration duration.
  thinkTime: distribution
    .optional()
    .describe(
      'Sleep at the end of each iteration (k6 `sleep()`): the VU stays busy, arrivals are unchanged. Default none.',
    ),
};

/** k6 `constant-arrival-rate`: iterations start at a fixed rate; without an idle VU one is dropped. */
export const constantArrivalRateSchema = z.strictObject({
  executor: z.literal('constant-arrival-rate'),
  rate: z.number().positive().describe('Iterations per timeUnit.'),
  timeUnit,
  duration: positiveDurationMs,
  ...arrivalVus,
  gracefulStop,
  ...clientFields,
});

/** k6 `ramping-arrival-rate`: the start rate moves linearly through stages. */
export const rampingArrivalRateSchema = z.strictObject({
  executor: z.literal('ramping-arrival-rate'),
  startRate: z.number().min(0).optional().describe('Iterations per timeUnit at t = 0. Default 0 (k6).'),
  timeUnit,
  stages: z.array(stage).min(1),
  ...arrivalVus,
  gracefulStop,
  ...clientFields,
});

/** k6 `constant-vus`: a fixed number of VUs loop (closed model). */
export const constantVusSchema = z.strictObject({
  executor: z.literal('constant-vus'),
  vus: vus('Concurrent virtual users.'),
  duration: positiveDurationMs,
  thinkTime,
  gracefulStop,
  ...clientFields,
});

/** k6 `ramping-vus`: the number of looping VUs moves through stages (closed model). */
export const rampingVusSchema = z.strictObject({
  executor: z.literal('ramping-vus'),
  startVUs: z.int().min(0).max(1_000_000).optional().describe('VUs at t = 0. Default 1 (k6).'),
  stages: z.array(stage).min(1),
  gracefulRampDown: durationMs
    .optional()
    .describe('Time a VU removed by a ramp-down gets to finish its iteration. Default 30s (k6).'),
  thinkTime,
  gracefulStop,
  ...clientFields,
});

/** Poisson arrivals at a constant rate with no VU limit: the textbook open model (M/·/·). */
export const poissonSchema = z.strictObject({
  executor: z.literal('poisson'),
  rate: ratePerSec.describe('Mean arrivals per second, e.g. "600/s".'),
  duration: positiveDurationMs,
  gracefulStop,
  ...clientFields,
});

/** Replays recorded arrival times (offsets from the start), one request each, no VU limit. */
export const replaySchema = z.strictObject({
  executor: z.literal('replay'),
  arrivals: z.array(durationMs).min(1).describe('Arrival offsets from the start, e.g. from an access log.'),
  gracefulStop,
  ...clientFields,
});

/** The load: one executor. */
export const loadSchema = z
  .discriminatedUnion('executor', [
    constantArrivalRateSchema,
    rampingArrivalRateSchema,
    constantVusSchema,
    rampingVusSchema,
    poissonSchema,
    replaySchema,
  ])
  .describe('Where requests come from: a k6 executor, Poisson arrivals, or a replay.');

/** The load as written (durations already in ms). */
export type LoadSpec = z.output<typeof loadSchema>;
