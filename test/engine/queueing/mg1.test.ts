import { describe, expect, it } from 'vitest';
import { md1MeanWait, mg1, mg1MeanWait, mm1 } from '../../../engine/queueing/index.js';
import { expectClose } from './expect-close.js';

const loads = [
  { lambda: 0, s: 2 },
  { lambda: 0.1, s: 2 },
  { lambda: 0.25, s: 2 },
  { lambda: 0.45, s: 2 },
  { lambda: 0.0099, s: 100 }, // per-ms, ρ = 0.99
];

describe('Pollaczek–Khinchine', () => {
  it.each(loads)(
    'exponential service (Var = S²) gives the M/M/1 mean wait (λ=$lambda, S=$s)',
    ({ lambda, s }) => {
      const exp = mm1(lambda, 1 / s);
      expectClose(mg1MeanWait(lambda, s, s * s), exp.meanWait, 1e-12);
      const r = mg1(lambda, s, s * s);
      expectClose(r.meanResponse, exp.meanResponse, 1e-12);
      expectClose(r.meanInSystem, exp.meanInSystem, 1e-12);
      expectClose(r.meanQueueLength, exp.meanQueueLength, 1e-12);
      expectClose(r.utilization, exp.utilization, 1e-15);
    },
  );

  it.each(loads)(
    'deterministic service: M/D/1 = P-K with Var 0 = half of M/M/1 (λ=$lambda, S=$s)',
    ({ lambda, s }) => {
      const md1 = md1MeanWait(lambda, s);
      expectClose(md1, mg1MeanWait(lambda, s, 0), 1e-12);
      expectClose(md1, mm1(lambda, 1 / s).meanWait / 2, 1e-12);
    },
  );

  it.each(loads)('mg1 is internally consistent (λ=$lambda, S=$s)', ({ lambda, s }) => {
    const r = mg1(lambda, s, 3 * s * s);
    expect(r.meanWait).toBe(mg1MeanWait(lambda, s, 3 * s * s));
    expectClose(r.meanResponse, r.meanWait + s, 1e-15);
    expectClose(r.meanQueueLength, lambda * r.meanWait, 1e-15);
    expectClose(r.meanInSystem, r.meanQueueLength + r.utilization, 1e-12);
  });

  it('by hand: λ = 0.5, E[S] = 1, Var = 4 → Wq = 0.5·5 / (2·0.5) = 2.5', () => {
    expectClose(mg1MeanWait(0.5, 1, 4), 2.5, 1e-15);
  });
});
