/**
 * M/M/1 against its closed forms: Wq = ρ/(μ − λ), W = 1/(μ − λ), L = ρ/(1 − ρ), at ρ = 0.5 and 0.9
 * (E[S] = 1000 ms), plus Little's law on the same runs.
 *
 * Statistical method (see replicate.ts and mmc-model.ts):
 * - 20 independent replications per load, replication i drawing from `root.replication(i)` (its own
 *   `arrivals` and `service` sub-streams), fixed master seed per scenario written below.
 * - Warm-up discarded (every statistic reset): the relaxation time of M/M/1 is
 *   τ = 1/(μ(1 − √ρ)²): 11.7 s at ρ = 0.5, 380 s at ρ = 0.9. The warm-up is 1,000 arrivals (≈ 2,000 s
 *   ≈ 170 τ) at ρ = 0.5 and 10,000 arrivals (≈ 11,100 s ≈ 29 τ) at ρ = 0.9, so the bias left by the
 *   empty start is negligible next to the CI.
 * - Run length: 150,000 arrivals per replication at ρ = 0.5, 320,000 at ρ = 0.9, sized with a pilot
 *   study on another seed so the expected half-width is about 0.6 × the bound below.
 * - 99 % Student-t CI over the replication means must contain the analytic value, and its half-width
 *   must be below 1.5 % (ρ = 0.5) or 4 % (ρ = 0.9) of it: a CI that wide could not miss a 5 % error in
 *   the engine's waits at ρ = 0.9 (an error in μ of 0.5 % moves W by 5 % there).
 * - Little's law: per replication, |L − λW| / max(L, λW) < 1 %, L time-averaged and λ, W measured in
 *   the same window; only the customers in flight at the two ends of the window make the sides differ,
 *   an O(L/n) effect, of order 10⁻⁴ for n ≥ 150,000 arrivals, so 1 % leaves room only for a real bug.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RandomStreams, mm1 } from '../../engine/index.js';
import { runStation } from './mmc-model.js';
import type { StationMeans } from './mmc-model.js';
import { HOOK_TIMEOUT_MS, expectCiCovers, expectEveryBelow, replicate } from './replicate.js';
import type { Replications } from './replicate.js';

const SERVICE_MS = 1000;
const MU = 1 / SERVICE_MS; // per ms
const REPLICATIONS = 20;
const LITTLE_TOLERANCE = 0.01;

const scenarios = [
  { rho: 0.5, seed: 'capsim/validation/mm1/rho=0.5', warmup: 1_000, customers: 150_000, bound: 0.015 },
  { rho: 0.9, seed: 'capsim/validation/mm1/rho=0.9', warmup: 10_000, customers: 320_000, bound: 0.04 },
];

describe.each(scenarios)('M/M/1 at ρ = $rho', ({ rho, seed, warmup, customers, bound }) => {
  const lambda = rho * MU;
  const theory = mm1(lambda, MU);
  let reps: Replications<StationMeans>;

  beforeAll(() => {
    const root = new RandomStreams(seed);
    const model = {
      arrivalRatePerMs: lambda,
      servers: 1,
      service: { kind: 'exponential', mean: SERVICE_MS },
      warmup: { customers: warmup },
      customers,
    } as const;
    reps = replicate(REPLICATIONS, (i) => runStation(model, root.replication(i)).means);
  }, HOOK_TIMEOUT_MS);

  it('closed forms used as reference', () => {
    expect(theory.meanWait).toBeCloseTo((rho * SERVICE_MS) / (1 - rho), 6);
    expect(theory.meanResponse).toBeCloseTo(SERVICE_MS / (1 - rho), 6);
    expect(theory.meanInSystem).toBeCloseTo(rho / (1 - rho), 9);
  });

  it('mean wait in queue Wq', () => {
    expectCiCovers(
      `M/M/1 ρ=${rho} Wq (ms)`,
      reps.ci((m) => m.meanWait),
      theory.meanWait,
      bound,
    );
  });

  it('mean response time W', () => {
    expectCiCovers(
      `M/M/1 ρ=${rho} W (ms)`,
      reps.ci((m) => m.meanResponse),
      theory.meanResponse,
      bound,
    );
  });

  it('time-average number in system L (analytic)', () => {
    expectCiCovers(
      `M/M/1 ρ=${rho} L`,
      reps.ci((m) => m.meanInSystem),
      theory.meanInSystem,
      bound,
    );
  });

  it("Little's law L = λW holds in every replication", () => {
    expectEveryBelow(
      `M/M/1 ρ=${rho} Little gap`,
      reps.values((m) => m.littleGap),
      LITTLE_TOLERANCE,
    );
  });
});
