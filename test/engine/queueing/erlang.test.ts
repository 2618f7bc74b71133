import { describe, expect, it } from 'vitest';
import { erlangB, erlangC } from '../../../engine/queueing/index.js';
import { expectClose, expectRelClose } from './expect-close.js';

/**
 * Independent slow Erlang B: B = (a^c/c!) / Σ_{k≤c} a^k/k!, each term built in log space
 * (k·ln a − Σ ln i) and summed with log-sum-exp.
 */
function erlangBByLogSum(c: number, a: number): number {
  const logTerms: number[] = [];
  let logFactorial = 0;
  for (let k = 0; k <= c; k++) {
    if (k > 0) logFactorial += Math.log(k);
    logTerms.push(k * Math.log(a) - logFactorial);
  }
  const max = Math.max(...logTerms);
  const logSum = max + Math.log(logTerms.reduce((s, t) => s + Math.exp(t - max), 0));
  return Math.exp((logTerms[c] ?? 0) - logSum);
}

describe('erlangB', () => {
  it.each([
    { c: 1, a: 1, expected: 0.5 },
    { c: 2, a: 1, expected: 0.2 },
    { c: 1, a: 3, expected: 0.75 },
    { c: 3, a: 2, expected: 4 / 19 },
  ])('B($c, $a) = $expected (closed form)', ({ c, a, expected }) => {
    expectClose(erlangB(c, a), expected, 1e-15);
  });

  // Reference values computed with exact rational arithmetic (Python fractions).
  it.each([
    { c: 10, a: 5, expected: 0.018384570336648132 },
    { c: 100, a: 80, expected: 0.003992028604553197 },
    { c: 1000, a: 1000, expected: 0.02481191764616041 },
  ])('B($c, $a) matches an exact reference', ({ c, a, expected }) => {
    expectRelClose(erlangB(c, a), expected, 1e-12);
  });

  it.each([
    { c: 10, a: 5 },
    { c: 100, a: 80 },
    { c: 50, a: 0.01 },
    { c: 1000, a: 1000 },
    { c: 1000, a: 900 },
    { c: 1000, a: 1200 },
    { c: 5, a: 1000 },
    { c: 2000, a: 1000 },
  ])('B($c, $a) agrees with the log-sum method', ({ c, a }) => {
    const b = erlangB(c, a);
    expect(Number.isFinite(b)).toBe(true);
    expectRelClose(b, erlangBByLogSum(c, a), 1e-9);
  });

  it('is 0 with no load and decreases as servers are added', () => {
    expect(erlangB(3, 0)).toBe(0);
    expect(erlangB(11, 5)).toBeLessThan(erlangB(10, 5));
  });
});

describe('erlangC', () => {
  it.each([0, 0.1, 0.5, 0.9, 0.999])('C(1, ρ) = ρ for ρ = %s', (rho) => {
    expectClose(erlangC(1, rho), rho, 1e-15);
  });

  it('C(2, 1) = 1/3', () => {
    expectClose(erlangC(2, 1), 1 / 3, 1e-15);
  });

  it('C(8, 7.2) matches an exact reference', () => {
    // Exact rational arithmetic: 0.70153299014625690…
    expectRelClose(erlangC(8, 7.2), 0.7015329901462569, 1e-13);
  });

  it.each([
    { c: 2, a: 1 },
    { c: 8, a: 7.2 },
    { c: 100, a: 95 },
    { c: 1000, a: 999 },
  ])('C($c, $a) = B / (1 − (a/c)(1 − B))', ({ c, a }) => {
    const b = erlangBByLogSum(c, a);
    expectRelClose(erlangC(c, a), b / (1 - (a / c) * (1 - b)), 1e-9);
  });

  it('C ≥ B and stays in [0, 1) for heavy load', () => {
    const c = erlangC(1000, 999.9);
    expect(c).toBeGreaterThan(erlangB(1000, 999.9));
    expect(c).toBeLessThan(1);
  });
});
