import type { RandomSource } from '../source.js';
import type { Moments } from './moments.js';
import { requireFinite, requireNonEmptyArray } from './param-checks.js';
import type { Sampler } from './sampler.js';

function copyChecked(samples: readonly number[]): Float64Array {
  requireNonEmptyArray('empiricalFromSamples', 'samples', samples);
  const values = Float64Array.from(samples);
  values.forEach((value, i) => requireFinite('empiricalFromSamples', `samples[${i}]`, value));
  return values;
}

/**
 * Draws one of the observed `samples` uniformly at random (the empirical distribution, with ties
 * weighted by multiplicity); one source draw per sample.
 *
 * The array is copied, so later changes to it do not affect the sampler.
 * @param samples - observations, non-empty, all finite (ms for durations).
 * @throws RangeError if `samples` is empty or holds a non-finite value; TypeError if not an array.
 */
export function empiricalFromSamples(source: RandomSource, samples: readonly number[]): Sampler {
  const values = copyChecked(samples);
  const n = values.length;
  // u < 1 so u·n < n; `| 0` floors it (n is far below 2³¹).
  return () => values[(source() * n) | 0] as number;
}

/**
 * The moments of {@link empiricalFromSamples}: the samples' mean and POPULATION variance (÷ n),
 * because the sampler draws from exactly these values.
 * @throws RangeError on the same input as {@link empiricalFromSamples}.
 */
export function empiricalMoments(samples: readonly number[]): Moments {
  const values = copyChecked(samples);
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / values.length;
  // Two passes: subtracting the mean first avoids the cancellation of E[X²] − E[X]².
  let squares = 0;
  for (const value of values) squares += (value - mean) * (value - mean);
  return { mean, variance: squares / values.length };
}
