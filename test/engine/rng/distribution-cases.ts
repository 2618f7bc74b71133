// One table of distributions shared by the factory and the spec tests. Each case pairs a factory
// call with the equivalent DistributionSpec and literal moments computed independently (mpmath,
// 40 digits, or by hand), so neither the samplers nor distributionMoments are checked against
// themselves.
import {
  boundedPareto,
  deterministic,
  empiricalFromHistogram,
  empiricalFromSamples,
  exponential,
  gamma,
  lognormalFromMeanCv,
  lognormalFromPercentilePair,
  lognormalFromPercentiles,
  mixture,
  normal,
  uniform,
  weibull,
} from '../../../engine/rng/index.js';
import type { DistributionSpec, Moments, RandomSource, Sampler } from '../../../engine/rng/index.js';

export interface DistributionCase {
  readonly name: string;
  readonly make: (source: RandomSource) => Sampler;
  readonly spec: DistributionSpec;
  readonly moments: Moments;
  /** Closed support bounds every draw must respect. */
  readonly support: readonly [number, number];
}

const HISTOGRAM = [
  { lower: 0, upper: 10, weight: 1 },
  { lower: 10, upper: 20, weight: 3 },
  { lower: 50, upper: 50, weight: 1 },
  { lower: 1000, upper: 2000, weight: 0 },
];

export const CASES: readonly DistributionCase[] = [
  {
    name: 'deterministic(12.5)',
    make: () => deterministic(12.5),
    spec: { kind: 'deterministic', value: 12.5 },
    moments: { mean: 12.5, variance: 0 },
    support: [12.5, 12.5],
  },
  {
    name: 'uniform(2, 10)',
    make: (s) => uniform(s, 2, 10),
    spec: { kind: 'uniform', min: 2, max: 10 },
    moments: { mean: 6, variance: 64 / 12 },
    support: [2, 10],
  },
  {
    name: 'exponential(mean 20)',
    make: (s) => exponential(s, 20),
    spec: { kind: 'exponential', mean: 20 },
    moments: { mean: 20, variance: 400 },
    support: [0, Infinity],
  },
  {
    name: 'normal(1, 1) truncated at 0',
    make: (s) => normal(s, 1, 1),
    spec: { kind: 'normal', mean: 1, sd: 1 },
    moments: { mean: 1.2875999709391783, variance: 0.6296862857766053 },
    support: [0, Infinity],
  },
  {
    name: 'normal(0, 3) truncated at 0 (half-normal)',
    make: (s) => normal(s, 0, 3),
    spec: { kind: 'normal', mean: 0, sd: 3 },
    moments: { mean: 2.393653682408596, variance: 3.270422048691768 },
    support: [0, Infinity],
  },
  {
    name: 'normal(10, 2) (truncation negligible)',
    make: (s) => normal(s, 10, 2),
    spec: { kind: 'normal', mean: 10, sd: 2 },
    moments: { mean: 10.000002973439882, variance: 3.999970265592341 },
    support: [0, Infinity],
  },
  {
    name: 'lognormalFromMeanCv(50, 0.8)',
    make: (s) => lognormalFromMeanCv(s, 50, 0.8),
    spec: { kind: 'lognormal', mean: 50, cv: 0.8 },
    moments: { mean: 50, variance: 1600 },
    support: [0, Infinity],
  },
  {
    name: 'lognormalFromPercentiles(100, 250)',
    make: (s) => lognormalFromPercentiles(s, 100, 250),
    spec: { kind: 'lognormal', p50: 100, p95: 250 },
    moments: { mean: 116.78457640420213, variance: 4962.605415749592 },
    support: [0, Infinity],
  },
  {
    name: 'lognormalFromPercentilePair(p90 = 40, p99 = 120)',
    make: (s) => lognormalFromPercentilePair(s, { p: 0.99, value: 120 }, { p: 0.9, value: 40 }),
    spec: {
      kind: 'lognormal',
      percentiles: [
        { p: 0.99, value: 120 },
        { p: 0.9, value: 40 },
      ],
    },
    moments: { mean: 18.06817553219002, variance: 659.8548446452844 },
    support: [0, Infinity],
  },
  {
    name: 'gamma(shape 0.5, scale 2)',
    make: (s) => gamma(s, 0.5, 2),
    spec: { kind: 'gamma', shape: 0.5, scale: 2 },
    moments: { mean: 1, variance: 2 },
    support: [0, Infinity],
  },
  {
    name: 'gamma(shape 1, scale 4)',
    make: (s) => gamma(s, 1, 4),
    spec: { kind: 'gamma', shape: 1, scale: 4 },
    moments: { mean: 4, variance: 16 },
    support: [0, Infinity],
  },
  {
    name: 'gamma(shape 3, scale 5)',
    make: (s) => gamma(s, 3, 5),
    spec: { kind: 'gamma', shape: 3, scale: 5 },
    moments: { mean: 15, variance: 75 },
    support: [0, Infinity],
  },
  {
    name: 'weibull(shape 2, scale 10)',
    make: (s) => weibull(s, 2, 10),
    spec: { kind: 'weibull', shape: 2, scale: 10 },
    moments: { mean: 8.86226925452758, variance: 21.46018366025517 },
    support: [0, Infinity],
  },
  {
    name: 'weibull(shape 0.7, scale 5)',
    make: (s) => weibull(s, 0.7, 5),
    spec: { kind: 'weibull', shape: 0.7, scale: 5 },
    moments: { mean: 6.329117530286417, variance: 85.67088884132883 },
    support: [0, Infinity],
  },
  {
    name: 'boundedPareto(1.5, 1, 1000)',
    make: (s) => boundedPareto(s, 1.5, 1, 1000),
    spec: { kind: 'bounded-pareto', alpha: 1.5, low: 1, high: 1000 },
    moments: { mean: 2.905223541429977, variance: 83.43091120291388 },
    support: [1, 1000],
  },
  {
    name: 'boundedPareto(2, 10, 100) (alpha = 2, the E[X²] limit case)',
    make: (s) => boundedPareto(s, 2, 10, 100),
    spec: { kind: 'bounded-pareto', alpha: 2, low: 10, high: 100 },
    moments: { mean: 18.181818181818183, variance: 134.59019325866856 },
    support: [10, 100],
  },
  {
    name: 'boundedPareto(1, 1, 100) (alpha = 1, the E[X] limit case)',
    make: (s) => boundedPareto(s, 1, 1, 100),
    spec: { kind: 'bounded-pareto', alpha: 1, low: 1, high: 100 },
    moments: { mean: 4.6516870565536275, variance: 78.36180752789144 },
    support: [1, 100],
  },
  {
    name: 'empiricalFromSamples([1, 2, 2, 7])',
    make: (s) => empiricalFromSamples(s, [1, 2, 2, 7]),
    spec: { kind: 'empirical', samples: [1, 2, 2, 7] },
    moments: { mean: 3, variance: 5.5 },
    support: [1, 7],
  },
  {
    name: 'empiricalFromHistogram (with a point-mass and a zero-weight bin)',
    make: (s) => empiricalFromHistogram(s, HISTOGRAM),
    spec: { kind: 'empirical-histogram', bins: HISTOGRAM },
    moments: { mean: 20, variance: 246.66666666666666 },
    support: [0, 50],
  },
  {
    name: 'mixture(0.7 × exponential(10), 0.3 × deterministic(100))',
    make: (s) =>
      mixture(s, [
        { weight: 7, sampler: exponential(s, 10) },
        { weight: 3, sampler: deterministic(100) },
      ]),
    spec: {
      kind: 'mixture',
      components: [
        { weight: 7, dist: { kind: 'exponential', mean: 10 } },
        { weight: 3, dist: { kind: 'deterministic', value: 100 } },
      ],
    },
    // E[X²] = 0.7·2·10² + 0.3·100² = 3140, so Var = 3140 − 37².
    moments: { mean: 37, variance: 1771 },
    support: [0, Infinity],
  },
];
