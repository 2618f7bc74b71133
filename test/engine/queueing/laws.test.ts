import { describe, expect, it } from 'vitest';
import { interactiveResponseTime, littleL, littleW, littlesLawGap } from '../../../engine/queueing/index.js';
import { expectClose } from './expect-close.js';

describe("Little's law", () => {
  it.each([
    { lambda: 2, w: 3, l: 6 },
    { lambda: 0.004, w: 250, l: 1 }, // per-ms rate, ms time
    { lambda: 0, w: 5, l: 0 },
  ])('L = λW and W = L/λ (λ=$lambda, W=$w)', ({ lambda, w, l }) => {
    expectClose(littleL(lambda, w), l, 1e-15);
    if (lambda > 0) expectClose(littleW(l, lambda), w, 1e-15);
  });

  it.each([
    { meanNumber: 6, arrivalRate: 2, meanTime: 3, gap: 0 },
    { meanNumber: 0, arrivalRate: 0, meanTime: 0, gap: 0 },
    { meanNumber: 0, arrivalRate: 5, meanTime: 0, gap: 0 },
    { meanNumber: 9, arrivalRate: 2, meanTime: 5, gap: 0.1 },
    { meanNumber: 11, arrivalRate: 2, meanTime: 5, gap: 1 / 11 },
    { meanNumber: 3, arrivalRate: 0, meanTime: 5, gap: 1 },
    { meanNumber: 0, arrivalRate: 1, meanTime: 5, gap: 1 },
  ])('littlesLawGap(L=$meanNumber, λ=$arrivalRate, W=$meanTime) = $gap', (input) => {
    expectClose(littlesLawGap(input), input.gap, 1e-15);
  });

  it('the gap is symmetric in which side is larger and scale-free', () => {
    const a = littlesLawGap({ meanNumber: 9, arrivalRate: 2, meanTime: 5 });
    const b = littlesLawGap({ meanNumber: 9000, arrivalRate: 2000, meanTime: 5 });
    expectClose(a, b, 1e-15);
    expect(littlesLawGap({ meanNumber: 10, arrivalRate: 1.8, meanTime: 5 })).toBe(a);
  });
});

describe('interactiveResponseTime', () => {
  it.each([
    { n: 10, x: 2, z: 3, r: 2 },
    { n: 100, x: 0.05, z: 1000, r: 1000 }, // per-ms throughput, ms think time
    { n: 1, x: 0.25, z: 0, r: 4 },
    { n: 10, x: 5, z: 3, r: -1 }, // inconsistent measurements are reported, not clamped
  ])('R = N/X − Z (N=$n, X=$x, Z=$z) = $r', ({ n, x, z, r }) => {
    expectClose(interactiveResponseTime(n, x, z), r, 1e-15);
  });
});
