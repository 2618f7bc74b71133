import type { RandomSource } from '../source.js';
import { requireNonEmptyArray, requireNonNegative } from './param-checks.js';

/**
 * Validates non-negative weights with a positive total and returns that total.
 *
 * @param where - the factory name used in error messages.
 * @param label - how an item is named in messages, e.g. `components` gives `components[2].weight`.
 * @throws RangeError if the list is empty, a weight is negative or not finite, or all are 0.
 */
export function checkWeights(where: string, label: string, weights: readonly number[]): number {
  requireNonEmptyArray(where, label, weights);
  let total = 0;
  weights.forEach((weight, i) => {
    requireNonNegative(where, `${label}[${i}].weight`, weight);
    total += weight;
  });
  if (!(total > 0 && total < Infinity)) {
    throw new RangeError(`${where}: the ${label} weights must have a finite total > 0, got ${total}`);
  }
  return total;
}

/**
 * Returns a function drawing an index i with probability weights[i] / Σ weights.
 *
 * Binary search over a cumulative Float64Array: O(log n) per draw, one source draw, no allocation.
 * Zero-weight indices are never returned. Weights need not sum to 1.
 * @throws RangeError as {@link checkWeights} does.
 */
export function weightedIndex(
  source: RandomSource,
  weights: readonly number[],
  where: string,
  label: string,
): () => number {
  checkWeights(where, label, weights);
  const n = weights.length;
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += weights[i] as number;
  // The target is compared with the very sums stored above, so target < total always lands on a
  // positive-weight index and rounding cannot run past the end.
  const total = sum;
  const last = n - 1;
  return () => {
    const target = source() * total;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
