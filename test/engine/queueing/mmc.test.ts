import { describe, expect, it } from 'vitest';
import { mm1, mmc } from '../../../engine/queueing/index.js';
import type { MmcResult } from '../../../engine/queueing/index.js';
import { expectClose } from './expect-close.js';

const cases = [
  { lambda: 7.2, mu: 1, c: 8 },
  { lambda: 0.5, mu: 1, c: 1 },
  { lambda: 0.03, mu: 0.01, c: 4 }, // per-ms rates
  { lambda: 950, mu: 1, c: 1000 },
  { lambda: 999, mu: 1, c: 1000 },
  { lambda: 0, mu: 2, c: 3 },
];

describe('mmc', () => {
  it('M/M/8, λ = 7.2, μ = 1: mean wait 0.87691624 (exact reference)', () => {
    const r = mmc(7.2, 1, 8);
    // Exact rational arithmetic: C(8, 7.2)/0.8 = 0.87691623768282…
    expectClose(r.meanWait, 0.8769162376828212, 1e-13);
    expect(r.meanWait.toFixed(4)).toBe('0.8769');
    expectClose(r.probWait, 0.7015329901462569, 1e-13);
    expectClose(r.utilization, 0.9, 1e-15);
    expectClose(r.meanResponse, 1.8769162376828212, 1e-13);
  });

  it.each([0, 0.2, 0.5, 0.9, 0.99])('c = 1 reduces to M/M/1 closed forms at ρ = %s', (rho) => {
    const mu = 2;
    const lambda = rho * mu;
    const r = mmc(lambda, mu, 1);
    expect(mm1(lambda, mu)).toMatchObject({
      utilization: r.utilization,
      probWait: r.probWait,
      meanWait: r.meanWait,
      meanResponse: r.meanResponse,
    });
    expectClose(r.probWait, rho, 1e-14);
    expectClose(r.meanResponse, 1 / (mu - lambda), 1e-12);
    expectClose(r.meanWait, rho / (mu - lambda), 1e-12);
    expectClose(r.meanInSystem, rho / (1 - rho), 1e-12);
  });

  it.each(cases)("Little's law holds within the result (λ=$lambda, μ=$mu, c=$c)", ({ lambda, mu, c }) => {
    const r = mmc(lambda, mu, c);
    expectClose(r.meanInSystem, lambda * r.meanResponse, 1e-12);
    expectClose(r.meanQueueLength, lambda * r.meanWait, 1e-12);
    expectClose(r.meanResponse, r.meanWait + 1 / mu, 1e-12);
    expectClose(r.meanInSystem - r.meanQueueLength, lambda / mu, 1e-9);
  });

  it.each(cases)('waitQuantile inverts probWaitExceeds (λ=$lambda, μ=$mu, c=$c)', ({ lambda, mu, c }) => {
    const r: MmcResult = mmc(lambda, mu, c);
    expectClose(r.probWaitExceeds(0), r.probWait, 1e-15);
    expect(r.probWaitExceeds(-1)).toBe(1);
    expect(r.waitQuantile(0)).toBe(0);
    for (const q of [0.05, 0.5, 0.9, 0.95, 0.99, 0.999]) {
      const t = r.waitQuantile(q);
      expect(t).toBeGreaterThanOrEqual(0);
      if (q <= 1 - r.probWait) {
        expect(t).toBe(0);
      } else {
        expectClose(r.probWaitExceeds(t), 1 - q, 1e-12);
      }
    }
  });

  it('wait distribution: integral of P(W > t) equals the mean wait', () => {
    const r = mmc(7.2, 1, 8);
    // ∫0^∞ C e^{-θt} dt = C/θ; check by trapezoid on a fine grid.
    const h = 1e-3;
    let integral = 0;
    for (let t = 0; t < 60; t += h) integral += ((r.probWaitExceeds(t) + r.probWaitExceeds(t + h)) / 2) * h;
    expectClose(integral, r.meanWait, 1e-6);
  });

  it('waitQuantile(1) is +∞ when arrivals can wait, 0 when they cannot', () => {
    expect(mmc(7.2, 1, 8).waitQuantile(1)).toBe(Infinity);
    expect(mmc(0, 1, 8).waitQuantile(1)).toBe(0);
  });

  it('M/M/8 p95 wait by hand: −ln(0.05/C)/0.8', () => {
    const r = mmc(7.2, 1, 8);
    expectClose(r.waitQuantile(0.95), -Math.log(0.05 / 0.7015329901462569) / 0.8, 1e-12);
  });
});
