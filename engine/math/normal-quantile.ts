// Wichura, M. J. (1988). Algorithm AS 241: The percentage points of the normal distribution.
// Applied Statistics 37(3), 477–484 (PPND16). The coefficients are transcribed verbatim from the
// paper, lowest degree first, so they can be checked against it; the extra digits are harmless.
/* eslint-disable no-loss-of-precision -- verbatim published coefficients, see above */
const A = [
  3.387132872796366608, 1.3314166789178437745e2, 1.9715909503065514427e3, 1.3731693765509461125e4,
  4.5921953931549871457e4, 6.7265770927008700853e4, 3.3430575583588128105e4, 2.5090809287301226727e3,
] as const;
const B = [
  1, 4.2313330701600911252e1, 6.871870074920579083e2, 5.3941960214247511077e3, 2.1213794301586595867e4,
  3.930789580009271061e4, 2.8729085735721942674e4, 5.226495278852854561e3,
] as const;
const C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 2.4178072517745061177e-1, 2.27238449892691845833e-2, 7.7454501427834140764e-4,
] as const;
const D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 6.8976733498510000455e-1, 1.4810397642748007459e-1,
  1.51986665636164571966e-2, 5.475938084995344946e-4, 1.05075007164441684324e-9,
] as const;
const E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 2.9656057182850489123e-1,
  2.6532189526576123093e-2, 1.2426609473880784386e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
] as const;
const F = [
  1, 5.9983220655588793769e-1, 1.3692988092273580531e-1, 1.48753612908506148525e-2, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
] as const;
/* eslint-enable no-loss-of-precision */

// Horner evaluation of num(r)/den(r), both of degree 7.
function rational(num: readonly number[], den: readonly number[], r: number): number {
  let n = 0;
  let d = 0;
  for (let i = 7; i >= 0; i--) {
    n = n * r + (num[i] as number);
    d = d * r + (den[i] as number);
  }
  return n / d;
}

/**
 * The standard normal quantile Φ⁻¹(p): the z with P(Z ≤ z) = p for Z ~ N(0, 1).
 *
 * Wichura's AS 241, relative accuracy about 1e-16 over (0, 1). Not for hot paths (a few dozen
 * flops); factories call it once. Invariants: `normalQuantile(0.5) === 0`, odd symmetry around 0.5,
 * `normalQuantile(0) === -Infinity`, `normalQuantile(1) === Infinity`.
 * @param p - a probability in [0, 1].
 * @throws RangeError if `p` is NaN or outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return q * rational(A, B, 0.180625 - q * q);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const z = r <= 5 ? rational(C, D, r - 1.6) : rational(E, F, r - 5);
  return q < 0 ? -z : z;
}
