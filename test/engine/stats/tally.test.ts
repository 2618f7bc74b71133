import { describe, expect, it } from 'vitest';
import { Tally } from '../../../engine/stats/tally.js';
import type { TallyJSON } from '../../../engine/stats/tally.js';
import { mulberry32, sample, standardNormal } from './sample-data.js';

function tallyOf(values: readonly number[]): Tally {
  const t = new Tally();
  for (const v of values) t.record(v);
  return t;
}

function twoPass(values: readonly number[]): { mean: number; m2: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean, m2: values.reduce((s, v) => s + (v - mean) ** 2, 0) };
}

describe('Tally', () => {
  // A large offset makes the naive sum-of-squares formula lose every digit; Welford must not.
  const u = mulberry32(21);
  const values = sample(10_000, () => 1e6 + 3 * standardNormal(u));

  it('matches a two-pass mean and variance', () => {
    const t = tallyOf(values);
    const { mean, m2 } = twoPass(values);
    expect(t.count).toBe(values.length);
    expect(t.mean).toBeCloseTo(mean, 8);
    expect(t.variance / (m2 / values.length)).toBeCloseTo(1, 10);
    expect(t.sampleVariance / (m2 / (values.length - 1))).toBeCloseTo(1, 10);
    expect(t.stdDev).toBeCloseTo(Math.sqrt(m2 / (values.length - 1)), 9);
    expect(t.min).toBe(Math.min(...values));
    expect(t.max).toBe(Math.max(...values));
  });

  it('computes a small example exactly', () => {
    const t = tallyOf([2, 4, 4, 4, 5, 5, 7, 9]);
    expect([t.count, t.sum, t.mean, t.variance, t.sampleVariance]).toEqual([8, 40, 5, 4, 32 / 7]);
    expect(t.stdDev).toBe(Math.sqrt(32 / 7));
  });

  it('merge (Chan et al.) equals recording everything in one tally', () => {
    const a = tallyOf(values.slice(0, 2500));
    const merged = a.merge(tallyOf(values.slice(2500)));
    const one = tallyOf(values);
    expect(merged.count).toBe(one.count);
    expect(merged.mean).toBeCloseTo(one.mean, 8);
    expect(merged.sampleVariance / one.sampleVariance).toBeCloseTo(1, 10);
    expect([merged.min, merged.max]).toEqual([one.min, one.max]);
  });

  it('merges with empty tallies and with itself', () => {
    const json = JSON.stringify(tallyOf([1, 2, 3]).toJSON());
    expect(JSON.stringify(tallyOf([1, 2, 3]).merge(new Tally()).toJSON())).toBe(json);
    expect(JSON.stringify(new Tally().merge(tallyOf([1, 2, 3])).toJSON())).toBe(json);
    const doubled = tallyOf([1, 2, 3]);
    doubled.merge(doubled);
    expect(doubled.toJSON()).toEqual(tallyOf([1, 2, 3, 1, 2, 3]).toJSON());
  });

  it('reports undefined statistics as NaN (null in JSON)', () => {
    const empty = new Tally();
    expect([empty.mean, empty.variance, empty.min, empty.max, empty.stdDev]).toEqual([
      NaN,
      NaN,
      NaN,
      NaN,
      NaN,
    ]);
    const one = tallyOf([4]);
    expect([one.mean, one.variance, one.sampleVariance, one.stdDev]).toEqual([4, 0, NaN, NaN]);
    expect(empty.toJSON()).toEqual({
      count: 0,
      sum: 0,
      mean: null,
      m2: 0,
      stdDev: null,
      min: null,
      max: null,
    });
  });

  it('reset forgets everything', () => {
    const t = tallyOf(values);
    t.reset();
    expect(t.toJSON()).toEqual(new Tally().toJSON());
    t.record(7);
    expect([t.count, t.mean, t.min, t.max]).toEqual([1, 7, 7, 7]);
  });

  it('round-trips through JSON', () => {
    const t = tallyOf(values.slice(0, 100));
    const back = Tally.fromJSON(JSON.parse(JSON.stringify(t.toJSON())) as TallyJSON);
    expect(back.toJSON()).toEqual(t.toJSON());
    expect(Tally.fromJSON(new Tally().toJSON()).count).toBe(0);
    expect(() => Tally.fromJSON({ ...t.toJSON(), mean: null })).toThrow(RangeError);
  });

  it('rejects non-finite values', () => {
    const t = new Tally();
    expect(() => t.record(NaN)).toThrow(RangeError);
    expect(() => t.record(-Infinity)).toThrow(RangeError);
    expect(t.count).toBe(0);
  });
});
