/**
 * Seed-004 run A mechanics: a global limit of 1,000 per 60 s under the k6 ramp of 136,500 arrivals
 * over 8 min. A clock-aligned fixed window admits exactly limit × windows; a token bucket admits about
 * one window more (its initial burst) with greedy refill.
 */
import { describe, expect, it } from 'vitest';
import { rampingArrivalIterationCount, rampingArrivalStarts } from '../../../models/load/arrival-schedule.js';
import {
  FixedWindowLimiter,
  GLOBAL_KEY,
  SlidingLogLimiter,
  TokenBucketLimiter,
} from '../../../models/data/rate-limit/index.js';
import type { RateLimiter } from '../../../models/data/rate-limit/index.js';
import { SEED_004_STAGES, rampArrivalsMs } from './k6-ramp.js';

const END_MS = 480_000;
const all = rampArrivalsMs(SEED_004_STAGES);
// The start due exactly at 480 s races with the end of the executor and is not started (k6).
const arrivals = all.filter((t) => t < END_MS);

function admitted(limiter: RateLimiter, times: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < times.length; i++) if (limiter.tryAcquire(GLOBAL_KEY, times[i]!)) n++;
  return n;
}

describe('seed-004 load (k6 ramping-arrival-rate)', () => {
  it('has 136,500 scheduled starts, the last due exactly at 480 s', () => {
    expect(all.length).toBe(136_500);
    expect(all[all.length - 1]).toBeCloseTo(END_MS, 3);
    expect(arrivals.length).toBe(136_499);
    expect(all[0]).toBeCloseTo(Math.sqrt((2 * 30) / 100) * 1000, 6); // N(t) = 100t²/60 reaches 1
  });

  it('matches the exact k6 schedule of models/load to well under a millisecond', () => {
    const o = {
      startRate: 0,
      timeUnitMs: 1000,
      stages: SEED_004_STAGES.map(([d, target]) => ({ durationMs: d * 1000, target })),
    };
    expect(rampingArrivalIterationCount(o)).toEqual({ scheduled: 136_500, dueBeforeEnd: 136_499 });
    const k6 = rampingArrivalStarts(o);
    let worst = 0;
    for (const t of arrivals) worst = Math.max(worst, Math.abs(k6.next() - t));
    expect(worst).toBeLessThan(1e-3);
    expect(k6.next()).toBe(Infinity);
  });

  it('clock-aligned fixed window of 1,000 per 60 s admits exactly 8,000 and rejects ≈ 94.1 %', () => {
    const limiter = new FixedWindowLimiter({ limit: 1000, windowMs: 60_000, alignMs: 0 });
    const ok = admitted(limiter, arrivals);
    expect(ok).toBe(8000);
    const rejected = 1 - ok / arrivals.length;
    expect(rejected).toBeCloseTo(0.9414, 4);
  });

  it('the start due exactly at 480 s, if it ran, would open a ninth window', () => {
    const limiter = new FixedWindowLimiter({ limit: 1000, windowMs: 60_000, alignMs: 0 });
    expect(admitted(limiter, all)).toBe(8001);
  });

  it('token bucket (greedy, 1,000 per 60 s, starts full) admits ≈ capacity + capacity·T/period', () => {
    const limiter = new TokenBucketLimiter({
      capacity: 1000,
      refillTokens: 1000,
      refillPeriodMs: 60_000,
      refill: 'greedy',
    });
    const ok = admitted(limiter, arrivals);
    // 1000 + 1000 · 480/60 = 9000, less what the refill could not store: the bucket is full (capped)
    // while arrivals stay below 1000/60 per second, in the first 5 s (≈ 42 tokens) and the last
    // ~1.2 s (≈ 10 tokens).
    expect(ok).toBeGreaterThan(0.99 * 9000);
    expect(ok).toBeLessThanOrEqual(9000);
  });

  it('token bucket with intervally refill adds 1,000 at each full minute after the first request: 8,000', () => {
    const limiter = new TokenBucketLimiter({
      capacity: 1000,
      refillTokens: 1000,
      refillPeriodMs: 60_000,
      refill: 'intervally',
    });
    // Created at the first arrival (0.775 s): refills at 60.775, …, 420.775 s; the 8th would be at 480.775 s.
    expect(admitted(limiter, arrivals)).toBe(8000);
  });

  it('sliding log of 1,000 per 60 s admits about limit × T/W', () => {
    const ok = admitted(new SlidingLogLimiter({ limit: 1000, windowMs: 60_000 }), arrivals);
    expect(ok).toBe(8000);
  });
});
