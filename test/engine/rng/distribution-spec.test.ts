import { describe, it, expect } from 'vitest';
import { createSampler, distributionMoments, RandomStreams } from '../../../engine/rng/index.js';
import type { DistributionSpec } from '../../../engine/rng/index.js';
import { CASES } from './distribution-cases.js';
import { drawMany, expectMoments } from './statistics.js';

function expectClose(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));
}

describe('distributionMoments', () => {
  it.each(CASES)('is exact for $name', ({ spec, moments }) => {
    const computed = distributionMoments(spec);
    expectClose(computed.mean, moments.mean, 1e-13);
    expectClose(computed.variance, moments.variance, 1e-12);
  });

  it('covers every spec kind in the table', () => {
    const kinds = new Set(CASES.map((c) => c.spec.kind));
    const all: DistributionSpec['kind'][] = [
      'deterministic',
      'uniform',
      'exponential',
      'normal',
      'lognormal',
      'gamma',
      'weibull',
      'bounded-pareto',
      'empirical',
      'empirical-histogram',
      'mixture',
    ];
    expect([...kinds].sort()).toEqual([...all].sort());
  });

  it('handles nested mixtures by the law of total variance', () => {
    const inner: DistributionSpec = {
      kind: 'mixture',
      components: [
        { weight: 1, dist: { kind: 'deterministic', value: 0 } },
        { weight: 1, dist: { kind: 'deterministic', value: 2 } },
      ],
    };
    // Inner: mean 1, variance 1. Outer: ½·inner + ½·U(4, 6) → mean 3, E[X²] = ½·2 + ½·(25 + 1/3).
    const outer: DistributionSpec = {
      kind: 'mixture',
      components: [
        { weight: 0.5, dist: inner },
        { weight: 0.5, dist: { kind: 'uniform', min: 4, max: 6 } },
      ],
    };
    const { mean, variance } = distributionMoments(outer);
    expectClose(mean, 3, 1e-15);
    expectClose(variance, 1 + (25 + 1 / 3) / 2 - 9, 1e-14);
    expectMoments(drawMany(createSampler(outer, new RandomStreams(3).stream('nested'))), { mean, variance });
  });
});

describe('createSampler', () => {
  it.each(CASES)('draws exactly what the factory draws for $name', ({ name, make, spec }) => {
    const fromSpec = drawMany(createSampler(spec, new RandomStreams('spec').stream(name)), 1000);
    const fromFactory = drawMany(make(new RandomStreams('spec').stream(name)), 1000);
    expect(Array.from(fromSpec)).toEqual(Array.from(fromFactory));
  });

  it.each(CASES)('agrees with distributionMoments for $name (200,000 draws)', ({ name, spec }) => {
    const draws = drawMany(createSampler(spec, new RandomStreams('spec-moments').stream(name)));
    expectMoments(draws, distributionMoments(spec));
  });
});
