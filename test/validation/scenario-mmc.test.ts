/**
 * The whole scenario pipeline (parse → normalize → compile → run → summarize) on a document that
 * reduces to M/M/8, against Erlang C: one thread-per-request pod with maxThreads c = 8 and a CPU
 * limit of 8 cores (at most 8 requests run, each on its own core, so CPU never contends), one
 * exponential CPU step of mean 10 ms (μ = 100/s per thread), Poisson arrivals λ = 640/s, so
 * ρ = λ/(cμ) = 0.8. The connector's other layers never fill (maxConnections 8192, no timeouts).
 *
 * Reference values (mmc, erlangC in engine/queueing): P(wait) = C(8, 6.4) ≈ 0.45764,
 * Wq = C/(cμ − λ) ≈ 2.8603 ms, W = Wq + 10 ms ≈ 12.8603 ms, Lq = λWq ≈ 1.8306, thread utilization
 * ρ = 0.8, and the mean wait of the requests that did wait E[Wq | Wq > 0] = 1/(cμ − λ) = 6.25 ms.
 *
 * What is compared with what:
 * - W: `latencyMs.succeeded.mean` (exact sum/count of the replication's histogram);
 * - Wq: `breakdown.threadQueueMs` (mean thread-queue wait per successful request, zeros included);
 * - E[Wq | Wq > 0]: `services[0].meanThreadWaitMs`, which averages over the requests that queued
 *   only (ServiceLevels.threadWaits counts just those);
 * - Lq: `services[0].meanQueued`; ρ: `services[0].threadUtilization`; λ: `throughput.succeededPerSec`.
 *
 * Statistical method (as the other files in test/validation, see replicate.ts):
 * - 20 independent replications, each a `runScenario` call with `replications: 1` and its own master
 *   seed `${SEED}/${i}`, so every per-replication value is at hand (the summary itself only gives a
 *   95 % CI).
 * - Warm-up 5 s. The relaxation time of M/M/c is about 1/(√(cμ) − √λ)² ≈ 112 ms here, so the
 *   warm-up is ≈ 45 relaxation times. (meanThreadWaitMs also counts waits during the warm-up, see
 *   the note in the report; with a 5 s warm-up out of 185 s, starting empty, the effect is far
 *   below the CI.)
 * - Run length: 3 min of arrivals (≈ 115,000 requests) per replication; 20 replications take ≈ 7 s.
 *   A pilot study of 60 replications on other seeds ('pilot2/i') puts the expected 99 % half-width
 *   of 20 replications at 0.76 % (W), 3.0 % (Wq), 2.4 % (Wq | wait), 3.0 % (Lq), 0.21 % (ρ) and
 *   0.16 % (λ); the half-width bounds below are about twice those.
 * - 99 % Student-t CI over the replications must contain the analytic value.
 * - Little's law on the simulated levels, L = busy threads + queued = λW, per replication, < 1 %.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { erlangC, mmc } from '../../engine/index.js';
import type { RunSummary } from '../../models/report/summary-types.js';
import { runScenario } from '../../models/scenario/run.js';
import { HOOK_TIMEOUT_MS, expectCiCovers, expectEveryBelow, replicate } from './replicate.js';
import type { Replications } from './replicate.js';

const SEED = 'capsim/validation/scenario-mm8/rho=0.8';
const REPLICATIONS = 20;
const THREADS = 8;
const SERVICE_MS = 10;
const RATE_PER_SEC = 640;

const scenario = {
  name: 'scenario-mm8',
  warmup: '5s',
  load: { executor: 'poisson', rate: `${RATE_PER_SEC}/s`, duration: '3m', timeout: '10m' },
  endpoints: { work: { steps: [{ cpu: { exponential: `${SERVICE_MS}ms` } }] } },
  services: {
    api: {
      server: 'thread-per-request',
      replicas: 1,
      tomcat: { maxThreads: THREADS },
      resources: { limits: { cpu: THREADS } },
    },
  },
};

const num = (x: number | null): number => {
  if (x === null) throw new Error('expected a measured value, got null');
  return x;
};

describe('scenario reducing to M/M/8 at ρ = 0.8 vs Erlang C', () => {
  // Rates per ms, so times are in ms.
  const theory = mmc(RATE_PER_SEC / 1000, 1 / SERVICE_MS, THREADS);
  const drainPerMs = THREADS / SERVICE_MS - RATE_PER_SEC / 1000;
  let reps: Replications<RunSummary>;

  beforeAll(() => {
    reps = replicate(REPLICATIONS, (i) => runScenario(scenario, { seed: `${SEED}/${i}`, replications: 1 }));
  }, HOOK_TIMEOUT_MS);

  it('closed forms used as reference', () => {
    expect(erlangC(THREADS, 6.4)).toBeCloseTo(0.45764, 5);
    expect(theory.probWait).toBeCloseTo(0.45764, 5);
    expect(theory.meanWait).toBeCloseTo(2.8603, 4);
    expect(theory.meanResponse).toBeCloseTo(12.8603, 4);
    expect(theory.utilization).toBeCloseTo(0.8, 12);
    expect(1 / drainPerMs).toBeCloseTo(6.25, 12);
  });

  it('the document normalizes to the intended model and runs without warnings', () => {
    const first = reps.runs[0]!;
    const svc = first.normalized.services[0]!;
    expect(svc.tomcat).toEqual({ maxThreads: 8, maxConnections: 8192, acceptCount: 100 });
    expect(svc.cpuLimitCores).toBe(8);
    expect(first.warnings).toEqual([]);
    for (const r of reps.runs) {
      expect(r.requests.failed.value).toBe(0);
      expect(r.iterations.interrupted.value).toBe(0);
      expect(r.breakdown.backlogMs.value).toBe(0);
      expect(r.breakdown.connectMs.value).toBe(0);
      // At most 8 requests on 8 cores: no CPU contention at all.
      expect(Math.abs(num(r.breakdown.cpuContentionMs.value))).toBeLessThan(1e-9);
    }
  });

  it('mean response time W', () => {
    expectCiCovers(
      'scenario M/M/8 W (ms)',
      reps.ci((r) => num(r.latencyMs.succeeded.mean.value)),
      theory.meanResponse,
      0.015,
    );
  });

  it('mean wait for a thread Wq (breakdown.threadQueueMs)', () => {
    expectCiCovers(
      'scenario M/M/8 Wq (ms)',
      reps.ci((r) => num(r.breakdown.threadQueueMs.value)),
      theory.meanWait,
      0.06,
    );
  });

  it('mean wait of the requests that queued (services[0].meanThreadWaitMs) = 1/(cμ − λ)', () => {
    expectCiCovers(
      'scenario M/M/8 Wq | Wq > 0 (ms)',
      reps.ci((r) => num(r.services[0]!.meanThreadWaitMs.value)),
      1 / drainPerMs,
      0.05,
    );
  });

  it('mean executor queue length Lq (services[0].meanQueued)', () => {
    expectCiCovers(
      'scenario M/M/8 Lq',
      reps.ci((r) => num(r.services[0]!.meanQueued.value)),
      theory.meanQueueLength,
      0.06,
    );
  });

  it('thread utilization ρ', () => {
    expectCiCovers(
      'scenario M/M/8 thread utilization',
      reps.ci((r) => num(r.services[0]!.threadUtilization!.value)),
      theory.utilization,
      0.0045,
    );
  });

  it('throughput λ and CPU utilization = thread utilization', () => {
    expectCiCovers(
      'scenario M/M/8 X (/s)',
      reps.ci((r) => num(r.throughput.succeededPerSec.value)),
      RATE_PER_SEC,
      0.0035,
    );
    for (const r of reps.runs) {
      // One busy thread uses one full core: busy cores / 8 equals busy threads / 8.
      expect(num(r.services[0]!.cpuUtilization!.value)).toBeCloseTo(
        num(r.services[0]!.threadUtilization!.value),
        4,
      );
    }
  });

  it("Little's law L = λW on the simulated levels, every replication", () => {
    expectEveryBelow(
      'scenario M/M/8 Little gap',
      reps.values((r) => {
        const svc = r.services[0]!;
        const inSystem = num(svc.meanBusyThreads.value) + num(svc.meanQueued.value);
        const lambdaW =
          (num(r.throughput.succeededPerSec.value) / 1000) * num(r.latencyMs.succeeded.mean.value);
        return Math.abs(inSystem - lambdaW) / Math.max(inSystem, lambdaW);
      }),
      0.01,
    );
  });
});
