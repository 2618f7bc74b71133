/**
 * Defaults of the HPA controller and of the autoscaling/v2 API, with where each comes from.
 */
import type {
  HpaBehavior,
  HpaControllerConfig,
  HpaControllerConfigInput,
  HpaScalingRules,
  HpaSpec,
  MetricSpec,
  ResolvedBehavior,
  ResolvedScalingRules,
} from './types.js';

/**
 * kube-controller-manager defaults for the HPA controller.
 *
 * - sync period 15 s, tolerance 0.1, CPU initialization period 5 min, initial readiness delay
 *   30 s, downscale stabilization 5 min: `pkg/controller/podautoscaler/config/v1alpha1/defaults.go`
 *   (`RecommendedDefaultHPAControllerConfiguration`), also the website's HPA page.
 * - `scaleUpLimitFactor` 2 and `scaleUpLimitMinimum` 4: package variables in
 *   `pkg/controller/podautoscaler/horizontal.go` (the controller's own tests raise the factor to 8).
 * - Feature gates: `HPAConfigurableTolerance` is on because it is beta and enabled in the newest
 *   releases (semantics.md §1.3; it was alpha, off, in v1.33). `HPAScaleToZero` is alpha, off.
 *   `PodLevelResources` is beta, on (KEP-2837).
 */
export const DEFAULT_HPA_CONTROLLER_CONFIG: HpaControllerConfig = {
  syncPeriodMs: 15_000,
  tolerance: 0.1,
  cpuInitializationPeriodMs: 5 * 60_000,
  initialReadinessDelayMs: 30_000,
  downscaleStabilizationWindowMs: 5 * 60_000,
  scaleUpLimitFactor: 2,
  scaleUpLimitMinimum: 4,
  featureGates: {
    HPAConfigurableTolerance: true,
    HPAScaleToZero: false,
    PodLevelResources: true,
  },
};

/** `minReplicas` when unset (`SetDefaults_HorizontalPodAutoscaler`, pkg/apis/autoscaling/v2/defaults.go). */
export const DEFAULT_MIN_REPLICAS = 1;

/** Target used when `metrics` is empty (`autoscaling.DefaultCPUUtilization`). */
export const DEFAULT_CPU_UTILIZATION = 80;

/** Scale-up rules the API fills in (`defaultHPAScaleUpRules`, pkg/apis/autoscaling/v2/defaults.go). */
export const DEFAULT_SCALE_UP_RULES: ResolvedScalingRules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};

/**
 * Scale-down rules the API fills in (`defaultHPAScaleDownRules`). The API leaves the window unset
 * and the controller substitutes its flag (`maybeInitScaleDownStabilizationWindow`).
 */
export const DEFAULT_SCALE_DOWN_RULES: Omit<ResolvedScalingRules, 'stabilizationWindowSeconds'> = {
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

/** Merges overrides onto `DEFAULT_HPA_CONTROLLER_CONFIG`. */
export function resolveConfig(input: HpaControllerConfigInput | undefined): HpaControllerConfig {
  const base = DEFAULT_HPA_CONTROLLER_CONFIG;
  if (input === undefined) return base;
  const { featureGates, ...rest } = input;
  return {
    ...base,
    ...stripUndefined(rest),
    featureGates: { ...base.featureGates, ...stripUndefined(featureGates ?? {}) },
  };
}

/** The default metric list: CPU at 80 % utilization. */
export function defaultMetrics(): MetricSpec[] {
  return [
    {
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } },
    },
  ];
}

/** The spec after API defaulting: minReplicas, metrics and (when present) behavior filled in. */
export interface ResolvedSpec {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly metrics: readonly MetricSpec[];
  readonly behavior?: ResolvedBehavior;
}

/**
 * Applies `SetDefaults_HorizontalPodAutoscaler` and, for behavior, the controller's
 * `maybeInitScaleDownStabilizationWindow`. A missing `behavior` stays missing: the API fills
 * behavior only when the block exists, which is what keeps the legacy path reachable.
 */
export function resolveSpec(spec: HpaSpec, config: HpaControllerConfig): ResolvedSpec {
  const metrics = spec.metrics !== undefined && spec.metrics.length > 0 ? spec.metrics : defaultMetrics();
  const base = {
    minReplicas: spec.minReplicas ?? DEFAULT_MIN_REPLICAS,
    maxReplicas: spec.maxReplicas,
    metrics,
  };
  if (spec.behavior === undefined) return base;
  return { ...base, behavior: resolveBehavior(spec.behavior, config.downscaleStabilizationWindowMs) };
}

/**
 * Fills each direction field by field (`copyHPAScalingRules` copies only set fields). The
 * scale-down window falls back to the controller flag, truncated to whole seconds as the
 * controller's `int32(Duration.Seconds())` does.
 */
export function resolveBehavior(
  behavior: HpaBehavior,
  downscaleStabilizationWindowMs: number,
): ResolvedBehavior {
  return {
    scaleUp: mergeRules(behavior.scaleUp, DEFAULT_SCALE_UP_RULES),
    scaleDown: mergeRules(behavior.scaleDown, {
      ...DEFAULT_SCALE_DOWN_RULES,
      stabilizationWindowSeconds: Math.trunc(downscaleStabilizationWindowMs / 1000),
    }),
  };
}

function mergeRules(
  given: HpaScalingRules | undefined,
  defaults: ResolvedScalingRules,
): ResolvedScalingRules {
  if (given === undefined) return defaults;
  const tolerance = given.tolerance ?? defaults.tolerance;
  return {
    stabilizationWindowSeconds: given.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: given.selectPolicy ?? defaults.selectPolicy,
    policies: given.policies ?? defaults.policies,
    ...(tolerance === undefined ? {} : { tolerance }),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
