import { describe, it, expect } from 'vitest';
import {
  boundedPareto,
  deterministic,
  empiricalFromHistogram,
  empiricalFromSamples,
  exponential,
  lognormalFromMeanCv,
  lognormalFromPercentiles,
  mixture,
  normal,
  RandomStreams,
  standardNormal,
  weibull,
} from '../../../engine/rng/index.js';
import { CASES } from './distribution-cases.js';
import { drawMany, expectMoments, range } from './statistics.js';

describe.each(CASES)('$name', ({ name, make, moments, support }) => {
  const draws = drawMany(make(new RandomStreams('distributions').stream(name)));

  it('has the analytic mean and variance (200,000 draws, within 5 standard errors)', () => {
    expectMoments(draws, moments);
  });

  it('stays within its support', () => {
    const { min, max } = range(draws);
    expect(min).toBeGreaterThanOrEqual(support[0]);
    expect(max).toBeLessThanOrEqual(support[1]);
  });

  it('is reproducible from the seed', () => {
    const again = drawMany(make(new RandomStreams('distributions').stream(name)), 1000);
    expect(Array.from(again)).toEqual(Array.from(draws.subarray(0, 1000)));
  });
});

describe('standardNormal', () => {
  it('is untruncated N(0, 1), negative values included', () => {
    const draws = drawMany(standardNormal(new RandomStreams('distributions').stream('standardNormal')));
    expectMoments(draws, { mean: 0, variance: 1 });
    expect(range(draws).min).toBeLessThan(-3);
  });

  it('keeps its cached spare per sampler: a second sampler on the same source never returns it', () => {
    const single = standardNormal(new RandomStreams(1).stream('z'));
    const [z1, z2, z3, z4] = [single(), single(), single(), single()];
    const shared = new RandomStreams(1).stream('z');
    const a = standardNormal(shared);
    const b = standardNormal(shared);
    // a takes the first polar pair and keeps z2; b must draw a fresh pair (z3, z4).
    expect([a(), b(), a(), b()]).toEqual([z1, z3, z2, z4]);
  });
});

describe('sampler details', () => {
  it('empiricalFromSamples copies its input and returns only observed values', () => {
    const samples = [3, 5, 8];
    const sampler = empiricalFromSamples(new RandomStreams(1).stream('e'), samples);
    samples[0] = 1000;
    const seen = new Set(drawMany(sampler, 10_000));
    expect([...seen].sort((x, y) => x - y)).toEqual([3, 5, 8]);
  });

  it('empiricalFromHistogram never picks a zero-weight bin and copies its bins', () => {
    const bins = [
      { lower: 0, upper: 1, weight: 0 },
      { lower: 5, upper: 6, weight: 2 },
      { lower: 10, upper: 11, weight: 0 },
    ];
    const sampler = empiricalFromHistogram(new RandomStreams(1).stream('h'), bins);
    bins[1] = { lower: 100, upper: 101, weight: 2 };
    const { min, max } = range(drawMany(sampler, 10_000));
    expect(min).toBeGreaterThanOrEqual(5);
    expect(max).toBeLessThan(6);
  });

  it('mixture never draws a zero-weight component', () => {
    const source = new RandomStreams(1).stream('m');
    const sampler = mixture(source, [
      { weight: 0, sampler: deterministic(-1) },
      { weight: 1, sampler: deterministic(1) },
      { weight: 0, sampler: deterministic(-2) },
    ]);
    expect(range(drawMany(sampler, 10_000))).toEqual({ min: 1, max: 1 });
  });

  it('degenerate lognormal forms return the exact constant without drawing', () => {
    const source = () => {
      throw new Error('must not draw');
    };
    expect(lognormalFromMeanCv(source, 42, 0)()).toBe(42);
    expect(lognormalFromPercentiles(source, 42, 42)()).toBe(42);
    expect(normal(source, 42, 0)).toBeTypeOf('function');
  });

  it('inverse-CDF samplers map a source draw of exactly 0 to the lower bound (+0, not −0)', () => {
    expect(exponential(() => 0, 5)()).toBe(0);
    expect(weibull(() => 0, 2, 5)()).toBe(0);
    expect(weibull(() => 0, 1, 5)()).toBe(0);
    expect(boundedPareto(() => 0, 1.5, 2, 9)()).toBe(2);
    expect(boundedPareto(() => 1 - 2 ** -32, 1.5, 2, 9)()).toBeLessThanOrEqual(9);
  });
});
