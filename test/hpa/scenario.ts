/**
 * `horizontalScenario` of horizontal_test.go as an `HpaDecisionInput` builder: CPU target first,
 * then `metricsTarget`; pods from `reportedCPURequests` (or `statusReplicas` pods at 1 CPU);
 * every metric reads `reportedLevels` the way the Go fake clients serve them.
 */
import type {
  ConditionStatus,
  HpaCondition,
  HpaControllerConfigInput,
  HpaDecisionInput,
  HpaScalingRules,
  MetricObservation,
  MetricSpec,
  PodPhase,
  TimestampedRecommendation,
  TimestampedScaleEvent,
} from '../../models/hpa/index.js';
import { NOW, TESTING_CONFIG, cpuUtilization, hpaCustomSamples, hpaPods, hpaSamples } from './fixtures.js';

/** The fields of `horizontalScenario` / `testCase` that matter to the decision. */
export interface HorizontalScenario {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly specReplicas: number;
  readonly statusReplicas: number;
  readonly CPUTarget?: number;
  readonly metricsTarget?: readonly MetricSpec[];
  readonly reportedLevels: readonly number[];
  readonly reportedCPURequests?: readonly number[];
  readonly reportedPodReadiness?: readonly ConditionStatus[];
  readonly reportedPodStartTime?: readonly number[];
  readonly reportedPodPhase?: readonly PodPhase[];
  readonly reportedPodDeletionTimestamp?: readonly boolean[];
  readonly scaleUpRules?: HpaScalingRules;
  readonly scaleDownRules?: HpaScalingRules;
  /** Go nil (undefined) means the controller has never seen the HPA. */
  readonly recommendations?: readonly TimestampedRecommendation[];
  readonly scaleUpEvents?: readonly TimestampedScaleEvent[];
  readonly scaleDownEvents?: readonly TimestampedScaleEvent[];
  readonly initialConditions?: readonly HpaCondition[];
  /** Per-metric overrides of the observation (e.g. a failed fetch). */
  readonly observations?: readonly (MetricObservation | undefined)[];
  readonly config?: HpaControllerConfigInput;
}

function observationFor(m: MetricSpec, levels: readonly number[]): MetricObservation {
  switch (m.type) {
    case 'Resource':
    case 'ContainerResource':
      return { kind: 'PodResource', samples: hpaSamples(levels) };
    case 'Pods':
      return { kind: 'PodCustom', samples: hpaCustomSamples(levels) };
    case 'Object':
      return { kind: 'Object', value: levels[0] ?? 0, timestampMs: NOW };
    case 'External':
      return { kind: 'External', samples: levels.map((value) => ({ value, timestampMs: NOW })) };
    default:
      // An unknown source type (`CheddarCheese`): no metrics API serves it and the controller
      // never asks, so what stands here is not read.
      return { kind: 'Error', message: `no metrics API serves ${String((m as { type: unknown }).type)}` };
  }
}

/** Builds the reconcile input for a scenario at `NOW`. */
export function scenarioInput(s: HorizontalScenario): HpaDecisionInput {
  const metrics = [
    ...(s.CPUTarget !== undefined && s.CPUTarget > 0 ? [cpuUtilization(s.CPUTarget)] : []),
    ...(s.metricsTarget ?? []),
  ];
  const requests = s.reportedCPURequests ?? Array.from({ length: s.statusReplicas }, () => 1000);
  const behavior =
    s.scaleUpRules !== undefined || s.scaleDownRules !== undefined
      ? {
          ...(s.scaleUpRules ? { scaleUp: s.scaleUpRules } : {}),
          ...(s.scaleDownRules ? { scaleDown: s.scaleDownRules } : {}),
        }
      : undefined;
  const state =
    s.recommendations === undefined && s.scaleUpEvents === undefined && s.scaleDownEvents === undefined
      ? undefined
      : {
          ...(s.recommendations ? { recommendations: s.recommendations } : {}),
          ...(s.scaleUpEvents ? { scaleUpEvents: s.scaleUpEvents } : {}),
          ...(s.scaleDownEvents ? { scaleDownEvents: s.scaleDownEvents } : {}),
        };
  return {
    nowMs: NOW,
    spec: {
      minReplicas: s.minReplicas,
      maxReplicas: s.maxReplicas,
      metrics,
      ...(behavior ? { behavior } : {}),
    },
    scale: { specReplicas: s.specReplicas, statusReplicas: s.statusReplicas },
    pods: hpaPods(requests, {
      ...(s.reportedPodReadiness ? { readiness: s.reportedPodReadiness } : {}),
      ...(s.reportedPodStartTime ? { startTimes: s.reportedPodStartTime } : {}),
      ...(s.reportedPodPhase ? { phases: s.reportedPodPhase } : {}),
      ...(s.reportedPodDeletionTimestamp ? { deleted: s.reportedPodDeletionTimestamp } : {}),
    }),
    observations: metrics.map((m, i) => s.observations?.[i] ?? observationFor(m, s.reportedLevels)),
    ...(state ? { state } : {}),
    status: { desiredReplicas: s.specReplicas, conditions: s.initialConditions ?? [] },
    config: { ...TESTING_CONFIG, ...s.config },
  };
}

/** `statusOkWithOverrides`: AbleToScale, ScalingActive, ScalingLimited as (type, status, reason). */
export function statusOk(
  ...overrides: [HpaCondition['type'], ConditionStatus, string][]
): [string, string, string][] {
  const base: [string, string, string][] = [
    ['AbleToScale', 'True', 'SucceededRescale'],
    ['ScalingActive', 'True', 'ValidMetricFound'],
    ['ScalingLimited', 'False', 'DesiredWithinRange'],
  ];
  for (const [type, status, reason] of overrides) {
    const i = base.findIndex(([t]) => t === type);
    if (i >= 0) base[i] = [type, status, reason];
    else base.push([type, status, reason]);
  }
  return base;
}

/** Conditions reduced to (type, status, reason), as the Go tests compare them. */
export function conditionTriples(conditions: readonly HpaCondition[]): [string, string, string][] {
  return conditions.map((c) => [c.type, c.status, c.reason]);
}
