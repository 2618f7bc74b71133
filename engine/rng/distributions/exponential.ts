import type { RandomSource } from '../source.js';
import type { Moments } from './moments.js';
import { requirePositive } from './param-checks.js';
import type { Sampler } from './sampler.js';

/**
 * Exponential draws with the given MEAN (not rate); support [0, ∞); one source draw per sample.
 *
 * Inverse CDF: −mean·ln(1 − u). Using 1 − u keeps the log finite because the source may return 0
 * but never 1. Parameterized by mean so a service time reads in ms, e.g. `exponential(s, 20)`.
 * @param mean - mean, > 0 (ms for durations; an arrival rate λ/ms is mean = 1/λ).
 * @throws RangeError if `mean` is not a finite number > 0.
 */
export function exponential(source: RandomSource, mean: number): Sampler {
  requirePositive('exponential', 'mean', mean);
  // `+ 0` turns the −0 that u = 0 yields into +0, which snapshot comparisons (Object.is) tell apart.
  return () => -mean * Math.log(1 - source()) + 0;
}

/**
 * The moments of {@link exponential}: mean `mean`, variance mean².
 * @throws RangeError if `mean` is not a finite number > 0.
 */
export function exponentialMoments(mean: number): Moments {
  requirePositive('exponential', 'mean', mean);
  return { mean, variance: mean * mean };
}
