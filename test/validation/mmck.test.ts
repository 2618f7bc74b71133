/**
 * Finite-buffer M/M/c/K queues against the birth–death solution (`mmck`) and Erlang B:
 * - M/M/3/6 at offered load ρ = λ/(cμ) = 1.2 (λ = 3.6/s, μ = 1/s): blocking P_K, mean response of the
 *   admitted customers W, mean number in system L;
 * - M/M/8/8 (a loss system, `queueLimit: 0`) at a = 6 Erlangs: blocking = Erlang B(8, 6) ≈ 0.1219,
 *   W = E[S] = 1000 ms exactly (nobody waits), L = a(1 − B).
 * Plus Little's law with the admitted arrival rate.
 *
 * Statistical method (see replicate.ts and mmc-model.ts):
 * - 20 independent replications per system, replication i drawing from `root.replication(i)`, fixed
 *   master seeds below.
 * - Warm-up by time (exercising the other warm-up path): 300 s. Both chains are small (7 and 9 states)
 *   with transition rates ≥ 1/s and relax in a few seconds (the M/M/8/8 occupancy relaxes like
 *   M/M/∞, with time constant 1/μ = 1 s), so 300 s is ≥ 100 relaxation times.
 * - Run length: 50,000 arrivals (M/M/3/6) and 100,000 arrivals (M/M/8/8) per replication (pilot study
 *   on another seed: expected half-widths ≤ 0.6 × the bounds).
 * - 99 % Student-t CI over the replication means must contain the analytic value; bounds on the
 *   half-width: 2 % of the blocking probability, 1 % of W and of L.
 * - Little's law (admitted rate): per replication, gap < 1 % (O(L/n), of order 10⁻⁴; see mm1.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RandomStreams, erlangB, mmck } from '../../engine/index.js';
import { runStation } from './mmc-model.js';
import type { StationMeans } from './mmc-model.js';
import { HOOK_TIMEOUT_MS, expectCiCovers, expectEveryBelow, replicate } from './replicate.js';
import type { Replications } from './replicate.js';

const SERVICE_MS = 1000;
const MU = 1 / SERVICE_MS; // per ms
const REPLICATIONS = 20;
const WARMUP_MS = 300_000;

const systems = [
  {
    name: 'M/M/3/6',
    servers: 3,
    capacity: 6,
    lambda: 0.0036,
    customers: 50_000,
    seed: 'capsim/validation/mm3-6',
  },
  {
    name: 'M/M/8/8',
    servers: 8,
    capacity: 8,
    lambda: 0.006,
    customers: 100_000,
    seed: 'capsim/validation/mm8-8',
  },
];

describe.each(systems)('$name', ({ name, servers, capacity, lambda, customers, seed }) => {
  const theory = mmck(lambda, MU, servers, capacity);
  let reps: Replications<StationMeans>;

  beforeAll(() => {
    const root = new RandomStreams(seed);
    const model = {
      arrivalRatePerMs: lambda,
      servers,
      queueLimit: capacity - servers,
      service: { kind: 'exponential', mean: SERVICE_MS },
      warmup: { timeMs: WARMUP_MS },
      customers,
    } as const;
    reps = replicate(REPLICATIONS, (i) => runStation(model, root.replication(i)).means);
  }, HOOK_TIMEOUT_MS);

  it('closed forms used as reference', () => {
    if (servers === capacity) {
      expect(theory.blockingProbability).toBeCloseTo(erlangB(servers, lambda / MU), 12);
      expect(theory.meanResponse).toBeCloseTo(SERVICE_MS, 9);
    }
    expect(theory.meanInSystem).toBeCloseTo(theory.throughput * theory.meanResponse, 9);
  });

  it('blocking probability', () => {
    const ci = reps.ci((m) => m.blockingProbability);
    expectCiCovers(`${name} P(blocked)`, ci, theory.blockingProbability, 0.02);
  });

  it('mean response time of admitted customers', () => {
    expectCiCovers(
      `${name} W (ms)`,
      reps.ci((m) => m.meanResponse),
      theory.meanResponse,
      0.01,
    );
  });

  it('time-average number in system L (analytic)', () => {
    expectCiCovers(
      `${name} L`,
      reps.ci((m) => m.meanInSystem),
      theory.meanInSystem,
      0.01,
    );
  });

  it("Little's law L = λ_admitted·W holds in every replication", () => {
    expectEveryBelow(
      `${name} Little gap`,
      reps.values((m) => m.littleGap),
      0.01,
    );
  });
});
