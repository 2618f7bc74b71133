/**
 * The tolerance band around a usage ratio of 1 (`Tolerances`, replica_calculator.go;
 * `tolerancesForHpa`, horizontal.go).
 */
import type { HpaControllerConfig, ResolvedBehavior } from './types.js';

/** Scale-down and scale-up tolerances, fractions (0.1 = 10 %). */
export interface Tolerances {
  readonly scaleDown: number;
  readonly scaleUp: number;
}

/**
 * `Tolerances.isWithin`: true when `1 - scaleDown <= ratio <= 1 + scaleUp`. Inclusive at both
 * ends, so a ratio of exactly 0.9 or 1.1 with the default 0.1 does not scale. NaN is outside.
 */
export function isWithin(t: Tolerances, usageRatio: number): boolean {
  return 1 - t.scaleDown <= usageRatio && usageRatio <= 1 + t.scaleUp;
}

/**
 * `tolerancesForHpa`: both sides use the controller flag unless the HPA has a behavior block,
 * the `HPAConfigurableTolerance` gate is on, and that direction sets `tolerance`.
 */
export function tolerancesForHpa(
  behavior: ResolvedBehavior | undefined,
  config: HpaControllerConfig,
): Tolerances {
  const t = { scaleDown: config.tolerance, scaleUp: config.tolerance };
  if (behavior === undefined || !config.featureGates.HPAConfigurableTolerance) return t;
  return {
    scaleDown: behavior.scaleDown.tolerance ?? t.scaleDown,
    scaleUp: behavior.scaleUp.tolerance ?? t.scaleUp,
  };
}
