/** Unit behaviour of each limiter: windows, keys, refill, and the sliding log's guarantee. */
import { describe, expect, it } from 'vitest';
import { RandomStreams, exponential } from '../../../engine/index.js';
import {
  FixedWindowLimiter,
  GLOBAL_KEY,
  SlidingCounterLimiter,
  SlidingLogLimiter,
  TokenBucketLimiter,
} from '../../../models/data/rate-limit/index.js';
import type { RateLimiter } from '../../../models/data/rate-limit/index.js';

function decisions(limiter: RateLimiter, key: number, times: readonly number[]): boolean[] {
  return times.map((t) => limiter.tryAcquire(key, t));
}

describe('FixedWindowLimiter', () => {
  it('admits exactly limit per clock-aligned window, and up to 2 × limit across a boundary', () => {
    const l = new FixedWindowLimiter({ limit: 3, windowMs: 1000, alignMs: 0 });
    // 5 at 999 ms (window 0), 5 at 1000 ms (window 1): 3 + 3 pass within 1 ms.
    const d = decisions(l, GLOBAL_KEY, [999, 999, 999, 999, 999, 1000, 1000, 1000, 1000, 1000]);
    expect(d).toEqual([true, true, true, false, false, true, true, true, false, false]);
  });

  it('aligns windows on alignMs and keeps keys independent', () => {
    const l = new FixedWindowLimiter({ limit: 1, windowMs: 1000, alignMs: 250 });
    expect(l.windowOf(249)).toBe(-1);
    expect(l.windowOf(250)).toBe(0);
    expect(decisions(l, 7, [300, 1249, 1250])).toEqual([true, false, true]);
    expect(decisions(l, 8, [300, 1249, 1250])).toEqual([true, false, true]);
    expect(decisions(l, GLOBAL_KEY, [300, 1249])).toEqual([true, false]);
  });

  it('limit 0 rejects everything; bad options throw RangeError naming the field', () => {
    expect(new FixedWindowLimiter({ limit: 0, windowMs: 1, alignMs: 0 }).tryAcquire(GLOBAL_KEY, 0)).toBe(
      false,
    );
    expect(() => new FixedWindowLimiter({ limit: 1.5, windowMs: 1, alignMs: 0 })).toThrow(/limit/);
    expect(() => new FixedWindowLimiter({ limit: 1, windowMs: 0, alignMs: 0 })).toThrow(/windowMs/);
    expect(() => new FixedWindowLimiter({ limit: 1, windowMs: 1, alignMs: NaN })).toThrow(/alignMs/);
  });
});

describe('SlidingLogLimiter', () => {
  it('never admits more than limit in any rolling window, and admits whenever it may (property)', () => {
    const streams = new RandomStreams('sliding-log-property');
    for (const [limit, windowMs] of [
      [1, 100],
      [5, 1000],
      [37, 250],
    ] as const) {
      for (const key of [GLOBAL_KEY, 0, 42]) {
        const rng = streams.fork(`${limit}-${windowMs}-${key}`);
        // Bursty arrivals: the gap mean switches between dense and sparse phases.
        const dense = exponential(rng.stream('dense'), windowMs / (limit * 8));
        const sparse = exponential(rng.stream('sparse'), windowMs / limit);
        const phase = rng.stream('phase');
        const limiter = new SlidingLogLimiter({ limit, windowMs });
        const admitted: number[] = [];
        let t = 0;
        let lo = 0; // first admitted time inside (t − W, t]
        let wrongRejections = 0;
        for (let i = 0; i < 20_000; i++) {
          t += phase() < 0.7 ? dense() : sparse();
          while (lo < admitted.length && admitted[lo]! <= t - windowMs) lo++;
          const inWindow = admitted.length - lo;
          if (limiter.tryAcquire(key, t)) admitted.push(t);
          // Rejected only when limit admissions already lie in (t − W, t].
          else if (inWindow !== limit) wrongRejections++;
        }
        expect(wrongRejections).toBe(0);
        let minSpan = Infinity;
        for (let i = 0; i + limit < admitted.length; i++)
          minSpan = Math.min(minSpan, admitted[i + limit]! - admitted[i]!);
        expect(minSpan).toBeGreaterThanOrEqual(windowMs);
        expect(admitted.length).toBeGreaterThan(limit);
      }
    }
  });

  it('does not log rejected requests: a steady overload still gets limit per window', () => {
    const l = new SlidingLogLimiter({ limit: 10, windowMs: 1000 });
    let ok = 0;
    for (let t = 0; t < 100_000; t += 1) if (l.tryAcquire(GLOBAL_KEY, t)) ok++;
    expect(ok).toBe(1000); // 10 at the start of each 1 s, 100 s
  });

  it('validates its options', () => {
    expect(() => new SlidingLogLimiter({ limit: 0, windowMs: 1 })).toThrow(/limit/);
    expect(() => new SlidingLogLimiter({ limit: 1, windowMs: -1 })).toThrow(/windowMs/);
  });
});

describe('SlidingCounterLimiter', () => {
  it('weights the previous window by the share of it still inside the sliding window', () => {
    const l = new SlidingCounterLimiter({ limit: 10, windowMs: 1000 });
    for (let i = 0; i < 10; i++) expect(l.tryAcquire(GLOBAL_KEY, 500)).toBe(true);
    expect(l.tryAcquire(GLOBAL_KEY, 999)).toBe(false);
    // At 1250 the previous window (10) weighs 0.75: estimates 7.5, 8.5, 9.5 pass, then 10.5 does not.
    expect(decisions(l, GLOBAL_KEY, [1250, 1250, 1250, 1250])).toEqual([true, true, true, false]);
    // After a whole idle window nothing of the old counts is left.
    expect(decisions(l, GLOBAL_KEY, [3000, 3000])).toEqual([true, true]);
  });

  it('admits about limit per window under a steady overload', () => {
    const l = new SlidingCounterLimiter({ limit: 100, windowMs: 1000 });
    let ok = 0;
    for (let t = 0; t < 100_000; t += 0.5) if (l.tryAcquire(3, t)) ok++;
    expect(ok / 100).toBeGreaterThan(95);
    expect(ok / 100).toBeLessThan(105);
  });

  it('validates its options', () => {
    expect(() => new SlidingCounterLimiter({ limit: 1, windowMs: 1, alignMs: Infinity })).toThrow(/alignMs/);
  });
});

describe('TokenBucketLimiter', () => {
  it('starts full; greedy refill adds refillTokens/period continuously', () => {
    const l = new TokenBucketLimiter({
      capacity: 10,
      refillTokens: 10,
      refillPeriodMs: 1000,
      refill: 'greedy',
    });
    const burst = decisions(
      l,
      GLOBAL_KEY,
      Array.from({ length: 11 }, () => 0),
    );
    expect(burst.filter(Boolean)).toHaveLength(10);
    expect(l.tryAcquire(GLOBAL_KEY, 99)).toBe(false); // 0.99 token
    expect(l.tryAcquire(GLOBAL_KEY, 100)).toBe(true); // "1 token per each 100 millisecond"
    expect(l.tryAcquire(GLOBAL_KEY, 150)).toBe(false);
  });

  it('intervally refill adds the whole amount at each period boundary since creation', () => {
    const l = new TokenBucketLimiter({
      capacity: 10,
      refillTokens: 5,
      refillPeriodMs: 1000,
      refill: 'intervally',
    });
    const at = (t: number, n: number): number =>
      decisions(
        l,
        9,
        Array.from({ length: n }, () => t),
      ).filter(Boolean).length;
    expect(at(300, 12)).toBe(10); // created full at 300
    expect(at(1299, 3)).toBe(0);
    expect(at(1300, 7)).toBe(5); // boundary at 300 + 1000
    expect(at(3400, 20)).toBe(10); // two periods (2300, 3300): +10, capped at capacity
    expect(at(4299, 1)).toBe(0);
    expect(at(4300, 9)).toBe(5);
  });

  it('keeps a bucket per key, created at the key’s first request', () => {
    const l = new TokenBucketLimiter({
      capacity: 1,
      refillTokens: 1,
      refillPeriodMs: 1000,
      refill: 'intervally',
    });
    expect(decisions(l, 1, [0, 0])).toEqual([true, false]);
    expect(decisions(l, 2, [500, 500])).toEqual([true, false]);
    expect(l.tryAcquire(1, 1000)).toBe(true);
    expect(l.tryAcquire(2, 1000)).toBe(false);
    expect(l.tryAcquire(2, 1500)).toBe(true);
  });

  it('validates its options', () => {
    const ok = { capacity: 1, refillTokens: 1, refillPeriodMs: 1, refill: 'greedy' } as const;
    expect(() => new TokenBucketLimiter({ ...ok, capacity: 0 })).toThrow(/capacity/);
    expect(() => new TokenBucketLimiter({ ...ok, refillTokens: 0.5 })).toThrow(/refillTokens/);
    expect(() => new TokenBucketLimiter({ ...ok, refillPeriodMs: 0 })).toThrow(/refillPeriodMs/);
    expect(() => new TokenBucketLimiter({ ...ok, refill: 'lazy' as never })).toThrow(/refill/);
  });
});
