/**
 * The scenario pipeline on a closed loop that is a product-form network, against exact MVA:
 * k6 `constant-vus` with N = 25 VUs and exponential think time Z = 1000 ms (the terminals); one
 * thread-per-request pod with a CPU limit of 1 core and maxThreads 1000 ≫ N, so threads never run
 * out and the CPU is an egalitarian processor-sharing single server (a BCMP type-2 station: product
 * form for any service distribution) with an exponential CPU step of mean D = 40 ms; then a `wait`
 * step of mean 200 ms (exponential), which holds a thread but no CPU: an infinite-server delay
 * station since threads never run out.
 *
 * MVA (mvaClosed, stations [{40, queue}, {200, delay}], Z = 1000): X ≈ 18.8669/s, R ≈ 325.07 ms
 * (think excluded), CPU residence ≈ 125.07 ms, CPU utilization X·D ≈ 0.75467.
 *
 * What the summary reports (checked below): `throughput.completedPerSec` counts iterations that
 * started after the warm-up and ended (think time included) per second of the measured load window:
 * X. `latencyMs.succeeded.mean` is the request's response time R. `iterations.durationMs.mean` is
 * k6's iteration_duration: the request plus the think time that follows it, i.e. R + Z on average.
 *
 * Statistical method (as the other files in test/validation, see replicate.ts):
 * - 20 independent replications, each a `runScenario` call with `replications: 1` and its own master
 *   seed `${SEED}/${i}`.
 * - Warm-up 30 s: all VUs start their first request at t = 0 (k6 constant-vus), a transient that
 *   dies out within a few cycles of N/X ≈ 1.3 s; 30 s ≈ 20 cycle times.
 * - Run length: 60 min per replication (≈ 68,000 iterations); 20 replications take ≈ 4 s.
 *   A pilot study on other seeds (20 replications of 30 min, 'pilot/i') gave 99 % half-widths of
 *   0.29 % (X), 0.58 % (R), 0.29 % (R + Z), 0.48 % (U), i.e. about 0.2 %, 0.41 %, 0.2 %, 0.34 % at
 *   60 min; the bounds below are about twice those. The CPU residence carries nearly all of R's
 *   variance (≈ 1.3 ms of half-width at 60 min, ≈ 1.1 % of 125 ms): bound 2 %; the delay's own
 *   mean varies by ≈ 0.25 %: bound 0.5 %.
 * - 99 % Student-t CI over the replications must contain the MVA value.
 * - The response time law N = X·(R + Z): per replication within 2 % with the nominal Z (the
 *   replication's think times average Z only up to sampling error, ≈ 0.4 % of R + Z), and within
 *   0.5 % with the measured iteration duration (only edge effects: ≤ N iterations at each end of a
 *   window of ≈ 68,000).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mvaClosed } from '../../engine/index.js';
import type { RunSummary } from '../../models/report/summary-types.js';
import { runScenario } from '../../models/scenario/run.js';
import { HOOK_TIMEOUT_MS, expectCiCovers, expectEveryBelow, replicate } from './replicate.js';
import type { Replications } from './replicate.js';

const SEED = 'capsim/validation/scenario-closed-loop';
const REPLICATIONS = 20;
const VUS = 25;
const THINK_MS = 1000;
const CPU_MS = 40;
const WAIT_MS = 200;

const scenario = {
  name: 'scenario-closed-loop',
  warmup: '30s',
  load: {
    executor: 'constant-vus',
    vus: VUS,
    duration: '60m',
    thinkTime: { exponential: `${THINK_MS}ms` },
  },
  endpoints: {
    work: { steps: [{ cpu: { exponential: `${CPU_MS}ms` } }, { wait: { exponential: `${WAIT_MS}ms` } }] },
  },
  services: {
    api: { server: 'thread-per-request', tomcat: { maxThreads: 1000 }, resources: { limits: { cpu: 1 } } },
  },
};

const num = (x: number | null): number => {
  if (x === null) throw new Error('expected a measured value, got null');
  return x;
};
/** Iterations completed per ms. */
const throughputPerMs = (r: RunSummary): number => num(r.throughput.completedPerSec.value) / 1000;

describe('closed loop (25 VUs, Z = 1 s, PS CPU + delay) vs exact MVA', () => {
  const mva = mvaClosed({
    population: VUS,
    thinkTime: THINK_MS,
    stations: [
      { name: 'cpu', demand: CPU_MS, kind: 'queue' },
      { name: 'wait', demand: WAIT_MS, kind: 'delay' },
    ],
  });
  let reps: Replications<RunSummary>;

  beforeAll(() => {
    reps = replicate(REPLICATIONS, (i) => runScenario(scenario, { seed: `${SEED}/${i}`, replications: 1 }));
  }, HOOK_TIMEOUT_MS);

  it('MVA values used as reference', () => {
    expect(mva.throughput * 1000).toBeCloseTo(18.8669, 4);
    expect(mva.responseTime).toBeCloseTo(325.07, 2);
    expect(mva.stations[0]!.residenceTime).toBeCloseTo(125.07, 2);
    expect(mva.stations[0]!.utilization).toBeCloseTo(0.75467, 5);
    expect(mva.throughput * (mva.responseTime + THINK_MS)).toBeCloseTo(VUS, 9);
  });

  it('every iteration succeeds, nothing is interrupted, threads never queue', () => {
    for (const r of reps.runs) {
      expect(r.warnings).toEqual([]);
      expect(r.iterations.failed.value).toBe(0);
      expect(r.iterations.interrupted.value).toBe(0);
      expect(r.iterations.dropped.value).toBe(0);
      expect(r.breakdown.threadQueueMs.value).toBe(0);
      expect(r.services[0]!.maxQueued.value).toBe(0);
      expect(r.services[0]!.maxBusyThreads.value).toBeLessThanOrEqual(VUS);
    }
  });

  it('throughput X (iterations completed per second)', () => {
    expectCiCovers('closed loop X (per ms)', reps.ci(throughputPerMs), mva.throughput, 0.004);
  });

  it('response time R (think excluded)', () => {
    expectCiCovers(
      'closed loop R (ms)',
      reps.ci((r) => num(r.latencyMs.succeeded.mean.value)),
      mva.responseTime,
      0.008,
    );
  });

  it('time on the CPU (work + processor-sharing contention) = MVA residence at the CPU', () => {
    expectCiCovers(
      'closed loop CPU residence (ms)',
      reps.ci((r) => num(r.breakdown.cpuWorkMs.value) + num(r.breakdown.cpuContentionMs.value)),
      mva.stations[0]!.residenceTime,
      0.02,
    );
  });

  it('time at the delay station (breakdown.otherMs) = its mean', () => {
    expectCiCovers(
      'closed loop delay residence (ms)',
      reps.ci((r) => num(r.breakdown.otherMs.value)),
      mva.stations[1]!.residenceTime,
      0.005,
    );
  });

  it('iteration duration = R + Z', () => {
    expectCiCovers(
      'closed loop iteration duration (ms)',
      reps.ci((r) => num(r.iterations.durationMs.mean.value)),
      mva.cycleTime,
      0.005,
    );
  });

  it('CPU utilization U = X·D', () => {
    expectCiCovers(
      'closed loop CPU utilization',
      reps.ci((r) => num(r.services[0]!.cpuUtilization!.value)),
      mva.stations[0]!.utilization,
      0.007,
    );
  });

  it('response time law N = X·(R + Z) with the nominal Z, every replication, within 2 %', () => {
    expectEveryBelow(
      'closed loop N vs X(R + Z)',
      reps.values((r) => {
        const n = throughputPerMs(r) * (num(r.latencyMs.succeeded.mean.value) + THINK_MS);
        return Math.abs(n - VUS) / VUS;
      }),
      0.02,
    );
  });

  it('N = X · mean iteration duration, every replication, within 0.5 %', () => {
    expectEveryBelow(
      'closed loop N vs X·iteration duration',
      reps.values((r) => Math.abs(throughputPerMs(r) * num(r.iterations.durationMs.mean.value) - VUS) / VUS),
      0.005,
    );
  });
});
