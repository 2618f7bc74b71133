import type { RandomSource } from '../source.js';
import type { Moments } from './moments.js';
import { requireFinite } from './param-checks.js';
import type { Sampler } from './sampler.js';

function check(min: number, max: number): void {
  requireFinite('uniform', 'min', min);
  requireFinite('uniform', 'max', max);
  if (max < min) throw new RangeError(`uniform: max must be >= min (${min}), got ${max}`);
}

/**
 * Continuous uniform draws on [min, max) (on {min} when min = max); one source draw per sample.
 *
 * @param min - lower bound, finite.
 * @param max - upper bound, finite, ≥ min.
 * @throws RangeError if a bound is not finite or max < min.
 */
export function uniform(source: RandomSource, min: number, max: number): Sampler {
  check(min, max);
  const width = max - min;
  return () => min + width * source();
}

/**
 * The moments of {@link uniform}: mean (min + max)/2, variance (max − min)²/12.
 * @throws RangeError on the same parameters as {@link uniform}.
 */
export function uniformMoments(min: number, max: number): Moments {
  check(min, max);
  const width = max - min;
  return { mean: min + width / 2, variance: (width * width) / 12 };
}
