/**
 * Builders that mirror the fake clients of the Kubernetes HPA tests, so cases port one to one.
 *
 * - `replica_calculator_test.go` (`buildFakePod`, `newFakeResourceMetricsClient`): two containers
 *   per pod, each with the full request and each reporting the full level, so a pod's request
 *   and usage are twice the listed values. Ready conditions have no transition time.
 * - `horizontal_test.go` (`prepareTestClient`): two containers each with half the request and
 *   reporting `level / 2` (integer division), Ready's transition time equal to the start time,
 *   samples stamped "now" with a one-minute window.
 * Both default the start time to Go's zero time (year 1), i.e. long ago.
 */
import type {
  ConditionStatus,
  ContainerUsage,
  HpaControllerConfigInput,
  HpaScalingRules,
  MetricSpec,
  PodPhase,
  PodResourceSample,
  PodState,
  TimestampedScaleEvent,
} from '../../models/hpa/index.js';

/** The reconcile instant used by every test. */
export const NOW = 1_700_000_000_000;
/** Go's zero `time.Time` in epoch ms. */
export const ZERO_TIME = -62_135_596_800_000;
/** `hotCPUCreationTime()` / `timeNow()`. */
export const HOT = NOW;
/** `coolCPUCreationTime()` / `time3MinsAgo()`. */
export const COOL = NOW - 3 * 60_000;
export const MIN = 60_000;

/** The controller settings the Go tests use (`defaultTesting*`, `scaleUpLimitFactor = 8`). */
export const TESTING_CONFIG: HpaControllerConfigInput = {
  tolerance: 0.1,
  cpuInitializationPeriodMs: 2 * MIN,
  initialReadinessDelayMs: 10_000,
  downscaleStabilizationWindowMs: 5 * MIN,
  scaleUpLimitFactor: 8,
};

/** Per-pod knobs of the Go fixtures. */
export interface PodOpts {
  readonly readiness?: readonly ConditionStatus[];
  readonly startTimes?: readonly number[];
  readonly phases?: readonly PodPhase[];
  readonly deleted?: readonly boolean[];
}

const podName = (i: number): string => `test-pod-${i}`;

/** Pods as `replica_calculator_test.go` builds them: full request on each of two containers. */
export function calcPods(
  count: number,
  requestsMilli: readonly number[] | undefined,
  o: PodOpts = {},
): PodState[] {
  return Array.from({ length: count }, (_, i) => {
    const req = requestsMilli?.[i];
    const requests = req === undefined ? undefined : { cpu: req };
    return {
      name: podName(i),
      phase: o.phases?.[i] ?? 'Running',
      startTimeMs: o.startTimes?.[i] ?? ZERO_TIME,
      readyCondition: { status: o.readiness?.[i] ?? 'True', lastTransitionTimeMs: ZERO_TIME },
      ...(o.deleted?.[i] === true ? { deletionTimestampMs: NOW } : {}),
      containers: [
        { name: 'container1', ...(requests === undefined ? {} : { requests }) },
        { name: 'container2', ...(requests === undefined ? {} : { requests }) },
      ],
    };
  });
}

/** `makePodMetricLevels`: every one of the two containers reports `level`. */
export function calcLevels(...levels: number[]): number[][] {
  return levels.map((l) => [l, l]);
}

/** `newFakeResourceMetricsClient`: one sample per row; a short row leaves a nameless empty container. */
export function calcSamples(
  levels: readonly (readonly number[])[],
  timestampMs = ZERO_TIME,
): PodResourceSample[] {
  return levels.map((row, i) => ({
    podName: podName(i),
    timestampMs,
    windowMs: MIN,
    containers: [0, 1].map((j): ContainerUsage => {
      const v = row[j];
      return v === undefined ? { name: '', usage: {} } : { name: `container${j + 1}`, usage: { cpu: v } };
    }),
  }));
}

/** Pods as `horizontal_test.go` builds them: half the request on each container. */
export function hpaPods(requestsMilli: readonly number[], o: PodOpts = {}): PodState[] {
  return requestsMilli.map((req, i) => {
    const start = o.startTimes?.[i] ?? ZERO_TIME;
    const half = Math.trunc(req / 2);
    return {
      name: podName(i),
      phase: o.phases?.[i] ?? 'Running',
      startTimeMs: start,
      readyCondition: { status: o.readiness?.[i] ?? 'True', lastTransitionTimeMs: start },
      ...(o.deleted?.[i] === true ? { deletionTimestampMs: NOW } : {}),
      containers: [
        { name: 'container1', requests: { cpu: half } },
        { name: 'container2', requests: { cpu: half } },
      ],
    };
  });
}

/** `horizontal_test.go` resource samples: each container reports `trunc(level / 2)`, stamped now. */
export function hpaSamples(levels: readonly number[]): PodResourceSample[] {
  return levels.map((level, i) => ({
    podName: podName(i),
    timestampMs: NOW,
    windowMs: MIN,
    containers: [
      { name: 'container1', usage: { cpu: Math.trunc(level / 2) } },
      { name: 'container2', usage: { cpu: Math.trunc(level / 2) } },
    ],
  }));
}

/** `horizontal_test.go` custom Pods samples. */
export function hpaCustomSamples(
  levels: readonly number[],
): { podName: string; value: number; timestampMs: number }[] {
  return levels.map((value, i) => ({ podName: podName(i), value, timestampMs: NOW }));
}

/** A CPU Utilization metric spec. */
export function cpuUtilization(target: number): MetricSpec {
  return {
    type: 'Resource',
    resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } },
  };
}

/** A Pods metric `qps` with an AverageValue target (milli-units). */
export function podsQps(averageValue: number): MetricSpec {
  return { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue } } };
}

/** An Object metric on a Deployment. */
export function objectQps(target: { value?: number; averageValue?: number }): MetricSpec {
  return {
    type: 'Object',
    object: {
      describedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'some-deployment' },
      metric: { name: 'qps' },
      target:
        target.value !== undefined
          ? { type: 'Value', value: target.value }
          : { type: 'AverageValue', averageValue: target.averageValue! },
    },
  };
}

/** An External metric `qps` with an empty selector. */
export function externalQps(target: { value?: number; averageValue?: number }): MetricSpec {
  return {
    type: 'External',
    external: {
      metric: { name: 'qps', selector: {} },
      target:
        target.value !== undefined
          ? { type: 'Value', value: target.value }
          : { type: 'AverageValue', averageValue: target.averageValue! },
    },
  };
}

/**
 * `{Type: "CheddarCheese"}`: a metric of a source type the controller does not know. The API
 * server would reject it; the controller's tests feed it directly, so it is typed loosely here.
 */
export const CHEDDAR_CHEESE = { type: 'CheddarCheese' } as unknown as MetricSpec;

/** `generateScalingRules(pods, podsPeriod, percent, percentPeriod, window)` with selectPolicy Max. */
export function scalingRules(
  pods: number,
  podsPeriod: number,
  percent: number,
  percentPeriod: number,
  window: number,
): HpaScalingRules {
  const policies = [
    ...(pods !== 0 ? [{ type: 'Pods' as const, value: pods, periodSeconds: podsPeriod }] : []),
    ...(percent !== 0 ? [{ type: 'Percent' as const, value: percent, periodSeconds: percentPeriod }] : []),
  ];
  return {
    stabilizationWindowSeconds: window,
    selectPolicy: 'Max',
    ...(policies.length > 0 ? { policies } : {}),
  };
}

/**
 * `generateEventsUniformDistribution`: events spread over the last `periodSeconds`, each at the
 * centre of its segment. The Go helper converts the offset to a Duration before multiplying by a
 * second, so it is truncated to whole seconds.
 */
export function uniformEvents(changes: readonly number[], periodSeconds: number): TimestampedScaleEvent[] {
  const segment = periodSeconds / changes.length;
  return changes.map((replicaChange, idx) => ({
    replicaChange,
    timestampMs: NOW - Math.trunc(periodSeconds - segment * (idx + 1) + segment / 2) * 1000,
    outdated: false,
  }));
}
