/**
 * Runs a preset's variants with given parameter values and sets each measured target beside its
 * prediction: the one computation behind the fit's objective, the check and the report.
 */
import { runForMetrics } from '../calibration/run-metrics.js';
import { compareToMeasurement } from '../calibration/tolerance.js';
import type { Tolerance } from '../calibration/tolerance.js';
import type { RunSummary } from '../report/summary-types.js';
import { capacityOf } from './capacity.js';
import { variantDocument } from './preset-document.js';
import type { Preset, PresetTarget } from './types.js';

/**
 * How a target came out: `pass` (within tolerance), `fail` (a fitted or predicted number outside
 * it), `known-miss` (a prediction outside it, for the reason its preset gives), `unexplained`
 * (not checked: the model cannot produce it; see the target's note).
 */
export type TargetStatus = 'pass' | 'fail' | 'known-miss' | 'unexplained';

/** One target with its prediction. */
export interface TargetResult {
  readonly target: PresetTarget;
  /** The simulated value, in the metric's unit; null when the run has no such figure. */
  readonly predicted: number | null;
  readonly tolerance: Tolerance;
  /** Half-width of the accepted band, in the metric's unit. */
  readonly band: number;
  /** (predicted − measured) / measured; null when either is missing or measured is 0. */
  readonly relativeError: number | null;
  /** (predicted − measured) / band: the residual the fit minimizes (|·| ≤ 1 passes). */
  readonly normalizedError: number | null;
  readonly status: TargetStatus;
}

/** Targets and the runs behind them. */
export interface PresetEvaluation {
  readonly results: readonly TargetResult[];
  /** The summary of each variant that was run. */
  readonly runs: ReadonlyMap<string, RunSummary>;
}

/**
 * Runs every variant that has targets (each once) with `values` for the free parameters and
 * compares. `only` restricts it to targets of some roles (the fit needs only `fitted`).
 * @throws ScenarioError if a variant's scenario is invalid; CalibrationError for a bad variant or
 *   parameter.
 */
export function evaluateTargets(
  preset: Preset,
  values: Readonly<Record<string, number>>,
  only?: readonly PresetTarget['role'][],
): PresetEvaluation {
  const targets = preset.targets.filter((t) => only === undefined || only.includes(t.role));
  const runs = new Map<string, RunSummary>();
  const metricsByVariant = new Map<string, Map<string, number>>();
  for (const variant of new Set(targets.filter((t) => t.capacity === undefined).map((t) => t.variant))) {
    const { summary, metrics } = runForMetrics(variantDocument(preset, variant, values));
    runs.set(variant, summary);
    metricsByVariant.set(variant, metrics);
  }
  const results = targets.map((target) =>
    target.capacity === undefined
      ? compare(target, metricsByVariant.get(target.variant)!.get(target.metric) ?? null)
      : compare(target, capacityOf(preset, target.variant, values, target.capacity).ratePerSec),
  );
  return { results, runs };
}

function compare(target: PresetTarget, predicted: number | null): TargetResult {
  const c = compareToMeasurement(target.metric, target.measured, predicted, target.tolerance);
  let status: TargetStatus;
  if (target.role === 'unexplained') status = 'unexplained';
  else if (c.within) status = 'pass';
  else status = target.role === 'predicted' && target.knownMiss !== undefined ? 'known-miss' : 'fail';
  return {
    target,
    predicted,
    tolerance: c.tolerance,
    band: c.band,
    relativeError: c.relativeError,
    normalizedError: c.normalizedError,
    status,
  };
}
