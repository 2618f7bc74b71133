/**
 * The offered-load shorthand of sweeps and capacity searches: one number, written into whichever
 * field of the scenario's executor sets its intensity.
 *
 * - `constant-arrival-rate`: `rate` iterations per second (`timeUnit` becomes 1s);
 * - `poisson`: `rate` per second;
 * - `constant-vus`: `vus` (rounded, at least 1);
 * - `ramping-arrival-rate` / `ramping-vus`: the whole profile is scaled so that its peak (the
 *   largest of the start value and the stage targets, per second for arrival rates) is the value,
 *   keeping its shape;
 * - `replay` has no intensity: the shorthand is refused.
 */
import { parseDurationMs } from '../scenario/units.js';

/** A scenario document as parsed JSON or YAML. */
type ScenarioDocument = Record<string, unknown>;

/** What the shorthand means for this scenario's executor. */
export type OfferedLoadUnit = 'iterations/s' | 'VUs';

/** The assignments (path, value) that set the offered load, or a reason it cannot be set. */
export type OfferedLoadAssignments =
  | { readonly ok: true; readonly assignments: readonly (readonly [string, unknown])[] }
  | { readonly ok: false; readonly message: string };

type Load = Record<string, unknown>;

const numberOr = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback);

/** The unit of the shorthand for this document's executor, or null when it has none. */
export function offeredLoadUnit(document: ScenarioDocument): OfferedLoadUnit | null {
  const executor = (document.load as Load | undefined)?.executor;
  if (executor === 'constant-vus' || executor === 'ramping-vus') return 'VUs';
  if (executor === 'constant-arrival-rate' || executor === 'ramping-arrival-rate' || executor === 'poisson')
    return 'iterations/s';
  return null;
}

/**
 * The assignments that make the document's offered load `value`. The document must already have
 * passed validation (its fields have the types the schema gives them).
 */
export function offeredLoadAssignments(document: ScenarioDocument, value: number): OfferedLoadAssignments {
  const load = (document.load ?? {}) as Load;
  switch (load.executor) {
    case 'constant-arrival-rate':
      return {
        ok: true,
        assignments: [
          ['load.rate', value],
          ['load.timeUnit', '1s'],
        ],
      };
    case 'poisson':
      return { ok: true, assignments: [['load.rate', value]] };
    case 'constant-vus':
      return { ok: true, assignments: [['load.vus', Math.max(1, Math.round(value))]] };
    case 'ramping-arrival-rate': {
      const unit = parseDurationMs(load.timeUnit ?? '1s');
      const timeUnitSec = unit.ok ? unit.value / 1000 : 1;
      return scaledProfile(load, 'startRate', 0, value * timeUnitSec, false);
    }
    case 'ramping-vus':
      // k6's default startVUs is 1.
      return scaledProfile(load, 'startVUs', 1, value, true);
    default:
      return {
        ok: false,
        message: `the load shorthand needs an executor with a rate or VUs; ${String(load.executor)} has neither (vary a path instead)`,
      };
  }
}

// Scales the start value and every stage target by peak / (their largest).
function scaledProfile(
  load: Load,
  startKey: string,
  startDefault: number,
  peak: number,
  integerStart: boolean,
): OfferedLoadAssignments {
  const stages = (load.stages ?? []) as Load[];
  const start = numberOr(load[startKey], startDefault);
  const highest = Math.max(start, ...stages.map((s) => numberOr(s.target, 0)));
  if (!(highest > 0))
    return { ok: false, message: 'the load profile is zero throughout: there is no peak to scale' };
  const factor = peak / highest;
  const scaledStart = integerStart ? Math.round(start * factor) : start * factor;
  return {
    ok: true,
    assignments: [
      [`load.${startKey}`, scaledStart],
      ...stages.map((s, i) => [`load.stages[${i}].target`, numberOr(s.target, 0) * factor] as const),
    ],
  };
}
