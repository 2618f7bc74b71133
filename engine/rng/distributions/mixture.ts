import type { RandomSource } from '../source.js';
import type { Moments } from './moments.js';
import type { Sampler } from './sampler.js';
import { checkWeights, weightedIndex } from './weighted-index.js';

/** One mixture component: drawn with probability weight/Σ weights. */
export interface MixtureComponent {
  readonly weight: number;
  readonly sampler: Sampler;
}

/**
 * Draws from a finite mixture: picks a component by weight, then returns one draw of its sampler.
 *
 * One source draw for the pick plus whatever the chosen sampler consumes. Weights need not sum
 * to 1. The component list is copied.
 * @param components - non-empty; weights finite and ≥ 0 with a positive total.
 * @throws RangeError for an empty list or a bad weight; TypeError if a sampler is not a function.
 */
export function mixture(source: RandomSource, components: readonly MixtureComponent[]): Sampler {
  const pick = weightedIndex(
    source,
    components.map((component) => component.weight),
    'mixture',
    'components',
  );
  const samplers = components.map((component, i) => {
    if (typeof component.sampler !== 'function') {
      throw new TypeError(`mixture: components[${i}].sampler must be a function`);
    }
    return component.sampler;
  });
  return () => (samplers[pick()] as Sampler)();
}

/**
 * The moments of a mixture from its components' moments, by the law of total variance:
 * mean = Σ wᵢμᵢ / W, variance = Σ wᵢσᵢ² / W + Σ wᵢ(μᵢ − mean)² / W, with W = Σ wᵢ.
 * @throws RangeError for an empty list or a bad weight.
 */
export function mixtureMoments(components: readonly { weight: number; moments: Moments }[]): Moments {
  const total = checkWeights(
    'mixture',
    'components',
    components.map((component) => component.weight),
  );
  // Zero-weight components are skipped: one with infinite moments must not turn the result into NaN.
  let mean = 0;
  for (const { weight, moments } of components) if (weight > 0) mean += (weight / total) * moments.mean;
  let variance = 0;
  for (const { weight, moments } of components) {
    if (weight === 0) continue;
    const offset = moments.mean - mean;
    variance += (weight / total) * (moments.variance + offset * offset);
  }
  return { mean, variance };
}
