// Small sample-statistics helpers for the rng tests (the role of d3-random's test/statistics.js).
import { expect } from 'vitest';
import type { Moments, Sampler } from '../../../engine/rng/index.js';

/** The number of draws each distribution test takes. */
export const N = 200_000;

/** Draws `n` values from `sampler` into a typed array. */
export function drawMany(sampler: Sampler, n = N): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sampler();
  return out;
}

/** Sample mean, population variance and fourth central moment. */
export function summarize(xs: Float64Array): { n: number; mean: number; variance: number; m4: number } {
  const n = xs.length;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d2 = (x - mean) * (x - mean);
    m2 += d2;
    m4 += d2 * d2;
  }
  return { n, mean, variance: m2 / n, m4: m4 / n };
}

/**
 * Asserts the sample mean and variance agree with `expected` within `k` standard errors.
 *
 * SE(mean) = σ/√n with the analytic σ. SE(variance) ≈ √((μ₄ − σ⁴)/n), the large-sample standard
 * error of the sample variance, with μ₄ estimated from the sample. A relative slack of 1e-9 absorbs
 * summation rounding when the variance is 0.
 */
export function expectMoments(xs: Float64Array, expected: Moments, k = 5): void {
  const s = summarize(xs);
  const seMean = Math.sqrt(expected.variance / s.n);
  const seVariance = Math.sqrt(Math.max(s.m4 - s.variance * s.variance, 0) / s.n);
  expect(Math.abs(s.mean - expected.mean)).toBeLessThanOrEqual(k * seMean + 1e-9 * Math.abs(expected.mean));
  expect(Math.abs(s.variance - expected.variance)).toBeLessThanOrEqual(
    k * seVariance + 1e-9 * expected.variance + 1e-12,
  );
}

/** The p-quantile of an ascending-sorted sample (nearest rank). */
export function quantile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

/** The smallest and largest values of a sample. */
export function range(xs: Float64Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max };
}
