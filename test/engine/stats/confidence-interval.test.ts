import { describe, expect, it } from 'vitest';
import { confidenceInterval, studentTQuantile } from '../../../engine/stats/confidence-interval.js';

// Reference values to 10 significant digits (R's qt / standard tables).
const T_TABLE: Array<[p: number, df: number, t: number]> = [
  [0.975, 1, 12.706204736],
  [0.975, 2, 4.30265273],
  [0.975, 3, 3.182446305],
  [0.975, 5, 2.570581836],
  [0.975, 10, 2.228138852],
  [0.975, 29, 2.045229642],
  [0.975, 100, 1.983971519],
  [0.975, 1000, 1.962339081],
  [0.995, 4, 4.604094871],
  [0.95, 7, 1.894578605],
  [0.9995, 3, 12.92397864],
  [0.975, Infinity, 1.959963985],
  [0.975, 1e12, 1.959963985],
];

describe('studentTQuantile', () => {
  for (const [p, df, t] of T_TABLE) {
    it(`t(${p}, ${df}) = ${t} within 1e-8 relative`, () => {
      expect(Math.abs(studentTQuantile(p, df) - t) / t).toBeLessThan(1e-8);
    });
  }

  it('is antisymmetric around p = 0.5 and handles the ends', () => {
    // 1 − 0.875 is exactly 0.125 in binary, so both calls solve for the same tail.
    expect(studentTQuantile(0.125, 10)).toBe(-studentTQuantile(0.875, 10));
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(0, 3)).toBe(-Infinity);
    expect(studentTQuantile(1, 3)).toBe(Infinity);
  });

  it('is continuous across the switch to the large-df expansion', () => {
    const below = studentTQuantile(0.975, 1e5);
    const above = studentTQuantile(0.975, 1e5 + 1);
    expect(Math.abs(below - above) / below).toBeLessThan(1e-8);
  });

  it('accepts non-integer degrees of freedom and extreme tails', () => {
    // df = 2 has a closed form; df slightly off 2 must land next to it.
    expect(studentTQuantile(0.9, 2.000001)).toBeCloseTo(studentTQuantile(0.9, 2), 5);
    const farTail = studentTQuantile(1 - 1e-12, 3);
    expect(farTail).toBeGreaterThan(1e4);
    expect(Number.isFinite(farTail)).toBe(true);
  });

  it('rejects p outside [0, 1] and df ≤ 0', () => {
    expect(() => studentTQuantile(1.5, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(NaN, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, NaN)).toThrow(RangeError);
  });
});

describe('confidenceInterval', () => {
  it('matches a hand computation on a small data set', () => {
    // mean 5, squared deviations 32, s² = 32/7, s/√8 = √(4/7); t(0.975, 7) = 2.364624252.
    const ci = confidenceInterval([2, 4, 4, 4, 5, 5, 7, 9]);
    const halfWidth = 2.364624252 * Math.sqrt(4 / 7);
    expect(ci.n).toBe(8);
    expect(ci.mean).toBe(5);
    expect(ci.stdDev).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(ci.halfWidth).toBeCloseTo(halfWidth, 8);
    expect(ci.lower).toBeCloseTo(5 - halfWidth, 8);
    expect(ci.upper).toBeCloseTo(5 + halfWidth, 8);
    expect(ci.level).toBe(0.95);
  });

  it('widens with the level', () => {
    // t(0.995, 4) = 4.604094871; s = √2.5, n = 5.
    const ci = confidenceInterval([1, 2, 3, 4, 5], 0.99);
    expect(ci.halfWidth).toBeCloseTo((4.604094871 * Math.sqrt(2.5)) / Math.sqrt(5), 8);
  });

  it('gives NaN spread for a single value and throws for none', () => {
    const ci = confidenceInterval([3]);
    expect(ci.mean).toBe(3);
    expect([ci.stdDev, ci.halfWidth, ci.lower, ci.upper]).toEqual([NaN, NaN, NaN, NaN]);
    expect(() => confidenceInterval([])).toThrow(RangeError);
  });

  it('rejects invalid levels and non-finite values', () => {
    expect(() => confidenceInterval([1, 2], 1)).toThrow(RangeError);
    expect(() => confidenceInterval([1, 2], 0)).toThrow(RangeError);
    expect(() => confidenceInterval([1, NaN])).toThrow(RangeError);
  });
});
