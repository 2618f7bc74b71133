import { normalCdf, standardNormalPdf } from '../../math/normal-cdf.js';
import type { RandomSource } from '../source.js';
import type { Moments } from './moments.js';
import { requireFinite, requireNonNegative } from './param-checks.js';
import type { Sampler } from './sampler.js';
import { standardNormal } from './standard-normal.js';

function check(mean: number, sd: number): void {
  requireFinite('normal', 'mean', mean);
  requireNonNegative('normal', 'sd', sd);
  // mean ≥ 0 keeps the acceptance rate of the rejection step at least 1/2, so a draw costs at most
  // two normals on average; a negative location would be a different (tail) distribution anyway.
  if (mean < 0) throw new RangeError(`normal: mean must be >= 0, got ${mean}`);
}

/**
 * Normal draws with location `mean` and scale `sd`, truncated at 0 by resampling negatives.
 *
 * `mean` and `sd` are the parameters of the normal BEFORE truncation, so the draws' actual mean is
 * larger than `mean` (see {@link normalMoments}); the difference is negligible once mean > 3·sd.
 * Support [0, ∞). sd = 0 gives the constant `mean`.
 * @param mean - location before truncation, ≥ 0 (ms for durations).
 * @param sd - scale before truncation, ≥ 0.
 * @throws RangeError if either is not finite or is negative.
 */
export function normal(source: RandomSource, mean: number, sd: number): Sampler {
  check(mean, sd);
  const z = standardNormal(source);
  return () => {
    let x: number;
    do x = mean + sd * z();
    while (x < 0);
    return x;
  };
}

/**
 * The exact moments of {@link normal}, i.e. of N(mean, sd²) truncated to [0, ∞).
 *
 * With α = −mean/sd and λ = φ(α)/(1 − Φ(α)): E = mean + sd·λ, Var = sd²·(1 + α·λ − λ²)
 * (Johnson, Kotz & Balakrishnan 1994, Continuous Univariate Distributions vol. 1, ch. 13).
 * @throws RangeError on the same parameters as {@link normal}.
 */
export function normalMoments(mean: number, sd: number): Moments {
  check(mean, sd);
  if (sd === 0) return { mean, variance: 0 };
  const alpha = -mean / sd;
  // 1 − Φ(α) = Φ(mean/sd) ≥ 1/2 because mean ≥ 0, so the ratio is well conditioned.
  const lambda = standardNormalPdf(alpha) / normalCdf(-alpha);
  return { mean: mean + sd * lambda, variance: sd * sd * (1 + alpha * lambda - lambda * lambda) };
}
