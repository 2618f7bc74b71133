/**
 * Scenario syntax for endpoints: a weight in the request mix, the service that serves it, and
 * the steps one request walks through on a pod.
 */
import { z } from 'zod';
import type { DistributionSpec } from '../../engine/index.js';
import { distribution } from '../scenario/distribution-schema.js';
import type { DistributionInput } from '../scenario/distribution-schema.js';

/** The keys that make a step what it is; exactly one must be present. */
export const STEP_KINDS = ['cpu', 'wait', 'parallel'] as const;

/** A step as written. */
export interface StepInput {
  name?: string;
  cpu?: DistributionInput;
  wait?: DistributionInput;
  parallel?: StepInput[][];
}
/** A step after parsing (durations in ms); still loose: normalize makes it a tagged union. */
export interface StepSpec {
  name?: string | undefined;
  cpu?: DistributionSpec | undefined;
  wait?: DistributionSpec | undefined;
  parallel?: StepSpec[][] | undefined;
}

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
