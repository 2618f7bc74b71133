import type { RandomSource } from '../source.js';
import type { Moments } from './moments.js';
import { mixtureMoments } from './mixture.js';
import { requireFinite } from './param-checks.js';
import type { Sampler } from './sampler.js';
import { checkWeights, weightedIndex } from './weighted-index.js';

/** One histogram bin: draws fall uniformly in [lower, upper) with relative frequency `weight`. */
export interface HistogramBin {
  readonly lower: number;
  readonly upper: number;
  readonly weight: number;
}

const WHERE = 'empiricalFromHistogram';

function checkBins(bins: readonly HistogramBin[]): void {
  checkWeights(
    WHERE,
    'bins',
    bins.map((bin) => bin.weight),
  );
  bins.forEach((bin, i) => {
    requireFinite(WHERE, `bins[${i}].lower`, bin.lower);
    requireFinite(WHERE, `bins[${i}].upper`, bin.upper);
    if (bin.upper < bin.lower) {
      throw new RangeError(`${WHERE}: bins[${i}].upper must be >= lower (${bin.lower}), got ${bin.upper}`);
    }
  });
}

/**
 * Draws from a histogram: a bin chosen with probability weight/Σ weights, then uniform within it.
 *
 * Two source draws per sample. Bins may overlap or leave gaps; a bin with lower = upper is a point
 * mass. The bins are copied, so later changes do not affect the sampler.
 * @param bins - non-empty; finite bounds with upper ≥ lower; weights ≥ 0 with a positive total.
 * @throws RangeError naming the offending bin and field.
 */
export function empiricalFromHistogram(source: RandomSource, bins: readonly HistogramBin[]): Sampler {
  checkBins(bins);
  const lowers = Float64Array.from(bins, (bin) => bin.lower);
  const widths = Float64Array.from(bins, (bin) => bin.upper - bin.lower);
  const pick = weightedIndex(
    source,
    bins.map((bin) => bin.weight),
    WHERE,
    'bins',
  );
  return () => {
    const i = pick();
    return (lowers[i] as number) + (widths[i] as number) * source();
  };
}

/**
 * The moments of {@link empiricalFromHistogram}: a weighted mixture of uniforms, each with mean
 * (lower + upper)/2 and variance (upper − lower)²/12, combined by the law of total variance.
 * @throws RangeError on the same input as {@link empiricalFromHistogram}.
 */
export function empiricalHistogramMoments(bins: readonly HistogramBin[]): Moments {
  checkBins(bins);
  return mixtureMoments(
    bins.map(({ lower, upper, weight }) => ({
      weight,
      moments: { mean: lower + (upper - lower) / 2, variance: (upper - lower) ** 2 / 12 },
    })),
  );
}
