/**
 * Validation helper: independent replications, Student-t confidence intervals over their means, and
 * the assertions every validation test makes with them.
 */
import { expect } from 'vitest';
import { confidenceInterval } from '../../engine/index.js';
import type { ConfidenceInterval } from '../../engine/index.js';

/**
 * Confidence level of every interval in test/validation, fixed before any run.
 *
 * Each CI assertion then has a 1 % chance of a false alarm on a correct engine. The suite makes 25 CI
 * assertions (mm1 6, mmc 4, mmck 6, mg1 6, closed network 3); were they independent, the chance that
 * at least one fails would be 1 − 0.99^25 ≈ 22 % (at 95 %: 1 − 0.95^25 ≈ 72 %). Assertions on the same
 * runs (Wq, W, L) are strongly correlated, so the effective number is nearer 12 groups, i.e. about
 * 1 − 0.99^12 ≈ 11 %. Seeds are fixed, so a given checkout passes or fails deterministically: this is
 * the risk that the seeds, chosen before seeing any result and never changed, were unlucky.
 */
export const CI_LEVEL = 0.99;

/** The results of n independent replications, with confidence intervals over them. */
export interface Replications<R> {
  readonly runs: readonly R[];
  /** The per-replication values of one metric. */
  values(metric: (run: R) => number): number[];
  /** Student-t interval at `CI_LEVEL` over the per-replication values of one metric. */
  ci(metric: (run: R) => number): ConfidenceInterval;
}

/** Runs `fn(i)` for i = 0 … n − 1 (replication i must draw from `root.replication(i)`). */
export function replicate<R>(n: number, fn: (index: number) => R): Replications<R> {
  const runs: R[] = [];
  for (let i = 0; i < n; i++) runs.push(fn(i));
  const values = (metric: (run: R) => number): number[] => runs.map(metric);
  return { runs, values, ci: (metric) => confidenceInterval(values(metric), CI_LEVEL) };
}

/** Set CAPSIM_VALIDATION_REPORT=1 to print every checked interval (for the validation report). */
const verbose = process.env['CAPSIM_VALIDATION_REPORT'] === '1';

function describeCi(ci: ConfidenceInterval): string {
  return `[${ci.lower.toPrecision(7)}, ${ci.upper.toPrecision(7)}] (mean ${ci.mean.toPrecision(7)}, ±${ci.halfWidth.toPrecision(3)}, n=${ci.n})`;
}

/**
 * Asserts that the interval contains `analytic` (widened by `slack`, an absolute allowance for a known
 * deterministic error such as a histogram's bucket accuracy) and that its half-width is below
 * `maxRelativeHalfWidth · |analytic|`, so that the first check cannot pass by being uselessly wide.
 */
export function expectCiCovers(
  label: string,
  ci: ConfidenceInterval,
  analytic: number,
  maxRelativeHalfWidth: number,
  slack = 0,
): void {
  const text = `${label}: analytic ${analytic.toPrecision(7)}, ${ci.level * 100} % CI ${describeCi(ci)}`;
  if (verbose) {
    const rel = ((100 * ci.halfWidth) / Math.abs(analytic)).toFixed(2);
    console.log(`${text}, half-width ${rel} % (bound ${maxRelativeHalfWidth * 100} %)`);
  }
  expect(ci.lower - slack, text).toBeLessThanOrEqual(analytic);
  expect(ci.upper + slack, text).toBeGreaterThanOrEqual(analytic);
  expect(ci.halfWidth, `${text}: half-width too wide`).toBeLessThan(
    maxRelativeHalfWidth * Math.abs(analytic),
  );
}

/** Asserts that a relative gap (e.g. littlesLawGap) is below `tolerance` in every replication. */
export function expectEveryBelow(label: string, values: readonly number[], tolerance: number): void {
  const worst = Math.max(...values);
  if (verbose) console.log(`${label}: worst ${worst.toExponential(3)} (tolerance ${tolerance})`);
  expect(worst, `${label}: worst of ${values.length} replications`).toBeLessThan(tolerance);
}

/**
 * Timeout for the `beforeAll` hooks that run the replications (vitest's default hook timeout is 10 s,
 * too short for the larger scenarios on a loaded 2-core machine).
 */
export const HOOK_TIMEOUT_MS = 120_000;
