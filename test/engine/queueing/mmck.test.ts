import { describe, expect, it } from 'vitest';
import { erlangB, mmc, mmck } from '../../../engine/queueing/index.js';
import { expectClose, expectRelClose } from './expect-close.js';

describe('mmck', () => {
  it('M/M/2/5, λ = 3, μ = 1 matches exact rational values', () => {
    const r = mmck(3, 1, 2, 5);
    expectClose(r.blockingProbability, 243 / 649, 1e-14);
    expectClose(r.throughput, 1218 / 649, 1e-14);
    expectClose(r.meanInSystem, 2379 / 649, 1e-14);
    expectClose(r.meanQueueLength, 1161 / 649, 1e-14);
    expectClose(r.meanResponse, 793 / 406, 1e-14);
    expectClose(r.utilization, 609 / 649, 1e-14);
    expect(r.stateProbabilities).toHaveLength(6);
  });

  it.each([
    { c: 1, a: 1 },
    { c: 2, a: 1 },
    { c: 10, a: 5 },
    { c: 100, a: 80 },
    { c: 1000, a: 1000 },
    { c: 1000, a: 0.5 },
    { c: 3, a: 1000 },
  ])('K = c is Erlang B (c=$c, a=$a)', ({ c, a }) => {
    const r = mmck(a * 0.01, 0.01, c, c);
    expectRelClose(r.blockingProbability, erlangB(c, a), 1e-10);
    expect(r.meanQueueLength).toBe(0);
    expectClose(r.meanWait, 0, 0);
    expectClose(r.meanResponse, 100, 1e-12);
  });

  it.each([
    { lambda: 7.2, mu: 1, c: 8 },
    { lambda: 0.5, mu: 1, c: 1 },
    { lambda: 900, mu: 1, c: 1000 },
  ])('large K with ρ < 1 approaches M/M/c (λ=$lambda, μ=$mu, c=$c)', ({ lambda, mu, c }) => {
    const finite = mmck(lambda, mu, c, c + 2000);
    const infinite = mmc(lambda, mu, c);
    expect(finite.blockingProbability).toBeLessThan(1e-12);
    expectClose(finite.meanResponse, infinite.meanResponse, 1e-9);
    expectClose(finite.meanWait, infinite.meanWait, 1e-9);
    expectClose(finite.meanInSystem, infinite.meanInSystem, 1e-9);
    expectClose(finite.utilization, infinite.utilization, 1e-9);
  });

  it.each([
    { lambda: 3, mu: 1, c: 2, K: 5 },
    { lambda: 2000, mu: 1, c: 1000, K: 5000 }, // ρ = 2
    { lambda: 1000, mu: 1, c: 1000, K: 3000 }, // ρ = 1
    { lambda: 0.001, mu: 1, c: 1000, K: 1000 },
    { lambda: 50, mu: 1, c: 1, K: 200 }, // ρ = 50
    { lambda: 0, mu: 1, c: 4, K: 10 },
  ])('probabilities sum to 1 and Little holds, any ρ (λ=$lambda, c=$c, K=$K)', ({ lambda, mu, c, K }) => {
    const r = mmck(lambda, mu, c, K);
    expect(r.stateProbabilities).toHaveLength(K + 1);
    expect(r.stateProbabilities.every((p) => Number.isFinite(p) && p >= 0 && p <= 1)).toBe(true);
    expectClose(
      r.stateProbabilities.reduce((s, p) => s + p, 0),
      1,
      1e-12,
    );
    for (const v of Object.values(r)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    expectClose(r.meanInSystem, r.throughput * r.meanResponse, 1e-9);
    expectClose(r.meanQueueLength, r.throughput * r.meanWait, 1e-9);
    expect(r.utilization).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('ρ > 1: throughput saturates at cμ and blocking at 1 − cμ/λ as K grows', () => {
    const r = mmck(2000, 1, 1000, 5000);
    expectClose(r.blockingProbability, 0.5, 1e-9);
    expectClose(r.throughput, 1000, 1e-9);
    expectClose(r.utilization, 1, 1e-9);
  });

  it('ρ = 1 single server: uniform distribution over 0..K', () => {
    const r = mmck(1, 1, 1, 9);
    for (const p of r.stateProbabilities) expectClose(p, 0.1, 1e-15);
  });

  it('λ = 0: empty system, service-only response', () => {
    const r = mmck(0, 4, 2, 5);
    expect(r.stateProbabilities[0]).toBe(1);
    expect(r.blockingProbability).toBe(0);
    expect(r.throughput).toBe(0);
    expect(r.meanWait).toBe(0);
    expect(r.meanResponse).toBe(0.25);
  });
});
