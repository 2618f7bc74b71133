import { describe, it, expect } from 'vitest';
import { gammaFunction, normalCdf, normalQuantile } from '../../../engine/math/index.js';
import { Z_95 } from '../../../engine/rng/index.js';

// Reference values computed with mpmath at 40 digits (inputs taken as the exact doubles).
const QUANTILES: readonly [number, number][] = [
  [1e-300, -37.0470962993612],
  [1e-10, -6.361340902404057],
  [0.001, -3.0902323061678136],
  [0.01, -2.326347874040841],
  [0.1, -1.2815515655446004],
  [0.3, -0.5244005127080408],
  [0.5, 0],
  [0.9, 1.2815515655446006],
  [0.975, 1.9599639845400538],
  [0.99, 2.3263478740408408],
  [0.999, 3.090232306167813],
];

describe('normalQuantile (AS 241)', () => {
  it('matches reference quantiles to ~1e-15 relative', () => {
    for (const [p, z] of QUANTILES) {
      expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(1e-15 * Math.abs(z));
    }
    expect(Math.abs(normalQuantile(0.95) - Z_95)).toBeLessThan(2e-15);
  });

  it('maps 0 and 1 to infinities and rejects p outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    for (const p of [-0.1, 1.1, NaN]) expect(() => normalQuantile(p)).toThrow(RangeError);
  });

  it('inverts normalCdf', () => {
    for (let p = 0.0005; p < 1; p += 0.0125) {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-15);
    }
  });
});

describe('normalCdf', () => {
  it('matches reference values, including relative accuracy in the lower tail', () => {
    const cases: readonly [number, number][] = [
      [-20, 2.7536241186062337e-89],
      [-8, 6.220960574271784e-16],
      [-3.5, 0.00023262907903552504],
      [-1, 0.15865525393145705],
      [0, 0.5],
      [1, 0.8413447460685429],
      [2.9, 0.998134186699616],
      [4, 0.9999683287581669],
    ];
    for (const [x, phi] of cases) expect(Math.abs(normalCdf(x) - phi)).toBeLessThanOrEqual(1e-14 * phi);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
  });
});

describe('gammaFunction (Lanczos)', () => {
  it('matches factorials and half-integer values', () => {
    const cases: readonly [number, number][] = [
      [1, 1],
      [5, 24],
      [0.5, Math.sqrt(Math.PI)],
      [1.5, Math.sqrt(Math.PI) / 2],
      [0.1, 9.51350769866873],
      [10.3, 716430.6890623764],
    ];
    for (const [x, g] of cases) expect(Math.abs(gammaFunction(x) - g)).toBeLessThanOrEqual(1e-14 * g);
    expect(gammaFunction(200)).toBe(Infinity);
    for (const x of [0, -1, NaN, Infinity]) expect(() => gammaFunction(x)).toThrow(RangeError);
  });
});
