import { describe, it, expect } from 'vitest';
import {
  boundedPareto,
  createSampler,
  deterministic,
  distributionMoments,
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
import type { DistributionSpec } from '../../../engine/rng/index.js';

const s = () => 0.5;

// Each bad call, and a fragment its message must contain (the parameter it names).
const BAD_CALLS: readonly [string, () => unknown, string][] = [
  ['deterministic NaN', () => deterministic(NaN), 'value'],
  ['uniform max < min', () => uniform(s, 5, 1), 'max'],
  ['uniform infinite min', () => uniform(s, -Infinity, 1), 'min'],
  ['exponential mean 0', () => exponential(s, 0), 'mean'],
  ['exponential mean -1', () => exponential(s, -1), 'mean'],
  ['exponential mean NaN', () => exponential(s, NaN), 'mean'],
  ['normal sd < 0', () => normal(s, 1, -1), 'sd'],
  ['normal mean < 0', () => normal(s, -1, 1), 'mean'],
  ['lognormal mean 0', () => lognormalFromMeanCv(s, 0, 1), 'mean'],
  ['lognormal cv < 0', () => lognormalFromMeanCv(s, 1, -0.1), 'cv'],
  ['lognormal p50 0', () => lognormalFromPercentiles(s, 0, 10), 'p50'],
  ['lognormal p95 < p50', () => lognormalFromPercentiles(s, 10, 5), 'p95'],
  [
    'lognormal pair p = 1',
    () => lognormalFromPercentilePair(s, { p: 1, value: 1 }, { p: 0.5, value: 1 }),
    'p',
  ],
  [
    'lognormal pair same p',
    () => lognormalFromPercentilePair(s, { p: 0.5, value: 1 }, { p: 0.5, value: 2 }),
    'p',
  ],
  [
    'lognormal pair decreasing',
    () => lognormalFromPercentilePair(s, { p: 0.5, value: 10 }, { p: 0.9, value: 5 }),
    'value',
  ],
  [
    'lognormal pair value 0',
    () => lognormalFromPercentilePair(s, { p: 0.5, value: 0 }, { p: 0.9, value: 5 }),
    'value',
  ],
  ['gamma shape 0', () => gamma(s, 0, 1), 'shape'],
  ['gamma scale -1', () => gamma(s, 1, -1), 'scale'],
  ['weibull shape Infinity', () => weibull(s, Infinity, 1), 'shape'],
  ['weibull scale 0', () => weibull(s, 1, 0), 'scale'],
  ['boundedPareto alpha 0', () => boundedPareto(s, 0, 1, 2), 'alpha'],
  ['boundedPareto low 0', () => boundedPareto(s, 1, 0, 2), 'low'],
  ['boundedPareto high = low', () => boundedPareto(s, 1, 2, 2), 'high'],
  ['empirical empty', () => empiricalFromSamples(s, []), 'samples'],
  ['empirical NaN', () => empiricalFromSamples(s, [1, NaN]), 'samples[1]'],
  ['histogram empty', () => empiricalFromHistogram(s, []), 'bins'],
  [
    'histogram upper < lower',
    () => empiricalFromHistogram(s, [{ lower: 2, upper: 1, weight: 1 }]),
    'bins[0].upper',
  ],
  [
    'histogram negative weight',
    () => empiricalFromHistogram(s, [{ lower: 0, upper: 1, weight: -1 }]),
    'weight',
  ],
  ['histogram zero total', () => empiricalFromHistogram(s, [{ lower: 0, upper: 1, weight: 0 }]), 'weights'],
  ['mixture empty', () => mixture(s, []), 'components'],
  ['mixture bad weight', () => mixture(s, [{ weight: NaN, sampler: s }]), 'components[0].weight'],
];

describe('parameter validation', () => {
  it.each(BAD_CALLS)('%s throws a RangeError naming the parameter', (_label, call, parameter) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(parameter);
  });

  it('rejects a mixture component whose sampler is not a function', () => {
    expect(() => mixture(s, [{ weight: 1, sampler: 3 as unknown as () => number }])).toThrow(TypeError);
  });

  it('validates once in the factory, never per draw', () => {
    let calls = 0;
    const counting = () => {
      calls++;
      return 0.25;
    };
    const sampler = exponential(counting, 10);
    sampler();
    sampler();
    expect(calls).toBe(2);
  });

  const BAD_SPECS: readonly [string, unknown][] = [
    ['unknown kind', { kind: 'cauchy', scale: 1 }],
    ['ambiguous lognormal', { kind: 'lognormal', p50: 1, p95: 2, mean: 1, cv: 1 }],
    ['empty lognormal', { kind: 'lognormal' }],
    ['lognormal with one percentile', { kind: 'lognormal', percentiles: [{ p: 0.5, value: 1 }] }],
    [
      'bad nested component',
      { kind: 'mixture', components: [{ weight: 1, dist: { kind: 'exponential', mean: -1 } }] },
    ],
  ];

  it.each(BAD_SPECS)('createSampler and distributionMoments reject a spec with %s', (_label, spec) => {
    expect(() => createSampler(spec as DistributionSpec, s)).toThrow(RangeError);
    expect(() => distributionMoments(spec as DistributionSpec)).toThrow(RangeError);
  });
});
