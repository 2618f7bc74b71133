/**
 * The knee of a latency curve: where the p95 stops growing slowly with the swept value and starts
 * growing fast. Kneedle (Satopää et al., "Finding a 'Kneedle' in a Haystack", ICDCS workshops
 * 2011): scale both axes to [0, 1]; for a rising, convex curve the knee is the point farthest below
 * the diagonal, the largest x − y.
 */

/** Where the knee is. */
export interface Knee {
  /** Index of the point in the sweep's table. */
  readonly index: number;
  /** The swept value there. */
  readonly value: number;
  /** The p95 there (ms). */
  readonly p95Ms: number;
}

/** A knee, or why there is none. */
export type KneeResult = { readonly knee: Knee } | { readonly knee: null; readonly reason: string };

/** Below this scaled distance from the diagonal the curve is a straight line: no knee. */
const MIN_DISTANCE = 0.05;

/**
 * The knee of the p95 over one numeric parameter. Points without a p95 (nothing succeeded) are
 * left out.
 */
export function latencyKnee(
  points: readonly { index: number; value: unknown; p95Ms: number | null }[],
): KneeResult {
  const curve = points
    .filter(
      (p): p is { index: number; value: number; p95Ms: number } =>
        typeof p.value === 'number' && p.p95Ms !== null,
    )
    .sort((a, b) => a.value - b.value || a.index - b.index);
  if (curve.length < 3) return { knee: null, reason: 'a knee needs three or more points with a p95' };
  const [x0, x1] = [curve[0]!.value, curve.at(-1)!.value];
  const ys = curve.map((p) => p.p95Ms);
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (!(x1 > x0)) return { knee: null, reason: 'the swept values are all equal' };
  if (!(y1 > y0)) return { knee: null, reason: 'the p95 is the same at every point' };
  let best: (typeof curve)[number] | null = null;
  let bestDistance = MIN_DISTANCE;
  for (const p of curve) {
    const distance = (p.value - x0) / (x1 - x0) - (p.p95Ms - y0) / (y1 - y0);
    if (distance > bestDistance) [best, bestDistance] = [p, distance];
  }
  if (best === null)
    return { knee: null, reason: 'the p95 does not bend upward: it grows about linearly or faster early on' };
  return { knee: { index: best.index, value: best.value, p95Ms: best.p95Ms } };
}
