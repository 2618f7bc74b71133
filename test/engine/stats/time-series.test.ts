import { describe, expect, it } from 'vitest';
import { IntervalSeries, LevelSeries } from '../../../engine/stats/time-series.js';

describe('IntervalSeries', () => {
  it('summarizes each interval and includes empty intervals', () => {
    const s = new IntervalSeries(1000);
    s.add(100, 5);
    s.add(900, 7);
    s.add(3500, 2);
    s.add(1000); // exactly on a boundary: belongs to the interval it starts
    expect(s.rows()).toEqual([
      { startMs: 0, count: 2, sum: 12, mean: 6, min: 5, max: 7, perSecond: 2 },
      { startMs: 1000, count: 1, sum: 1, mean: 1, min: 1, max: 1, perSecond: 1 },
      { startMs: 2000, count: 0, sum: 0, mean: NaN, min: NaN, max: NaN, perSecond: 0 },
      { startMs: 3000, count: 1, sum: 2, mean: 2, min: 2, max: 2, perSecond: 1 },
    ]);
    expect(s.intervalCount).toBe(4);
  });

  it('honours the start time, out-of-order adds, per-second rates and trailing padding', () => {
    const s = new IntervalSeries(250, 500);
    s.add(760, 3);
    s.add(510, 1);
    s.add(520, 2);
    const rows = s.rows(1500);
    expect(rows.map((r) => [r.startMs, r.count, r.sum, r.perSecond])).toEqual([
      [500, 2, 3, 8],
      [750, 1, 3, 4],
      [1000, 0, 0, 0],
      [1250, 0, 0, 0],
    ]);
    expect(s.rows(600)).toHaveLength(2); // endMs never hides recorded intervals
    expect(new IntervalSeries(10).rows()).toEqual([]);
  });

  it('enforces the interval cap with a RangeError', () => {
    const s = new IntervalSeries(1000, 0, { maxIntervals: 10 });
    s.add(9999);
    expect(() => s.add(10_000)).toThrow(/maxIntervals/);
    expect(() => s.rows(10_001)).toThrow(RangeError);
    expect(s.rows(10_000)).toHaveLength(10);
  });

  it('rejects times before the start and invalid arguments', () => {
    const s = new IntervalSeries(100, 50);
    expect(() => s.add(49)).toThrow(RangeError);
    expect(() => s.add(NaN)).toThrow(RangeError);
    expect(() => s.add(60, Infinity)).toThrow(RangeError);
    expect(() => new IntervalSeries(0)).toThrow(RangeError);
    expect(() => new IntervalSeries(10, 0, { maxIntervals: 0 })).toThrow(RangeError);
  });
});

describe('LevelSeries', () => {
  it('averages the level per interval, carrying it across interval boundaries', () => {
    const s = new LevelSeries(10);
    s.update(5, 2); // interval 0: 0 for 5 ms, 2 for 5 ms → 1
    s.update(25, 4); // interval 1: 2 throughout; interval 2: 2 for 5 ms, then 4
    expect(s.rows(32)).toEqual([
      { startMs: 0, mean: 1, max: 2 },
      { startMs: 10, mean: 2, max: 2 },
      { startMs: 20, mean: 3, max: 4 },
      { startMs: 30, mean: 4, max: 4 }, // cut at 32: averaged over its 2 covered ms
    ]);
    expect(s.rows(30)).toHaveLength(3);
    expect(s.level).toBe(4);
  });

  it('fills long stretches without updates, and rows() does not change the state', () => {
    const s = new LevelSeries(100, 1000, 3);
    s.update(1450, 1);
    const rows = s.rows(1600);
    expect(rows.map((r) => [r.startMs, r.mean, r.max])).toEqual([
      [1000, 3, 3],
      [1100, 3, 3],
      [1200, 3, 3],
      [1300, 3, 3],
      [1400, 2, 3],
      [1500, 1, 1],
    ]);
    expect(s.rows(1600)).toEqual(rows);
    s.update(1600, 0);
    expect(s.rows(1600)).toEqual(rows);
  });

  it('counts a level that held for zero time in the interval max only', () => {
    const s = new LevelSeries(10);
    s.update(4, 7);
    s.update(4, 1);
    expect(s.rows(10)).toEqual([{ startMs: 0, mean: 0.6, max: 7 }]);
  });

  it('throws when time goes backwards, past the cap, or for invalid levels', () => {
    const s = new LevelSeries(10, 0, 0, { maxIntervals: 5 });
    s.update(20, 1);
    expect(() => s.update(19, 1)).toThrow(RangeError);
    expect(() => s.rows(19)).toThrow(RangeError);
    expect(() => s.update(50, 1)).toThrow(/maxIntervals/);
    expect(() => s.rows(51)).toThrow(RangeError);
    expect(() => s.update(30, NaN)).toThrow(RangeError);
    expect(() => new LevelSeries(10, 0, Infinity)).toThrow(RangeError);
    expect(s.rows(50)).toHaveLength(5);
  });
});
