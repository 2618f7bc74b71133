/** Scenario syntax for the client side of every request: its timeout and retry policy. */
import { z } from 'zod';
import { durationMs, positiveDurationMs } from '../scenario/schema-units.js';
import { REQUEST_FAILURE_CAUSES } from './failure-cause.js';

/** Retries with exponential backoff, as a resilient client (or a k6 script with a loop) would do. */
export const retriesSchema = z
  .strictObject({
    max: z
      .int()
      .min(0)
      .max(100)
      .optional()
      .describe('Retries after the first attempt. Default 0 (k6 never retries).'),
    backoff: durationMs.optional().describe('Wait before the first retry. Default 100ms.'),
    multiplier: z
      .number()
      .min(1)
      .max(100)
      .optional()
      .describe('Each further wait is this many times longer. Default 2.'),
    maxBackoff: durationMs.optional().describe('Upper bound on one wait. Default 10s.'),
    jitter: z
      .enum(['full', 'none'])
      .optional()
      .describe(
        '"full": wait a uniform random time up to the backoff (AWS "full jitter"); "none": wait exactly. Default full.',
      ),
    on: z
      .array(z.enum(REQUEST_FAILURE_CAUSES))
      .min(1)
      .optional()
      .describe('Failure causes that are retried. Default: all of them.'),
  })
  .describe(
    'Client retries with exponential backoff. Each attempt is one http_req; the iteration waits for all.',
  );

/** Fields every executor shares: how the client behaves. */
export const clientFields = {
  timeout: positiveDurationMs
    .optional()
    .describe('Client timeout per HTTP request. Default 60s (k6 http.request default).'),
  retries: retriesSchema.optional(),
};
