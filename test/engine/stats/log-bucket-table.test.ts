import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../../engine/stats/latency-histogram.js';
import { highBits, logBucketTable } from '../../../engine/stats/log-bucket-table.js';
import { RandomStreams } from '../../../engine/rng/streams.js';

/** The layout LatencyHistogram derives from its options, and the formula the table replaces. */
function layout(relativeAccuracy: number, minValue: number, maxValue: number) {
  const multiplier = 1 / Math.log((1 + relativeAccuracy) / (1 - relativeAccuracy));
  const minKey = Math.ceil(Math.log(minValue) * multiplier);
  const overflowIndex = Math.ceil(Math.log(maxValue) * multiplier) - minKey + 2;
  const keyOffset = minKey - 1;
  const formula = (v: number) => Math.ceil(Math.log(v) * multiplier) - keyOffset;
  return { multiplier, keyOffset, overflowIndex, formula };
}

describe('logBucketTable', () => {
  const layouts: [number, number, number][] = [
    [0.005, 1e-3, 1e9], // LatencyHistogram's default
    [0.02, 0.01, 1e7], // the time-series rows' layout
    [0.001, 1e-6, 1e12],
    [0.3, 0.5, 1000],
  ];
  for (const [alpha, minValue, maxValue] of layouts) {
    it(`gives the logarithm's index for every value tried (α ${alpha}, [${minValue}, ${maxValue}])`, () => {
      const { multiplier, keyOffset, overflowIndex, formula } = layout(alpha, minValue, maxValue);
      const table = logBucketTable(multiplier, keyOffset, minValue, maxValue, overflowIndex);
      expect(table).not.toBeNull();
      const t = table!;
      const lookup = (v: number) => {
        const index = t.startIndex[(highBits(v) >>> t.shift) - t.base]!;
        return v >= t.lowest[index + 1]! ? index + 1 : index;
      };
      const misses: number[] = [];
      const check = (v: number) => {
        if (v >= minValue && v <= maxValue && lookup(v) !== formula(v)) misses.push(v);
      };
      // Every bucket's lowest value and the doubles on either side of it: where the two could part.
      for (let index = 2; index < overflowIndex; index++) {
        const b = t.lowest[index]!;
        expect(formula(b)).toBe(index);
        check(b);
        check(b * (1 - 2 ** -52));
        check(b * (1 + 2 ** -52));
      }
      const random = new RandomStreams(`log-bucket-table ${alpha}`).stream('values');
      const [lo, hi] = [Math.log(minValue), Math.log(maxValue)];
      for (let i = 0; i < 200_000; i++) check(Math.exp(lo + random() * (hi - lo)));
      for (let i = 0; i < 100_000; i++) check(Math.round(random() * 100_000) / 1000); // ms to the µs
      check(minValue);
      check(maxValue);
      expect(misses).toEqual([]);
    });
  }

  it('is built once per layout and shared', () => {
    const { multiplier, keyOffset, overflowIndex } = layout(0.005, 1e-3, 1e9);
    expect(logBucketTable(multiplier, keyOffset, 1e-3, 1e9, overflowIndex)).toBe(
      logBucketTable(multiplier, keyOffset, 1e-3, 1e9, overflowIndex),
    );
  });

  it('gives no table for a subnormal minValue or a layout too fine for 2^20 entries', () => {
    const sub = layout(0.01, 1e-310, 1);
    expect(logBucketTable(sub.multiplier, sub.keyOffset, 1e-310, 1, sub.overflowIndex)).toBeNull();
    const fine = layout(1e-7, 1e-3, 1e9);
    expect(logBucketTable(fine.multiplier, fine.keyOffset, 1e-3, 1e9, fine.overflowIndex)).toBeNull();
  });

  it('leaves histograms without a table on the logarithm, with the same quantiles', () => {
    const h = new LatencyHistogram({ relativeAccuracy: 0.01, minValue: 1e-310, maxValue: 1e6 });
    for (const v of [0, 1e-320, 1e-300, 0.5, 3, 3, 80, 2e6]) h.record(v);
    expect(h.count).toBe(8);
    expect(h.quantile(0.5)).toBeCloseTo(0.5, 2);
    expect(h.quantile(0.75)).toBeCloseTo(3, 1);
    expect(h.quantile(1)).toBe(2e6);
  });
});
