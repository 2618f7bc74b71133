import type { RandomSource } from '../source.js';
import type { Moments } from './moments.js';
import { requirePositive } from './param-checks.js';
import type { Sampler } from './sampler.js';

function check(alpha: number, low: number, high: number): void {
  requirePositive('boundedPareto', 'alpha', alpha);
  requirePositive('boundedPareto', 'low', low);
  requirePositive('boundedPareto', 'high', high);
  if (high <= low) throw new RangeError(`boundedPareto: high must be > low (${low}), got ${high}`);
}

/**
 * Bounded (truncated) Pareto draws with tail index α on [low, high].
 *
 * CDF F(x) = (1 − (L/x)^α)/(1 − (L/H)^α); inverse x = L·(1 − u·(1 − (L/H)^α))^(−1/α), one source
 * draw per sample (see Harchol-Balter 2013, Performance Modeling and Design of Computer Systems).
 * @param alpha - tail index α > 0 (smaller is heavier-tailed).
 * @param low - lower bound L > 0 (ms for durations).
 * @param high - upper bound H > L.
 * @throws RangeError if a parameter is not finite or not > 0, or high ≤ low.
 */
export function boundedPareto(source: RandomSource, alpha: number, low: number, high: number): Sampler {
  check(alpha, low, high);
  // −expm1(α·ln(L/H)) = 1 − (L/H)^α without cancellation when (L/H)^α is close to 1.
  const mass = -Math.expm1(alpha * Math.log(low / high));
  const exponent = -1 / alpha;
  // Rounding can push the result a hair past H when u is close to 1; clamp to keep the support.
  return () => Math.min(high, low * Math.pow(1 - source() * mass, exponent));
}

/**
 * The moments of {@link boundedPareto}, from E[Xᵏ] = α·Lᵏ·(1 − r^(α−k)) / ((α − k)·(1 − r^α)), r = L/H
 * (the limit α·Lᵏ·ln(1/r)/(1 − r^α) when α = k).
 * @throws RangeError on the same parameters as {@link boundedPareto}.
 */
export function boundedParetoMoments(alpha: number, low: number, high: number): Moments {
  check(alpha, low, high);
  const logR = Math.log(low / high);
  const mass = -Math.expm1(alpha * logR);
  const raw = (k: number): number => {
    const d = alpha - k;
    // (1 − r^d)/d, via expm1 so it stays accurate as d → 0, where it tends to −ln r.
    const integral = d === 0 ? -logR : -Math.expm1(d * logR) / d;
    return (alpha * Math.pow(low, k) * integral) / mass;
  };
  const mean = raw(1);
  return { mean, variance: raw(2) - mean * mean };
}
