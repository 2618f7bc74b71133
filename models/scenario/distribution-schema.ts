/**
 * The scenario syntax for a latency or work-time distribution, and its conversion to the
 * engine's {@link DistributionSpec} (values in ms).
 *
 * Users write a duration for a constant (`5ms`), or an object with exactly one family key:
 * `{ lognormal: { p50: 4ms, p95: 12ms } }`, `{ exponential: 10ms }`, `{ mixture: [...] }`.
 */
import { z } from 'zod';
import { createSampler } from '../../engine/index.js';
import type { DistributionSpec } from '../../engine/index.js';
import { durationMs } from './schema-units.js';

const percentilePoint = z.strictObject({
  p: z.number().gt(0).lt(1).describe('Probability of the percentile, e.g. 0.99 for p99.'),
  value: durationMs,
});

const families = {
  constant: durationMs.describe('Always this duration.'),
  uniform: z.strictObject({ min: durationMs, max: durationMs }).describe('Uniform on [min, max).'),
  exponential: z
    .union([durationMs, z.strictObject({ mean: durationMs })])
    .describe('Exponential with this mean (memoryless; the M in M/M/c).'),
  normal: z
    .strictObject({ mean: durationMs, sd: durationMs })
    .describe('Normal with this mean and standard deviation, truncated at 0.'),
  lognormal: z
    .strictObject({
      p50: durationMs.optional(),
      p95: durationMs.optional(),
      mean: durationMs.optional(),
      cv: z.number().positive().optional().describe('Coefficient of variation (sd / mean).'),
      percentiles: z.tuple([percentilePoint, percentilePoint]).optional(),
    })
    .describe('Lognormal from {p50, p95}, from {mean, cv}, or through two {p, value} percentiles.'),
  gamma: z
    .strictObject({ shape: z.number().positive(), scale: durationMs })
    .describe('Gamma with shape k and scale θ (mean kθ).'),
  weibull: z
    .strictObject({ shape: z.number().positive(), scale: durationMs })
    .describe('Weibull with shape k and scale λ.'),
  pareto: z
    .strictObject({ alpha: z.number().positive(), min: durationMs, max: durationMs })
    .describe('Bounded Pareto with tail index alpha on [min, max]: a heavy tail with a ceiling.'),
  empirical: z.array(durationMs).min(1).describe('Measured samples, drawn uniformly.'),
  histogram: z
    .array(z.strictObject({ from: durationMs, to: durationMs, weight: z.number().nonnegative() }))
    .min(1)
    .describe('Bins with weights; uniform within a bin.'),
} as const;

type Family = keyof typeof families;
const FAMILY_NAMES = [...Object.keys(families), 'mixture'] as const;

interface MixtureInput {
  weight: number;
  dist: DistributionInput;
}
type FamilyObject = { [K in Family]?: z.input<(typeof families)[K]> } & { mixture?: MixtureInput[] };
/** What a user may write for a distribution. */
export type DistributionInput = string | number | FamilyObject;

const familyObject = z.strictObject({
  ...Object.fromEntries(Object.entries(families).map(([k, s]) => [k, s.optional()])),
  get mixture() {
    return z
      .array(z.strictObject({ weight: z.number().nonnegative(), dist: distribution }))
      .min(1)
      .optional()
      .describe('A weighted mixture of distributions, e.g. cache hits and misses.');
  },
});

function toSpec(value: Record<string, unknown>, key: string): DistributionSpec {
  const v = value[key] as never;
  switch (key) {
    case 'constant':
      return { kind: 'deterministic', value: v };
    case 'uniform':
      return { kind: 'uniform', ...(v as { min: number; max: number }) };
    case 'exponential':
      return { kind: 'exponential', mean: typeof v === 'number' ? v : (v as { mean: number }).mean };
    case 'normal':
      return { kind: 'normal', ...(v as { mean: number; sd: number }) };
    case 'lognormal':
      return { kind: 'lognormal', ...(v as object) } as DistributionSpec;
    case 'gamma':
    case 'weibull':
      return { kind: key, ...(v as { shape: number; scale: number }) };
    case 'pareto': {
      const p = v as { alpha: number; min: number; max: number };
      return { kind: 'bounded-pareto', alpha: p.alpha, low: p.min, high: p.max };
    }
    case 'empirical':
      return { kind: 'empirical', samples: v };
    case 'histogram':
      return {
        kind: 'empirical-histogram',
        bins: (v as { from: number; to: number; weight: number }[]).map((b) => ({
          lower: b.from,
          upper: b.to,
          weight: b.weight,
        })),
      };
    default:
      return { kind: 'mixture', components: v };
  }
}

// A sampler is never drawn from here; building it runs the family's own parameter checks
// (p95 > p50, max ≥ min, ...), so their messages reach the user with the field's path.
const probeSource = (): number => 0.5;

/** A distribution of durations; outputs the engine's {@link DistributionSpec} in ms. */
export const distribution: z.ZodType<DistributionSpec, DistributionInput> = z
  .union([durationMs, familyObject])
  .transform((value, ctx): DistributionSpec => {
    if (typeof value === 'number') return { kind: 'deterministic', value };
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    if (keys.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a distribution needs exactly one of ${FAMILY_NAMES.join(', ')}, got ${keys.length === 0 ? 'none' : keys.join(' and ')}`,
      });
      return z.NEVER;
    }
    const spec = toSpec(value as Record<string, unknown>, keys[0]!);
    try {
      createSampler(spec, probeSource);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message, path: [keys[0]!] });
      return z.NEVER;
    }
    return spec;
  })
  .meta({
    id: 'Distribution',
    description:
      'A duration distribution: a duration for a constant ("5ms"), or an object with one family key, e.g. {lognormal: {p50: "4ms", p95: "12ms"}}.',
  });
