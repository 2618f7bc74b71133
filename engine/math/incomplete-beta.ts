import { logGamma } from './log-gamma.js';

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

/**
 * Regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b).
 *
 * Method: the continued fraction of Numerical Recipes (Press et al., 3rd ed. 2007, §6.4),
 * evaluated with the modified Lentz algorithm (Lentz 1976; Thompson & Barnett 1986), applied to
 * I_x(a, b) when x < (a + 1) / (a + b + 2) and to 1 − I_{1−x}(b, a) otherwise, where it converges
 * fast. Accuracy: about 1e-14 relative for moderate a and b (up to ~1e5).
 *
 * @param x - in [0, 1].
 * @param a - shape, ≥ 0.5.
 * @param b - shape, ≥ 0.5.
 * @param y - `1 − x`; pass it when it is known more accurately than `1 − x` (x close to 1).
 * @throws RangeError if an argument is out of range; Error if the fraction fails to converge.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, y = 1 - x): number {
  if (!(x >= 0 && x <= 1)) throw new RangeError(`regularizedIncompleteBeta: x must be in [0, 1], got ${x}`);
  if (x === 0) return 0;
  if (y <= 0) return 1;
  const logFront = a * Math.log(x) + b * Math.log(y) - (logGamma(a) + logGamma(b) - logGamma(a + b));
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * continuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * continuedFraction(y, b, a)) / b;
}

function continuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = nonZero(1 - (qab * x) / qap);
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    // Even step of the fraction.
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 / nonZero(1 + aa * d);
    c = nonZero(1 + aa / c);
    h *= d * c;
    // Odd step.
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 / nonZero(1 + aa * d);
    c = nonZero(1 + aa / c);
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  throw new Error(`regularizedIncompleteBeta: no convergence for a=${a}, b=${b}, x=${x}`);
}

// Lentz's guard: a zero denominator is replaced by a tiny number instead of dividing by zero.
function nonZero(v: number): number {
  return Math.abs(v) < TINY ? TINY : v;
}
