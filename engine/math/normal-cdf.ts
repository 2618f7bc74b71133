/**
 * The standard normal CDF Φ(x) = P(Z ≤ x) for Z ~ N(0, 1).
 *
 * Absolute error below about 1e-15 everywhere; in the tails (|x| > 3) the smaller of Φ(x) and
 * 1 − Φ(x) is also accurate in relative terms. `normalCdf(-Infinity) === 0`, `normalCdf(Infinity) === 1`,
 * and NaN maps to NaN. Never throws.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a < 3) {
    // Marsaglia, G. (2004). Evaluating the normal distribution. J. Stat. Software 11(4):
    // Φ(x) = 1/2 + φ(x)·(x + x³/3 + x⁵/(3·5) + …); every term has the sign of x, so no cancellation.
    const x2 = x * x;
    let term = x;
    let sum = x;
    let previous = 0;
    for (let k = 3; sum !== previous; k += 2) {
      previous = sum;
      term *= x2 / k;
      sum += term;
    }
    return 0.5 + standardNormalPdf(x) * sum;
  }
  if (a === Infinity) return x > 0 ? 1 : 0;
  // Laplace's continued fraction for the Mills ratio, evaluated bottom-up:
  // 1 − Φ(a) = φ(a) / (a + 1/(a + 2/(a + 3/(a + …)))). 120 levels reach double precision for a ≥ 3.
  let t = a;
  for (let k = 120; k >= 1; k--) t = a + k / t;
  const upperTail = standardNormalPdf(a) / t;
  return x > 0 ? 1 - upperTail : upperTail;
}

/**
 * The standard normal density φ(x) = exp(−x²/2)/√(2π).
 *
 * Never throws; returns 0 for |x| = Infinity and NaN for NaN.
 */
export function standardNormalPdf(x: number): number {
  return 0.3989422804014327 * Math.exp(-0.5 * x * x);
}
