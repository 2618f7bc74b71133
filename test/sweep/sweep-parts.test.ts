/** The parts of sweeps and capacity searches: values, the offered-load shorthand, the knee, bisection, the SLO. */
import { describe, expect, it } from 'vitest';
import { bisect } from '../../models/sweep/bisect.js';
import { capacityAnswer } from '../../models/sweep/capacity-search.js';
import type { ReplicationCapacity } from '../../models/sweep/capacity-search.js';
import { rangeValues, sweepPoints } from '../../models/sweep/expand.js';
import { SweepError } from '../../models/sweep/errors.js';
import { latencyKnee } from '../../models/sweep/knee.js';
import { offeredLoadAssignments } from '../../models/sweep/offered-load.js';
import { planSweep } from '../../models/sweep/plan.js';
import { varySchema } from '../../models/sweep/schema.js';
import { meetsSlo } from '../../models/sweep/slo.js';

const BASE = {
  name: 'small',
  load: {
    executor: 'constant-arrival-rate',
    rate: 50,
    timeUnit: '100ms',
    duration: '10s',
    preAllocatedVUs: 10,
  },
  endpoints: { get: { steps: [{ cpu: { exponential: '5ms' } }] } },
  services: { api: { replicas: 2, resources: { limits: { cpu: 1 } } } },
};

describe('parameter values', () => {
  it('spaces a range linearly or logarithmically, both ends included, and rounds integer ranges', () => {
    expect(rangeValues({ from: 100, to: 500, steps: 5 })).toEqual([100, 200, 300, 400, 500]);
    expect(rangeValues({ from: 10, to: 1000, steps: 3, scale: 'log' })).toEqual([10, 100, 1000]);
    expect(rangeValues({ from: 500, to: 100, steps: 3 })).toEqual([500, 300, 100]);
    expect(rangeValues({ from: 1, to: 3, steps: 5, integer: true })).toEqual([1, 2, 3]);
    expect(rangeValues({ from: 0, to: 1, steps: 4 })).toEqual([0, 0.333333, 0.666667, 1]);
  });

  it('refuses a log scale through zero, fewer than two steps, and unknown keys', () => {
    const bad = (vary: unknown) => varySchema.safeParse(vary).success;
    expect(bad([{ load: { from: 0, to: 10, steps: 3, scale: 'log' } }])).toBe(false);
    expect(bad([{ path: 'a', from: 1, to: 10, steps: 1 }])).toBe(false);
    expect(bad([{ path: 'a', values: [1], extra: 1 }])).toBe(false);
    expect(bad([])).toBe(false);
    expect(bad([{ load: [100, 200] }, { path: 'services.api.replicas', values: [1, 2] }])).toBe(true);
  });

  it('makes the grid of all combinations, the first parameter slowest', () => {
    const { parameters, points } = sweepPoints(BASE, [
      { load: [100, 200] },
      { path: 'services.api.replicas', values: [1, 2, 3] },
    ]);
    expect(parameters.map((p) => [p.name, p.unit])).toEqual([
      ['load', 'iterations/s'],
      ['services.api.replicas', null],
    ]);
    expect(points.map((p) => p.values)).toEqual([
      [100, 1],
      [100, 2],
      [100, 3],
      [200, 1],
      [200, 2],
      [200, 3],
    ]);
    expect(points[4]!.document).toMatchObject({
      load: { rate: 200, timeUnit: '1s' },
      services: { api: { replicas: 2 } },
    });
    // The base document is left alone.
    expect(BASE.load.rate).toBe(50);
  });

  it('names the parameter at fault: a path into nothing, a grid too large, a point off the schema', () => {
    const issuesOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(SweepError);
        return { code: (e as SweepError).code, paths: (e as SweepError).issues.map((i) => i.path) };
      }
      throw new Error('no error');
    };
    expect(issuesOf(() => sweepPoints(BASE, [{ path: 'services.web.replicas', values: [1] }]))).toEqual({
      code: 'SWEEP_ERR_PARAMETER',
      paths: ['vary[0].path'],
    });
    expect(
      issuesOf(() =>
        sweepPoints(BASE, [
          { load: { from: 1, to: 2, steps: 21 } },
          { path: 'seed', from: 1, to: 20, steps: 20 },
        ]),
      ),
    ).toEqual({ code: 'SWEEP_ERR_PARAMETER', paths: ['vary'] });
    expect(issuesOf(() => planSweep(BASE, [{ path: 'services.api.replicas', values: [2, 'two'] }]))).toEqual({
      code: 'SWEEP_ERR_POINT_INVALID',
      paths: ['points[1] (services.api.replicas="two"): services.api.replicas'],
    });
    const replay = { ...BASE, load: { executor: 'replay', arrivals: [0, 10] } };
    expect(issuesOf(() => sweepPoints(replay, [{ load: [1] }]))).toEqual({
      code: 'SWEEP_ERR_PARAMETER',
      paths: ['vary[0].load'],
    });
  });
});

describe('the offered-load shorthand', () => {
  const set = (load: Record<string, unknown>, value: number) => {
    const r = offeredLoadAssignments({ load }, value);
    return r.ok ? Object.fromEntries(r.assignments) : r.message;
  };

  it('sets the rate or the VUs of a constant executor', () => {
    expect(set({ executor: 'poisson', rate: '10/s' }, 300)).toEqual({ 'load.rate': 300 });
    expect(set({ executor: 'constant-vus', vus: 10 }, 12.6)).toEqual({ 'load.vus': 13 });
    expect(set({ executor: 'constant-vus', vus: 10 }, 0.2)).toEqual({ 'load.vus': 1 });
  });

  it('scales a ramping profile so that its peak is the value, per second for arrival rates', () => {
    const ramp = {
      executor: 'ramping-arrival-rate',
      startRate: 10,
      timeUnit: '1m',
      stages: [
        { duration: '1m', target: 60 },
        { duration: '1m', target: 30 },
      ],
    };
    // Peak 60/min = 1/s; 5/s is 300/min: × 5.
    expect(set(ramp, 5)).toEqual({
      'load.startRate': 50,
      'load.stages[0].target': 300,
      'load.stages[1].target': 150,
    });
    const vus = { executor: 'ramping-vus', stages: [{ duration: '1m', target: 40 }] };
    expect(set(vus, 80)).toEqual({ 'load.startVUs': 2, 'load.stages[0].target': 80 });
    expect(set({ executor: 'ramping-vus', startVUs: 0, stages: [{ duration: '1m', target: 0 }] }, 5)).toMatch(
      /zero throughout/,
    );
  });
});

describe('the knee', () => {
  const curve = (ys: number[]) => ys.map((p95Ms, i) => ({ index: i, value: 100 * (i + 1), p95Ms }));

  it('finds where a hockey-stick curve turns up', () => {
    // Scaled x − y: 500 → 4/6 − 5/190 = 0.640; 600 → 5/6 − 30/190 = 0.675 (the largest); 700 → 0.
    expect(latencyKnee(curve([10, 11, 12, 13, 15, 40, 200]))).toEqual({
      knee: { index: 5, value: 600, p95Ms: 40 },
    });
  });

  it('reports no knee for a straight line, a flat curve, or too few points', () => {
    expect(latencyKnee(curve([10, 20, 30, 40]))).toMatchObject({
      knee: null,
      reason: expect.stringMatching(/linearly/),
    });
    expect(latencyKnee(curve([10, 10, 10]))).toMatchObject({
      knee: null,
      reason: expect.stringMatching(/same/),
    });
    expect(latencyKnee(curve([10, 20]))).toMatchObject({ knee: null });
    // Points where nothing succeeded have no p95 and are left out.
    expect(latencyKnee([...curve([10, 11, 12, 100]), { index: 4, value: 500, p95Ms: null }])).toMatchObject({
      knee: { index: 2 },
    });
  });
});

describe('bisection and the capacity answer', () => {
  it('brackets a threshold to the resolution, and reports either end', () => {
    const tried: number[] = [];
    const found = bisect(0, 1000, 10, (x) => (tried.push(x), x < 437));
    expect(found).toEqual({ passing: 430, atUpperBound: false, failing: 440 });
    expect(tried.slice(0, 3)).toEqual([0, 1000, 500]);
    expect(bisect(0, 1000, 10, () => true)).toEqual({ passing: 1000, atUpperBound: true, failing: null });
    expect(bisect(0, 1000, 10, () => false)).toEqual({ passing: null, atUpperBound: false, failing: 0 });
  });

  it('is the mean of the replications with a Student-t interval, or says why there is none', () => {
    const rep = (capacity: number | null, atUpperBound = false): ReplicationCapacity => ({
      replication: 0,
      capacity,
      atUpperBound,
      trials: [],
    });
    const answer = capacityAnswer([rep(300), rep(310), rep(320)]);
    // mean 310, s = 10, t(0.975, 2) = 4.3027: ± 24.84.
    expect(answer.capacity!.value).toBe(310);
    expect(answer.capacity!.ci95![0]).toBeCloseTo(285.16, 1);
    expect(answer.capacity!.ci95![1]).toBeCloseTo(334.84, 1);
    expect(capacityAnswer([rep(300), rep(null)])).toMatchObject({ capacity: null, belowMin: 1 });
    expect(capacityAnswer([rep(300), rep(1000, true)]).note).toMatch(/at least/);
  });
});

describe('meeting a service level', () => {
  const ok = { failureRate: 0.001, p50Ms: 10, p95Ms: 40, p99Ms: 90 };
  it('holds when every limit given holds strictly; limits left out are not checked', () => {
    expect(meetsSlo(ok, { failureRate: 0.01 })).toBe(true);
    expect(meetsSlo(ok, { failureRate: 0.01, p95Ms: 50, p99Ms: 100 })).toBe(true);
    expect(meetsSlo(ok, { failureRate: 0.01, p95Ms: 40 })).toBe(false);
    expect(meetsSlo(ok, { failureRate: 0.001 })).toBe(false);
    expect(meetsSlo(ok, { failureRate: 0.01, p50Ms: 9 })).toBe(false);
  });

  it('fails when a figure it checks was not measured', () => {
    expect(meetsSlo({ ...ok, p95Ms: null }, { failureRate: 0.01, p95Ms: 50 })).toBe(false);
    expect(meetsSlo({ ...ok, p95Ms: null }, { failureRate: 0.01 })).toBe(true);
    expect(meetsSlo({ ...ok, failureRate: null }, { failureRate: 1 })).toBe(false);
  });
});
