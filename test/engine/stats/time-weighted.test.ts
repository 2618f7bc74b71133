import { describe, expect, it } from 'vitest';
import { TimeWeighted } from '../../../engine/stats/time-weighted.js';

describe('TimeWeighted', () => {
  it('averages a level over time: 0 for 2 ms, 3 for 4 ms, 1 for 4 ms → 1.6 over 10 ms', () => {
    const tw = new TimeWeighted(0, 0);
    tw.update(2, 3);
    tw.update(6, 1);
    expect(tw.mean(10)).toBeCloseTo(1.6, 12);
    expect([tw.min, tw.max, tw.level]).toEqual([0, 3, 1]);
    // mean() does not consume time: asking again, or later, stays consistent.
    expect(tw.mean(10)).toBeCloseTo(1.6, 12);
    expect(tw.mean(16)).toBeCloseTo(22 / 16, 12);
  });

  it('starts at a given time and level', () => {
    const tw = new TimeWeighted(100, 4);
    tw.update(110, 0);
    expect(tw.mean(120)).toBe(2);
    expect(tw.startMs).toBe(100);
  });

  it('reset restarts the window after warm-up and keeps the current level', () => {
    const tw = new TimeWeighted();
    tw.update(5, 10); // warm-up transient
    tw.update(8, 1);
    tw.reset(10);
    expect([tw.min, tw.max, tw.level, tw.startMs]).toEqual([1, 1, 1, 10]);
    tw.update(15, 2);
    expect(tw.mean(20)).toBe(1.5);
    expect([tw.min, tw.max]).toEqual([1, 2]);
  });

  it('gives NaN for a zero-length window, null in JSON', () => {
    const tw = new TimeWeighted(5, 2);
    expect(tw.mean(5)).toBeNaN();
    expect(tw.toJSON(5)).toEqual({ startMs: 5, endMs: 5, mean: null, min: 2, max: 2, level: 2 });
    expect(tw.toJSON(7).mean).toBe(2);
  });

  it('accepts several updates at the same instant', () => {
    const tw = new TimeWeighted();
    tw.update(4, 9);
    tw.update(4, 1);
    expect(tw.mean(8)).toBe(0.5);
    expect(tw.max).toBe(9);
  });

  it('throws RangeError when time goes backwards or values are not finite', () => {
    const tw = new TimeWeighted();
    tw.update(10, 1);
    expect(() => tw.update(9, 2)).toThrow(RangeError);
    expect(() => tw.mean(9.5)).toThrow(RangeError);
    expect(() => tw.reset(5)).toThrow(RangeError);
    expect(() => tw.update(NaN, 2)).toThrow(RangeError);
    expect(() => tw.update(Infinity, 2)).toThrow(RangeError);
    expect(() => tw.update(11, NaN)).toThrow(RangeError);
    expect(() => new TimeWeighted(NaN)).toThrow(RangeError);
    expect(tw.mean(20)).toBe(0.5);
  });
});
