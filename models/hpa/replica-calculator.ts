/**
 * One metric → one replica proposal: the `ReplicaCalculator` methods of
 * pkg/controller/podautoscaler/replica_calculator.go, as pure functions over explicit pods and
 * samples. Each throws `MetricComputationError` where the controller returns an error, which makes
 * the metric invalid for this reconcile.
 */
import { MetricComputationError } from './errors.js';
import {
  calculateRequests,
  customMetricsFromSamples,
  groupPods,
  resourceMetricsFromSamples,
  type PodGroups,
  type PodMetricsInfo,
  type ReadinessTiming,
} from './pod-grouping.js';
import { isWithin, type Tolerances } from './tolerances.js';
import type { ExternalSample, PodCustomSample, PodGrouping, PodResourceSample, PodState } from './types.js';
import { getMetricUsageRatio, getResourceUtilizationRatio } from './utilization.js';

const MAX_INT32 = 2_147_483_647;

/** What every pod-based calculation needs besides the samples. */
export interface ReplicaCalcContext extends ReadinessTiming {
  /** Pods matched by the HPA's selector. */
  readonly pods: readonly PodState[];
  readonly tolerances: Tolerances;
  /** `PodLevelResources` feature gate. */
  readonly podLevelResources: boolean;
}

/** A proposal from one metric. */
export interface ReplicaProposal {
  /** Proposed replica count, an int32. */
  readonly replicas: number;
  /** The usage the controller reports (average per pod, total, or per-pod share), milli-units. */
  readonly usage: number;
  /** Usage ratio before unready/missing pods are filled in. */
  readonly usageRatio: number;
  /** The controller's timestamp; undefined where it returns Go's zero time. */
  readonly timestampMs?: number;
  /** Pod grouping, for pod-based metrics. */
  readonly grouping?: PodGrouping;
}

/** A proposal from a Utilization target. */
export interface ResourceReplicaProposal extends ReplicaProposal {
  /** Integer percent of request, from the pods that reported (before any fill-in). */
  readonly utilization: number;
}

/**
 * `GetResourceReplicas`: a resource against a utilization target (percent of request).
 *
 * Fast path, when no pod is missing a sample and there are no unready pods on a scale-up:
 * `ceil(ratio × readyPodCount)`, or `currentReplicas` inside the tolerance band. Otherwise the
 * ratio is recomputed after filling in missing pods (at `max(100, target)` % of their request
 * when scaling down, at 0 when scaling up) and, on a scale-up, unready pods at 0. The result is
 * `currentReplicas` if the new ratio is inside the band or on the other side of 1, or if the new
 * count would move the other way; else `ceil(newRatio × pods with a value)`, where that count also
 * includes samples of pods that are not in the pod list.
 *
 * @param currentReplicas `scale.spec.replicas`.
 * @param targetUtilization Integer percent, >= 1.
 * @param container `''` for the whole pod (Resource), a name for ContainerResource.
 * @throws MetricComputationError when there are no samples, no pods, no usable samples, a missing
 *   request, or no sample matching a pod with a request.
 */
export function getResourceReplicas(
  ctx: ReplicaCalcContext,
  currentReplicas: number,
  targetUtilization: number,
  resource: string,
  container: string,
  samples: readonly PodResourceSample[],
): ResourceReplicaProposal {
  const metrics = fetchResourceMetrics(samples, resource, container);
  const timestampMs = samples[0]!.timestampMs;
  requirePods(ctx.pods);
  const groups = groupPods(ctx.pods, metrics, resource, ctx);
  dropPods(metrics, groups.ignoredPods);
  dropPods(metrics, groups.unreadyPods);
  requireUsableSamples(metrics);
  const requests = calculateRequests(ctx.pods, container, resource, ctx.podLevelResources);

  const first = getResourceUtilizationRatio(metrics, requests, targetUtilization);
  const result = (replicas: number): ResourceReplicaProposal => ({
    replicas,
    usage: first.rawAverageValue,
    utilization: first.utilization,
    usageRatio: first.usageRatio,
    timestampMs,
    grouping: describeGroups(groups),
  });
  const ratio = first.usageRatio;
  const scaleUpWithUnready = groups.unreadyPods.size > 0 && ratio > 1;

  if (!scaleUpWithUnready && groups.missingPods.size === 0) {
    if (isWithin(ctx.tolerances, ratio)) return result(currentReplicas);
    // Ready pods, not spec.replicas: pods that are missing or unready are not in the sum.
    return result(toInt32(Math.ceil(ratio * groups.readyPodCount)));
  }

  if (groups.missingPods.size > 0) {
    if (ratio < 1) {
      // Scale-down: assume missing pods run at 100 % of request (or at the target if it is higher).
      const fallback = Math.max(100, targetUtilization);
      for (const name of groups.missingPods) {
        setValue(metrics, name, Math.trunc((requests.get(name)! * fallback) / 100));
      }
    } else if (ratio > 1) {
      for (const name of groups.missingPods) setValue(metrics, name, 0);
    }
  }
  if (scaleUpWithUnready) {
    for (const name of groups.unreadyPods) setValue(metrics, name, 0);
  }

  const newRatio = getResourceUtilizationRatio(metrics, requests, targetUtilization).usageRatio;
  return result(reconcileAdjustedRatio(ctx.tolerances, currentReplicas, ratio, newRatio, metrics.size));
}

/**
 * `GetRawResourceReplicas`: a resource against an AverageValue target (milli-units per pod). Same
 * pod handling as `getMetricReplicas`, but with the CPU readiness rule when the resource is `cpu`.
 *
 * @throws MetricComputationError as `getResourceReplicas`, minus the request checks.
 */
export function getRawResourceReplicas(
  ctx: ReplicaCalcContext,
  currentReplicas: number,
  targetUsage: number,
  resource: string,
  container: string,
  samples: readonly PodResourceSample[],
): ReplicaProposal {
  const metrics = fetchResourceMetrics(samples, resource, container);
  return {
    ...calcPlainMetricReplicas(ctx, metrics, currentReplicas, targetUsage, resource),
    timestampMs: samples[0]!.timestampMs,
  };
}

/**
 * `GetMetricReplicas`: a custom Pods metric against an AverageValue target. Readiness is not
 * checked (the CPU rule applies to `cpu` only), but Pending pods still count as unready and
 * pods without a sample as missing.
 *
 * @throws MetricComputationError when there are no samples, no pods, or no usable samples.
 */
export function getMetricReplicas(
  ctx: ReplicaCalcContext,
  currentReplicas: number,
  targetUsage: number,
  samples: readonly PodCustomSample[],
): ReplicaProposal {
  if (samples.length === 0) {
    throw new MetricComputationError('NoMetricsReturned', 'the custom metrics API returned no samples');
  }
  const metrics = customMetricsFromSamples(samples);
  return {
    ...calcPlainMetricReplicas(ctx, metrics, currentReplicas, targetUsage, ''),
    timestampMs: samples[0]!.timestampMs,
  };
}

/**
 * `calcPlainMetricReplicas`: the average-value variant of `getResourceReplicas`. Missing pods are
 * filled in at exactly the target on a scale-down and at 0 on a scale-up.
 */
function calcPlainMetricReplicas(
  ctx: ReplicaCalcContext,
  metrics: PodMetricsInfo,
  currentReplicas: number,
  targetUsage: number,
  resource: string,
): ReplicaProposal {
  requirePods(ctx.pods);
  const groups = groupPods(ctx.pods, metrics, resource, ctx);
  dropPods(metrics, groups.ignoredPods);
  dropPods(metrics, groups.unreadyPods);
  requireUsableSamples(metrics);

  const { usageRatio: ratio, usage } = getMetricUsageRatio(metrics, targetUsage);
  const result = (replicas: number): ReplicaProposal => ({
    replicas,
    usage,
    usageRatio: ratio,
    grouping: describeGroups(groups),
  });
  const scaleUpWithUnready = groups.unreadyPods.size > 0 && ratio > 1;

  if (!scaleUpWithUnready && groups.missingPods.size === 0) {
    if (isWithin(ctx.tolerances, ratio)) return result(currentReplicas);
    return result(toInt32(Math.ceil(ratio * groups.readyPodCount)));
  }

  if (groups.missingPods.size > 0) {
    if (ratio < 1) {
      for (const name of groups.missingPods) setValue(metrics, name, targetUsage);
    } else if (ratio > 1) {
      for (const name of groups.missingPods) setValue(metrics, name, 0);
    }
  }
  if (scaleUpWithUnready) {
    for (const name of groups.unreadyPods) setValue(metrics, name, 0);
  }

  const newRatio = getMetricUsageRatio(metrics, targetUsage).usageRatio;
  return result(reconcileAdjustedRatio(ctx.tolerances, currentReplicas, ratio, newRatio, metrics.size));
}

/**
 * `GetObjectMetricReplicas`: one object's value against a Value target. The controller drops the
 * sample's timestamp here, so the proposal carries none.
 *
 * @throws MetricComputationError `NoPods` when the ready-pod count is needed and there are no pods.
 */
export function getObjectMetricReplicas(
  ctx: ReplicaCalcContext,
  currentReplicas: number,
  targetUsage: number,
  value: number,
): ReplicaProposal {
  const usageRatio = value / targetUsage;
  return { replicas: getUsageRatioReplicaCount(ctx, currentReplicas, usageRatio), usage: value, usageRatio };
}

/**
 * `GetObjectPerPodMetricReplicas`: one object's value against an AverageValue target. The ratio is
 * `value / (target × statusReplicas)`; outside the band the proposal is `ceil(value / target)`,
 * independent of pod readiness. The reported usage is `ceil(value / statusReplicas)` (0 when
 * `statusReplicas` is 0).
 */
export function getObjectPerPodMetricReplicas(
  tolerances: Tolerances,
  statusReplicas: number,
  targetAverageUsage: number,
  value: number,
  timestampMs: number,
): ReplicaProposal {
  return perPodProposal(tolerances, statusReplicas, targetAverageUsage, value, timestampMs);
}

/**
 * `GetExternalMetricReplicas`: the sum of all matching external series against a Value target,
 * scaled by the number of Running and Ready pods. No timestamp, as in the controller.
 *
 * @throws MetricComputationError when no series was returned, or no pods exist when needed.
 */
export function getExternalMetricReplicas(
  ctx: ReplicaCalcContext,
  currentReplicas: number,
  targetUsage: number,
  samples: readonly ExternalSample[],
): ReplicaProposal {
  const usage = sumExternal(samples);
  const usageRatio = usage / targetUsage;
  return { replicas: getUsageRatioReplicaCount(ctx, currentReplicas, usageRatio), usage, usageRatio };
}

/**
 * `GetExternalPerPodMetricReplicas`: the sum of the external series against a per-pod target,
 * computed like `getObjectPerPodMetricReplicas`.
 *
 * @throws MetricComputationError when no series was returned.
 */
export function getExternalPerPodMetricReplicas(
  tolerances: Tolerances,
  statusReplicas: number,
  targetUsagePerPod: number,
  samples: readonly ExternalSample[],
): ReplicaProposal {
  const usage = sumExternal(samples);
  return perPodProposal(tolerances, statusReplicas, targetUsagePerPod, usage, samples[0]!.timestampMs);
}

/**
 * `getUsageRatioReplicaCount`: for Object and External Value targets. With `currentReplicas` > 0:
 * `currentReplicas` inside the band, else `ceil(ratio × readyPods)` where ready means phase
 * Running and Ready=True (so the proposal can even fall on a ratio above 1). With 0 replicas:
 * `ceil(ratio)`, ignoring the band, which is how scale-from-zero works.
 */
function getUsageRatioReplicaCount(
  ctx: ReplicaCalcContext,
  currentReplicas: number,
  usageRatio: number,
): number {
  if (currentReplicas === 0) return toInt32(Math.ceil(usageRatio));
  if (isWithin(ctx.tolerances, usageRatio)) return currentReplicas;
  if (ctx.pods.length === 0) {
    throw new MetricComputationError('NoPods', 'cannot count ready pods: the selector matched no pods');
  }
  const ready = ctx.pods.filter((p) => p.phase === 'Running' && p.readyCondition?.status === 'True').length;
  const replicas = usageRatio * ready;
  return replicas > MAX_INT32 ? MAX_INT32 : Math.ceil(replicas);
}

function perPodProposal(
  tolerances: Tolerances,
  statusReplicas: number,
  target: number,
  usage: number,
  timestampMs: number,
): ReplicaProposal {
  // statusReplicas 0 gives an infinite (or NaN) ratio, which is never within the band.
  const usageRatio = usage / (target * statusReplicas);
  const replicas = isWithin(tolerances, usageRatio) ? statusReplicas : toInt32(Math.ceil(usage / target));
  const perPod = statusReplicas === 0 ? 0 : Math.ceil(usage / statusReplicas);
  return { replicas, usage: perPod, usageRatio, timestampMs };
}

function sumExternal(samples: readonly ExternalSample[]): number {
  if (samples.length === 0) {
    throw new MetricComputationError('NoMetricsReturned', 'the external metrics API returned no series');
  }
  return samples.reduce((acc, s) => acc + s.value, 0);
}

/**
 * The last step of the slow path: keep `currentReplicas` when the adjusted ratio is inside the
 * band, crosses 1, or when the new count would move against the ratio.
 */
function reconcileAdjustedRatio(
  tolerances: Tolerances,
  currentReplicas: number,
  ratio: number,
  newRatio: number,
  podsCounted: number,
): number {
  if (isWithin(tolerances, newRatio) || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) {
    return currentReplicas;
  }
  const replicas = toInt32(Math.ceil(newRatio * podsCounted));
  if ((newRatio < 1 && replicas > currentReplicas) || (newRatio > 1 && replicas < currentReplicas)) {
    return currentReplicas;
  }
  return replicas;
}

function fetchResourceMetrics(
  samples: readonly PodResourceSample[],
  resource: string,
  container: string,
): PodMetricsInfo {
  if (samples.length === 0) {
    throw new MetricComputationError(
      'NoMetricsReturned',
      `the resource metrics API returned no ${resource} samples`,
    );
  }
  return resourceMetricsFromSamples(samples, resource, container);
}

function requirePods(pods: readonly PodState[]): void {
  if (pods.length === 0) {
    throw new MetricComputationError('NoPods', 'the selector matched no pods');
  }
}

function requireUsableSamples(metrics: PodMetricsInfo): void {
  if (metrics.size === 0) {
    throw new MetricComputationError(
      'NoMetricsForTargetedPods',
      'no samples left for the targeted pods (they may be unready)',
    );
  }
}

function dropPods(metrics: PodMetricsInfo, names: ReadonlySet<string>): void {
  for (const name of names) metrics.delete(name);
}

function setValue(metrics: PodMetricsInfo, name: string, value: number): void {
  metrics.set(name, { value, timestampMs: 0, windowMs: 0 });
}

function describeGroups(g: PodGroups): PodGrouping {
  return {
    readyPodCount: g.readyPodCount,
    unready: [...g.unreadyPods],
    missing: [...g.missingPods],
    ignored: [...g.ignoredPods],
  };
}

/** Go's int32 conversion of a ceil'd count, saturating instead of wrapping. */
function toInt32(x: number): number {
  if (Number.isNaN(x)) return 0;
  return Math.max(-MAX_INT32 - 1, Math.min(MAX_INT32, x));
}
