/**
 * The Kubernetes Horizontal Pod Autoscaler's decision, as kube-controller-manager computes it
 * (pkg/controller/podautoscaler: horizontal.go, replica_calculator.go, metrics/utilization.go),
 * as a pure function for the simulator.
 *
 * Usage: call `decideReplicas` once per sync period (15 s by default) with the pods, the metric
 * samples the metrics APIs would return, the HPA spec and the state returned by the previous
 * call. Apply `desiredReplicas` when `rescale` is true.
 *
 * ```ts
 * let state: HpaControllerState | undefined; // undefined = a new HPA (or a restarted controller)
 * const d = decideReplicas({
 *   nowMs,
 *   spec: { minReplicas: 2, maxReplicas: 10, metrics: [{ type: 'Resource',
 *     resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
 *   scale: { specReplicas: 3, statusReplicas: 3 },
 *   pods,                                    // PodState[]: phase, readiness, start time, requests
 *   observations: [{ kind: 'PodResource', samples }], // one per metric, same order
 *   state,
 * });
 * state = d.state;
 * if (d.rescale) deployment.setReplicas(d.desiredReplicas);
 * ```
 *
 * Units: epoch milliseconds for times; `Quantity.MilliValue()` numbers for metric values,
 * requests and targets (CPU in millicores); utilization in integer percent.
 *
 * The lower-level pieces (the replica calculator per metric type, both normalization paths, the
 * rate limits and the event store) are exported too, for tests and what-if analysis.
 */
export { decideReplicas } from './decide.js';
export { HpaInputError, MetricComputationError } from './errors.js';
export {
  DEFAULT_CPU_UTILIZATION,
  DEFAULT_HPA_CONTROLLER_CONFIG,
  DEFAULT_MIN_REPLICAS,
  DEFAULT_SCALE_DOWN_RULES,
  DEFAULT_SCALE_UP_RULES,
  resolveBehavior,
  resolveConfig,
  resolveSpec,
} from './defaults.js';
export type { ResolvedSpec } from './defaults.js';
export { computeReplicasForMetric, computeReplicasForMetrics, describeMetric } from './compute-metrics.js';
export type { MetricsContext, MetricsOutcome, ScalingActiveUpdate } from './compute-metrics.js';
export { isKnownMetricType, metricSpecProblem } from './metric-spec.js';
export type { MetricSpecProblem } from './metric-spec.js';
export {
  getExternalMetricReplicas,
  getExternalPerPodMetricReplicas,
  getMetricReplicas,
  getObjectMetricReplicas,
  getObjectPerPodMetricReplicas,
  getRawResourceReplicas,
  getResourceReplicas,
} from './replica-calculator.js';
export type { ReplicaCalcContext, ReplicaProposal, ResourceReplicaProposal } from './replica-calculator.js';
export {
  calculateRequests,
  customMetricsFromSamples,
  groupPods,
  resourceMetricsFromSamples,
} from './pod-grouping.js';
export type { PodGroups, PodMetric, PodMetricsInfo, ReadinessTiming } from './pod-grouping.js';
export { getMetricUsageRatio, getResourceUtilizationRatio } from './utilization.js';
export type { MetricUsage, ResourceUtilization } from './utilization.js';
export { isWithin, tolerancesForHpa } from './tolerances.js';
export type { Tolerances } from './tolerances.js';
export {
  convertDesiredReplicasWithRules,
  normalizeDesiredReplicas,
  normalizeDesiredReplicasWithBehaviors,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
} from './normalize.js';
export type {
  BehaviorNormalizationArgs,
  ConditionUpdate,
  LegacyNormalizationArgs,
  NormalizationResult,
} from './normalize.js';
export {
  calculateScaleDownLimitWithBehaviors,
  calculateScaleUpLimitWithScalingRules,
  convertDesiredReplicasWithBehaviorRate,
  getLongestPolicyPeriod,
  getReplicasChangePerPeriod,
  markScaleEventsOutdated,
  storeScaleEvent,
} from './scale-rate.js';
export type { BehaviorRateArgs, LimitedReplicas, ScaleEventLists } from './scale-rate.js';
export { findCondition, removeCondition, setCondition } from './conditions.js';
export type * from './types.js';
