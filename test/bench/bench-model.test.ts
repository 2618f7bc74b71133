// The benchmark's model is exercised here for correctness only; its speed is measured by
// `npm run bench`, never asserted in a test.
import { describe, expect, it } from 'vitest';
import { runBareMm8 } from './bare-loop.js';
import { runMm8 } from './mm8-model.js';

describe('benchmark models', () => {
  it('runs M/M/8 through the engine: two events per customer, deterministic per seed', () => {
    const a = runMm8(20_000, 3);
    const b = runMm8(20_000, 3);
    expect(a.events).toBe(40_000);
    expect(a.meanWaitS).toBe(b.meanWaitS);
    expect(a.p99WaitS).toBe(b.p99WaitS);
    expect(runMm8(20_000, 4).meanWaitS).not.toBe(a.meanWaitS);
    expect(a.analyticMeanWaitS).toBeCloseTo(0.8769162, 6);
    expect(a.rssTrailMB).toHaveLength(10);
  });

  it('runs the bare reference loop to completion', () => {
    const r = runBareMm8(20_000);
    expect(r.meanWaitS).toBeGreaterThan(0);
    expect(Number.isFinite(r.meanWaitS)).toBe(true);
  });
});
