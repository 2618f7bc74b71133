import { boundedPareto, boundedParetoMoments } from './distributions/bounded-pareto.js';
import { deterministic, deterministicMoments } from './distributions/deterministic.js';
import { empiricalFromHistogram, empiricalHistogramMoments } from './distributions/empirical-histogram.js';
import type { HistogramBin } from './distributions/empirical-histogram.js';
import { empiricalFromSamples, empiricalMoments } from './distributions/empirical.js';
import { exponential, exponentialMoments } from './distributions/exponential.js';
import { gamma, gammaMoments } from './distributions/gamma.js';
import {
  lognormalParamsFromMeanCv,
  lognormalParamsFromPercentilePair,
  lognormalParamsFromPercentiles,
} from './distributions/lognormal-params.js';
import type { PercentilePoint } from './distributions/lognormal-params.js';
import {
  lognormalFromMeanCv,
  lognormalFromPercentilePair,
  lognormalFromPercentiles,
  lognormalMoments,
} from './distributions/lognormal.js';
import { mixture, mixtureMoments } from './distributions/mixture.js';
import type { Moments } from './distributions/moments.js';
import { normal, normalMoments } from './distributions/normal.js';
import type { Sampler } from './distributions/sampler.js';
import { uniform, uniformMoments } from './distributions/uniform.js';
import { weibull, weibullMoments } from './distributions/weibull.js';
import type { RandomSource } from './source.js';

/** A constant. */
export interface DeterministicSpec {
  readonly kind: 'deterministic';
  readonly value: number;
}
/** Uniform on [min, max). */
export interface UniformSpec {
  readonly kind: 'uniform';
  readonly min: number;
  readonly max: number;
}
/** Exponential with the given mean (not rate). */
export interface ExponentialSpec {
  readonly kind: 'exponential';
  readonly mean: number;
}
/** Normal N(mean, sd²) truncated at 0; `mean` and `sd` are the pre-truncation parameters. */
export interface NormalSpec {
  readonly kind: 'normal';
  readonly mean: number;
  readonly sd: number;
}
/** Lognormal from its median and 95th percentile. */
export interface LognormalPercentilesSpec {
  readonly kind: 'lognormal';
  readonly p50: number;
  readonly p95: number;
}
/** Lognormal from its mean and coefficient of variation. */
export interface LognormalMeanCvSpec {
  readonly kind: 'lognormal';
  readonly mean: number;
  readonly cv: number;
}
/** Lognormal through two percentile points, p as a probability (0.99, not 99). */
export interface LognormalPercentilePairSpec {
  readonly kind: 'lognormal';
  readonly percentiles: readonly [PercentilePoint, PercentilePoint];
}
/** The three lognormal forms; exactly one set of fields may be present. */
export type LognormalSpec = LognormalPercentilesSpec | LognormalMeanCvSpec | LognormalPercentilePairSpec;
/** Gamma with shape k and scale θ (mean kθ). */
export interface GammaSpec {
  readonly kind: 'gamma';
  readonly shape: number;
  readonly scale: number;
}
/** Weibull with shape k and scale λ. */
export interface WeibullSpec {
  readonly kind: 'weibull';
  readonly shape: number;
  readonly scale: number;
}
/** Bounded Pareto with tail index alpha on [low, high]. */
export interface BoundedParetoSpec {
  readonly kind: 'bounded-pareto';
  readonly alpha: number;
  readonly low: number;
  readonly high: number;
}
/** Uniform choice among observed samples. */
export interface EmpiricalSpec {
  readonly kind: 'empirical';
  readonly samples: readonly number[];
}
/** Histogram: bin by weight, then uniform within the bin. */
export interface EmpiricalHistogramSpec {
  readonly kind: 'empirical-histogram';
  readonly bins: readonly HistogramBin[];
}
/** A weighted mixture of other distributions. */
export interface MixtureSpec {
  readonly kind: 'mixture';
  readonly components: readonly { readonly weight: number; readonly dist: DistributionSpec }[];
}

/**
 * A distribution as plain JSON data, discriminated by `kind` (kebab-case), for scenario documents.
 *
 * Values are in the units of the draws (ms for durations). Interpret it with {@link createSampler}
 * and {@link distributionMoments}.
 */
export type DistributionSpec =
  | DeterministicSpec
  | UniformSpec
  | ExponentialSpec
  | NormalSpec
  | LognormalSpec
  | GammaSpec
  | WeibullSpec
  | BoundedParetoSpec
  | EmpiricalSpec
  | EmpiricalHistogramSpec
  | MixtureSpec;

type LognormalForm =
  | { readonly form: 'percentiles'; readonly spec: LognormalPercentilesSpec }
  | { readonly form: 'mean-cv'; readonly spec: LognormalMeanCvSpec }
  | { readonly form: 'pair'; readonly spec: LognormalPercentilePairSpec };

// Scenario JSON is not type-checked, so exactly one parameter set must be present at run time.
function lognormalForm(spec: LognormalSpec): LognormalForm {
  const forms: LognormalForm[] = [];
  if ('p50' in spec || 'p95' in spec)
    forms.push({ form: 'percentiles', spec: spec as LognormalPercentilesSpec });
  if ('mean' in spec || 'cv' in spec) forms.push({ form: 'mean-cv', spec: spec as LognormalMeanCvSpec });
  if ('percentiles' in spec) forms.push({ form: 'pair', spec: spec as LognormalPercentilePairSpec });
  if (forms.length !== 1) {
    throw new RangeError(
      `lognormal: give exactly one of {p50, p95}, {mean, cv} or {percentiles}, got ${forms.length} of them`,
    );
  }
  return forms[0] as LognormalForm;
}

function percentilePair(spec: LognormalPercentilePairSpec): readonly [PercentilePoint, PercentilePoint] {
  if (!Array.isArray(spec.percentiles) || spec.percentiles.length !== 2) {
    throw new RangeError('lognormal: percentiles must be an array of exactly two {p, value} points');
  }
  return spec.percentiles;
}

function unknownKind(spec: never): never {
  throw new RangeError(`unknown distribution kind ${JSON.stringify((spec as { kind?: unknown }).kind)}`);
}

/**
 * Builds the sampler a spec describes, drawing from `source`.
 *
 * Parameters are validated here, once; mixture components share `source`.
 * @throws RangeError for an unknown `kind`, an ambiguous lognormal form, or any parameter the
 * family's factory rejects (the message names the parameter and the bad value).
 */
export function createSampler(spec: DistributionSpec, source: RandomSource): Sampler {
  switch (spec.kind) {
    case 'deterministic':
      return deterministic(spec.value);
    case 'uniform':
      return uniform(source, spec.min, spec.max);
    case 'exponential':
      return exponential(source, spec.mean);
    case 'normal':
      return normal(source, spec.mean, spec.sd);
    case 'lognormal': {
      const f = lognormalForm(spec);
      if (f.form === 'percentiles') return lognormalFromPercentiles(source, f.spec.p50, f.spec.p95);
      if (f.form === 'mean-cv') return lognormalFromMeanCv(source, f.spec.mean, f.spec.cv);
      const [a, b] = percentilePair(f.spec);
      return lognormalFromPercentilePair(source, a, b);
    }
    case 'gamma':
      return gamma(source, spec.shape, spec.scale);
    case 'weibull':
      return weibull(source, spec.shape, spec.scale);
    case 'bounded-pareto':
      return boundedPareto(source, spec.alpha, spec.low, spec.high);
    case 'empirical':
      return empiricalFromSamples(source, spec.samples);
    case 'empirical-histogram':
      return empiricalFromHistogram(source, spec.bins);
    case 'mixture':
      return mixture(
        source,
        spec.components.map(({ weight, dist }) => ({ weight, sampler: createSampler(dist, source) })),
      );
    default:
      return unknownKind(spec);
  }
}

/**
 * The exact (analytic) mean and variance of the distribution a spec describes.
 *
 * For `normal` these are the moments of the distribution truncated at 0, i.e. of what the sampler
 * actually draws; for `empirical` the population moments of the samples; for `mixture` the law of
 * total variance. E[X²] = variance + mean², as M/G/1 formulas need.
 * @throws RangeError on the same specs as {@link createSampler}.
 */
export function distributionMoments(spec: DistributionSpec): Moments {
  switch (spec.kind) {
    case 'deterministic':
      return deterministicMoments(spec.value);
    case 'uniform':
      return uniformMoments(spec.min, spec.max);
    case 'exponential':
      return exponentialMoments(spec.mean);
    case 'normal':
      return normalMoments(spec.mean, spec.sd);
    case 'lognormal': {
      const f = lognormalForm(spec);
      if (f.form === 'mean-cv') {
        // Exact by construction, so skip the round trip through (μ, σ) and its rounding.
        lognormalParamsFromMeanCv(f.spec.mean, f.spec.cv);
        const sd = f.spec.cv * f.spec.mean;
        return { mean: f.spec.mean, variance: sd * sd };
      }
      if (f.form === 'percentiles')
        return lognormalMoments(lognormalParamsFromPercentiles(f.spec.p50, f.spec.p95));
      const [a, b] = percentilePair(f.spec);
      return lognormalMoments(lognormalParamsFromPercentilePair(a, b));
    }
    case 'gamma':
      return gammaMoments(spec.shape, spec.scale);
    case 'weibull':
      return weibullMoments(spec.shape, spec.scale);
    case 'bounded-pareto':
      return boundedParetoMoments(spec.alpha, spec.low, spec.high);
    case 'empirical':
      return empiricalMoments(spec.samples);
    case 'empirical-histogram':
      return empiricalHistogramMoments(spec.bins);
    case 'mixture':
      return mixtureMoments(
        spec.components.map(({ weight, dist }) => ({ weight, moments: distributionMoments(dist) })),
      );
    default:
      return unknownKind(spec);
  }
}
