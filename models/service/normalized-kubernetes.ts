/** The normalized form of a service's pod life cycle and autoscaler, and of the cluster. */
import type { DistributionSpec } from '../../engine/index.js';

/** How a pod the autoscaler adds gets from created to serving, and how it ends. */
export interface NormalizedStartup {
  readonly schedule: DistributionSpec;
  readonly imagePull: DistributionSpec;
  readonly start: DistributionSpec;
  readonly probe: {
    readonly initialDelayMs: number;
    readonly periodMs: number;
    readonly successThreshold: number;
  };
  readonly terminationGracePeriodMs: number;
}

/** One metric of an autoscaler, in the units the controller uses. */
export type NormalizedHpaMetric =
  /** Resource metric, Utilization target: integer percent of the requests. */
  | { readonly kind: 'cpu' | 'memory'; readonly averageUtilization: number }
  /** Pods metric, AverageValue target: requests per second per pod. */
  | { readonly kind: 'requestsPerSecond'; readonly averageValue: number }
  /** External metric: a topic's total lag, against a Value or an AverageValue (per pod) target. */
  | {
      readonly kind: 'kafkaLag';
      readonly topic: string;
      readonly value: number | null;
      readonly averageValue: number | null;
    };

/** HPAScalingRules as written (autoscaling/v2 field names); defaults are the controller's. */
export interface NormalizedScalingRules {
  readonly stabilizationWindowSeconds?: number;
  readonly selectPolicy?: 'Max' | 'Min' | 'Disabled';
  readonly policies?: readonly {
    readonly type: 'Pods' | 'Percent';
    readonly value: number;
    readonly periodSeconds: number;
  }[];
  readonly tolerance?: number;
}

/** A service's HorizontalPodAutoscaler. */
export interface NormalizedAutoscaling {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly metrics: readonly NormalizedHpaMetric[];
  /** null: the controller's legacy path (no behavior block). */
  readonly behavior: {
    readonly scaleUp?: NormalizedScalingRules;
    readonly scaleDown?: NormalizedScalingRules;
  } | null;
}

/** The cluster: nodes (null: room for every pod), the cluster autoscaler, the HPA flags. */
export interface NormalizedCluster {
  readonly nodes: { readonly count: number; readonly cpuCores: number; readonly memoryBytes: number } | null;
  readonly autoscaler: { readonly maxNodes: number; readonly provisionDelayMs: number } | null;
  readonly hpa: {
    readonly syncPeriodMs: number;
    readonly tolerance: number;
    readonly cpuInitializationPeriodMs: number;
    readonly initialReadinessDelayMs: number;
    readonly downscaleStabilizationMs: number;
    readonly metricResolutionMs: number;
  };
}
