/**
 * A bounded, deterministic Nelder–Mead minimiser for fitting a handful of scenario parameters to a
 * measured run. The textbook algorithm with the conventions of Lagarias, Reeds, Wright & Wright,
 * "Convergence properties of the Nelder–Mead simplex method in low dimensions", SIAM J. Optim. 9(1),
 * 1998: reflection 1, expansion 2, contraction 0.5, shrink 0.5, expansion accepted only if better
 * than the reflection, and their tie-breaking rules for ordering the vertices.
 *
 * It works in normalized coordinates u ∈ [0, 1] per dimension (linear, or logarithmic for
 * parameters spanning decades), so a 5 ms latency and a 400-VU count move alike; every trial point
 * is clamped to the box. No randomness: the same inputs give the same evaluations in the same order.
 */
import { CalibrationError } from './errors.js';

/** The box of one parameter, in its own units. */
export interface ParameterBounds {
  /** Lowest value; must be > 0 on a log scale. */
  readonly min: number;
  /** Highest value; must be > `min`. */
  readonly max: number;
  /**
   * How the parameter is normalized: `linear` (default) maps `min..max` evenly onto 0..1; `log`
   * maps `ln(x / min) / ln(max / min)`, so each decade gets an equal share.
   */
  readonly scale?: 'linear' | 'log';
}

/** Options of {@link minimize}. */
export interface MinimizeOptions {
  /** Most calls of the objective, ≥ 1 (default 200); stops unconverged when reached. */
  readonly maxEvaluations?: number;
  /** Converged when the simplex's f-range (max f − min f) < this, in f's units (default 1e-6)... */
  readonly tolerance?: number;
  /** ...and its size (largest |u_i − u_best| over vertices and dimensions) < this, in normalized units (default 1e-4). */
  readonly xTolerance?: number;
  /** Edge of the initial simplex in normalized units, in (0, 1] (default 0.1). */
  readonly initialStep?: number;
}

/** What {@link minimize} found. */
export interface MinimizeResult {
  /** The best point evaluated, in the parameters' own units (the first of equal bests). */
  readonly x: number[];
  /** The objective at `x`. */
  readonly f: number;
  /** Calls of the objective made (= `history.length`). */
  readonly evaluations: number;
  /** Whether the tolerances were met (false: stopped by `maxEvaluations`). */
  readonly converged: boolean;
  /** Every evaluation in order, with `x` in the parameters' own units. */
  readonly history: { x: number[]; f: number }[];
}

const REFLECTION = 1;
const EXPANSION = 2;
const CONTRACTION = 0.5;
const SHRINK = 0.5;

/** Thrown inside {@link minimize} to unwind when the evaluation budget is spent; never escapes. */
class BudgetSpent extends Error {}

interface Vertex {
  /** Position in normalized units, inside the box. */
  readonly u: number[];
  readonly f: number;
  /** Whether the trial point was outside the box and moved onto its surface. */
  readonly clamped: boolean;
}

/** Maps one parameter between its units and [0, 1]. */
interface Axis {
  toUnit(x: number): number;
  fromUnit(u: number): number;
}

function invalid(detail: string): never {
  throw new CalibrationError('CAL_ERR_INVALID', detail);
}

function axisOf(b: ParameterBounds, i: number): Axis {
  const { min, max } = b;
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) {
    invalid(`bounds[${i}]: min (${min}) must be below max (${max}), both finite`);
  }
  // At the ends, return the bounds exactly: min + 1 * (max - min) need not round to max.
  if (b.scale === 'log') {
    if (!(min > 0)) invalid(`bounds[${i}]: a log scale needs min > 0, not ${min}`);
    const logMin = Math.log(min);
    const logRange = Math.log(max) - logMin;
    return {
      toUnit: (x) => (Math.log(x) - logMin) / logRange,
      fromUnit: (u) =>
        u <= 0 ? min : u >= 1 ? max : Math.min(max, Math.max(min, Math.exp(logMin + u * logRange))),
    };
  }
  const range = max - min;
  return {
    toUnit: (x) => (x - min) / range,
    fromUnit: (u) => (u <= 0 ? min : u >= 1 ? max : Math.min(max, min + u * range)),
  };
}

function option(
  value: number | undefined,
  fallback: number,
  name: string,
  ok: (v: number) => boolean,
): number {
  const v = value ?? fallback;
  if (!ok(v)) invalid(`options.${name}: ${v} is out of range`);
  return v;
}

const isCount = (v: number): boolean => Number.isInteger(v) && v >= 1;
const clampUnit = (u: number): number => Math.min(1, Math.max(0, u));

/**
 * Minimizes `f` over the box `bounds` from `x0` (one bound per coordinate of `x0`). Each iteration
 * reflects the worst vertex through the centroid of the others, then expands, contracts or shrinks
 * (Lagarias et al. 1998); trial points are clamped to the box. The initial simplex is `x0` plus one
 * vertex per dimension, `initialStep` away in normalized units (towards the inside when `x0` is
 * near the upper bound). When a clamped point joined the simplex, the converged run is followed by
 * restarts from its best point (see the comment in the loop), so a minimum on or near the box's
 * surface costs a few dozen more evaluations than one well inside. Deterministic.
 *
 * @param f - the objective; called with a fresh array in the parameters' units, inside the box.
 * @throws CalibrationError `CAL_ERR_INVALID` for no dimensions, a length mismatch, `min ≥ max`,
 *   non-finite bounds, a log scale with `min ≤ 0`, `x0` outside its bounds, an option out of range,
 *   or a non-finite value of `f` (the message gives the `x` that produced it).
 */
export function minimize(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  bounds: readonly ParameterBounds[],
  options: MinimizeOptions = {},
): MinimizeResult {
  const n = x0.length;
  if (n === 0) invalid('x0 has no coordinates');
  if (bounds.length !== n) invalid(`bounds has ${bounds.length} entries for ${n} coordinates of x0`);
  const axes = bounds.map(axisOf);
  x0.forEach((x, i) => {
    const { min, max } = bounds[i]!;
    if (!(x >= min && x <= max)) invalid(`x0[${i}] = ${x} is outside its bounds [${min}, ${max}]`);
  });
  const maxEvaluations = option(options.maxEvaluations, 200, 'maxEvaluations', isCount);
  const tolerance = option(options.tolerance, 1e-6, 'tolerance', (v) => v >= 0);
  const xTolerance = option(options.xTolerance, 1e-4, 'xTolerance', (v) => v >= 0);
  const initialStep = option(options.initialStep, 0.1, 'initialStep', (v) => v > 0 && v <= 1);

  const history: { x: number[]; f: number }[] = [];
  let best: { x: number[]; f: number } | undefined;

  /** Evaluates at `u` (clamped); `exact` is the point in units when known, to avoid round-off. */
  const evaluate = (u: readonly number[], exact?: readonly number[]): Vertex => {
    if (history.length >= maxEvaluations) throw new BudgetSpent();
    const clamped = u.map(clampUnit);
    const x = exact ? [...exact] : clamped.map((ui, i) => axes[i]!.fromUnit(ui));
    const fx = f([...x]);
    if (!Number.isFinite(fx)) invalid(`the objective returned ${fx} at x = [${x.join(', ')}]`);
    const entry = { x, f: fx };
    history.push(entry);
    if (best === undefined || fx < best.f) best = entry;
    return { u: clamped, f: fx, clamped: clamped.some((c, i) => c !== u[i]) };
  };

  let converged = false;
  try {
    let start = evaluate(
      x0.map((x, i) => clampUnit(axes[i]!.toUnit(x))),
      x0,
    );
    for (let step = initialStep, first = true; ; first = false) {
      const simplex = [start];
      for (let i = 0; i < n; i++) {
        const u = [...start.u];
        u[i] = u[i]! + step <= 1 ? u[i]! + step : u[i]! - step;
        simplex.push(evaluate(u));
      }
      // Stable: among equal values the earlier vertex ranks better (Lagarias' ordering rule).
      simplex.sort((a, b) => a.f - b.f);
      let clampedInRun = false;
      while (!isConverged(simplex, tolerance, xTolerance)) {
        clampedInRun = iterate(simplex, evaluate) || clampedInRun;
      }
      const runBest = simplex[0]!;
      // Clamping can flatten the simplex onto a face of the box (or into a corner), where it
      // "converges" short of the minimum; so a run that clamped is followed by a fresh simplex at
      // its best point. While restarts gain, they keep the full step; one that gains less than
      // the tolerance is retried ten times smaller (a minimum just inside a face is closer than
      // the step), down to 10 xTolerance. A run without clamping is plain Nelder–Mead: trusted.
      if (!clampedInRun) break;
      if (first || start.f - runBest.f >= tolerance) step = initialStep;
      else if (step / 10 >= 10 * xTolerance) step /= 10;
      else break;
      start = runBest;
    }
    converged = true;
  } catch (error) {
    if (!(error instanceof BudgetSpent)) throw error;
  }
  // At least one evaluation happened: maxEvaluations ≥ 1.
  const found = best!;
  return { x: [...found.x], f: found.f, evaluations: history.length, converged, history };
}

function isConverged(simplex: readonly Vertex[], tolerance: number, xTolerance: number): boolean {
  const first = simplex[0]!;
  if (!(simplex[simplex.length - 1]!.f - first.f < tolerance)) return false;
  let size = 0;
  for (const v of simplex) v.u.forEach((ui, j) => (size = Math.max(size, Math.abs(ui - first.u[j]!))));
  return size < xTolerance;
}

/**
 * One Nelder–Mead iteration on `simplex` (sorted best first), in place; leaves it sorted. Returns
 * whether a clamped point joined the simplex (only those can flatten it; rejected ones cannot).
 */
function iterate(simplex: Vertex[], evaluate: (u: readonly number[]) => Vertex): boolean {
  const n = simplex.length - 1;
  const worst = simplex[n]!;
  const centroid = worst.u.map((_, j) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += simplex[i]!.u[j]!;
    return sum / n;
  });
  /** The point `centroid + t (centroid − worst)`; clamped when evaluated. */
  const along = (t: number): number[] => centroid.map((c, j) => c + t * (c - worst.u[j]!));
  const fBest = simplex[0]!.f;
  const fNextWorst = simplex[n - 1]!.f;

  const reflected = evaluate(along(REFLECTION));
  if (reflected.f < fBest) {
    const expanded = evaluate(along(REFLECTION * EXPANSION));
    return replaceWorst(simplex, expanded.f < reflected.f ? expanded : reflected);
  }
  if (reflected.f < fNextWorst) return replaceWorst(simplex, reflected);
  if (reflected.f < worst.f) {
    const outside = evaluate(along(REFLECTION * CONTRACTION));
    if (outside.f <= reflected.f) return replaceWorst(simplex, outside);
  } else {
    const inside = evaluate(along(-CONTRACTION));
    if (inside.f < worst.f) return replaceWorst(simplex, inside);
  }
  return shrink(simplex, evaluate);
}

/**
 * Replaces the worst vertex by `v`, inserted after every vertex with f ≤ v.f: a new point ranks
 * below old ones of equal value (Lagarias' rule), so the simplex cannot cycle on a plateau.
 */
function replaceWorst(simplex: Vertex[], v: Vertex): boolean {
  simplex.pop();
  let at = simplex.findIndex((w) => w.f > v.f);
  if (at < 0) at = simplex.length;
  simplex.splice(at, 0, v);
  return v.clamped;
}

/** Moves every vertex halfway towards the best one, then re-sorts (the best keeps rank 0 on ties). */
function shrink(simplex: Vertex[], evaluate: (u: readonly number[]) => Vertex): boolean {
  const first = simplex[0]!;
  for (let i = 1; i < simplex.length; i++) {
    simplex[i] = evaluate(simplex[i]!.u.map((ui, j) => first.u[j]! + SHRINK * (ui - first.u[j]!)));
  }
  simplex.sort((a, b) => a.f - b.f);
  // Points between two inside the box are inside: a shrink never clamps.
  return false;
}
