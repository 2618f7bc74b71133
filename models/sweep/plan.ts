/**
 * Before a sweep or a capacity search runs: every point it will run checked (schema and
 * cross-field rules), and its cost estimated, so that a bad value or an oversized job is refused
 * up front with the point and field at fault.
 */
import { estimateCost } from '../scenario/cost-estimate.js';
import { ScenarioError } from '../scenario/errors.js';
import { normalizeScenario } from '../scenario/normalize.js';
import { validateScenario } from '../scenario/parse.js';
import { SweepError } from './errors.js';
import { sweepPoints, withPointValues } from './expand.js';
import type { SweepParameter } from './expand.js';
import type { CapacitySearchSpec, SweepParameterSpec } from './schema.js';
import { searchParameter } from './capacity-search.js';
import { offeredLoadUnit } from './offered-load.js';

type ScenarioDocument = Record<string, unknown>;

/** A checked point: its values, its document and the simulated events it is expected to cost. */
export interface PlannedPoint {
  readonly values: readonly unknown[];
  readonly document: ScenarioDocument;
  readonly events: number;
}

/** A checked sweep. */
export interface SweepPlan {
  readonly scenario: string;
  readonly seed: number | string;
  readonly replications: number;
  readonly parameters: readonly SweepParameter[];
  readonly points: readonly PlannedPoint[];
  /** All points, all replications. */
  readonly events: number;
}

/** A point's document checked: its name, seed, replications and estimated events per replication. */
interface CheckedPoint {
  readonly scenario: string;
  readonly seed: number | string;
  readonly replications: number;
  readonly eventsPerReplication: number;
}

/**
 * Checks one point's document.
 * @throws SweepError `SWEEP_ERR_POINT_INVALID` / `SWEEP_ERR_POINT_IMPOSSIBLE`, each issue's path
 *   prefixed with `label` (the point and its values).
 */
function checkPoint(document: ScenarioDocument, label: string): CheckedPoint {
  let phase: 'SWEEP_ERR_POINT_INVALID' | 'SWEEP_ERR_POINT_IMPOSSIBLE' = 'SWEEP_ERR_POINT_INVALID';
  try {
    const spec = validateScenario(document);
    phase = 'SWEEP_ERR_POINT_IMPOSSIBLE';
    const { scenario } = normalizeScenario(spec);
    return {
      scenario: scenario.name,
      seed: scenario.seed,
      replications: scenario.replications,
      eventsPerReplication: estimateCost(scenario).events / scenario.replications,
    };
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    throw new SweepError(
      phase,
      e.issues.map((i) => ({
        path: `${label}: ${i.path === '' ? '(document)' : i.path}`,
        message: i.message,
      })),
    );
  }
}

const describeValues = (parameters: readonly { name: string }[], values: readonly unknown[]) =>
  parameters.map((p, k) => `${p.name}=${JSON.stringify(values[k])}`).join(', ');

/** Seed and replications of a job; each defaults to the scenario's own. */
export interface JobRunOptions {
  readonly seed?: number | string;
  readonly replications?: number;
}

/**
 * Expands and checks a sweep over `base` (a valid scenario document). Every point runs with the
 * same seed: common random numbers, so neighbouring points differ by their values, not by luck.
 * @throws SweepError for a parameter that cannot be set or a point that is not a runnable scenario.
 */
export function planSweep(
  base: ScenarioDocument,
  vary: readonly SweepParameterSpec[],
  options: JobRunOptions = {},
): SweepPlan {
  const { parameters, points } = sweepPoints(base, vary);
  const checked = points.map((p) =>
    checkPoint(p.document, `points[${p.index}] (${describeValues(parameters, p.values)})`),
  );
  const replications = options.replications ?? checked[0]!.replications;
  const planned = points.map((p, i) => ({
    values: p.values,
    document: p.document,
    events: Math.round(checked[i]!.eventsPerReplication * replications),
  }));
  return {
    scenario: checked[0]!.scenario,
    seed: options.seed ?? checked[0]!.seed,
    replications,
    parameters,
    points: planned,
    events: planned.reduce((t, p) => t + p.events, 0),
  };
}

/** A checked capacity search. */
export interface CapacityPlan {
  readonly scenario: string;
  readonly seed: number | string;
  readonly replications: number;
  /** What the searched values count: `iterations/s`, `VUs`, or null for a path. */
  readonly unit: string | null;
  /** Upper bound: every replication's trials, each priced at `max`. */
  readonly events: number;
}

/**
 * Checks a capacity search: the scenario at `min` and at `max` must both be runnable.
 * @throws SweepError as {@link planSweep}, the parameter's issues under `search.over`.
 */
export function planCapacity(
  base: ScenarioDocument,
  search: CapacitySearchSpec,
  options: JobRunOptions = {},
): CapacityPlan {
  const parameter = searchParameter(search);
  const at = (value: number, label: string) => {
    try {
      return checkPoint(withPointValues(base, [parameter], [value]), label);
    } catch (e) {
      if (e instanceof SweepError && e.code === 'SWEEP_ERR_PARAMETER')
        throw new SweepError(
          e.code,
          e.issues.map((i) => ({ ...i, path: 'search.over' })),
        );
      throw e;
    }
  };
  const low = at(search.min, `search.min (${search.over}=${search.min})`);
  const high = at(search.max, `search.max (${search.over}=${search.max})`);
  const replications = options.replications ?? low.replications;
  // min, max, then one trial per halving of the bracket down to the resolution.
  const trials = 2 + Math.max(0, Math.ceil(Math.log2((search.max - search.min) / search.resolution)));
  return {
    scenario: low.scenario,
    seed: options.seed ?? low.seed,
    replications,
    unit: search.over === 'load' ? offeredLoadUnit(base) : null,
    events: Math.round(high.eventsPerReplication * trials * replications),
  };
}
