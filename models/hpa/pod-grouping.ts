/**
 * Pod-side inputs of the replica calculator: turning metric samples into one value per pod,
 * summing requests per pod, and sorting pods into ready / unready / missing / ignored.
 */
import { MetricComputationError } from './errors.js';
import type { PodCustomSample, PodResourceSample, PodState } from './types.js';

/** One pod's metric value with the sample window it came from (`metrics.PodMetric`). */
export interface PodMetric {
  /** Milli-units. */
  readonly value: number;
  readonly timestampMs: number;
  readonly windowMs: number;
}

/** Pod name → metric (`metrics.PodMetricsInfo`). */
export type PodMetricsInfo = Map<string, PodMetric>;

/**
 * Custom metrics carry no window unless the adapter sets `windowSeconds`; the client then assumes
 * one minute (`metricServerDefaultMetricWindow`, metrics/client.go). Only the CPU readiness rule
 * reads windows, and Pods metrics never use it, so the value is informational here.
 */
const CUSTOM_METRIC_DEFAULT_WINDOW_MS = 60_000;

/**
 * Per-pod values of one resource from a `PodMetricsList` (`getPodMetrics` / `getContainerMetrics`,
 * metrics/client.go). Without a container, a pod's value is the sum over its containers and the
 * pod is dropped when it reports no containers or any container lacks the resource. With a
 * container, only that container counts and the pod is dropped when it lacks it. A later sample
 * for the same pod name replaces an earlier one, as a Go map assignment does.
 */
export function resourceMetricsFromSamples(
  samples: readonly PodResourceSample[],
  resource: string,
  container: string,
): PodMetricsInfo {
  const out: PodMetricsInfo = new Map();
  for (const s of samples) {
    if (container !== '') {
      const c = s.containers.find((x) => x.name === container);
      const v = c?.usage[resource];
      if (v !== undefined) out.set(s.podName, { value: v, timestampMs: s.timestampMs, windowMs: s.windowMs });
      continue;
    }
    if (s.containers.length === 0) continue;
    let sum = 0;
    let complete = true;
    for (const c of s.containers) {
      const v = c.usage[resource];
      if (v === undefined) {
        complete = false;
        break;
      }
      sum += v;
    }
    if (complete) out.set(s.podName, { value: sum, timestampMs: s.timestampMs, windowMs: s.windowMs });
  }
  return out;
}

/** Per-pod values of a custom Pods metric, keyed by the described pod (`GetRawMetric`). */
export function customMetricsFromSamples(samples: readonly PodCustomSample[]): PodMetricsInfo {
  const out: PodMetricsInfo = new Map();
  for (const s of samples) {
    out.set(s.podName, {
      value: s.value,
      timestampMs: s.timestampMs,
      windowMs: CUSTOM_METRIC_DEFAULT_WINDOW_MS,
    });
  }
  return out;
}

/** The four groups `groupPods` returns. */
export interface PodGroups {
  readonly readyPodCount: number;
  readonly unreadyPods: ReadonlySet<string>;
  readonly missingPods: ReadonlySet<string>;
  readonly ignoredPods: ReadonlySet<string>;
}

/** Timing knobs of the CPU readiness rule. */
export interface ReadinessTiming {
  readonly nowMs: number;
  readonly cpuInitializationPeriodMs: number;
  readonly initialReadinessDelayMs: number;
}

/**
 * `groupPods` (replica_calculator.go), in the same order of tests:
 * 1. being deleted, Failed or Succeeded (`IsPodTerminal`) → ignored;
 * 2. Pending → unready (for every metric, not only CPU);
 * 3. no sample → missing;
 * 4. for `cpu` only: no Ready condition or no start time → unready; within the CPU initialization
 *    period → unready if Ready is False or the sample ends before the last readiness transition
 *    plus one sample window; after it → unready only if Ready is False and the pod has never been
 *    ready (its last transition came within the initial readiness delay of its start);
 * 5. otherwise ready.
 * A Ready status of Unknown is not False, so it does not make a pod unready by itself.
 */
export function groupPods(
  pods: readonly PodState[],
  metrics: PodMetricsInfo,
  resource: string,
  timing: ReadinessTiming,
): PodGroups {
  let readyPodCount = 0;
  const unreadyPods = new Set<string>();
  const missingPods = new Set<string>();
  const ignoredPods = new Set<string>();
  for (const pod of pods) {
    if (pod.deletionTimestampMs !== undefined || pod.phase === 'Failed' || pod.phase === 'Succeeded') {
      ignoredPods.add(pod.name);
      continue;
    }
    if (pod.phase === 'Pending') {
      unreadyPods.add(pod.name);
      continue;
    }
    const metric = metrics.get(pod.name);
    if (metric === undefined) {
      missingPods.add(pod.name);
      continue;
    }
    if (resource === 'cpu' && isCpuUnready(pod, metric, timing)) {
      unreadyPods.add(pod.name);
      continue;
    }
    readyPodCount++;
  }
  return { readyPodCount, unreadyPods, missingPods, ignoredPods };
}

function isCpuUnready(pod: PodState, metric: PodMetric, t: ReadinessTiming): boolean {
  const cond = pod.readyCondition;
  if (cond === undefined || pod.startTimeMs === undefined) return true;
  // Go: startTime.Add(period).After(now); the start time is a stored instant (see time.ts).
  if (pod.startTimeMs + t.cpuInitializationPeriodMs > t.nowMs) {
    // A sample that began before the pod last turned ready may include start-up CPU.
    return cond.status === 'False' || metric.timestampMs < cond.lastTransitionTimeMs + metric.windowMs;
  }
  return cond.status === 'False' && pod.startTimeMs + t.initialReadinessDelayMs > cond.lastTransitionTimeMs;
}

/** Resources that can be requested at pod level (`IsSupportedPodLevelResource`). */
function isPodLevelResource(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name.startsWith('hugepages-');
}

/**
 * Request of `resource` per pod, for every pod in the list including ignored and unready ones
 * (`calculateRequests`, replica_calculator.go), so one pod without a request invalidates the
 * metric. With `container` set only that container counts. Otherwise pod-level requests win when
 * the gate is on and the pod sets any, else the containers' requests are summed, including
 * restartable (sidecar) init containers.
 *
 * @throws MetricComputationError `MissingRequest`, `ContainerNotFound`, `MissingPodLevelRequest`.
 */
export function calculateRequests(
  pods: readonly PodState[],
  container: string,
  resource: string,
  podLevelResources: boolean,
): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    const podLevel = pod.podLevelRequests;
    const usePodLevel =
      podLevelResources &&
      container === '' &&
      podLevel !== undefined &&
      Object.keys(podLevel).some((k) => isPodLevelResource(k) && podLevel[k] !== undefined);
    requests.set(
      pod.name,
      usePodLevel ? podLevelRequest(pod, resource) : requestFromContainers(pod, container, resource),
    );
  }
  return requests;
}

function requestFromContainers(pod: PodState, container: string, resource: string): number {
  const containers = [
    ...pod.containers,
    ...(pod.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
  ];
  let request = 0;
  for (const c of containers) {
    if (container === '' || container === c.name) {
      const v = c.requests?.[resource];
      if (v === undefined) {
        throw new MetricComputationError(
          'MissingRequest',
          `container ${c.name} of pod ${pod.name} has no ${resource} request`,
        );
      }
      request += v;
    }
    // Container names are unique within a pod, so the first match is the only one.
    if (container === c.name) return request;
  }
  if (container !== '') {
    throw new MetricComputationError(
      'ContainerNotFound',
      `pod ${pod.name} has no container named ${container}`,
    );
  }
  return request;
}

/**
 * `calculatePodLevelRequests` via `resourcehelpers.PodRequests`: the pod-level value when set;
 * otherwise the aggregate of container requests (regular plus sidecars, and the largest one-off
 * init container if bigger). Pod overhead is not modelled.
 */
function podLevelRequest(pod: PodState, resource: string): number {
  const direct = pod.podLevelRequests?.[resource];
  if (direct !== undefined) return direct;
  let found = false;
  let running = 0;
  for (const c of pod.containers) {
    const v = c.requests?.[resource];
    if (v !== undefined) {
      found = true;
      running += v;
    }
  }
  let sidecars = 0;
  let initPeak = 0;
  for (const c of pod.initContainers ?? []) {
    const v = c.requests?.[resource];
    if (v === undefined) continue;
    found = true;
    if (c.restartPolicy === 'Always') {
      sidecars += v;
    } else {
      initPeak = Math.max(initPeak, v + sidecars);
    }
  }
  if (!found) {
    throw new MetricComputationError(
      'MissingPodLevelRequest',
      `pod ${pod.name} has no pod-level ${resource} request`,
    );
  }
  return Math.max(running + sidecars, initPeak);
}
