import type { RandomSource } from '../source.js';
import { deterministic } from './deterministic.js';
import type { LognormalParams, PercentilePoint } from './lognormal-params.js';
import {
  lognormalParamsFromMeanCv,
  lognormalParamsFromPercentilePair,
  lognormalParamsFromPercentiles,
} from './lognormal-params.js';
import type { Moments } from './moments.js';
import type { Sampler } from './sampler.js';
import { standardNormal } from './standard-normal.js';

function fromParams(source: RandomSource, { mu, sigma }: LognormalParams): Sampler {
  if (sigma === 0) return deterministic(Math.exp(mu));
  const z = standardNormal(source);
  return () => Math.exp(mu + sigma * z());
}

/**
 * Lognormal draws with the given mean and coefficient of variation; support (0, ∞).
 *
 * cv = 0 returns exactly `mean` and consumes no randomness.
 * @param mean - mean, > 0 (ms for durations).
 * @param cv - sd/mean, ≥ 0.
 * @throws RangeError if mean ≤ 0, cv < 0 or either is not finite.
 */
export function lognormalFromMeanCv(source: RandomSource, mean: number, cv: number): Sampler {
  const params = lognormalParamsFromMeanCv(mean, cv);
  return cv === 0 ? deterministic(mean) : fromParams(source, params);
}

/**
 * Lognormal draws with the given median and 95th percentile; support (0, ∞).
 *
 * The form users usually know from a load test. p95 = p50 returns exactly p50 and consumes no
 * randomness.
 * @param p50 - median, > 0 (ms for durations).
 * @param p95 - 95th percentile, ≥ p50.
 * @throws RangeError if p50 ≤ 0, p95 < p50, or either is not finite.
 */
export function lognormalFromPercentiles(source: RandomSource, p50: number, p95: number): Sampler {
  return fromParams(source, lognormalParamsFromPercentiles(p50, p95));
}

/**
 * Lognormal draws through two percentile points (e.g. `{p: 0.9, value: 40}`, `{p: 0.99, value: 120}`).
 *
 * @throws RangeError as {@link lognormalParamsFromPercentilePair} does.
 */
export function lognormalFromPercentilePair(
  source: RandomSource,
  a: PercentilePoint,
  b: PercentilePoint,
): Sampler {
  return fromParams(source, lognormalParamsFromPercentilePair(a, b));
}

/**
 * The moments of a lognormal: mean exp(μ + σ²/2), variance (exp(σ²) − 1)·exp(2μ + σ²).
 *
 * expm1 keeps the variance accurate for small σ. Never throws (the params are already validated).
 */
export function lognormalMoments({ mu, sigma }: LognormalParams): Moments {
  const s2 = sigma * sigma;
  const mean = Math.exp(mu + s2 / 2);
  return { mean, variance: Math.expm1(s2) * mean * mean };
}
