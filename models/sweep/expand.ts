/**
 * A sweep's points: the values of each parameter, their grid, and the scenario document of each
 * point (the base document with the point's values written in).
 */
import { round } from '../report/estimate.js';
import { withValues } from '../calibration/document-path.js';
import { CalibrationError } from '../calibration/errors.js';
import { SweepError } from './errors.js';
import { MAX_SWEEP_POINTS } from './schema.js';
import type { RangeSpec, SweepParameterSpec } from './schema.js';
import { offeredLoadAssignments, offeredLoadUnit } from './offered-load.js';
import type { OfferedLoadUnit } from './offered-load.js';

type ScenarioDocument = Record<string, unknown>;

/** A parameter as results name it. */
export interface SweepParameter {
  /** `load` for the shorthand, else the path. */
  readonly name: string;
  /** For the shorthand: what its values count. */
  readonly unit: OfferedLoadUnit | null;
  readonly values: readonly unknown[];
}

/** One point: its values (one per parameter, in order) and its scenario document. */
export interface SweepPoint {
  readonly index: number;
  readonly values: readonly unknown[];
  readonly document: ScenarioDocument;
}

/**
 * The values of a range: `steps` values from `from` to `to`, evenly spaced (linear) or in equal
 * ratios (log), to six significant digits; with `integer`, rounded and without repeats.
 */
export function rangeValues(r: RangeSpec): number[] {
  const at = (i: number): number => {
    const f = i / (r.steps - 1);
    return r.scale === 'log' ? r.from * (r.to / r.from) ** f : r.from + (r.to - r.from) * f;
  };
  const values = Array.from({ length: r.steps }, (_, i) => round(at(i)));
  return r.integer === true ? [...new Set(values.map(Math.round))] : values;
}

function parameterValues(p: SweepParameterSpec): readonly unknown[] {
  if ('load' in p) return Array.isArray(p.load) ? p.load : rangeValues(p.load);
  if ('values' in p) return p.values;
  return rangeValues(p);
}

/**
 * Expands the parameters over the base document into the grid of points (the first parameter
 * varies slowest).
 * @throws SweepError `SWEEP_ERR_PARAMETER` for a path that names nothing settable, a shorthand the
 *   executor has no knob for, or more than {@link MAX_SWEEP_POINTS} points; issues name
 *   `vary[i]`.
 */
export function sweepPoints(
  base: ScenarioDocument,
  vary: readonly SweepParameterSpec[],
): { parameters: SweepParameter[]; points: SweepPoint[] } {
  const parameters = vary.map((p): SweepParameter => {
    const isLoad = 'load' in p;
    return {
      name: isLoad ? 'load' : p.path,
      unit: isLoad ? offeredLoadUnit(base) : null,
      values: parameterValues(p),
    };
  });
  const total = parameters.reduce((n, p) => n * p.values.length, 1);
  if (total > MAX_SWEEP_POINTS)
    throw new SweepError('SWEEP_ERR_PARAMETER', [
      { path: 'vary', message: `the grid has ${total} points; at most ${MAX_SWEEP_POINTS} are allowed` },
    ]);
  const combos: unknown[][] = [[]];
  for (const p of parameters) {
    const next: unknown[][] = [];
    for (const c of combos) for (const v of p.values) next.push([...c, v]);
    combos.splice(0, combos.length, ...next);
  }
  const points = combos.map((values, index) => ({
    index,
    values,
    document: withPointValues(base, vary, values),
  }));
  return { parameters, points };
}

/**
 * The base document with one value per parameter written in.
 * @throws SweepError `SWEEP_ERR_PARAMETER` as {@link sweepPoints}.
 */
export function withPointValues(
  base: ScenarioDocument,
  vary: readonly SweepParameterSpec[],
  values: readonly unknown[],
): ScenarioDocument {
  let document = base;
  vary.forEach((p, i) => {
    const fail = (message: string): never => {
      throw new SweepError('SWEEP_ERR_PARAMETER', [
        { path: `vary[${i}].${'load' in p ? 'load' : 'path'}`, message },
      ]);
    };
    let assignments: readonly (readonly [string, unknown])[];
    if ('load' in p) {
      const load = offeredLoadAssignments(base, values[i] as number);
      assignments = load.ok ? load.assignments : fail(load.message);
    } else assignments = [[p.path, values[i]]];
    try {
      document = withValues(document, assignments);
    } catch (e) {
      if (e instanceof CalibrationError) fail(e.message);
      throw e;
    }
  });
  return document;
}
