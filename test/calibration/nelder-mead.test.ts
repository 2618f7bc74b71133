/**
 * The bounded Nelder–Mead minimiser on functions with known minima: inside the box, on its
 * surface, just inside a face (where naive clamping stalls), across decades on a log scale, in one
 * dimension; plus determinism, the evaluation budget and input errors.
 */
import { describe, expect, it } from 'vitest';
import { minimize, type ParameterBounds } from '../../models/calibration/nelder-mead.js';
import { errorOf } from './error-of.js';

type Fn = (x: readonly number[]) => number;

const quadratic: Fn = ([x = 0, y = 0]) => (x - 3) ** 2 + 2 * (y + 1) ** 2;
const rosenbrock: Fn = ([x = 0, y = 0]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;

describe('minimize', () => {
  it('finds the minimum of a 2-D quadratic inside the box', () => {
    const r = minimize(
      quadratic,
      [8, 4],
      [
        { min: 0, max: 10 },
        { min: -5, max: 5 },
      ],
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(3, 3);
    expect(r.x[1]).toBeCloseTo(-1, 3);
    expect(r.f).toBeLessThan(1e-6);
    expect(r.evaluations).toBeLessThanOrEqual(200);
  });

  it('records every evaluation in order, starting at x0, and returns the best', () => {
    const seen: number[][] = [];
    const r = minimize(
      (x) => {
        seen.push([...x]);
        return quadratic(x);
      },
      [8, 4],
      [
        { min: 0, max: 10 },
        { min: -5, max: 5 },
      ],
    );
    expect(r.history).toHaveLength(r.evaluations);
    expect(r.history.map((h) => h.x)).toEqual(seen);
    expect(r.history[0]).toEqual({ x: [8, 4], f: quadratic([8, 4]) });
    expect(r.f).toBe(Math.min(...r.history.map((h) => h.f)));
  });

  it('minimizes Rosenbrock in 2-D to 1e-3 within 300 evaluations', () => {
    const r = minimize(
      rosenbrock,
      [-1.2, 1],
      [
        { min: -2, max: 2 },
        { min: -1, max: 3 },
      ],
      { maxEvaluations: 300 },
    );
    expect(r.evaluations).toBeLessThanOrEqual(300);
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-3);
    expect(Math.abs(r.x[1]! - 1)).toBeLessThan(1e-3);
  });

  it('clamps to the box when the minimum is outside it, and stays inside', () => {
    const bounds = [
      { min: 0, max: 3 },
      { min: 0, max: 3 },
    ];
    const r = minimize(([x = 0, y = 0]) => (x - 5) ** 2 + (y - 1) ** 2, [0.5, 0.5], bounds);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBe(3);
    expect(r.x[1]).toBeCloseTo(1, 3);
    for (const { x } of r.history) {
      x.forEach((xi, i) => {
        expect(xi).toBeGreaterThanOrEqual(bounds[i]!.min);
        expect(xi).toBeLessThanOrEqual(bounds[i]!.max);
      });
    }
  });

  it.each([
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
  ])('finds a minimum just inside a face from the corner (%d, %d)', (x, y) => {
    // Minimum at (0.897436, 0.005128): a clamped simplex flattens onto y = 0 and stalls at x = 0.9.
    const f: Fn = ([a = 0, b = 0]) => (a - 0.9) ** 2 + 10 * (b - 0.05) ** 2 + a * b;
    const r = minimize(
      f,
      [x, y],
      [
        { min: 0, max: 1 },
        { min: 0, max: 1 },
      ],
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(0.1 * (9 - 0.1 / 3.9), 3);
    expect(r.x[1]).toBeCloseTo(0.1 / 19.5, 3);
  });

  it('fits log-scale parameters spanning 1e-3..1e3', () => {
    const bounds: ParameterBounds[] = [
      { min: 1e-3, max: 1e3, scale: 'log' },
      { min: 1e-3, max: 1e3, scale: 'log' },
    ];
    const f: Fn = ([a = 1, b = 1]) => Math.log(a / 0.01) ** 2 + Math.log(b / 300) ** 2;
    const r = minimize(f, [1, 1], bounds);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0]! / 0.01 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(r.x[1]! / 300 - 1)).toBeLessThan(1e-3);
  });

  it('reaches the ends of a log scale exactly', () => {
    const r = minimize(([a = 1]) => a, [10], [{ min: 1e-3, max: 1e3, scale: 'log' }]);
    expect(r.x).toEqual([1e-3]);
  });

  it('treats parameters of very different magnitudes alike (5 ms and 400 VUs)', () => {
    const f: Fn = ([ms = 0, vus = 0]) => ((ms - 5) / 5) ** 2 + ((vus - 400) / 400) ** 2;
    const r = minimize(
      f,
      [15, 100],
      [
        { min: 1, max: 20 },
        { min: 50, max: 1000 },
      ],
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(5, 2);
    expect(r.x[1]).toBeCloseTo(400, 0);
  });

  it('works in one dimension', () => {
    const r = minimize(([x = 0]) => (x - 2) ** 2, [-7], [{ min: -10, max: 10 }]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(2, 3);
  });

  it('is deterministic', () => {
    const run = () =>
      minimize(
        rosenbrock,
        [0, 0],
        [
          { min: -2, max: 2 },
          { min: -2, max: 2 },
        ],
      );
    expect(run()).toEqual(run());
  });

  it('stops unconverged at maxEvaluations with the best point so far', () => {
    const r = minimize(
      rosenbrock,
      [-1.2, 1],
      [
        { min: -2, max: 2 },
        { min: -1, max: 3 },
      ],
      { maxEvaluations: 10 },
    );
    expect(r.converged).toBe(false);
    expect(r.evaluations).toBe(10);
    expect(r.f).toBe(Math.min(...r.history.map((h) => h.f)));
    expect(r.x).toEqual(r.history.find((h) => h.f === r.f)!.x);
  });

  it('honours initialStep, tolerance and xTolerance', () => {
    const bounds = [
      { min: 0, max: 10 },
      { min: -5, max: 5 },
    ];
    const loose = minimize(quadratic, [8, 4], bounds, { tolerance: 1e-2, xTolerance: 1e-2 });
    const tight = minimize(quadratic, [8, 4], bounds, {
      tolerance: 1e-12,
      xTolerance: 1e-7,
      maxEvaluations: 1000,
    });
    expect(loose.converged && tight.converged).toBe(true);
    expect(loose.evaluations).toBeLessThan(tight.evaluations);
    expect(tight.f).toBeLessThan(1e-12);
    const wide = minimize(quadratic, [8, 4], bounds, { initialStep: 0.5 });
    // x0 = 8 is at u = 0.8: a step of 0.5 up would leave the box, so it goes down to u = 0.3.
    expect(wide.history[1]!.x[0]).toBeCloseTo(3, 12);
    expect(wide.history[1]!.x[1]).toBe(4);
  });
});

describe('minimize errors (CAL_ERR_INVALID)', () => {
  const box = [{ min: 0, max: 1 }];
  it.each<[string, () => unknown, RegExp]>([
    ['min = max', () => minimize(() => 0, [1], [{ min: 1, max: 1 }]), /bounds\[0\]/],
    ['min > max', () => minimize(() => 0, [1], [{ min: 2, max: 1 }]), /bounds\[0\]/],
    ['a non-finite bound', () => minimize(() => 0, [1], [{ min: 0, max: Infinity }]), /bounds\[0\]/],
    [
      'a log scale with min = 0',
      () => minimize(() => 0, [1], [{ min: 0, max: 10, scale: 'log' }]),
      /min > 0/,
    ],
    [
      'a log scale with min < 0',
      () => minimize(() => 0, [1, 1], [...box, { min: -1, max: 10, scale: 'log' }]),
      /bounds\[1\]/,
    ],
    ['x0 above its bounds', () => minimize(() => 0, [2], box), /x0\[0\] = 2/],
    ['x0 below its bounds', () => minimize(() => 0, [-0.5], box), /x0\[0\] = -0.5/],
    ['x0 NaN', () => minimize(() => 0, [NaN], box), /x0\[0\]/],
    ['no dimensions', () => minimize(() => 0, [], []), /no coordinates/],
    ['a length mismatch', () => minimize(() => 0, [0.5, 0.5], box), /1 entries for 2/],
    ['maxEvaluations 0', () => minimize(() => 0, [0.5], box, { maxEvaluations: 0 }), /maxEvaluations/],
    ['initialStep 0', () => minimize(() => 0, [0.5], box, { initialStep: 0 }), /initialStep/],
    ['f = NaN', () => minimize(([x = 0]) => (x > 0.55 ? NaN : x), [0.5], box), /NaN at x = \[0\.6\]/],
    ['f = Infinity', () => minimize(() => Infinity, [0.25], box), /Infinity at x = \[0\.25\]/],
  ])('rejects %s', (_what, run, message) => {
    const error = errorOf(run);
    expect(error.code).toBe('CAL_ERR_INVALID');
    expect(error.message).toMatch(message);
  });
});
