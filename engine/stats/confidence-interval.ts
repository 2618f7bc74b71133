import { studentTQuantile } from './student-t-quantile.js';

// Re-exported so callers can take both from the module named after the interval.
export { studentTQuantile } from './student-t-quantile.js';

/** A two-sided Student-t confidence interval for a mean; see {@link confidenceInterval}. */
export interface ConfidenceInterval {
  /** Number of values. */
  readonly n: number;
  /** Sample mean. */
  readonly mean: number;
  /** Sample standard deviation (divisor n − 1); NaN when n = 1. */
  readonly stdDev: number;
  /** `t(1 − (1 − level)/2, n − 1) · stdDev / sqrt(n)`; NaN when n = 1. */
  readonly halfWidth: number;
  /** `mean − halfWidth`. */
  readonly lower: number;
  /** `mean + halfWidth`. */
  readonly upper: number;
  /** Confidence level, in (0, 1). */
  readonly level: number;
}

/**
 * Two-sided confidence interval for the mean of independent, roughly normal values (typically one
 * value per replication), using Student's t with n − 1 degrees of freedom.
 *
 * Units: those of `values`. With n = 1 there is no variance estimate: `stdDev`, `halfWidth`,
 * `lower` and `upper` are NaN (serialized as null by `JSON.stringify`).
 *
 * @param values - the sample; must be non-empty and finite.
 * @param level - confidence level in (0, 1); default 0.95.
 * @throws RangeError if `values` is empty or holds a non-finite value, or `level` is not in (0, 1).
 */
export function confidenceInterval(values: readonly number[], level = 0.95): ConfidenceInterval {
  const n = values.length;
  if (n === 0) throw new RangeError('confidenceInterval: needs at least one value');
  if (!(level > 0 && level < 1))
    throw new RangeError(`confidenceInterval: level must be in (0, 1), got ${level}`);
  let sum = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`confidenceInterval: values must be finite, got ${v}`);
    sum += v;
  }
  const mean = sum / n;
  // Two passes: the whole sample is at hand, and deviations from the mean avoid cancellation.
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  const stdDev = n > 1 ? Math.sqrt(squares / (n - 1)) : NaN;
  const halfWidth = n > 1 ? (studentTQuantile(1 - (1 - level) / 2, n - 1) * stdDev) / Math.sqrt(n) : NaN;
  return { n, mean, stdDev, halfWidth, lower: mean - halfWidth, upper: mean + halfWidth, level };
}
