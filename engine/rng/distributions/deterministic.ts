import type { Moments } from './moments.js';
import { requireFinite } from './param-checks.js';
import type { Sampler } from './sampler.js';

/**
 * A sampler that always returns `value`; it consumes no randomness.
 *
 * @param value - the constant, in the caller's units (ms for durations); finite.
 * @throws RangeError if `value` is not finite.
 */
export function deterministic(value: number): Sampler {
  requireFinite('deterministic', 'value', value);
  return () => value;
}

/**
 * The moments of {@link deterministic}: mean `value`, variance 0.
 * @throws RangeError if `value` is not finite.
 */
export function deterministicMoments(value: number): Moments {
  requireFinite('deterministic', 'value', value);
  return { mean: value, variance: 0 };
}
