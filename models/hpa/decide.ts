/**
 * One reconcile of one HPA (`reconcileAutoscaler`, pkg/controller/podautoscaler/horizontal.go),
 * as a pure function of its inputs:
 *
 * ```
 * scale read ─▶ record initial recommendation ─▶ spec.replicas == 0?  ─▶ ScalingDisabled (no change)
 *                                                 > maxReplicas?        ─▶ maxReplicas (no metrics)
 *                                                 < minReplicas?        ─▶ minReplicas (no metrics)
 *                                                 otherwise ─▶ per-metric proposals ─▶ max
 *            ─▶ normalize (legacy without behavior / behavior path) ─▶ rescale if != spec.replicas
 *            ─▶ store scale event (behavior only), conditions, lastScaleTime
 * ```
 *
 * The scale update is assumed to succeed (the controller retries on conflict).
 */
import { computeReplicasForMetrics } from './compute-metrics.js';
import { findCondition, removeCondition, setCondition } from './conditions.js';
import { resolveConfig, resolveSpec } from './defaults.js';
import { normalizeDesiredReplicas, normalizeDesiredReplicasWithBehaviors } from './normalize.js';
import { storeScaleEvent, type ScaleEventLists } from './scale-rate.js';
import { tolerancesForHpa } from './tolerances.js';
import type {
  HpaCondition,
  HpaControllerStateOut,
  HpaDecision,
  HpaDecisionInput,
  HpaDecisionPath,
  MetricProposal,
} from './types.js';
import { validateInput } from './validate.js';

/**
 * Computes what kube-controller-manager's HPA controller does in one reconcile: the replica count
 * it writes (if any), the per-metric proposals, the conditions it sets and its updated memory.
 *
 * Pure and deterministic: time comes only from `input.nowMs`, the input is not mutated, and the
 * returned `state` must be passed back as `input.state` on the next call (with a later `nowMs`)
 * to reproduce stabilization windows and rate limits across reconciles.
 *
 * Units: times in epoch ms; metric values, requests and targets in milli-units
 * (`Quantity.MilliValue()`, CPU in millicores); utilization in integer percent.
 *
 * @throws HpaInputError (a RangeError naming the field path) for input the API server would
 *   reject and the controller could not survive: maxReplicas below minReplicas, negative or
 *   non-integer counts, a missing metric source object or name, a Pods target without
 *   averageValue, out-of-range target values, malformed behavior, observations that do not match
 *   the metrics one for one.
 *   Metric failures do not throw: they are reported in `metrics[i]` (`valid: false`, `errorCode`,
 *   `conditionReason`) and handled as the controller does (they block a scale-down, and with every
 *   metric invalid nothing changes and `error` is set). Besides no samples, missing requests and
 *   fetch errors, that includes specs the controller rejects itself although the API server would
 *   have: an unknown metric `type` (`InvalidMetricSourceType`, e.g. the controller tests'
 *   `{ type: 'CheddarCheese' }`) and a target without the fields its source reads
 *   (`InvalidTarget`, with the source's `FailedGet*Metric` reason). The observation of such a
 *   metric is not read.
 */
export function decideReplicas(input: HpaDecisionInput): HpaDecision {
  validateInput(input, countMetrics(input));
  const config = resolveConfig(input.config);
  const spec = resolveSpec(input.spec, config);

  const nowMs = input.nowMs;
  const currentReplicas = input.scale.specReplicas;
  const minReplicas = spec.minReplicas;
  const gates = config.featureGates;
  const priorState = input.state ?? {};

  let conditions: HpaCondition[] = [...(input.status?.conditions ?? [])];
  const set = (
    type: HpaCondition['type'],
    status: HpaCondition['status'],
    reason: string,
    message: string,
  ): void => {
    conditions = setCondition(conditions, type, status, reason, message, nowMs);
  };
  set('AbleToScale', 'True', 'SucceededGetScale', "read the target's scale");

  // recordInitialRecommendation: a never-seen HPA remembers the current size, so the max over the
  // downscale window cannot go below it for the first window after creation or a restart.
  let recommendations = priorState.recommendations ?? [
    { recommendation: currentReplicas, timestampMs: nowMs },
  ];
  let events: ScaleEventLists = {
    scaleUpEvents: priorState.scaleUpEvents ?? [],
    scaleDownEvents: priorState.scaleDownEvents ?? [],
  };

  const scaleToZero = gates.HPAScaleToZero;
  const hasObjectOrExternal = spec.metrics.some((m) => m.type === 'Object' || m.type === 'External');
  const scaledToZero = scaleToZero && findCondition(conditions, 'ScaledToZero')?.status === 'True';
  const canScaleFromZero = scaledToZero && hasObjectOrExternal;

  let desiredReplicas = 0;
  let rescale = true;
  let rescaleReason: string | undefined;
  let needsMetrics = true;
  let path: HpaDecisionPath = 'Metrics';

  if (currentReplicas === 0) {
    // shouldComputeMetricsForZeroReplicas: a workload at 0 is left alone unless the HPA itself
    // scaled it there (ScaledToZero=True) and it can come back (Object/External metrics) or
    // minReplicas has since been raised.
    if (!((minReplicas !== 0 && scaledToZero) || canScaleFromZero)) {
      needsMetrics = false;
      rescale = false;
      path = 'ScalingDisabled';
      set('ScalingActive', 'False', 'ScalingDisabled', 'scaling is off while the target has zero replicas');
      if (!scaleToZero) conditions = removeCondition(conditions, 'ScaledToZero');
    }
  } else if (currentReplicas > spec.maxReplicas) {
    rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
    desiredReplicas = spec.maxReplicas;
    needsMetrics = false;
    path = 'AboveMaxReplicas';
  } else if (currentReplicas < minReplicas) {
    rescaleReason = 'Current number of replicas below Spec.MinReplicas';
    desiredReplicas = minReplicas;
    needsMetrics = false;
    path = 'BelowMinReplicas';
  }

  let metrics: readonly MetricProposal[] = [];
  let metricDesiredReplicas: number | undefined;
  let stabilizedReplicas: number | undefined;
  let selectedMetric: HpaDecision['selectedMetric'];
  let error: string | undefined;

  if (needsMetrics) {
    const outcome = computeReplicasForMetrics(
      spec.metrics,
      input.observations,
      {
        nowMs,
        pods: input.pods,
        tolerances: tolerancesForHpa(spec.behavior, config),
        cpuInitializationPeriodMs: config.cpuInitializationPeriodMs,
        initialReadinessDelayMs: config.initialReadinessDelayMs,
        podLevelResources: gates.PodLevelResources,
        specReplicas: currentReplicas,
        statusReplicas: input.scale.statusReplicas,
      },
      input.scale.selectorProblem,
    );
    metrics = outcome.proposals;
    error = outcome.error;
    set(
      'ScalingActive',
      outcome.scalingActive.status,
      outcome.scalingActive.reason,
      outcome.scalingActive.message,
    );

    if (outcome.blocked) {
      // The reconcile stops with an error: status keeps its previous desired count, nothing is
      // stored beyond the initial recommendation, and the scale is not touched.
      return finish({
        input,
        currentReplicas,
        desiredReplicas: input.status?.desiredReplicas ?? currentReplicas,
        rescale: false,
        path: 'MetricsFailed',
        metrics,
        conditions,
        error,
        state: { recommendations, ...events },
      });
    }

    metricDesiredReplicas = outcome.replicas;
    selectedMetric = outcome.selected;
    let rescaleMetric = '';
    if (outcome.replicas > desiredReplicas) {
      desiredReplicas = outcome.replicas;
      rescaleMetric = outcome.selected?.name ?? '';
    }
    if (desiredReplicas > currentReplicas) rescaleReason = `${rescaleMetric} above target`;
    if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target';

    const normalized =
      spec.behavior === undefined
        ? normalizeDesiredReplicas({
            currentReplicas,
            prenormalizedDesiredReplicas: desiredReplicas,
            minReplicas,
            maxReplicas: spec.maxReplicas,
            recommendations,
            downscaleStabilizationWindowMs: config.downscaleStabilizationWindowMs,
            scaleUpLimitFactor: config.scaleUpLimitFactor,
            scaleUpLimitMinimum: config.scaleUpLimitMinimum,
            nowMs,
          })
        : normalizeDesiredReplicasWithBehaviors({
            currentReplicas,
            prenormalizedDesiredReplicas: desiredReplicas,
            minReplicas,
            maxReplicas: spec.maxReplicas,
            behavior: spec.behavior,
            recommendations,
            scaleUpEvents: events.scaleUpEvents,
            scaleDownEvents: events.scaleDownEvents,
            nowMs,
          });
    recommendations = [...normalized.recommendations];
    stabilizedReplicas = normalized.stabilizedReplicas;
    desiredReplicas = normalized.desiredReplicas;
    set(
      'AbleToScale',
      normalized.ableToScale.status,
      normalized.ableToScale.reason,
      normalized.ableToScale.message,
    );
    set(
      'ScalingLimited',
      normalized.scalingLimited.status,
      normalized.scalingLimited.reason,
      normalized.scalingLimited.message,
    );

    // Coming back from zero after minReplicas was raised: at least minReplicas.
    if (currentReplicas === 0 && minReplicas !== 0 && scaledToZero && desiredReplicas < minReplicas) {
      desiredReplicas = minReplicas;
      rescaleReason ??= 'Current number of replicas below Spec.MinReplicas';
    }
    rescale = desiredReplicas !== currentReplicas;
  }

  let lastScaleTimeMs = input.status?.lastScaleTimeMs;
  if (rescale) {
    set('AbleToScale', 'True', 'SucceededRescale', `updated the target's scale to ${desiredReplicas}`);
    events = storeScaleEvent(spec.behavior, events, currentReplicas, desiredReplicas, nowMs);
    if (scaleToZero) {
      if (currentReplicas > 0 && desiredReplicas === 0 && minReplicas === 0 && hasObjectOrExternal) {
        set('ScaledToZero', 'True', 'ScaledToZero', 'the HPA scaled the target to zero');
      } else {
        set('ScaledToZero', 'False', 'NotScaledToZero', 'the HPA did not scale the target to zero');
      }
    } else {
      conditions = removeCondition(conditions, 'ScaledToZero');
    }
    lastScaleTimeMs = nowMs;
  } else {
    desiredReplicas = currentReplicas;
  }

  return finish({
    input,
    currentReplicas,
    desiredReplicas,
    rescale,
    path,
    metrics,
    conditions,
    error,
    state: { recommendations, ...events },
    ...(rescaleReason === undefined ? {} : { rescaleReason }),
    ...(metricDesiredReplicas === undefined ? {} : { metricDesiredReplicas }),
    ...(stabilizedReplicas === undefined ? {} : { stabilizedReplicas }),
    ...(selectedMetric === undefined ? {} : { selectedMetric }),
    ...(lastScaleTimeMs === undefined ? {} : { lastScaleTimeMs }),
  });
}

/** Metrics after API defaulting: an empty list becomes the single default CPU metric. */
function countMetrics(input: HpaDecisionInput): number {
  const n = (input as Partial<HpaDecisionInput> | undefined)?.spec?.metrics?.length ?? 0;
  return n > 0 ? n : 1;
}

interface FinishArgs {
  readonly input: HpaDecisionInput;
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
  readonly rescale: boolean;
  readonly path: HpaDecisionPath;
  readonly metrics: readonly MetricProposal[];
  readonly conditions: readonly HpaCondition[];
  readonly error: string | undefined;
  readonly state: HpaControllerStateOut;
  readonly rescaleReason?: string;
  readonly metricDesiredReplicas?: number;
  readonly stabilizedReplicas?: number;
  readonly selectedMetric?: HpaDecision['selectedMetric'];
  readonly lastScaleTimeMs?: number;
}

function finish(a: FinishArgs): HpaDecision {
  const { input, error, conditions, ...rest } = a;
  const lastScaleTimeMs = a.lastScaleTimeMs ?? input.status?.lastScaleTimeMs;
  const ableToScale = findCondition(conditions, 'AbleToScale');
  const scalingActive = findCondition(conditions, 'ScalingActive');
  const scalingLimited = findCondition(conditions, 'ScalingLimited');
  return {
    ...rest,
    conditions,
    ...(ableToScale === undefined ? {} : { ableToScale }),
    ...(scalingActive === undefined ? {} : { scalingActive }),
    ...(scalingLimited === undefined ? {} : { scalingLimited }),
    ...(error === undefined ? {} : { error }),
    ...(lastScaleTimeMs === undefined ? {} : { lastScaleTimeMs }),
    state: {
      recommendations: [...a.state.recommendations],
      scaleUpEvents: [...a.state.scaleUpEvents],
      scaleDownEvents: [...a.state.scaleDownEvents],
    },
  };
}
