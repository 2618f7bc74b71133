import { describe, expect, it } from 'vitest';
import { interactiveResponseTime, mvaClosed } from '../../../engine/queueing/index.js';
import type { MvaStation } from '../../../engine/queueing/index.js';
import { expectClose } from './expect-close.js';

/**
 * Independent solution by Buzen's convolution algorithm (J. P. Buzen, CACM 16(9), 1973):
 * the normalization constant G(n) of the product form, with the think time as an extra delay center.
 * X(N) = G(N−1)/G(N); queueing center: Q_k = Σ_{j=1..N} D_k^j·G(N−j)/G(N); delay center: Q_k = X·D_k.
 */
function buzen(population: number, thinkTime: number, stations: MvaStation[]) {
  const delayDemands = [thinkTime, ...stations.filter((s) => s.kind === 'delay').map((s) => s.demand)];
  let g = [1, ...new Array<number>(population).fill(0)];
  for (const d of delayDemands) {
    // Convolve with the infinite-server factor d^j / j!.
    const next = new Array<number>(population + 1).fill(0);
    for (let n = 0; n <= population; n++) {
      let factor = 1;
      for (let j = 0; j <= n; j++) {
        if (j > 0) factor *= d / j;
        next[n]! += g[n - j]! * factor;
      }
    }
    g = next;
  }
  for (const s of stations) {
    if (s.kind === 'delay') continue;
    for (let n = 1; n <= population; n++) g[n]! += s.demand * g[n - 1]!;
  }
  const throughput = g[population - 1]! / g[population]!;
  const queueLengths = stations.map((s) => {
    if (s.kind === 'delay') return throughput * s.demand;
    let q = 0;
    for (let j = 1; j <= population; j++) q += (s.demand ** j * g[population - j]!) / g[population]!;
    return q;
  });
  return { throughput, queueLengths };
}

describe('mvaClosed', () => {
  it.each([
    { d: 1, z: 0 },
    { d: 0.25, z: 4 },
    { d: 3, z: 7 },
    { d: 0, z: 2 },
  ])('N = 1, one queue: X = 1/(D + Z), R = D (D=$d, Z=$z)', ({ d, z }) => {
    const r = mvaClosed({ population: 1, thinkTime: z, stations: [{ demand: d }] });
    expectClose(r.throughput, 1 / (d + z), 1e-15);
    expectClose(r.responseTime, d, 1e-15);
    expectClose(r.cycleTime, d + z, 1e-15);
    expect(r.stations[0]).toMatchObject({ name: 'station 0' });
  });

  it('large N: throughput approaches 1/D_max (bottleneck), never exceeds the asymptotic bounds', () => {
    const stations: MvaStation[] = [
      { name: 'cpu', demand: 0.5 },
      { name: 'db', demand: 2 },
      { name: 'disk', demand: 1 },
      { name: 'net', demand: 3, kind: 'delay' },
    ];
    const z = 10;
    const r = mvaClosed({ population: 300, thinkTime: z, stations });
    expectClose(r.throughput, 0.5, 1e-9);
    expectClose(r.stations[1]!.utilization, 1, 1e-9);
    const total = 0.5 + 2 + 1 + 3;
    let previous = 0;
    for (const p of r.byPopulation) {
      // Monotone and within the asymptotic bounds (Lazowska et al. 1984, ch. 5), up to rounding.
      expect(p.throughput).toBeGreaterThanOrEqual(previous * (1 - 1e-12));
      expect(p.throughput).toBeLessThanOrEqual(Math.min(p.n / (total + z), 1 / 2) * (1 + 1e-12));
      previous = p.throughput;
    }
    expect(r.stations.map((s) => s.name)).toEqual(['cpu', 'db', 'disk', 'net']);
  });

  it('interactive response time law R = N/X − Z holds at every n', () => {
    const z = 5;
    const r = mvaClosed({
      population: 50,
      thinkTime: z,
      stations: [{ demand: 0.3 }, { demand: 0.7 }, { demand: 1.1, kind: 'delay' }],
    });
    expect(r.byPopulation).toHaveLength(50);
    r.byPopulation.forEach((p, i) => {
      expect(p.n).toBe(i + 1);
      expectClose(p.responseTime, interactiveResponseTime(p.n, p.throughput, z), 1e-12);
    });
    expect(r.byPopulation.at(-1)).toEqual({ n: 50, throughput: r.throughput, responseTime: r.responseTime });
  });

  it('by hand: D = [1, 2], Z = 0, N = 3 → G = 1, 3, 7, 15; X = 7/15, Q = [11/15, 34/15]', () => {
    const r = mvaClosed({ population: 3, thinkTime: 0, stations: [{ demand: 1 }, { demand: 2 }] });
    expectClose(r.throughput, 7 / 15, 1e-15);
    expectClose(r.responseTime, 45 / 7, 1e-14);
    expectClose(r.stations[0]!.queueLength, 11 / 15, 1e-15);
    expectClose(r.stations[1]!.queueLength, 34 / 15, 1e-15);
    expectClose(r.stations[0]!.residenceTime, 11 / 7, 1e-15);
    expectClose(r.stations[1]!.residenceTime, 34 / 7, 1e-15);
    expectClose(r.stations[1]!.utilization, 14 / 15, 1e-15);
    expectClose(r.byPopulation[0]!.throughput, 1 / 3, 1e-15);
    expectClose(r.byPopulation[1]!.throughput, 3 / 7, 1e-15);
  });

  it.each([
    { population: 3, thinkTime: 0, stations: [{ demand: 1 }, { demand: 2 }] },
    { population: 3, thinkTime: 4, stations: [{ demand: 0.4 }, { demand: 1.5 }] },
    { population: 7, thinkTime: 2.5, stations: [{ demand: 0.2 }, { demand: 0.9 }, { demand: 0.9 }] },
    {
      population: 12,
      thinkTime: 1,
      stations: [{ demand: 0.3 }, { demand: 0.5, kind: 'delay' as const }, { demand: 0.45 }],
    },
    {
      population: 25,
      thinkTime: 0,
      stations: [{ demand: 0.01 }, { demand: 0.02 }, { demand: 0, kind: 'queue' as const }],
    },
  ])('agrees with Buzen convolution to 1e-9 (N=$population, Z=$thinkTime)', (input) => {
    const r = mvaClosed(input);
    const reference = buzen(input.population, input.thinkTime, input.stations);
    expectClose(r.throughput, reference.throughput, 1e-9);
    r.stations.forEach((s, k) => {
      expectClose(s.queueLength, reference.queueLengths[k]!, 1e-9);
      expectClose(s.residenceTime, reference.queueLengths[k]! / reference.throughput, 1e-9);
      expectClose(s.utilization, reference.throughput * input.stations[k]!.demand, 1e-9);
    });
    // Population conservation: customers at the centers plus those thinking.
    const atCenters = r.stations.reduce((sum, s) => sum + s.queueLength, 0);
    expectClose(atCenters + r.throughput * input.thinkTime, input.population, 1e-9);
  });

  it('delay stations only: X = N/(Z + ΣD) at every n', () => {
    const r = mvaClosed({ population: 10, thinkTime: 1, stations: [{ demand: 2, kind: 'delay' }] });
    for (const p of r.byPopulation) expectClose(p.throughput, p.n / 3, 1e-15);
  });

  it('no stations, only think time: X = N/Z, R = 0', () => {
    const r = mvaClosed({ population: 4, thinkTime: 2, stations: [] });
    expect(r.throughput).toBe(2);
    expect(r.responseTime).toBe(0);
    expect(r.stations).toEqual([]);
  });
});
