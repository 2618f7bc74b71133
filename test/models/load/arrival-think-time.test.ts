/**
 * A sleep at the end of an arrival-rate iteration: the arrivals keep their schedule, the VU stays
 * busy through the sleep. With 10 starts/s, a 100 ms request and a 1 s sleep, each iteration holds
 * its VU 1.1 s, so about 11 VUs are busy at once (Little's law).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../models/scenario/run.js';

function run(maxVUs: number, thinkTime?: string) {
  return runScenario({
    name: 'arrival think time',
    load: {
      executor: 'constant-arrival-rate',
      rate: 10,
      duration: '60s',
      preAllocatedVUs: maxVUs,
      maxVUs,
      ...(thinkTime === undefined ? {} : { thinkTime }),
    },
    endpoints: { e: { steps: [{ wait: '100ms' }] } },
    services: { api: { resources: { limits: { cpu: 1 } } } },
  });
}

describe('thinkTime on arrival-rate executors', () => {
  it('adds the sleep to the iteration duration but not to the request latency', () => {
    const s = run(20, '1s');
    expect(s.iterations.dropped.value).toBe(0);
    expect(s.requests.sent.value).toBe(600);
    expect(s.latencyMs.all.mean.value).toBeCloseTo(100, 0);
    expect(s.iterations.durationMs.mean.value).toBeCloseTo(1100, 0);
  });

  it('keeps VUs busy: 5 VUs for 11 needed drop about half the starts (k6 dropped_iterations)', () => {
    const s = run(5, '1s');
    // Each VU completes one iteration per 1.1 s (a start waits for no VU: it is dropped), so 5 VUs
    // take at most 5 / 1.1 s ≈ 4.5 of the 10 starts per second.
    const dropped = s.iterations.dropped.value!;
    expect(dropped).toBeGreaterThan(300);
    expect(dropped).toBeLessThan(360);
    expect(s.requests.sent.value! + dropped).toBe(600);
  });

  it('without a sleep, 5 VUs are plenty for 10 starts/s of 100 ms', () => {
    const s = run(5);
    expect(s.iterations.dropped.value).toBe(0);
    expect(s.iterations.durationMs.mean.value).toBeCloseTo(100, 0);
  });
});
