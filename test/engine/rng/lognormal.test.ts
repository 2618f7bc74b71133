import { describe, it, expect } from 'vitest';
import {
  lognormalFromPercentilePair,
  lognormalFromPercentiles,
  lognormalParamsFromMeanCv,
  lognormalParamsFromPercentilePair,
  lognormalParamsFromPercentiles,
  RandomStreams,
} from '../../../engine/rng/index.js';
import { drawMany, quantile } from './statistics.js';

function sortedDraws(sampler: () => number): Float64Array {
  return drawMany(sampler).sort();
}

describe('lognormal parameterizations', () => {
  it('lognormalFromPercentiles reproduces the given p50 and p95 within 1 %', () => {
    for (const [p50, p95] of [
      [100, 250],
      [20, 400],
    ] as const) {
      const sorted = sortedDraws(lognormalFromPercentiles(new RandomStreams(5).stream(`${p50}`), p50, p95));
      expect(Math.abs(quantile(sorted, 0.5) / p50 - 1)).toBeLessThan(0.01);
      expect(Math.abs(quantile(sorted, 0.95) / p95 - 1)).toBeLessThan(0.01);
    }
  });

  it('lognormalFromPercentilePair reproduces both points within 1 %', () => {
    const sorted = sortedDraws(
      lognormalFromPercentilePair(
        new RandomStreams(5).stream('pair'),
        { p: 0.25, value: 8 },
        { p: 0.9, value: 30 },
      ),
    );
    expect(Math.abs(quantile(sorted, 0.25) / 8 - 1)).toBeLessThan(0.01);
    expect(Math.abs(quantile(sorted, 0.9) / 30 - 1)).toBeLessThan(0.01);
  });

  it('computes μ and σ by the documented formulas', () => {
    const fromPercentiles = lognormalParamsFromPercentiles(100, 250);
    expect(fromPercentiles.mu).toBe(Math.log(100));
    expect(fromPercentiles.sigma).toBeCloseTo(Math.log(2.5) / 1.6448536269514722, 15);
    const fromMeanCv = lognormalParamsFromMeanCv(50, 0.8);
    expect(fromMeanCv.sigma ** 2).toBeCloseTo(Math.log(1.64), 14);
    expect(fromMeanCv.mu).toBeCloseTo(Math.log(50) - Math.log(1.64) / 2, 14);
    // The p50/p95 pair is the p50/p95 form (up to the last bits of Φ⁻¹(0.95)).
    const pair = lognormalParamsFromPercentilePair({ p: 0.5, value: 100 }, { p: 0.95, value: 250 });
    expect(pair.mu).toBeCloseTo(fromPercentiles.mu, 14);
    expect(pair.sigma).toBeCloseTo(fromPercentiles.sigma, 14);
  });
});
