export type { RandomSource } from './source.js';
export { RandomStreams } from './streams.js';

export type { Sampler } from './distributions/sampler.js';
export type { Moments } from './distributions/moments.js';
export { deterministic } from './distributions/deterministic.js';
export { uniform } from './distributions/uniform.js';
export { exponential } from './distributions/exponential.js';
export { standardNormal } from './distributions/standard-normal.js';
export { normal } from './distributions/normal.js';
export {
  lognormalFromMeanCv,
  lognormalFromPercentiles,
  lognormalFromPercentilePair,
} from './distributions/lognormal.js';
export {
  Z_95,
  lognormalParamsFromMeanCv,
  lognormalParamsFromPercentiles,
  lognormalParamsFromPercentilePair,
} from './distributions/lognormal-params.js';
export type { LognormalParams, PercentilePoint } from './distributions/lognormal-params.js';
export { gamma } from './distributions/gamma.js';
export { weibull } from './distributions/weibull.js';
export { boundedPareto } from './distributions/bounded-pareto.js';
export { empiricalFromSamples } from './distributions/empirical.js';
export { empiricalFromHistogram } from './distributions/empirical-histogram.js';
export type { HistogramBin } from './distributions/empirical-histogram.js';
export { mixture } from './distributions/mixture.js';
export type { MixtureComponent } from './distributions/mixture.js';
export { createSampler, distributionMoments } from './distribution-spec.js';
export type {
  DistributionSpec,
  DeterministicSpec,
  UniformSpec,
  ExponentialSpec,
  NormalSpec,
  LognormalSpec,
  LognormalPercentilesSpec,
  LognormalMeanCvSpec,
  LognormalPercentilePairSpec,
  GammaSpec,
  WeibullSpec,
  BoundedParetoSpec,
  EmpiricalSpec,
  EmpiricalHistogramSpec,
  MixtureSpec,
} from './distribution-spec.js';
