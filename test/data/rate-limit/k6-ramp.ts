/**
 * Arrival times of the seed-004 load: k6 ramping-arrival-rate, startRate 0, timeUnit 1 s, stages
 * 0→100/s in 30 s, →200/s in 1 m, →300/s in 2 m, →400/s in 2 m, 400/s for 2 m, →0 in 30 s.
 *
 * Iteration i (i = 1, 2, …) starts when the integral of the piecewise-linear rate reaches i
 * (`/work/shared/semantics.md` §9). Within a stage the count is N(s) = r0·s + (r1 − r0)·s²/(2D), so the
 * inversion is the root s = 2x / (r0 + √(r0² + 2(r1 − r0)x/D)), stable for every sign of the slope.
 */

/** [duration s, target rate /s]. */
export const SEED_004_STAGES: readonly (readonly [number, number])[] = [
  [30, 100],
  [60, 200],
  [120, 300],
  [120, 400],
  [120, 400],
  [30, 0],
];

/** All start times (ms) of a ramp with start rate 0, in order. */
export function rampArrivalsMs(stages: readonly (readonly [number, number])[]): Float64Array {
  let total = 0;
  let from = 0;
  for (const [d, to] of stages) {
    total += (d * (from + to)) / 2;
    from = to;
  }
  const n = Math.floor(total + 1e-9);
  const out = new Float64Array(n);
  let i = 1;
  let stageStart = 0; // s
  let before = 0; // arrivals due before this stage
  from = 0;
  for (const [d, to] of stages) {
    const area = (d * (from + to)) / 2;
    for (; i <= n && i - before <= area + 1e-9; i++) {
      const x = i - before;
      const disc = Math.max(0, from * from + (2 * (to - from) * x) / d);
      const s = Math.min(d, (2 * x) / (from + Math.sqrt(disc)));
      out[i - 1] = (stageStart + s) * 1000;
    }
    before += area;
    stageStart += d;
    from = to;
  }
  return out;
}
