import { gammaFunction } from '../../math/gamma-function.js';
import type { RandomSource } from '../source.js';
import type { Moments } from './moments.js';
import { requirePositive } from './param-checks.js';
import type { Sampler } from './sampler.js';

function check(shape: number, scale: number): void {
  requirePositive('weibull', 'shape', shape);
  requirePositive('weibull', 'scale', scale);
}

/**
 * Weibull draws with shape k and scale λ, CDF 1 − exp(−(x/λ)^k); support [0, ∞).
 *
 * Inverse CDF λ·(−ln(1 − u))^(1/k), one source draw per sample; 1 − u avoids log(0).
 * @param shape - k > 0 (1 is exponential with mean λ; k < 1 is heavier-tailed).
 * @param scale - λ > 0, in the units of the draws (ms for durations).
 * @throws RangeError if either is not a finite number > 0.
 */
export function weibull(source: RandomSource, shape: number, scale: number): Sampler {
  check(shape, scale);
  const invShape = 1 / shape;
  // `+ 0` turns −log(1) = −0 into +0; pow(−0, 1) would otherwise return a −0 draw.
  return () => scale * Math.pow(-Math.log(1 - source()) + 0, invShape);
}

/**
 * The moments of {@link weibull}: mean λΓ(1 + 1/k), variance λ²(Γ(1 + 2/k) − Γ(1 + 1/k)²).
 *
 * Both are Infinity when shape is so small (below about 0.0117) that Γ(1 + 2/k) overflows.
 * @throws RangeError on the same parameters as {@link weibull}.
 */
export function weibullMoments(shape: number, scale: number): Moments {
  check(shape, scale);
  const g1 = gammaFunction(1 + 1 / shape);
  const g2 = gammaFunction(1 + 2 / shape);
  return { mean: scale * g1, variance: scale * scale * (g2 - g1 * g1) };
}
