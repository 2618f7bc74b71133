/**
 * Input and output types of the HPA decision function. Field names follow the autoscaling/v2 API
 * (`HorizontalPodAutoscalerSpec`, `MetricSpec`, `HPAScalingRules`, ...) in camelCase, so a manifest
 * maps onto them field by field.
 *
 * Units, everywhere in this module:
 * - Times are epoch milliseconds (`...Ms`), except the API's own `...Seconds` fields.
 * - Metric and request values are `Quantity.MilliValue()` numbers, exactly what the controller
 *   works with: CPU in millicores (`"500m"` → 500, `"1"` → 1000), a custom metric `"15"` → 15000,
 *   memory in thousandths of a byte (`"1Mi"` → 1048576000). Only ratios of samples to requests
 *   or to targets matter, so any consistent unit works, but integer truncation happens on these
 *   values, so milli-units reproduce the controller bit for bit.
 * - Utilization is an integer percent of the request (`averageUtilization: 70`).
 */

/** `MetricSourceType` (autoscaling/v2). */
export type MetricSourceType = 'Resource' | 'Pods' | 'Object' | 'External' | 'ContainerResource';

/** `MetricTargetType` (autoscaling/v2). */
export type MetricTargetType = 'Utilization' | 'AverageValue' | 'Value';

/**
 * `MetricTarget`. Which field the controller reads depends on the source, not only on `type`
 * (see `computeReplicasForMetric`): Resource/ContainerResource and External look at
 * `averageValue` first and ignore `type`; Object requires `type` to agree with the field that is
 * set; Pods reads `averageValue` only. A target with none of the fields its source reads makes
 * the metric invalid (`InvalidTarget`) rather than the input; a missing `target` reads as Go's
 * zero target. Only the values themselves are checked as the API server would (an input error).
 */
export interface MetricTarget {
  readonly type: MetricTargetType;
  /** Integer percent of the pods' summed requests, >= 1 (Resource/ContainerResource only). */
  readonly averageUtilization?: number;
  /** Per-pod target in milli-units, > 0. */
  readonly averageValue?: number;
  /** Total target in milli-units, > 0 (Object/External only). */
  readonly value?: number;
}

/** `metav1.LabelSelector`, reduced to what this module prints in metric names. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
}

/** `MetricIdentifier`: a custom or external metric's name and optional selector. */
export interface MetricIdentifier {
  readonly name: string;
  readonly selector?: LabelSelector;
}

/** `CrossVersionObjectReference`: the object an Object metric describes. */
export interface CrossVersionObjectReference {
  readonly kind: string;
  readonly name: string;
  readonly apiVersion?: string;
}

/** `ResourceMetricSource`: a resource (`cpu`, `memory`, ...) summed over each pod's containers. */
export interface ResourceMetricSource {
  readonly name: string;
  readonly target: MetricTarget;
}

/** `ContainerResourceMetricSource`: one named container's resource in every pod. */
export interface ContainerResourceMetricSource {
  readonly name: string;
  readonly container: string;
  readonly target: MetricTarget;
}

/** `PodsMetricSource`: a custom per-pod metric; the target must be `AverageValue`. */
export interface PodsMetricSource {
  readonly metric: MetricIdentifier;
  readonly target: MetricTarget;
}

/** `ObjectMetricSource`: one value describing another object (an Ingress's QPS, ...). */
export interface ObjectMetricSource {
  readonly describedObject: CrossVersionObjectReference;
  readonly metric: MetricIdentifier;
  readonly target: MetricTarget;
}

/** `ExternalMetricSource`: a metric from outside the cluster (queue length, ...). */
export interface ExternalMetricSource {
  readonly metric: MetricIdentifier;
  readonly target: MetricTarget;
}

/**
 * `MetricSpec`: exactly one source, named by `type`.
 *
 * A spec whose `type` is none of these (which the API server would reject, but the controller's
 * own tests feed it, e.g. `{ type: 'CheddarCheese' }`) is accepted at run time and reported as an
 * invalid metric with reason `InvalidMetricSourceType`, as `computeReplicasForMetric` does; so is
 * a target the controller cannot use (see `metricSpecProblem` in `metric-spec.ts`).
 */
export type MetricSpec =
  | { readonly type: 'Resource'; readonly resource: ResourceMetricSource }
  | { readonly type: 'ContainerResource'; readonly containerResource: ContainerResourceMetricSource }
  | { readonly type: 'Pods'; readonly pods: PodsMetricSource }
  | { readonly type: 'Object'; readonly object: ObjectMetricSource }
  | { readonly type: 'External'; readonly external: ExternalMetricSource };

/** `ScalingPolicySelect`. */
export type ScalingPolicySelect = 'Max' | 'Min' | 'Disabled';

/** `HPAScalingPolicy`: at most `value` pods (or percent) of change per `periodSeconds`. */
export interface HpaScalingPolicy {
  readonly type: 'Pods' | 'Percent';
  /** > 0. */
  readonly value: number;
  /** 1..1800. */
  readonly periodSeconds: number;
}

/** `HPAScalingRules` as written; unset fields get the API defaults (see `defaults.ts`). */
export interface HpaScalingRules {
  /** 0..3600. */
  readonly stabilizationWindowSeconds?: number;
  readonly selectPolicy?: ScalingPolicySelect;
  /** Non-empty when given. */
  readonly policies?: readonly HpaScalingPolicy[];
  /**
   * Per-direction tolerance as a fraction (0.05 = 5 %), >= 0. Used only when the
   * `HPAConfigurableTolerance` feature gate is on (`tolerancesForHpa`, horizontal.go).
   */
  readonly tolerance?: number;
}

/** `HPAScalingRules` after API defaulting and `maybeInitScaleDownStabilizationWindow`. */
export interface ResolvedScalingRules {
  readonly stabilizationWindowSeconds: number;
  readonly selectPolicy: ScalingPolicySelect;
  readonly policies: readonly HpaScalingPolicy[];
  readonly tolerance?: number;
}

/** `HorizontalPodAutoscalerBehavior`. Its presence selects the behavior normalization path. */
export interface HpaBehavior {
  readonly scaleUp?: HpaScalingRules;
  readonly scaleDown?: HpaScalingRules;
}

/** `HorizontalPodAutoscalerBehavior` with both directions resolved. */
export interface ResolvedBehavior {
  readonly scaleUp: ResolvedScalingRules;
  readonly scaleDown: ResolvedScalingRules;
}

/** `HorizontalPodAutoscalerSpec` without the scale target reference. */
export interface HpaSpec {
  /** Defaults to 1. 0 is accepted (scale to zero, `HPAScaleToZero`). */
  readonly minReplicas?: number;
  /** >= 1 and >= minReplicas. */
  readonly maxReplicas: number;
  /** Defaults to CPU at 80 % utilization when empty (`SetDefaults_HorizontalPodAutoscaler`). */
  readonly metrics?: readonly MetricSpec[];
  /** Absent: the legacy normalization path (2×/4 scale-up cap, no scale-down rate limit). */
  readonly behavior?: HpaBehavior;
}

/** `PodPhase`. */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** `ConditionStatus`. */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** The pod's `Ready` condition. */
export interface PodReadyCondition {
  readonly status: ConditionStatus;
  readonly lastTransitionTimeMs: number;
}

/** A container's resource requests, in milli-units keyed by resource name (`cpu`, `memory`). */
export interface ContainerRequests {
  readonly name: string;
  readonly requests?: Readonly<Record<string, number>>;
}

/** An init container; only `restartPolicy: 'Always'` ones (sidecars) count toward requests. */
export interface InitContainerRequests extends ContainerRequests {
  readonly restartPolicy?: 'Always';
}

/** What the controller reads from a pod (the pod lister, filtered by the scale selector). */
export interface PodState {
  /** Unique; metric samples are matched to pods by this name. */
  readonly name: string;
  readonly phase: PodPhase;
  /** Set when the pod is being deleted; such pods are ignored entirely. */
  readonly deletionTimestampMs?: number;
  /** `status.startTime`; absent means the pod has no start time yet. */
  readonly startTimeMs?: number;
  /** Absent means the pod has no `Ready` condition. */
  readonly readyCondition?: PodReadyCondition;
  readonly containers: readonly ContainerRequests[];
  readonly initContainers?: readonly InitContainerRequests[];
  /** `spec.resources.requests` (pod-level resources, KEP-2837), milli-units. */
  readonly podLevelRequests?: Readonly<Record<string, number>>;
}

/** One container's usage in a `PodMetrics` item (metrics.k8s.io), milli-units by resource. */
export interface ContainerUsage {
  readonly name: string;
  readonly usage: Readonly<Record<string, number>>;
}

/**
 * One `PodMetrics` item from the resource metrics API. A pod's resource value is the sum over
 * its containers; if any container lacks the resource the pod has no sample (`getPodMetrics`).
 * Samples may name pods that are not in `pods` (the controller keeps such "superfluous" samples).
 */
export interface PodResourceSample {
  readonly podName: string;
  /** End of the sample window. */
  readonly timestampMs: number;
  /** Length of the sample window (metrics-server reports e.g. 15 s or 60 s). */
  readonly windowMs: number;
  readonly containers: readonly ContainerUsage[];
}

/** One per-pod value from the custom metrics API (a Pods metric), milli-units. */
export interface PodCustomSample {
  readonly podName: string;
  readonly value: number;
  readonly timestampMs: number;
}

/** One value from the external metrics API, milli-units. */
export interface ExternalSample {
  readonly value: number;
  readonly timestampMs: number;
}

/**
 * What the metrics APIs returned for one `spec.metrics[i]`, in the same order. `Error` stands for
 * a failed fetch; the controller then treats that metric as invalid.
 */
export type MetricObservation =
  /** For Resource and ContainerResource metrics: the `PodMetricsList` items. */
  | { readonly kind: 'PodResource'; readonly samples: readonly PodResourceSample[] }
  /** For Pods metrics. */
  | { readonly kind: 'PodCustom'; readonly samples: readonly PodCustomSample[] }
  /** For Object metrics. */
  | { readonly kind: 'Object'; readonly value: number; readonly timestampMs: number }
  /** For External metrics: every series matching the selector (they are summed). */
  | { readonly kind: 'External'; readonly samples: readonly ExternalSample[] }
  /** The fetch failed with this message. */
  | { readonly kind: 'Error'; readonly message: string };

/** Problems `validateAndParseSelector` reports before any metric is read. */
export type SelectorProblem = 'Missing' | 'Unparsable' | 'Ambiguous';

/** The target's scale subresource. */
export interface ScaleState {
  /** `scale.spec.replicas`: the controller's `currentReplicas`. */
  readonly specReplicas: number;
  /** `scale.status.replicas`: used by the AverageValue Object/External metrics. */
  readonly statusReplicas: number;
  /** Set to simulate an empty, unparsable or shared selector. */
  readonly selectorProblem?: SelectorProblem;
}

/** `HorizontalPodAutoscalerConditionType`. */
export type HpaConditionType = 'AbleToScale' | 'ScalingActive' | 'ScalingLimited' | 'ScaledToZero';

/** `HorizontalPodAutoscalerCondition`. Reasons are the controller's; messages are paraphrased. */
export interface HpaCondition {
  readonly type: HpaConditionType;
  readonly status: ConditionStatus;
  readonly reason: string;
  readonly message: string;
  /** Set to the reconcile time whenever `status` changes. */
  readonly lastTransitionTimeMs?: number;
}

/** The HPA status fields the controller reads back. */
export interface HpaStatusInput {
  /** Kept when the reconcile fails; defaults to the current replica count. */
  readonly desiredReplicas?: number;
  readonly lastScaleTimeMs?: number;
  /** Prior conditions; `ScaledToZero` here drives scale-from-zero. */
  readonly conditions?: readonly HpaCondition[];
}

/** `timestampedRecommendation`: one unstabilized proposal kept for stabilization. */
export interface TimestampedRecommendation {
  readonly recommendation: number;
  readonly timestampMs: number;
}

/** `timestampedScaleEvent`: one past rescale; `replicaChange` is a positive magnitude. */
export interface TimestampedScaleEvent {
  readonly replicaChange: number;
  readonly timestampMs: number;
  readonly outdated: boolean;
}

/**
 * The controller's in-memory history for one HPA. Order matters: the controller overwrites a
 * specific stale slot rather than appending (see `stabilizeRecommendation`, `storeScaleEvent`).
 *
 * `recommendations: undefined` means the controller has never reconciled this HPA, so the current
 * replica count is recorded first (`recordInitialRecommendation`); `[]` means it has, with nothing
 * stored (the controller's own tests use this to skip the initial recommendation).
 */
export interface HpaControllerState {
  readonly recommendations?: readonly TimestampedRecommendation[];
  readonly scaleUpEvents?: readonly TimestampedScaleEvent[];
  readonly scaleDownEvents?: readonly TimestampedScaleEvent[];
}

/** The state after a reconcile; thread it into the next call. */
export interface HpaControllerStateOut {
  readonly recommendations: readonly TimestampedRecommendation[];
  readonly scaleUpEvents: readonly TimestampedScaleEvent[];
  readonly scaleDownEvents: readonly TimestampedScaleEvent[];
}

/** Feature gates that change the decision. */
export interface HpaFeatureGates {
  /** Honour `behavior.scaleUp/scaleDown.tolerance` (KEP-4951). */
  readonly HPAConfigurableTolerance: boolean;
  /** minReplicas 0 and scale-from-zero with Object/External metrics (KEP-2021). */
  readonly HPAScaleToZero: boolean;
  /** Use `spec.resources.requests` when a pod sets them (KEP-2837). */
  readonly PodLevelResources: boolean;
}

/** kube-controller-manager settings; see `defaults.ts` for values and sources. */
export interface HpaControllerConfig {
  /** `--horizontal-pod-autoscaler-sync-period`; informational, the caller schedules reconciles. */
  readonly syncPeriodMs: number;
  /** `--horizontal-pod-autoscaler-tolerance`, a fraction. */
  readonly tolerance: number;
  /** `--horizontal-pod-autoscaler-cpu-initialization-period`. */
  readonly cpuInitializationPeriodMs: number;
  /** `--horizontal-pod-autoscaler-initial-readiness-delay`. */
  readonly initialReadinessDelayMs: number;
  /** `--horizontal-pod-autoscaler-downscale-stabilization`. */
  readonly downscaleStabilizationWindowMs: number;
  /** Legacy-path cap `max(factor × current, minimum)`; horizontal.go package variables. */
  readonly scaleUpLimitFactor: number;
  readonly scaleUpLimitMinimum: number;
  readonly featureGates: HpaFeatureGates;
}

/** Partial overrides of `HpaControllerConfig`. */
export type HpaControllerConfigInput = Partial<Omit<HpaControllerConfig, 'featureGates'>> & {
  readonly featureGates?: Partial<HpaFeatureGates>;
};

/** Everything one reconcile of one HPA reads. */
export interface HpaDecisionInput {
  /** The reconcile instant (the controller's `time.Now()`), epoch ms. */
  readonly nowMs: number;
  readonly spec: HpaSpec;
  readonly scale: ScaleState;
  /** Pods matched by the scale selector. */
  readonly pods: readonly PodState[];
  /**
   * One per metric of the defaulted spec (one for the default CPU metric if `metrics` is empty).
   * For a metric the controller rejects from its spec alone (unknown `type`, unusable target) the
   * entry is not read and may be anything, `{ kind: 'Error', ... }` included; trailing such
   * entries may be left out.
   */
  readonly observations: readonly MetricObservation[];
  /** Omit on the first reconcile of a new HPA (or after a controller restart). */
  readonly state?: HpaControllerState;
  readonly status?: HpaStatusInput;
  readonly config?: HpaControllerConfigInput;
}

/** Stable codes for per-metric failures (the controller's "invalid metric" errors). */
export type MetricErrorCode =
  | 'FetchFailed'
  | 'NoMetricsReturned'
  | 'NoPods'
  | 'NoMetricsForTargetedPods'
  | 'MissingRequest'
  | 'MissingPodLevelRequest'
  | 'ContainerNotFound'
  | 'NoMatchingPods'
  /** The target sets none of the fields the controller reads for this source. */
  | 'InvalidTarget'
  /** `type` is not a known `MetricSourceType` (the controller's `InvalidMetricSourceType`). */
  | 'InvalidMetricSourceType';

/** `MetricValueStatus`: the current value reported in `status.currentMetrics`. */
export interface MetricValueStatus {
  /** Integer percent, computed before unready/missing pods are filled in. */
  readonly averageUtilization?: number;
  /** Milli-units (for Object/External AverageValue: ceil(total / statusReplicas)). */
  readonly averageValue?: number;
  /** Milli-units. */
  readonly value?: number;
}

/** How `groupPods` sorted the pods for a pod-based metric. */
export interface PodGrouping {
  /** Pods counted as ready (the fast path multiplies the ratio by this). */
  readonly readyPodCount: number;
  /** Pending pods, and for CPU pods not yet ready or still warming up. */
  readonly unready: readonly string[];
  /** Pods (not Pending) with no sample. */
  readonly missing: readonly string[];
  /** Pods being deleted, Failed or Succeeded. */
  readonly ignored: readonly string[];
}

/** The outcome for one `spec.metrics[i]`. */
export interface MetricProposal {
  readonly index: number;
  /** `spec.metrics[i].type` as written: an unknown type is kept verbatim (`""` when missing). */
  readonly type: MetricSourceType | string;
  /** The controller's description, e.g. "cpu resource utilization (percentage of request)". */
  readonly metricName: string;
  /** False when the controller treats the metric as invalid. */
  readonly valid: boolean;
  /** Proposed replica count (valid metrics). */
  readonly replicas?: number;
  /** The controller's proposal timestamp; undefined where it is Go's zero time. */
  readonly timestampMs?: number;
  readonly current?: MetricValueStatus;
  /** Usage ratio against the target before any unready/missing adjustment. */
  readonly usageRatio?: number;
  readonly pods?: PodGrouping;
  readonly errorCode?: MetricErrorCode;
  readonly error?: string;
  /** `ScalingActive=False` reason the controller would set for this metric, e.g. FailedGetResourceMetric. */
  readonly conditionReason?: string;
}

/** Which branch of `reconcileAutoscaler` decided. */
export type HpaDecisionPath =
  'ScalingDisabled' | 'AboveMaxReplicas' | 'BelowMinReplicas' | 'Metrics' | 'MetricsFailed';

/** The result of one reconcile. */
export interface HpaDecision {
  /** `scale.spec.replicas` at the start of the reconcile. */
  readonly currentReplicas: number;
  /** What `status.desiredReplicas` holds after the reconcile (the new scale when `rescale`). */
  readonly desiredReplicas: number;
  /** True when the controller writes a new replica count to the scale subresource. */
  readonly rescale: boolean;
  readonly path: HpaDecisionPath;
  /** The event reason text, e.g. "cpu resource utilization (percentage of request) above target". */
  readonly rescaleReason?: string;
  /** Largest valid proposal (`computeReplicasForMetrics`); undefined when metrics were not used. */
  readonly metricDesiredReplicas?: number;
  /** After stabilization, before rate limits and min/max. */
  readonly stabilizedReplicas?: number;
  /** The metric whose proposal won. */
  readonly selectedMetric?: { readonly index: number; readonly name: string };
  readonly metrics: readonly MetricProposal[];
  /** The full condition list as the controller leaves it. */
  readonly conditions: readonly HpaCondition[];
  readonly ableToScale?: HpaCondition;
  readonly scalingActive?: HpaCondition;
  readonly scalingLimited?: HpaCondition;
  /** The error `reconcileAutoscaler` returns (invalid metrics, selector problems). */
  readonly error?: string;
  readonly lastScaleTimeMs?: number;
  /** Updated controller memory for the next call. */
  readonly state: HpaControllerStateOut;
}
