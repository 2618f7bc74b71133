/**
 * k6's `ramping-arrival-rate` iteration count through the whole scenario pipeline, on the k6
 * documentation's example stages: startRate 0, timeUnit 1s, stages [30s → 100, 1m → 200, 2m → 300,
 * 2m → 400, 2m → 400, 30s → 0]. The area under the rate is
 *   30·50 + 60·150 + 120·250 + 120·350 + 120·400 + 30·200 = 136,500 iterations.
 * k6 computes 136,500 starts, the last one due exactly at the end (480 s), which races with the end
 * of the executor and is usually not run: k6 reports 136,499 or 136,500 (started + dropped), see
 * models/load/README-k6-notes.md §1. capsim yields the 136,499 due strictly before the end.
 *
 * Not statistical: the start times are deterministic (k6's float64 arithmetic), so the counts are
 * exact. Warm-up 0, so every start counts.
 */
import { describe, expect, it } from 'vitest';
import { rampingArrivalIterationCount } from '../../models/load/arrival-schedule.js';
import type { RunSummary } from '../../models/report/summary-types.js';
import { runScenario } from '../../models/scenario/run.js';

const STAGES = [
  { duration: '30s', target: 100 },
  { duration: '1m', target: 200 },
  { duration: '2m', target: 300 },
  { duration: '2m', target: 400 },
  { duration: '2m', target: 400 },
  { duration: '30s', target: 0 },
];
const AREA = 136_500;

function run(preAllocatedVUs: number, maxVUs: number, step: string): RunSummary {
  return runScenario({
    name: 'k6-ramping-count',
    warmup: 0,
    load: {
      executor: 'ramping-arrival-rate',
      startRate: 0,
      timeUnit: '1s',
      stages: STAGES,
      preAllocatedVUs,
      maxVUs,
    },
    endpoints: { work: { steps: [{ cpu: step }] } },
    services: { api: { resources: { limits: { cpu: 2 } } } },
  });
}

const offered = (s: RunSummary): number => s.iterations.started.value! + s.iterations.dropped.value!;

describe('k6 ramping-arrival-rate: 136,500 iterations in 8 minutes', () => {
  it('the schedule holds 136,500 starts, 136,499 of them before the end', () => {
    const count = rampingArrivalIterationCount({
      startRate: 0,
      timeUnitMs: 1000,
      stages: [30_000, 60_000, 120_000, 120_000, 120_000, 30_000].map((durationMs, i) => ({
        durationMs,
        target: [100, 200, 300, 400, 400, 0][i]!,
      })),
    });
    expect(count).toEqual({ scheduled: AREA, dueBeforeEnd: AREA - 1 });
  });

  it('with enough VUs and a fast endpoint every start runs: started = 136,499, none dropped', () => {
    // 1 ms of CPU at ≤ 400/s keeps ≈ 0.4 VUs busy: 20 VUs are never short.
    const s = run(20, 20, '1ms');
    expect(offered(s)).toBeGreaterThanOrEqual(AREA - 1);
    expect(offered(s)).toBeLessThanOrEqual(AREA);
    expect(s.iterations.started.value).toBe(AREA - 1);
    expect(s.iterations.dropped.value).toBe(0);
    expect(s.iterations.succeeded.value).toBe(AREA - 1);
    expect(s.iterations.interrupted.value).toBe(0);
    expect(s.requests.sent.value).toBe(AREA - 1);
    expect(s.warnings).toEqual([]);
    // Offered rate over the 480 s of load.
    expect(s.throughput.offeredPerSec.value).toBeCloseTo((AREA - 1) / 480, 2);
    // The time series counts the same starts (its rates are rounded to 6 significant digits).
    const rows = s.timeSeries.rows;
    const startedInRows = rows.reduce((t, r) => t + (r.iterationsPerSec * s.timeSeries.intervalMs) / 1000, 0);
    expect(Math.abs(startedInRows - (AREA - 1))).toBeLessThan(0.5);
  });

  it.each([
    [2, 3, 'two VUs, one more after the first drop'],
    [1, 1, 'a single VU'],
  ])(
    'with too few VUs (%i pre-allocated, max %i: %s), started + dropped is still 136,499',
    (preAllocated, max) => {
      // 10 ms per request: one VU runs at most 100 iterations/s, so starts are dropped.
      const s = run(preAllocated, max, '10ms');
      expect(s.iterations.dropped.value).toBeGreaterThan(0);
      expect(offered(s)).toBe(AREA - 1);
      expect(s.failures['dropped-iteration'].value).toBe(s.iterations.dropped.value);
      expect(s.warnings.map((w) => w.code)).toContain('SCN_WARN_DROPPED_ITERATIONS');
    },
  );
});
