/**
 * The free parameters a scenario declares in its `calibration` section, resolved and checked
 * against the document, and written back into it.
 */
import type { z } from 'zod';
import { formatPath } from '../scenario/diagnostics.js';
import { getAtPath, withValues } from './document-path.js';
import { CalibrationError } from './errors.js';
import { calibrationSchema, DEFAULT_FIT_METRICS } from './schema.js';

/** A checked free parameter. */
export interface FreeParameter {
  readonly name: string;
  /** The document paths that take its value (at least one). */
  readonly paths: readonly string[];
  /** Bounds in the field's canonical unit (ms, per second, cores, fraction). */
  readonly min: number;
  readonly max: number;
  readonly scale: 'linear' | 'log';
  /** Values are rounded to whole numbers before they are written. */
  readonly integer: boolean;
  /** Where a fit starts: the document's value when it is a number in [min, max], else the middle. */
  readonly start: number;
  readonly description: string | null;
}

/** A scenario's calibration section, resolved. */
export interface CalibrationPlan {
  readonly parameters: readonly FreeParameter[];
  /** k6 metrics to fit (metric.stat). */
  readonly fit: readonly string[];
}

/**
 * Reads and checks the `calibration` section of a scenario document (parsed YAML or JSON, before
 * validation of the rest): bounds, scales, and that every path names a field of the document.
 * @throws CalibrationError `CAL_ERR_INVALID` (no section, a malformed one, min ≥ max, a log scale
 *   with min ≤ 0) or `CAL_ERR_PATH` (a path that names nothing), each with the path of the field
 *   at fault (`calibration.parameters.gateway.path`).
 */
export function calibrationPlanOf(doc: unknown): CalibrationPlan {
  const section = (doc as { calibration?: unknown } | null)?.calibration;
  if (section === undefined) {
    throw new CalibrationError(
      'CAL_ERR_INVALID',
      'the scenario declares no free parameters: add a calibration section (see docs/calibration.md)',
      'calibration',
    );
  }
  const parsed = calibrationSchema.safeParse(section);
  if (!parsed.success) throw firstIssue(parsed.error);
  const parameters = Object.entries(parsed.data.parameters).map(([name, p]): FreeParameter => {
    const at = `calibration.parameters.${name}`;
    if (!(p.min < p.max)) {
      throw new CalibrationError('CAL_ERR_INVALID', `min (${p.min}) must be < max (${p.max})`, `${at}.min`);
    }
    const scale = p.scale ?? (p.min > 0 ? 'log' : 'linear');
    if (scale === 'log' && !(p.min > 0)) {
      throw new CalibrationError('CAL_ERR_INVALID', `a log scale needs min > 0, got ${p.min}`, `${at}.scale`);
    }
    const paths = typeof p.path === 'string' ? [p.path] : p.path;
    const values = paths.map((path, i) => {
      const pathAt = typeof p.path === 'string' ? `${at}.path` : `${at}.path[${i}]`;
      try {
        return getAtPath(doc, path);
      } catch (error) {
        if (error instanceof CalibrationError) {
          throw new CalibrationError(error.code, error.message, pathAt);
        }
        throw error;
      }
    });
    const first = values[0];
    const inside = typeof first === 'number' && first >= p.min && first <= p.max;
    const middle = scale === 'log' ? Math.sqrt(p.min * p.max) : (p.min + p.max) / 2;
    return {
      name,
      paths,
      min: p.min,
      max: p.max,
      scale,
      integer: p.integer ?? false,
      start: inside ? first : middle,
      description: p.description ?? null,
    };
  });
  return { parameters, fit: parsed.data.fit ?? DEFAULT_FIT_METRICS };
}

/**
 * The document with each parameter's value written at its paths (a deep copy; the input is left
 * unchanged).
 * @throws CalibrationError `CAL_ERR_INVALID` for a missing or non-finite value.
 */
export function withParameters<T>(
  doc: T,
  parameters: readonly FreeParameter[],
  values: Readonly<Record<string, number>>,
): T {
  const assignments: [string, number][] = [];
  for (const p of parameters) {
    const value = values[p.name];
    if (value === undefined || !Number.isFinite(value)) {
      throw new CalibrationError('CAL_ERR_INVALID', `no finite value for parameter ${p.name}`);
    }
    for (const path of p.paths) assignments.push([path, value]);
  }
  return withValues(doc, assignments);
}

// Every problem of the section in one error; its path is the first problem's.
function firstIssue(error: z.ZodError): CalibrationError {
  const at = (issue: z.core.$ZodIssue) =>
    formatPath(['calibration', ...issue.path.map((k) => (typeof k === 'number' ? k : String(k)))]);
  const [first, ...rest] = error.issues;
  const more = rest.map((issue) => `; ${at(issue)}: ${issue.message}`).join('');
  return new CalibrationError('CAL_ERR_INVALID', `${first!.message}${more}`, at(first!));
}
