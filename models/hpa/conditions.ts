/**
 * Pure versions of `setCondition` / `removeCondition` (horizontal.go): conditions keep their
 * position in the list, new ones are appended, and the transition time moves only when the
 * status changes.
 */
import type { ConditionStatus, HpaCondition, HpaConditionType } from './types.js';

/** Returns a new list with `type` set; appended if absent. */
export function setCondition(
  list: readonly HpaCondition[],
  type: HpaConditionType,
  status: ConditionStatus,
  reason: string,
  message: string,
  nowMs: number,
): HpaCondition[] {
  const i = list.findIndex((c) => c.type === type);
  const prev = i >= 0 ? list[i] : undefined;
  const lastTransitionTimeMs =
    prev !== undefined && prev.status === status ? prev.lastTransitionTimeMs : nowMs;
  const next: HpaCondition = {
    type,
    status,
    reason,
    message,
    ...(lastTransitionTimeMs === undefined ? {} : { lastTransitionTimeMs }),
  };
  const out = [...list];
  if (i >= 0) out[i] = next;
  else out.push(next);
  return out;
}

/** Returns a new list without conditions of `type`. */
export function removeCondition(list: readonly HpaCondition[], type: HpaConditionType): HpaCondition[] {
  return list.filter((c) => c.type !== type);
}

/** The condition of `type`, if present. */
export function findCondition(
  list: readonly HpaCondition[],
  type: HpaConditionType,
): HpaCondition | undefined {
  return list.find((c) => c.type === type);
}
