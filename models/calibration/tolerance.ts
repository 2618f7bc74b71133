/**
 * How close a prediction must come to a measurement. The defaults are the project's calibration
 * policy: throughput ± 3 %; failure rate ± 1 percentage point, or ± 5 % relative above 20 %;
 * median and p95 ± 10 %; p99 ± 15 %; averages ± 10 %, like the median.
 */
import { CalibrationError } from './errors.js';

/** A tolerance: a fraction of the measured value, or an absolute amount in the metric's unit. */
export type Tolerance =
  | { readonly relative: number; readonly absolute?: never }
  | { readonly absolute: number; readonly relative?: never };

const HIGH_FAILURE_RATE = 0.2;

/**
 * The default tolerance of a k6 summary metric (`http_req_duration.p(95)`, `http_reqs.rate`, ...).
 * @param measured - the measured value (decides the failure-rate rule).
 * @throws CalibrationError `CAL_ERR_INVALID` for a metric without a default: give one explicitly.
 */
export function defaultTolerance(metric: string, measured: number): Tolerance {
  const dot = metric.lastIndexOf('.');
  const name = metric.slice(0, dot).replace(/\{.*\}$/, '');
  const stat = metric.slice(dot + 1);
  if (stat === 'rate' && name.endsWith('_failed')) {
    return measured > HIGH_FAILURE_RATE ? { relative: 0.05 } : { absolute: 0.01 };
  }
  if ((name === 'http_reqs' || name === 'iterations') && (stat === 'rate' || stat === 'count')) {
    return { relative: 0.03 };
  }
  if (stat === 'p(99)') return { relative: 0.15 };
  if (stat === 'med' || stat === 'avg' || stat === 'p(95)' || stat === 'p(90)') return { relative: 0.1 };
  throw new CalibrationError(
    'CAL_ERR_INVALID',
    `no default tolerance for ${metric}: give the target a tolerance`,
  );
}

/** Half-width of the accepted band around `measured`, in the metric's unit (≥ 0). */
export function toleranceBand(t: Tolerance, measured: number): number {
  return t.absolute !== undefined ? t.absolute : Math.abs(measured) * t.relative;
}

/** A prediction set beside its measurement. */
export interface Comparison {
  readonly tolerance: Tolerance;
  /** Half-width of the accepted band, in the metric's unit. */
  readonly band: number;
  /** (predicted − measured) / measured; null without a prediction or when measured is 0. */
  readonly relativeError: number | null;
  /** (predicted − measured) / band: the residual a fit minimizes; null without a prediction. */
  readonly normalizedError: number | null;
  /** |normalizedError| ≤ 1. */
  readonly within: boolean;
}

/**
 * Compares a prediction (null: the run had no such figure) with a measurement, under `tolerance`
 * or the metric's default.
 * @throws CalibrationError `CAL_ERR_INVALID` when no tolerance is given and the metric has no default.
 */
export function compareToMeasurement(
  metric: string,
  measured: number,
  predicted: number | null,
  tolerance: Tolerance = defaultTolerance(metric, measured),
): Comparison {
  const band = toleranceBand(tolerance, measured);
  const diff = predicted === null ? null : predicted - measured;
  const normalizedError = diff === null ? null : band > 0 ? diff / band : diff === 0 ? 0 : Infinity;
  return {
    tolerance,
    band,
    relativeError: diff === null || measured === 0 ? null : diff / measured,
    normalizedError,
    within: normalizedError !== null && Math.abs(normalizedError) <= 1,
  };
}

/** A tolerance as people read it: "± 10 %" or "± 0.01". */
export function formatTolerance(t: Tolerance, metric: string): string {
  if (t.relative !== undefined) return `± ${round(t.relative * 100)} %`;
  return metric.endsWith('_failed.rate') ? `± ${round(t.absolute * 100)} pp` : `± ${t.absolute}`;
}

const round = (x: number) => Number(x.toPrecision(6));
