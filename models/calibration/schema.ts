/**
 * The `calibration` section of a scenario: which of its numbers are free parameters (to be fitted
 * to measurements) and which measured metrics they are fitted to. A run ignores the section; it
 * is read by `capsim calibrate` and by the presets.
 */
import { z } from 'zod';

const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** One free parameter: a number written at one or more places of the document. */
export const freeParameterSchema = z.strictObject({
  path: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .describe(
      'Where the value goes: a path into this document as errors print it ("endpoints.pay.steps[0].wait.lognormal.mean"), or a list of paths that take the same value.',
    ),
  min: z
    .number()
    .describe("Smallest value, in the field's canonical unit (ms, per second, cores, fraction)."),
  max: z.number().describe('Largest value, in the same unit.'),
  scale: z
    .enum(['linear', 'log'])
    .optional()
    .describe(
      'How the optimizer steps through [min, max]: log treats 1→10 like 10→100 (for positive ranges). Default log when min > 0, else linear.',
    ),
  integer: z
    .boolean()
    .optional()
    .describe(
      'The field takes whole numbers (VUs, connections, threads): values are rounded. Default false.',
    ),
  description: z.string().optional().describe('What the parameter stands for in the real system.'),
});

/** The calibration section of a scenario. */
export const calibrationSchema = z
  .strictObject({
    parameters: z
      .record(
        z.string().regex(PARAMETER_NAME, 'must start with a letter: letters, digits, "_", "-"'),
        freeParameterSchema,
      )
      .refine((r) => Object.keys(r).length > 0, 'needs at least one parameter')
      .describe(
        'Free parameters by name. The value written at the path is where the fit starts when it is a plain number in [min, max].',
      ),
    fit: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        'k6 summary metrics the parameters are fitted to, as metric.stat ("http_req_duration.avg", "http_req_duration.p(95)", "http_reqs.rate", "http_req_failed.rate"). Default: the average and p95 of http_req_duration.',
      ),
  })
  .describe('Free parameters for `capsim calibrate`; runs ignore this section.');

/** A free parameter as written. */
export type FreeParameterSpec = z.output<typeof freeParameterSchema>;
/** The calibration section as written. */
export type CalibrationSpec = z.output<typeof calibrationSchema>;

/** The metrics fitted when a scenario's calibration section names none. */
export const DEFAULT_FIT_METRICS: readonly string[] = ['http_req_duration.avg', 'http_req_duration.p(95)'];
