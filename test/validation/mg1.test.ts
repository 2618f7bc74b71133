/**
 * M/D/1 and M/G/1 at ρ = 0.8 (λ = 0.8/s, E[S] = 1000 ms) against Pollaczek–Khinchine,
 * Wq = λ·E[S²] / (2(1 − ρ)), with E[S²] = Var[S] + E[S]² from `distributionMoments`:
 * - deterministic service (cv² = 0): Wq = 2000 ms (= `md1MeanWait`);
 * - gamma, shape 0.5, scale 2000 ms (cv² = 2): Wq = 6000 ms;
 * - lognormal, mean 1000 ms, cv 0.5 (cv² = 0.25): Wq = 2500 ms.
 * Also L = λ(Wq + E[S]) and Little's law on the same runs.
 *
 * Statistical method (see replicate.ts and mmc-model.ts):
 * - 20 independent replications per service law, replication i drawing from `root.replication(i)`
 *   (its own `arrivals` and `service` sub-streams), fixed master seeds below.
 * - Warm-up: 10,000 arrivals (12,500 s) discarded. The M/M/1 relaxation time at ρ = 0.8 is
 *   1/(μ(1 − √ρ)²) ≈ 89 s; heavy-traffic scaling by (1 + cv²)/2 gives ≤ 134 s for these laws, so the
 *   warm-up is ≥ 90 relaxation times.
 * - Run length (arrivals per replication): 120,000 (D), 200,000 (gamma), 200,000 (lognormal), from a
 *   pilot study on another seed (expected half-widths ≈ 0.6 × the bounds).
 * - 99 % Student-t CI over the replication means must contain the analytic value; half-width bounds
 *   2 % (D), 4 % (gamma, the noisiest: E[S⁴]/E[S]⁴ = 105), 3 % (lognormal), for both Wq and L.
 * - Little's law: per replication, gap < 1 % (O(L/n), of order 10⁻⁴; see mm1.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RandomStreams, distributionMoments, md1MeanWait, mg1 } from '../../engine/index.js';
import type { DistributionSpec } from '../../engine/index.js';
import { runStation } from './mmc-model.js';
import type { StationMeans } from './mmc-model.js';
import { HOOK_TIMEOUT_MS, expectCiCovers, expectEveryBelow, replicate } from './replicate.js';
import type { Replications } from './replicate.js';

const LAMBDA = 0.0008; // per ms: 0.8/s
const REPLICATIONS = 20;

const laws: {
  name: string;
  service: DistributionSpec;
  customers: number;
  bound: number;
  wq: number;
  seed: string;
}[] = [
  {
    name: 'M/D/1',
    service: { kind: 'deterministic', value: 1000 },
    customers: 120_000,
    bound: 0.02,
    wq: 2000,
    seed: 'capsim/validation/md1',
  },
  {
    name: 'M/G/1 gamma cv²=2',
    service: { kind: 'gamma', shape: 0.5, scale: 2000 },
    customers: 200_000,
    bound: 0.04,
    wq: 6000,
    seed: 'capsim/validation/mg1-gamma',
  },
  {
    name: 'M/G/1 lognormal cv²=0.25',
    service: { kind: 'lognormal', mean: 1000, cv: 0.5 },
    customers: 200_000,
    bound: 0.03,
    wq: 2500,
    seed: 'capsim/validation/mg1-lognormal',
  },
];

describe.each(laws)('$name at ρ = 0.8', ({ name, service, customers, bound, wq, seed }) => {
  const moments = distributionMoments(service);
  const theory = mg1(LAMBDA, moments.mean, moments.variance);
  let reps: Replications<StationMeans>;

  beforeAll(() => {
    const root = new RandomStreams(seed);
    const model = { arrivalRatePerMs: LAMBDA, servers: 1, service, warmup: { customers: 10_000 }, customers };
    reps = replicate(REPLICATIONS, (i) => runStation(model, root.replication(i)).means);
  }, HOOK_TIMEOUT_MS);

  it('Pollaczek–Khinchine values used as reference', () => {
    expect(moments.mean).toBeCloseTo(1000, 9);
    expect(theory.utilization).toBeCloseTo(0.8, 12);
    expect(theory.meanWait).toBeCloseTo(wq, 6);
    if (service.kind === 'deterministic') expect(md1MeanWait(LAMBDA, 1000)).toBeCloseTo(theory.meanWait, 9);
  });

  it('mean wait in queue Wq', () => {
    expectCiCovers(
      `${name} Wq (ms)`,
      reps.ci((m) => m.meanWait),
      theory.meanWait,
      bound,
    );
  });

  it('time-average number in system L (analytic)', () => {
    expectCiCovers(
      `${name} L`,
      reps.ci((m) => m.meanInSystem),
      theory.meanInSystem,
      bound,
    );
  });

  it("Little's law L = λW holds in every replication", () => {
    expectEveryBelow(
      `${name} Little gap`,
      reps.values((m) => m.littleGap),
      0.01,
    );
  });
});
