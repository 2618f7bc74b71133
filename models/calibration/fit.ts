/**
 * Fitting free parameters: least squares over normalized residuals, by the bounded Nelder–Mead
 * minimizer. A residual is (predicted − measured) / tolerance band, so a fit "within tolerance"
 * has every |residual| ≤ 1 and metrics of different units weigh alike.
 */
import type { FreeParameter } from './free-parameters.js';
import { minimize } from './nelder-mead.js';

/** What a fit found. */
export interface FitResult {
  /** Fitted value of each parameter, by name, in the field's unit. */
  readonly values: Record<string, number>;
  /** Sum of squared normalized residuals at `values`. */
  readonly objective: number;
  /** Simulations run (objective evaluations). */
  readonly evaluations: number;
  /** Whether the minimizer met its tolerances before its budget. */
  readonly converged: boolean;
}

/** Options of {@link fitParameters}. */
export interface FitOptions {
  /** Most objective evaluations (each is one simulation per variant). Default 120. */
  readonly maxEvaluations?: number;
  /** Called after each evaluation, e.g. for progress. */
  readonly onEvaluation?: (values: Record<string, number>, objective: number) => void;
}

// A residual with no prediction (the run produced no such figure) costs this much: finite, so
// the minimizer can move away from it.
const MISSING_RESIDUAL_COST = 1e6;

/**
 * Minimizes Σ residual² over the parameters' box, starting at their `start` values.
 * @param residuals - the normalized residuals of the fitted targets for given values; null for a
 *   target the run could not produce.
 * @throws CalibrationError `CAL_ERR_INVALID` from the minimizer (bad bounds, a non-finite objective).
 */
export function fitParameters(
  parameters: readonly FreeParameter[],
  residuals: (values: Record<string, number>) => readonly (number | null)[],
  options: FitOptions = {},
): FitResult {
  // The optimizer moves continuously; an integer field sees (and the result reports) whole numbers.
  const named = (x: readonly number[]) =>
    Object.fromEntries(parameters.map((p, i) => [p.name, p.integer ? Math.round(x[i]!) : x[i]!]));
  const objective = (x: readonly number[]) => {
    const values = named(x);
    const f = residuals(values).reduce<number>(
      (sum, r) => sum + (r === null || !Number.isFinite(r) ? MISSING_RESIDUAL_COST : r * r),
      0,
    );
    options.onEvaluation?.(values, f);
    return f;
  };
  const result = minimize(
    objective,
    parameters.map((p) => p.start),
    parameters.map((p) => ({ min: p.min, max: p.max, scale: p.scale })),
    { maxEvaluations: options.maxEvaluations ?? 120, initialStep: 0.15, tolerance: 1e-4, xTolerance: 1e-3 },
  );
  return {
    values: named(result.x),
    objective: result.f,
    evaluations: result.evaluations,
    converged: result.converged,
  };
}
