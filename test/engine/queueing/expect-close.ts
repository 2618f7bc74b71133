/** Test helper: relative/absolute closeness assertion for the queueing formula tests. */
import { expect } from 'vitest';

/**
 * Asserts |actual − expected| ≤ tol · max(1, |expected|), i.e. relative for large values and absolute
 * near zero.
 */
export function expectClose(actual: number, expected: number, tol = 1e-12): void {
  const bound = tol * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= bound)) {
    expect.fail(`expected ${actual} to be within ${bound} of ${expected}`);
  }
}

/** Asserts |actual − expected| ≤ tol · |expected| (purely relative; for small probabilities). */
export function expectRelClose(actual: number, expected: number, tol = 1e-12): void {
  if (!(Math.abs(actual - expected) <= tol * Math.abs(expected))) {
    expect.fail(`expected ${actual} to be within relative ${tol} of ${expected}`);
  }
}
