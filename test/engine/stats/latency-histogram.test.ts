import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../../engine/stats/latency-histogram.js';
import type { LatencyHistogramJSON } from '../../../engine/stats/latency-histogram.js';
import { exactQuantile, mulberry32, relativeError, sample, standardNormal } from './sample-data.js';

const QS = [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999];
const N = 50_000;

// Each data set is built from its own seed, so adding one does not change the others.
const DATA_SETS: Record<string, () => number[]> = {
  exponential: () => {
    const u = mulberry32(1);
    return sample(N, () => -50 * Math.log(1 - u()));
  },
  'lognormal, heavy tail': () => {
    const u = mulberry32(2);
    return sample(N, () => Math.exp(3 + 2.5 * standardNormal(u)));
  },
  'uniform over 6 decades': () => {
    const u = mulberry32(3);
    return sample(N, () => 10 ** (6 * u() - 1));
  },
  'spike of identical values': () => sample(N, () => 42.5),
  'spike with a few outliers': () => {
    const u = mulberry32(4);
    return sample(N, () => (u() < 0.995 ? 7.25 : 1000 * u()));
  },
  'tiny values near the minimum': () => {
    const u = mulberry32(5);
    return sample(N, () => 1e-3 * (1 + 9 * u()));
  },
  'values containing 0': () => {
    const u = mulberry32(6);
    return sample(N, () => (u() < 0.3 ? 0 : -20 * Math.log(1 - u())));
  },
};

function histogramOf(values: readonly number[]): LatencyHistogram {
  const h = new LatencyHistogram();
  for (const v of values) h.record(v);
  return h;
}

function serialize(h: LatencyHistogram): string {
  return JSON.stringify(h.toJSON());
}

describe('LatencyHistogram quantiles', () => {
  for (const [name, make] of Object.entries(DATA_SETS)) {
    it(`stays within the bucket accuracy (0.5 %, below the 1 % bound) on ${name}`, () => {
      const values = make();
      const h = histogramOf(values);
      const sorted = [...values].sort((a, b) => a - b);
      const estimates = h.quantiles(QS);
      QS.forEach((q, i) => {
        const error = relativeError(estimates[i]!, exactQuantile(sorted, q));
        expect(error, `q=${q}`).toBeLessThanOrEqual(h.relativeAccuracy * (1 + 1e-9));
        expect(h.quantile(q)).toBe(estimates[i]);
      });
    });
  }

  it('keeps count, sum, mean, min and max exact', () => {
    const h = histogramOf([3, 0, 1.5, 1e12, 0.5]);
    expect(h.count).toBe(5);
    expect(h.sum).toBe(1e12 + 5);
    expect(h.mean).toBe((1e12 + 5) / 5);
    expect(h.min).toBe(0);
    expect(h.max).toBe(1e12);
  });

  it('returns min at q = 0 and max at q = 1, and answers unsorted requests in their order', () => {
    const h = histogramOf([5, 1, 9, 3, 7]);
    expect(h.quantile(0)).toBe(1);
    expect(h.quantile(1)).toBe(9);
    const [p90, p10, p50] = h.quantiles([0.9, 0.1, 0.5]);
    expect(relativeError(p90!, 9)).toBeLessThanOrEqual(0.005);
    expect(relativeError(p10!, 1)).toBeLessThanOrEqual(0.005);
    expect(relativeError(p50!, 5)).toBeLessThanOrEqual(0.005);
  });

  it('reports ranks in the overflow bucket as the exact max, in the underflow bucket as min', () => {
    const h = histogramOf([0, 0, 10, 5e9, 8e9]);
    expect(h.max).toBe(8e9);
    expect(h.quantile(0.3)).toBe(0);
    expect(h.quantile(0.99)).toBe(8e9);
    expect(h.quantile(0.8)).toBe(8e9);
  });

  it('returns NaN for every statistic of an empty histogram', () => {
    const h = new LatencyHistogram();
    expect(h.quantile(0.5)).toBeNaN();
    expect(h.quantiles([0, 1])).toEqual([NaN, NaN]);
    expect([h.mean, h.min, h.max]).toEqual([NaN, NaN, NaN]);
    expect(h.count).toBe(0);
    expect(h.sum).toBe(0);
  });

  it('honours a custom relative accuracy', () => {
    const u = mulberry32(7);
    const values = sample(20_000, () => -100 * Math.log(1 - u()));
    const h = new LatencyHistogram({ relativeAccuracy: 0.01, minValue: 1e-2, maxValue: 1e6 });
    for (const v of values) h.record(v);
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of QS)
      expect(relativeError(h.quantile(q), exactQuantile(sorted, q))).toBeLessThanOrEqual(0.01);
    expect(h.bucketCount).toBeLessThan(new LatencyHistogram().bucketCount);
  });
});

describe('LatencyHistogram layout and memory', () => {
  it('uses 2,766 buckets by default (0.5 % over 1e-3..1e9 ms)', () => {
    expect(new LatencyHistogram().bucketCount).toBe(2766);
  });

  it('keeps the same bucket array after 10 million records', () => {
    const h = new LatencyHistogram();
    const before = h.bucketCount;
    for (let i = 0; i < 10_000_000; i++) {
      // A cheap deterministic hash spreads the values over 13 decades, under- and overflow included.
      const u = Math.imul(i, 0x9e3779b1) >>> 0;
      h.record(1e-4 * 10 ** ((u / 4294967296) * 13.5));
    }
    expect(h.count).toBe(10_000_000);
    expect(h.bucketCount).toBe(before);
    expect(h.toJSON().buckets.length).toBeLessThanOrEqual(before);
  });

  it('rejects options that give no valid layout', () => {
    expect(() => new LatencyHistogram({ relativeAccuracy: 0 })).toThrow(RangeError);
    expect(() => new LatencyHistogram({ relativeAccuracy: 1 })).toThrow(RangeError);
    expect(() => new LatencyHistogram({ minValue: 0 })).toThrow(RangeError);
    expect(() => new LatencyHistogram({ minValue: 10, maxValue: 10 })).toThrow(RangeError);
    expect(() => new LatencyHistogram({ maxValue: Infinity })).toThrow(RangeError);
    expect(() => new LatencyHistogram({ relativeAccuracy: 1e-7 })).toThrow(/buckets/);
  });
});

describe('LatencyHistogram merge, reset and JSON', () => {
  // Multiples of 2^-10 below 2^20 add up exactly in float64, so even `sum` is order-independent.
  function dyadicValues(seed: number, n: number): number[] {
    const u = mulberry32(seed);
    return sample(n, () => Math.round(Math.exp(3 + 2 * standardNormal(u)) * 1024) / 1024);
  }

  it('merging A and B equals recording everything into one histogram', () => {
    const values = dyadicValues(11, 20_000);
    const pick = mulberry32(12);
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    for (const v of values) (pick() < 0.4 ? a : b).record(v);
    expect(serialize(a.merge(b))).toBe(serialize(histogramOf(values)));
  });

  it('merges arbitrary values exactly except for float rounding of sum', () => {
    const u = mulberry32(13);
    const values = sample(10_000, () => -30 * Math.log(1 - u()));
    const a = histogramOf(values.slice(0, 3000));
    const merged = a.merge(histogramOf(values.slice(3000)));
    const { sum: mergedSum, ...mergedRest } = merged.toJSON();
    const { sum: oneSum, ...oneRest } = histogramOf(values).toJSON();
    expect(mergedRest).toEqual(oneRest);
    expect(mergedSum).toBeCloseTo(oneSum, 6);
  });

  it('merging into or from an empty histogram changes nothing else', () => {
    const h = histogramOf(dyadicValues(14, 100));
    const json = serialize(h);
    expect(serialize(h.merge(new LatencyHistogram()))).toBe(json);
    expect(serialize(new LatencyHistogram().merge(h))).toBe(json);
  });

  it('refuses to merge different layouts', () => {
    const h = new LatencyHistogram();
    expect(() => h.merge(new LatencyHistogram({ relativeAccuracy: 0.01 }))).toThrow(RangeError);
    expect(() => h.merge(new LatencyHistogram({ maxValue: 1e6 }))).toThrow(RangeError);
  });

  it('recordMany equals repeated record', () => {
    const many = new LatencyHistogram();
    many.recordMany(12.5, 3);
    many.recordMany(0, 2);
    many.recordMany(99, 0);
    const one = histogramOf([12.5, 12.5, 12.5, 0, 0]);
    expect(serialize(many)).toBe(serialize(one));
  });

  it('reset forgets everything and keeps the layout', () => {
    const h = new LatencyHistogram({ relativeAccuracy: 0.01 });
    for (const v of dyadicValues(15, 1000)) h.record(v);
    h.reset();
    expect(serialize(h)).toBe(serialize(new LatencyHistogram({ relativeAccuracy: 0.01 })));
    h.record(3);
    expect(h.quantile(0.5)).toBe(3);
    expect(h.count).toBe(1);
  });

  it('round-trips exactly through a JSON string, empty or not', () => {
    const u = mulberry32(16);
    const h = histogramOf(sample(5000, () => (u() < 0.1 ? 0 : Math.exp(10 * u()))));
    h.record(2e9);
    const text = serialize(h);
    const back = LatencyHistogram.fromJSON(JSON.parse(text) as LatencyHistogramJSON);
    expect(serialize(back)).toBe(text);
    expect(back.quantiles(QS)).toEqual(h.quantiles(QS));
    expect([back.count, back.sum, back.min, back.max]).toEqual([h.count, h.sum, h.min, h.max]);
    const empty = serialize(new LatencyHistogram());
    expect(serialize(LatencyHistogram.fromJSON(JSON.parse(empty) as LatencyHistogramJSON))).toBe(empty);
  });

  it('serializes the same records to the identical string, listing only non-empty buckets', () => {
    const values = dyadicValues(17, 2000);
    expect(serialize(histogramOf(values))).toBe(serialize(histogramOf(values)));
    const json = new LatencyHistogram();
    json.record(5);
    json.record(5);
    expect(json.toJSON().buckets).toHaveLength(1);
    expect(json.toJSON().buckets[0]![1]).toBe(2);
  });

  it('rejects JSON whose buckets do not match the summary', () => {
    const good = histogramOf([1, 2, 3]).toJSON();
    const bad = (patch: Partial<LatencyHistogramJSON>) => () =>
      LatencyHistogram.fromJSON({ ...good, ...patch });
    expect(bad({ count: 4 })).toThrow(RangeError);
    expect(bad({ min: null })).toThrow(RangeError);
    expect(bad({ buckets: [[99_999, 3]] })).toThrow(RangeError);
    expect(bad({ buckets: [[5, 1.5]] })).toThrow(RangeError);
    expect(
      bad({
        buckets: [
          [7, 1],
          [5, 2],
        ],
      }),
    ).toThrow(RangeError);
  });
});

describe('LatencyHistogram input checks', () => {
  it('rejects negative, NaN and infinite values without recording them', () => {
    const h = new LatencyHistogram();
    expect(() => h.record(-1)).toThrow(RangeError);
    expect(() => h.record(NaN)).toThrow(RangeError);
    expect(() => h.record(Infinity)).toThrow(RangeError);
    expect(() => h.recordMany(-0.5, 2)).toThrow(RangeError);
    expect(() => h.recordMany(1, -1)).toThrow(RangeError);
    expect(() => h.recordMany(1, 1.5)).toThrow(RangeError);
    expect(h.count).toBe(0);
  });

  it('rejects q outside [0, 1]', () => {
    const h = histogramOf([1]);
    expect(() => h.quantile(1.01)).toThrow(RangeError);
    expect(() => h.quantile(-0.1)).toThrow(RangeError);
    expect(() => h.quantiles([0.5, NaN])).toThrow(RangeError);
  });
});
