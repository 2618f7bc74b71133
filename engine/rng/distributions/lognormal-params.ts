import { normalQuantile } from '../../math/normal-quantile.js';
import {
  requireFinite,
  requireNonNegative,
  requireOpenProbability,
  requirePositive,
} from './param-checks.js';

/** The parameters of ln X ~ N(mu, sigma²); exp(mu) is the median of X. Invariant: sigma ≥ 0. */
export interface LognormalParams {
  readonly mu: number;
  readonly sigma: number;
}

/** One known percentile of a distribution: P(X ≤ value) = p, with p a probability (0.99, not 99). */
export interface PercentilePoint {
  readonly p: number;
  readonly value: number;
}

/** Φ⁻¹(0.95), the standard normal 95th percentile, to double precision. */
export const Z_95 = 1.6448536269514722;

/**
 * The lognormal with the given mean and coefficient of variation (sd/mean).
 *
 * σ² = ln(1 + cv²), μ = ln(mean) − σ²/2 (moment matching: E[X] = exp(μ + σ²/2),
 * cv² = exp(σ²) − 1; see Law, Simulation Modeling and Analysis).
 * @param mean - mean of X, > 0.
 * @param cv - coefficient of variation of X, ≥ 0 (0 gives sigma = 0).
 * @throws RangeError if mean ≤ 0, cv < 0 or either is not finite.
 */
export function lognormalParamsFromMeanCv(mean: number, cv: number): LognormalParams {
  requirePositive('lognormal', 'mean', mean);
  requireNonNegative('lognormal', 'cv', cv);
  const variance = Math.log1p(cv * cv);
  return { mu: Math.log(mean) - variance / 2, sigma: Math.sqrt(variance) };
}

/**
 * The lognormal with the given median and 95th percentile.
 *
 * μ = ln p50, σ = ln(p95/p50)/z₀.₉₅, because ln X is normal and the log is monotone.
 * @param p50 - median, > 0.
 * @param p95 - 95th percentile, ≥ p50 (equal gives sigma = 0).
 * @throws RangeError if p50 ≤ 0, p95 < p50, or either is not finite.
 */
export function lognormalParamsFromPercentiles(p50: number, p95: number): LognormalParams {
  requirePositive('lognormal', 'p50', p50);
  requireFinite('lognormal', 'p95', p95);
  if (p95 < p50) throw new RangeError(`lognormal: p95 must be >= p50 (${p50}), got ${p95}`);
  return { mu: Math.log(p50), sigma: Math.log(p95 / p50) / Z_95 };
}

/**
 * The lognormal through two arbitrary percentile points, e.g. p90 and p99.
 *
 * With zᵢ = Φ⁻¹(pᵢ): σ = (ln v₂ − ln v₁)/(z₂ − z₁), μ = ln v₁ − σ·z₁. The points may come in any order.
 * @throws RangeError if a p is outside (0, 1), the two p are equal, a value is ≤ 0 or not finite,
 * or the value at the higher p is smaller than the value at the lower p.
 */
export function lognormalParamsFromPercentilePair(a: PercentilePoint, b: PercentilePoint): LognormalParams {
  for (const [name, point] of [
    ['first', a],
    ['second', b],
  ] as const) {
    requireOpenProbability('lognormal', `${name} point p`, point.p);
    requirePositive('lognormal', `${name} point value`, point.value);
  }
  if (a.p === b.p) throw new RangeError(`lognormal: the two points need different p, both are ${a.p}`);
  const [low, high] = a.p < b.p ? [a, b] : [b, a];
  if (high.value < low.value) {
    throw new RangeError(
      `lognormal: the value at p=${high.p} must be >= the value at p=${low.p} (${low.value}), got ${high.value}`,
    );
  }
  const zLow = normalQuantile(low.p);
  const sigma = Math.log(high.value / low.value) / (normalQuantile(high.p) - zLow);
  return { mu: Math.log(low.value) - sigma * zLow, sigma };
}
