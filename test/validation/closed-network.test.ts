/**
 * A closed interactive network against exact MVA (Reiser & Lavenberg): N = 10 customers, exponential
 * think time Z = 3000 ms, then two single-server FCFS stations with exponential service of mean 500 ms
 * and 300 ms. Product form holds (exponential FCFS single-server stations, delay think station), so
 * MVA is exact: X ≈ 1.8171/s, R ≈ 2503.3 ms (think excluded), L at the stations = Σ Q_k ≈ 4.549.
 * The first station is nearly the bottleneck (N* = (Z + ΣD)/D_max = 7.6 < N, U ≈ 0.91).
 *
 * Statistical method (see replicate.ts and closed-network-model.ts):
 * - 20 independent replications, replication i drawing from `root.replication(i)` (its own `think`,
 *   `service:0`, `service:1` sub-streams), fixed master seed below.
 * - Warm-up: 500 s discarded (every customer starts thinking at t = 0). A cycle takes N/X ≈ 5.5 s and
 *   the bottleneck queue (≤ 10 customers, rates ≥ 2/s) relaxes within a few cycles, so 500 s ≈ 90
 *   cycle times is ample.
 * - Run length: 60,000 completed cycles per replication (pilot study on another seed: expected
 *   half-widths ≈ 0.6 × the bounds).
 * - 99 % Student-t CI over the replication means must contain the MVA value; half-width bounds 0.5 %
 *   of X, 1 % of R and of L.
 * - Little's law on the stations: per replication, |L − XR| / max(L, XR) < 1 % (at most N = 10
 *   customers in flight at each end of a window of 60,000 cycles: O(10⁻⁴)).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RandomStreams, mvaClosed } from '../../engine/index.js';
import { runClosedNetwork } from './closed-network-model.js';
import type { ClosedNetworkMeans } from './closed-network-model.js';
import { HOOK_TIMEOUT_MS, expectCiCovers, expectEveryBelow, replicate } from './replicate.js';
import type { Replications } from './replicate.js';

const SEED = 'capsim/validation/closed-network';
const POPULATION = 10;
const THINK_MS = 3000;
const SERVICE_MS = [500, 300];
const REPLICATIONS = 20;

describe('closed network (N = 10, Z = 3000 ms, two exponential FCFS stations) vs exact MVA', () => {
  const mva = mvaClosed({
    population: POPULATION,
    thinkTime: THINK_MS,
    stations: SERVICE_MS.map((demand) => ({ demand, kind: 'queue' as const })),
  });
  const atStations = mva.stations.reduce((sum, s) => sum + s.queueLength, 0);
  let reps: Replications<ClosedNetworkMeans>;

  beforeAll(() => {
    const root = new RandomStreams(SEED);
    const model = {
      population: POPULATION,
      thinkTimeMs: THINK_MS,
      serviceMs: SERVICE_MS,
      warmupMs: 500_000,
      cycles: 60_000,
    };
    reps = replicate(REPLICATIONS, (i) => runClosedNetwork(model, root.replication(i)));
  }, HOOK_TIMEOUT_MS);

  it('MVA values used as reference', () => {
    expect(mva.throughput * 1000).toBeCloseTo(1.8171, 4);
    expect(mva.responseTime).toBeCloseTo(2503.3, 1);
    expect(atStations + mva.throughput * THINK_MS).toBeCloseTo(POPULATION, 9);
  });

  it('throughput X', () => {
    expectCiCovers(
      'closed X (per ms)',
      reps.ci((m) => m.throughputPerMs),
      mva.throughput,
      0.005,
    );
  });

  it('response time R (think excluded)', () => {
    expectCiCovers(
      'closed R (ms)',
      reps.ci((m) => m.meanResponse),
      mva.responseTime,
      0.01,
    );
  });

  it('time-average number at the stations (analytic Σ Q_k)', () => {
    expectCiCovers(
      'closed L at stations',
      reps.ci((m) => m.meanAtStations),
      atStations,
      0.01,
    );
  });

  it("Little's law L = X·R at the stations holds in every replication", () => {
    expectEveryBelow(
      'closed Little gap',
      reps.values((m) => m.littleGap),
      0.01,
    );
  });
});
