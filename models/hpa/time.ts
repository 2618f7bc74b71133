/**
 * Comparisons between stored timestamps and "now"-based cutoffs.
 *
 * In the controller every stored time (a recommendation, a scale event, a pod's start time) was
 * taken by an earlier `time.Now()` than the one the cutoff is computed from, so a stored instant
 * is always a little older than its nominal value. With a single `nowMs` per call, equal values
 * must therefore compare as "stored is earlier": `Before(cutoff)` holds on equality and
 * `After(cutoff)` does not. This is also what the controller's tests observe when they place
 * history exactly one window or period in the past (it falls outside), and what makes the
 * initial recommendation fall out of a 0 s window in the same reconcile.
 */

/** Go's `stored.Before(cutoff)` for a stored time against a now-based cutoff. */
export function storedBefore(storedMs: number, cutoffMs: number): boolean {
  return storedMs <= cutoffMs;
}

/** Go's `stored.After(cutoff)` for a stored time against a now-based cutoff. */
export function storedAfter(storedMs: number, cutoffMs: number): boolean {
  return storedMs > cutoffMs;
}
