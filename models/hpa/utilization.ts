/**
 * Usage ratios (`GetResourceUtilizationRatio`, `GetMetricUsageRatio`,
 * pkg/controller/podautoscaler/metrics/utilization.go). All divisions that the controller does on
 * int64 values truncate here too; that is why utilization is an integer percent.
 */
import { MetricComputationError } from './errors.js';
import type { PodMetricsInfo } from './pod-grouping.js';

const MAX_INT32 = 2_147_483_647;
const MIN_INT32 = -2_147_483_648;

/** Result of `getResourceUtilizationRatio`. */
export interface ResourceUtilization {
  /** utilization / target, a float. */
  readonly usageRatio: number;
  /** trunc(100 × Σusage / Σrequest), integer percent, clamped to the int32 range. */
  readonly utilization: number;
  /** trunc(Σusage / number of pods counted), milli-units. */
  readonly rawAverageValue: number;
}

/**
 * Utilization over the pods that have both a sample and a request. Samples for pods without a
 * request (pods not in the pod list) are skipped here, although callers still count them.
 * Example: usage 400 + 95 over requests 1000 + 1000 gives 24 %, not 24.75 %.
 *
 * @throws MetricComputationError `NoMatchingPods` when no sample matches a pod with a request
 *   (or all matching requests are zero).
 */
export function getResourceUtilizationRatio(
  metrics: PodMetricsInfo,
  requests: ReadonlyMap<string, number>,
  targetUtilization: number,
): ResourceUtilization {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let numEntries = 0;
  for (const [podName, m] of metrics) {
    const request = requests.get(podName);
    if (request === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += request;
    numEntries++;
  }
  if (requestsTotal === 0) {
    throw new MetricComputationError('NoMatchingPods', 'none of the samples belongs to a pod with a request');
  }
  // Newer utilization.go clamps an oversized percentage to the int32 rails instead of wrapping.
  const utilization = Math.min(
    MAX_INT32,
    Math.max(MIN_INT32, Math.trunc((metricsTotal * 100) / requestsTotal)),
  );
  return {
    usageRatio: utilization / targetUtilization,
    utilization,
    rawAverageValue: Math.trunc(metricsTotal / numEntries),
  };
}

/** Result of `getMetricUsageRatio`. */
export interface MetricUsage {
  readonly usageRatio: number;
  /** trunc(Σvalue / number of samples), milli-units. */
  readonly usage: number;
}

/** Average of all samples (integer division) against a per-pod target. `metrics` must be non-empty. */
export function getMetricUsageRatio(metrics: PodMetricsInfo, targetUsage: number): MetricUsage {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { usageRatio: usage / targetUsage, usage };
}
