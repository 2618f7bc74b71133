/**
 * From the largest metric proposal to the replica count that is written: stabilization over the
 * stored recommendations, then the scale limits. Two paths, chosen by `spec.behavior`
 * (`normalizeDesiredReplicas` / `normalizeDesiredReplicasWithBehaviors`, horizontal.go).
 */
import { convertDesiredReplicasWithBehaviorRate, type LimitedReplicas } from './scale-rate.js';
import { storedAfter, storedBefore } from './time.js';
import type { ResolvedBehavior, TimestampedRecommendation, TimestampedScaleEvent } from './types.js';

/** A condition the normalization sets: status, reason and message. */
export interface ConditionUpdate {
  readonly status: 'True' | 'False';
  readonly reason: string;
  readonly message: string;
}

/** What a normalization returns. */
export interface NormalizationResult {
  /** The replica count to write (before the `rescale` comparison with current). */
  readonly desiredReplicas: number;
  /** The stabilized recommendation, before limits. */
  readonly stabilizedReplicas: number;
  /** The recommendation list to keep for the next reconcile. */
  readonly recommendations: readonly TimestampedRecommendation[];
  /** AbleToScale=True with ReadyForNewScale, ScaleDownStabilized or ScaleUpStabilized. */
  readonly ableToScale: ConditionUpdate;
  /** ScalingLimited, True when the limits changed the stabilized value. */
  readonly scalingLimited: ConditionUpdate;
}

/**
 * `stabilizeRecommendation` (legacy path): the maximum of the new proposal and every stored
 * recommendation younger than the window, so a scale-down goes only as low as the highest
 * recent proposal; scale-ups are not delayed. The new proposal is stored by overwriting the last
 * recommendation that is out of the window, else appended.
 */
export function stabilizeRecommendation(
  recommendations: readonly TimestampedRecommendation[],
  prenormalizedDesiredReplicas: number,
  windowMs: number,
  nowMs: number,
): { readonly stabilized: number; readonly recommendations: TimestampedRecommendation[] } {
  const cutoff = nowMs - windowMs;
  let max = prenormalizedDesiredReplicas;
  let oldIndex = -1;
  recommendations.forEach((r, i) => {
    if (storedBefore(r.timestampMs, cutoff)) oldIndex = i;
    else if (r.recommendation > max) max = r.recommendation;
  });
  const next = [...recommendations];
  const entry = { recommendation: prenormalizedDesiredReplicas, timestampMs: nowMs };
  if (oldIndex >= 0) next[oldIndex] = entry;
  else next.push(entry);
  return { stabilized: max, recommendations: next };
}

/**
 * `convertDesiredReplicasWithRules` (legacy path): clamp to `[minReplicas, min(maxReplicas,
 * scaleUpLimit)]` with `scaleUpLimit = trunc(max(factor × current, minimum))`, per reconcile and
 * with no history. There is no scale-down rate limit. The min check comes first.
 */
export function convertDesiredReplicasWithRules(
  currentReplicas: number,
  desiredReplicas: number,
  minReplicas: number,
  maxReplicas: number,
  scaleUpLimitFactor: number,
  scaleUpLimitMinimum: number,
): LimitedReplicas {
  const scaleUpLimit = Math.trunc(Math.max(scaleUpLimitFactor * currentReplicas, scaleUpLimitMinimum));
  const capBinds = maxReplicas > scaleUpLimit;
  const maximumAllowed = capBinds ? scaleUpLimit : maxReplicas;
  if (desiredReplicas < minReplicas) {
    return {
      replicas: minReplicas,
      reason: 'TooFewReplicas',
      message: 'the desired count is below minReplicas',
    };
  }
  if (desiredReplicas > maximumAllowed) {
    return capBinds
      ? {
          replicas: maximumAllowed,
          reason: 'ScaleUpLimit',
          message: 'scale-up is faster than the scale-up cap allows',
        }
      : {
          replicas: maximumAllowed,
          reason: 'TooManyReplicas',
          message: 'the desired count is above maxReplicas',
        };
  }
  return {
    replicas: desiredReplicas,
    reason: 'DesiredWithinRange',
    message: 'the desired count is within range',
  };
}

/** Arguments of the legacy normalization. */
export interface LegacyNormalizationArgs {
  readonly currentReplicas: number;
  readonly prenormalizedDesiredReplicas: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly recommendations: readonly TimestampedRecommendation[];
  /** `--horizontal-pod-autoscaler-downscale-stabilization`. */
  readonly downscaleStabilizationWindowMs: number;
  readonly scaleUpLimitFactor: number;
  readonly scaleUpLimitMinimum: number;
  readonly nowMs: number;
}

/** `normalizeDesiredReplicas`: the path taken when `spec.behavior` is absent. */
export function normalizeDesiredReplicas(a: LegacyNormalizationArgs): NormalizationResult {
  const { stabilized, recommendations } = stabilizeRecommendation(
    a.recommendations,
    a.prenormalizedDesiredReplicas,
    a.downscaleStabilizationWindowMs,
    a.nowMs,
  );
  const ableToScale: ConditionUpdate =
    stabilized !== a.prenormalizedDesiredReplicas
      ? {
          status: 'True',
          reason: 'ScaleDownStabilized',
          message: 'holding at the highest recent recommendation',
        }
      : READY_FOR_NEW_SCALE;
  const limited = convertDesiredReplicasWithRules(
    a.currentReplicas,
    stabilized,
    a.minReplicas,
    a.maxReplicas,
    a.scaleUpLimitFactor,
    a.scaleUpLimitMinimum,
  );
  return {
    desiredReplicas: limited.replicas,
    stabilizedReplicas: stabilized,
    recommendations,
    ableToScale,
    scalingLimited: limitedCondition(limited, stabilized),
  };
}

/**
 * `stabilizeRecommendationWithBehaviors`: `upRec` is the minimum of the proposal and the stored
 * recommendations inside the scale-up window, `downRec` the maximum inside the scale-down window;
 * the result is `currentReplicas` clamped to `[upRec, downRec]`. A scale-up therefore needs every
 * recent proposal above current and goes only to the smallest; with proposals on both sides
 * nothing moves. The unstabilized proposal is stored over the last recommendation outside both
 * windows, else appended. A 0 s window takes in nothing.
 */
export function stabilizeRecommendationWithBehaviors(
  recommendations: readonly TimestampedRecommendation[],
  currentReplicas: number,
  prenormalizedDesiredReplicas: number,
  scaleUpWindowSeconds: number,
  scaleDownWindowSeconds: number,
  nowMs: number,
): {
  readonly stabilized: number;
  readonly recommendations: TimestampedRecommendation[];
  readonly reason: string;
  readonly message: string;
} {
  const upCutoff = nowMs - scaleUpWindowSeconds * 1000;
  const downCutoff = nowMs - scaleDownWindowSeconds * 1000;
  let upRec = prenormalizedDesiredReplicas;
  let downRec = prenormalizedDesiredReplicas;
  let oldIndex = -1;
  recommendations.forEach((r, i) => {
    if (storedAfter(r.timestampMs, upCutoff)) upRec = Math.min(upRec, r.recommendation);
    if (storedAfter(r.timestampMs, downCutoff)) downRec = Math.max(downRec, r.recommendation);
    if (storedBefore(r.timestampMs, upCutoff) && storedBefore(r.timestampMs, downCutoff)) oldIndex = i;
  });
  let stabilized = currentReplicas;
  if (stabilized < upRec) stabilized = upRec;
  if (stabilized > downRec) stabilized = downRec;

  const next = [...recommendations];
  const entry = { recommendation: prenormalizedDesiredReplicas, timestampMs: nowMs };
  if (oldIndex >= 0) next[oldIndex] = entry;
  else next.push(entry);

  const up = prenormalizedDesiredReplicas >= currentReplicas;
  return {
    stabilized,
    recommendations: next,
    reason: up ? 'ScaleUpStabilized' : 'ScaleDownStabilized',
    message: up
      ? 'holding at the lowest recent recommendation'
      : 'holding at the highest recent recommendation',
  };
}

/** Arguments of the behavior normalization. */
export interface BehaviorNormalizationArgs {
  readonly currentReplicas: number;
  readonly prenormalizedDesiredReplicas: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Resolved behavior (API defaults and the scale-down window flag applied). */
  readonly behavior: ResolvedBehavior;
  readonly recommendations: readonly TimestampedRecommendation[];
  readonly scaleUpEvents: readonly TimestampedScaleEvent[];
  readonly scaleDownEvents: readonly TimestampedScaleEvent[];
  readonly nowMs: number;
}

/** `normalizeDesiredReplicasWithBehaviors`: stabilization windows, then the policy rate limits. */
export function normalizeDesiredReplicasWithBehaviors(a: BehaviorNormalizationArgs): NormalizationResult {
  const s = stabilizeRecommendationWithBehaviors(
    a.recommendations,
    a.currentReplicas,
    a.prenormalizedDesiredReplicas,
    a.behavior.scaleUp.stabilizationWindowSeconds,
    a.behavior.scaleDown.stabilizationWindowSeconds,
    a.nowMs,
  );
  const ableToScale: ConditionUpdate =
    s.stabilized !== a.prenormalizedDesiredReplicas
      ? { status: 'True', reason: s.reason, message: s.message }
      : READY_FOR_NEW_SCALE;
  const limited = convertDesiredReplicasWithBehaviorRate({
    currentReplicas: a.currentReplicas,
    desiredReplicas: s.stabilized,
    minReplicas: a.minReplicas,
    maxReplicas: a.maxReplicas,
    behavior: a.behavior,
    scaleUpEvents: a.scaleUpEvents,
    scaleDownEvents: a.scaleDownEvents,
    nowMs: a.nowMs,
  });
  return {
    desiredReplicas: limited.replicas,
    stabilizedReplicas: s.stabilized,
    recommendations: s.recommendations,
    ableToScale,
    scalingLimited: limitedCondition(limited, s.stabilized),
  };
}

const READY_FOR_NEW_SCALE: ConditionUpdate = {
  status: 'True',
  reason: 'ReadyForNewScale',
  message: 'the recommendation matches the proposal',
};

/** ScalingLimited is False when the limits left the stabilized value alone. */
function limitedCondition(limited: LimitedReplicas, stabilized: number): ConditionUpdate {
  return {
    status: limited.replicas === stabilized ? 'False' : 'True',
    reason: limited.reason,
    message: limited.message,
  };
}
