/**
 * `capsim calibrate --scenario FILE --k6 SUMMARY`: a user's own scenario fitted to their own k6
 * run. The scenario's `calibration` section names the free parameters and the metrics to fit;
 * every other standard metric of the summary is reported as a prediction of the fitted model.
 */
import { parseDocument } from 'yaml';
import { parseDocumentPath } from './document-path.js';
import { CalibrationError } from './errors.js';
import { fitParameters } from './fit.js';
import type { FitOptions, FitResult } from './fit.js';
import { calibrationPlanOf, withParameters } from './free-parameters.js';
import type { CalibrationPlan } from './free-parameters.js';
import { readK6Summary, summaryMetric } from './k6-summary.js';
import { runForMetrics } from './run-metrics.js';
import { compareToMeasurement, defaultTolerance } from './tolerance.js';

/** Metrics reported as predictions when the summary has them and they are not fitted. */
const STANDARD_METRICS = [
  'http_reqs.rate',
  'http_req_failed.rate',
  'http_req_duration.avg',
  'http_req_duration.med',
  'http_req_duration.p(95)',
  'http_req_duration.p(99)',
  'iteration_duration.avg',
  'dropped_iterations.count',
];

/** One metric of the k6 summary beside the fitted model's value. */
export interface CalibrationRow {
  readonly metric: string;
  readonly measured: number;
  readonly predicted: number | null;
  readonly role: 'fitted' | 'predicted';
  readonly relativeError: number | null;
  /** Within the default tolerance of the metric. */
  readonly withinTolerance: boolean;
}

/** The outcome of calibrating a scenario. */
export interface ScenarioCalibration {
  readonly plan: CalibrationPlan;
  readonly fit: FitResult;
  readonly rows: readonly CalibrationRow[];
  /** The scenario text with the fitted values written in (YAML; comments kept). */
  readonly fittedText: string;
}

/**
 * Fits the scenario's free parameters to the k6 summary.
 * @param text - the scenario (YAML or JSON text).
 * @param k6Summary - a parsed k6 summary (`--summary-export` or `handleSummary` data).
 * @throws CalibrationError for a scenario without a usable calibration section, a bad path, or a
 *   fitted metric the summary lacks; ScenarioError for an invalid scenario.
 */
export function calibrateScenario(
  text: string,
  k6Summary: unknown,
  options: FitOptions = {},
): ScenarioCalibration {
  const yaml = parseDocument(text);
  if (yaml.errors.length > 0) {
    throw new CalibrationError('CAL_ERR_INVALID', `not YAML or JSON: ${yaml.errors[0]!.message}`, '');
  }
  const doc = yaml.toJS() as unknown;
  const plan = calibrationPlanOf(doc);
  const measured = readK6Summary(k6Summary);
  const fitted = plan.fit.map((metric) => ({ metric, value: summaryMetric(measured, metric) }));
  const compare = (metric: string, value: number, predicted: number | null) =>
    compareToMeasurement(metric, value, predicted, defaultToleranceOr(metric, value));
  const fit = fitParameters(
    plan.parameters,
    (values) => {
      const m = runForMetrics(withParameters(doc, plan.parameters, values)).metrics;
      return fitted.map(({ metric, value }) => compare(metric, value, m.get(metric) ?? null).normalizedError);
    },
    options,
  );
  // The values go into a document people read: 4 significant digits, and the predictions below are
  // those of the rounded values, so the written scenario reproduces them exactly.
  const values = Object.fromEntries(
    Object.entries(fit.values).map(([k, v]) => [k, Number(v.toPrecision(4))]),
  );
  const predictedMetrics = runForMetrics(withParameters(doc, plan.parameters, values)).metrics;
  const rowOf = (metric: string, value: number, role: CalibrationRow['role']): CalibrationRow => {
    const predicted = predictedMetrics.get(metric) ?? null;
    const c = compare(metric, value, predicted);
    return {
      metric,
      measured: value,
      predicted,
      role,
      relativeError: c.relativeError,
      withinTolerance: c.within,
    };
  };
  const rows = [
    ...fitted.map(({ metric, value }) => rowOf(metric, value, 'fitted')),
    ...STANDARD_METRICS.filter((m) => !plan.fit.includes(m) && measured.has(m)).map((m) =>
      rowOf(m, measured.get(m)!, 'predicted'),
    ),
  ];
  for (const p of plan.parameters) {
    for (const path of p.paths) yaml.setIn(parseDocumentPath(path), values[p.name]);
  }
  return { plan, fit: { ...fit, values }, rows, fittedText: yaml.toString() };
}

// Metrics without a default tolerance (a custom counter, say) are fitted in relative terms (± 10 %).
function defaultToleranceOr(metric: string, value: number) {
  try {
    return defaultTolerance(metric, value);
  } catch {
    return { relative: 0.1 };
  }
}
