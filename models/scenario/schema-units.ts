/**
 * zod schemas for the unit-bearing scalars of a scenario document. Each accepts what users write
 * (`"30s"`, `"600/s"`, `"250m"`, `"70%"`, or a plain number in the canonical unit) and outputs
 * a plain number in the canonical unit (ms, per second, cores, fraction).
 */
import { z } from 'zod';
import { parseCpuCores, parseDurationMs, parseFraction, parseMemoryBytes, parseRatePerSec } from './units.js';
import type { UnitResult } from './units.js';

const text = z.union([z.string(), z.number()]);

function unitSchema(parse: (input: unknown) => UnitResult, id: string, description: string) {
  return text
    .transform((input, ctx) => {
      const result = parse(input);
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    })
    .meta({ id, description });
}

/** A duration: `"250ms"`, `"30s"`, `"1m30s"`, `"2h"`, or a number of milliseconds. Outputs ms. */
export const durationMs = unitSchema(
  parseDurationMs,
  'Duration',
  'A duration: "250ms", "30s", "1m30s", "2h" (k6/Go syntax), or a number of milliseconds.',
);

/** A duration that must be > 0. */
export const positiveDurationMs = durationMs.refine((ms) => ms > 0, { message: 'must be > 0' });

/** A rate: `"600/s"`, `"36000/m"`, `"100/100ms"`, or a number per second. Outputs per second. */
export const ratePerSec = unitSchema(
  parseRatePerSec,
  'Rate',
  'A rate: "600/s", "36000/m", "100/100ms", or a number per second.',
);

/** CPU as a Kubernetes quantity: `"250m"`, `"1.5"`, or a number of cores. Outputs cores. */
export const cpuCores = unitSchema(
  parseCpuCores,
  'Cpu',
  'CPU as a Kubernetes quantity: "250m" (millicores), "2", or a number of cores.',
);

/** Memory as a Kubernetes quantity: `"512Mi"`, `"1Gi"`, `"500M"`, or a number of bytes. Outputs bytes. */
export const memoryBytes = unitSchema(
  parseMemoryBytes,
  'Memory',
  'Memory as a Kubernetes quantity: "512Mi", "1Gi", "500M", or a number of bytes.',
);

/** A percentage `"70%"` or a fraction in [0, 1]. Outputs a fraction. */
export const fraction = unitSchema(
  parseFraction,
  'Percentage',
  'A percentage such as "70%", or a fraction in [0, 1].',
);

/** A positive integer count. */
export const count = (min = 1) => z.int().min(min);
