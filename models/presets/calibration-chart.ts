/**
 * The calibration chart: every target's prediction against its measurement (Vega-Lite), on log
 * scales per unit so that milliseconds, rates and counts share one picture. Points on the diagonal
 * are perfect; the colour says whether the number was fitted, predicted or unexplained, the shape
 * whether it is within tolerance. A pure function of the check, or of the status it stored
 * (`docs/calibration.json`).
 */
import type { PresetCheck } from './check.js';
import type { CalibrationStatus } from './calibration-status.js';

/** One point of the chart. */
export interface CalibrationPoint {
  readonly preset: string;
  readonly variant: string;
  readonly metric: string;
  readonly unit: string;
  readonly measured: number;
  readonly predicted: number;
  readonly role: string;
  readonly status: string;
}

const unitOf = (metric: string): string =>
  metric.includes('duration')
    ? 'ms'
    : metric.endsWith('.rate') && !metric.includes('_failed')
      ? 'per second'
      : metric.includes('_failed.rate')
        ? 'failure rate'
        : 'count';

/** The points: targets with a prediction, and values > 0 (log scales). */
export function calibrationPoints(checks: readonly PresetCheck[]): CalibrationPoint[] {
  return checks.flatMap((c) =>
    c.evaluation.results
      .filter((r) => r.predicted !== null && r.predicted > 0 && r.target.measured > 0)
      .map((r) => ({
        preset: c.preset.name,
        variant: r.target.variant,
        metric: r.target.metric,
        unit: unitOf(r.target.metric),
        measured: r.target.measured,
        predicted: r.predicted!,
        role: r.target.role,
        status: r.status,
      })),
  );
}

/** The points of a stored status (every preset's, by name), as {@link calibrationPoints} gives them. */
export function calibrationPointsOfStatus(
  status: Readonly<Record<string, CalibrationStatus>>,
): CalibrationPoint[] {
  return Object.entries(status).flatMap(([preset, s]) =>
    s.targets
      .filter((t) => t.predicted !== null && t.predicted > 0 && t.measured > 0)
      .map((t) => ({
        preset,
        variant: t.variant,
        metric: t.metric,
        unit: unitOf(t.metric),
        measured: t.measured,
        predicted: t.predicted!,
        role: t.role,
        status: t.status,
      })),
  );
}

/** A Vega-Lite (v6) spec of predicted against measured, one panel per unit. */
export function calibrationChart(checks: readonly PresetCheck[]): Record<string, unknown> {
  return calibrationSpec(calibrationPoints(checks));
}

/** The chart of given points. */
export function calibrationSpec(points: readonly CalibrationPoint[]): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'capsim calibration: predicted against measured',
    data: { values: points },
    facet: { field: 'unit', type: 'nominal', title: null },
    columns: 2,
    resolve: { scale: { x: 'independent', y: 'independent' } },
    spec: {
      width: 260,
      height: 260,
      layer: [
        {
          // The diagonal: a prediction equal to its measurement.
          mark: { type: 'line', color: '#999', strokeDash: [4, 4] },
          encoding: {
            x: { field: 'measured', type: 'quantitative', scale: { type: 'log' } },
            y: { field: 'measured', type: 'quantitative', scale: { type: 'log' } },
          },
        },
        {
          mark: { type: 'point', size: 80, filled: true },
          encoding: {
            x: { field: 'measured', type: 'quantitative', scale: { type: 'log' }, title: 'measured' },
            y: { field: 'predicted', type: 'quantitative', scale: { type: 'log' }, title: 'predicted' },
            color: {
              field: 'role',
              type: 'nominal',
              scale: {
                domain: ['fitted', 'predicted', 'unexplained'],
                range: ['#4c78a8', '#f58518', '#9d9d9d'],
              },
            },
            shape: {
              field: 'status',
              type: 'nominal',
              scale: { domain: ['pass', 'fail', 'known-miss', 'unexplained'] },
            },
            tooltip: [
              { field: 'preset' },
              { field: 'variant' },
              { field: 'metric' },
              { field: 'measured', format: ',.4~f' },
              { field: 'predicted', format: ',.4~f' },
              { field: 'status' },
            ],
          },
        },
      ],
    },
  };
}
