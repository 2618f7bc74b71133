/**
 * Bisection for the highest value that passes a test assumed monotone (passes below some limit,
 * fails above it): the capacity searches of presets and of the API use it.
 */

/** What a bisection found. */
export interface BisectResult {
  /**
   * The highest value tried that passed, within `resolution` of the limit; null when `min` failed.
   * `max` itself when it passed (then `atUpperBound` is set).
   */
  readonly passing: number | null;
  readonly atUpperBound: boolean;
  /** The lowest value tried that failed; null when none did. */
  readonly failing: number | null;
}

/**
 * Tries `min`, then `max`, then midpoints rounded to multiples of `resolution` (so trial values
 * read well: "650/s", not "653.125/s") until the bracket is within `resolution`.
 * @param passes - the test; called once per trial value, in order.
 */
export function bisect(
  min: number,
  max: number,
  resolution: number,
  passes: (value: number) => boolean,
): BisectResult {
  if (!passes(min)) return { passing: null, atUpperBound: false, failing: min };
  if (passes(max)) return { passing: max, atUpperBound: true, failing: null };
  let low = min;
  let high = max;
  while (high - low > resolution) {
    const mid = Math.round((low + high) / 2 / resolution) * resolution;
    if (mid <= low || mid >= high) break;
    if (passes(mid)) low = mid;
    else high = mid;
  }
  return { passing: low, atUpperBound: false, failing: high };
}
