/**
 * Rate limits of the behavior path and the scale-event history they read
 * (`convertDesiredReplicasWithBehaviorRate`, `calculateScaleUpLimitWithScalingRules`,
 * `calculateScaleDownLimitWithBehaviors`, `getReplicasChangePerPeriod`, `storeScaleEvent`,
 * `markScaleEventsOutdated`, `getLongestPolicyPeriod` in horizontal.go).
 */
import { storedAfter, storedBefore } from './time.js';
import type { ResolvedBehavior, ResolvedScalingRules, TimestampedScaleEvent } from './types.js';

const MAX_INT32 = 2_147_483_647;
const MIN_INT32 = -2_147_483_648;

/**
 * Replicas changed by the events younger than `periodSeconds` (`getReplicasChangePerPeriod`).
 * An event exactly one period old is outside. The `outdated` flag is not consulted.
 */
export function getReplicasChangePerPeriod(
  periodSeconds: number,
  events: readonly TimestampedScaleEvent[],
  nowMs: number,
): number {
  const cutoff = nowMs - periodSeconds * 1000;
  let replicas = 0;
  for (const e of events) if (storedAfter(e.timestampMs, cutoff)) replicas += e.replicaChange;
  return replicas;
}

/**
 * The replica count at the start of a policy's period: current minus what was added plus what
 * was removed within it. Both directions' events count, whichever way we are scaling now.
 */
function periodStartReplicas(
  currentReplicas: number,
  periodSeconds: number,
  scaleUpEvents: readonly TimestampedScaleEvent[],
  scaleDownEvents: readonly TimestampedScaleEvent[],
  nowMs: number,
): number {
  return (
    currentReplicas -
    getReplicasChangePerPeriod(periodSeconds, scaleUpEvents, nowMs) +
    getReplicasChangePerPeriod(periodSeconds, scaleDownEvents, nowMs)
  );
}

/**
 * `calculateScaleUpLimitWithScalingRules`: per policy, Pods → `start + value`, Percent →
 * `ceil(start × (1 + value/100))` (rounded up so that a small percentage still adds a pod). `Max`
 * takes the largest, `Min` the smallest; `Disabled` returns `currentReplicas`. With no policies the
 * result is the int32 minimum (which the caller raises to `currentReplicas`).
 */
export function calculateScaleUpLimitWithScalingRules(
  currentReplicas: number,
  scaleUpEvents: readonly TimestampedScaleEvent[],
  scaleDownEvents: readonly TimestampedScaleEvent[],
  rules: ResolvedScalingRules,
  nowMs: number,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? MAX_INT32 : MIN_INT32;
  for (const p of rules.policies) {
    const start = periodStartReplicas(
      currentReplicas,
      p.periodSeconds,
      scaleUpEvents,
      scaleDownEvents,
      nowMs,
    );
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/**
 * `calculateScaleDownLimitWithBehaviors`: per policy, Pods → `start - value`, Percent →
 * `trunc(start × (1 - value/100))` (Go's float→int32 conversion truncates toward zero). `Max`
 * (the biggest change) takes the smallest count, `Min` the largest; `Disabled` returns
 * `currentReplicas`.
 */
export function calculateScaleDownLimitWithBehaviors(
  currentReplicas: number,
  scaleUpEvents: readonly TimestampedScaleEvent[],
  scaleDownEvents: readonly TimestampedScaleEvent[],
  rules: ResolvedScalingRules,
  nowMs: number,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const pickLargest = rules.selectPolicy === 'Min';
  let result = pickLargest ? MIN_INT32 : MAX_INT32;
  for (const p of rules.policies) {
    const start = periodStartReplicas(
      currentReplicas,
      p.periodSeconds,
      scaleUpEvents,
      scaleDownEvents,
      nowMs,
    );
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = pickLargest ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** Result of a normalization step that may limit the count: the count, reason and message. */
export interface LimitedReplicas {
  readonly replicas: number;
  /** ScalingLimited reason: DesiredWithinRange, ScaleUpLimit, TooManyReplicas, ScaleDownLimit, TooFewReplicas. */
  readonly reason: string;
  readonly message: string;
}

/** Arguments of the behavior path (`NormalizationArg`). */
export interface BehaviorRateArgs {
  readonly currentReplicas: number;
  /** The stabilized recommendation. */
  readonly desiredReplicas: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly behavior: ResolvedBehavior;
  readonly scaleUpEvents: readonly TimestampedScaleEvent[];
  readonly scaleDownEvents: readonly TimestampedScaleEvent[];
  readonly nowMs: number;
}

/**
 * `convertDesiredReplicasWithBehaviorRate`. Scaling up, the policy limit is never below
 * `currentReplicas` (a burst of recent scale-ups pauses scaling rather than reversing it) and
 * `maxReplicas` caps it; the reason names whichever bound is tighter (`ScaleUpLimit` when the
 * policy is strictly below max, else `TooManyReplicas`). Scaling down mirrors this with
 * `ScaleDownLimit` / `TooFewReplicas`. No change → `DesiredWithinRange`.
 */
export function convertDesiredReplicasWithBehaviorRate(a: BehaviorRateArgs): LimitedReplicas {
  if (a.desiredReplicas > a.currentReplicas) {
    let limit = calculateScaleUpLimitWithScalingRules(
      a.currentReplicas,
      a.scaleUpEvents,
      a.scaleDownEvents,
      a.behavior.scaleUp,
      a.nowMs,
    );
    if (limit < a.currentReplicas) limit = a.currentReplicas;
    const policyBinds = a.maxReplicas > limit;
    const allowed = policyBinds ? limit : a.maxReplicas;
    if (a.desiredReplicas > allowed) {
      return policyBinds
        ? {
            replicas: allowed,
            reason: 'ScaleUpLimit',
            message: 'scale-up is faster than the scaling policies allow',
          }
        : { replicas: allowed, reason: 'TooManyReplicas', message: 'the desired count is above maxReplicas' };
    }
  } else if (a.desiredReplicas < a.currentReplicas) {
    let limit = calculateScaleDownLimitWithBehaviors(
      a.currentReplicas,
      a.scaleUpEvents,
      a.scaleDownEvents,
      a.behavior.scaleDown,
      a.nowMs,
    );
    if (limit > a.currentReplicas) limit = a.currentReplicas;
    const policyBinds = a.minReplicas < limit;
    const allowed = policyBinds ? limit : a.minReplicas;
    if (a.desiredReplicas < allowed) {
      return policyBinds
        ? {
            replicas: allowed,
            reason: 'ScaleDownLimit',
            message: 'scale-down is faster than the scaling policies allow',
          }
        : { replicas: allowed, reason: 'TooFewReplicas', message: 'the desired count is below minReplicas' };
    }
  }
  return {
    replicas: a.desiredReplicas,
    reason: 'DesiredWithinRange',
    message: 'the desired count is within range',
  };
}

/** `getLongestPolicyPeriod`: the longest `periodSeconds` among the rules' policies (0 if none). */
export function getLongestPolicyPeriod(rules: ResolvedScalingRules): number {
  let longest = 0;
  for (const p of rules.policies) if (p.periodSeconds > longest) longest = p.periodSeconds;
  return longest;
}

/**
 * `markScaleEventsOutdated`: flags events at least `longestPolicyPeriodSeconds` old so their slot
 * can be reused. Returns a new list; flags already set stay set.
 */
export function markScaleEventsOutdated(
  events: readonly TimestampedScaleEvent[],
  longestPolicyPeriodSeconds: number,
  nowMs: number,
): TimestampedScaleEvent[] {
  const cutoff = nowMs - longestPolicyPeriodSeconds * 1000;
  return events.map((e) => (storedBefore(e.timestampMs, cutoff) ? { ...e, outdated: true } : e));
}

/** Both scale-event lists. */
export interface ScaleEventLists {
  readonly scaleUpEvents: readonly TimestampedScaleEvent[];
  readonly scaleDownEvents: readonly TimestampedScaleEvent[];
}

/**
 * `storeScaleEvent`: records a rescale from `prevReplicas` to `newReplicas` as a positive change
 * in the list of its direction, after marking that list's stale events (older than the
 * direction's longest policy period) and overwriting the last stale slot if there is one. Nothing
 * is stored without a behavior block (the legacy path never reads events).
 */
export function storeScaleEvent(
  behavior: ResolvedBehavior | undefined,
  lists: ScaleEventLists,
  prevReplicas: number,
  newReplicas: number,
  nowMs: number,
): ScaleEventLists {
  if (behavior === undefined) return lists;
  const up = newReplicas > prevReplicas;
  const rules = up ? behavior.scaleUp : behavior.scaleDown;
  const marked = markScaleEventsOutdated(
    up ? lists.scaleUpEvents : lists.scaleDownEvents,
    getLongestPolicyPeriod(rules),
    nowMs,
  );
  const event: TimestampedScaleEvent = {
    replicaChange: up ? newReplicas - prevReplicas : prevReplicas - newReplicas,
    timestampMs: nowMs,
    outdated: false,
  };
  const slot = marked.map((e) => e.outdated).lastIndexOf(true);
  if (slot >= 0) marked[slot] = event;
  else marked.push(event);
  return up ? { ...lists, scaleUpEvents: marked } : { ...lists, scaleDownEvents: marked };
}
