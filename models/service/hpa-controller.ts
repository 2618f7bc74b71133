/**
 * A service's HorizontalPodAutoscaler in the simulation: every sync period the controller reads
 * the pods and the latest metrics-server samples (and external metrics), calls the pure
 * {@link decideReplicas} exactly as kube-controller-manager's reconcile would, and writes the new
 * replica count to the service's replica set. Every reconcile that rescales is kept, with its
 * reason and the metric values it saw.
 */
import type { Environment } from '../../engine/index.js';
import { decideReplicas } from '../hpa/index.js';
import type {
  HpaControllerState,
  HpaCondition,
  HpaDecisionInput,
  MetricObservation,
  MetricSpec,
  PodState,
} from '../hpa/index.js';
import type { MetricsServer } from '../kubernetes/metrics-server.js';
import type {
  NormalizedAutoscaling,
  NormalizedCluster,
  NormalizedHpaMetric,
} from './normalized-kubernetes.js';
import type { NormalizedService } from '../scenario/normalized.js';
import { REQUESTS_COUNTER } from './kube-runtime.js';
import type { PodLife, ReplicaSet } from './replica-set.js';

/** One reconcile that changed the replica count. */
export interface ScaleDecision {
  readonly tMs: number;
  readonly service: string;
  readonly from: number;
  readonly to: number;
  /** The controller's event text, e.g. "cpu resource utilization (percentage of request) above target". */
  readonly reason: string;
  /** The metric whose proposal won. */
  readonly metric: string | null;
  /** Each metric's current value (utilization %, requests/s per pod, lag), target and proposal. */
  readonly metrics: readonly {
    readonly name: string;
    readonly current: number | null;
    readonly target: number;
    readonly proposal: number | null;
  }[];
  /** ScalingLimited reason when a limit capped the change (TooManyReplicas, ScaleUpLimit, ...). */
  readonly limitedBy: string | null;
  /**
   * When the newest metric sample the decision used was taken, and its age at the decision (ms).
   * From a load change, the reaction runs: until a sample shows it (metrics), `sampleAgeMs` until
   * this reconcile (sync), then the pods' schedule, image pull, start-up and readiness.
   */
  readonly sampleAtMs: number | null;
  readonly sampleAgeMs: number | null;
}

/** Reads a topic's current total lag (messages). */
export type LagReader = (topic: string) => number;

const milli = (x: number): number => Math.round(x * 1000);
const LONG_AGO_MS = 3_600_000;

function metricSpec(m: NormalizedHpaMetric): MetricSpec {
  switch (m.kind) {
    case 'cpu':
    case 'memory':
      return {
        type: 'Resource',
        resource: { name: m.kind, target: { type: 'Utilization', averageUtilization: m.averageUtilization } },
      };
    case 'requestsPerSecond':
      return {
        type: 'Pods',
        pods: {
          metric: { name: 'requests_per_second' },
          target: { type: 'AverageValue', averageValue: milli(m.averageValue) },
        },
      };
    case 'kafkaLag':
      return {
        type: 'External',
        external: {
          metric: { name: 'kafka_consumergroup_lag', selector: { matchLabels: { topic: m.topic } } },
          target:
            m.value !== null
              ? { type: 'Value', value: milli(m.value) }
              : { type: 'AverageValue', averageValue: milli(m.averageValue!) },
        },
      };
  }
}

/** The HPA of one service. */
export class HpaController {
  /** Reconciles that rescaled, in time order. */
  readonly decisions: ScaleDecision[] = [];
  /** Reconciles run. */
  reconciles = 0;
  /** The autoscaled service's name. */
  readonly service: string;
  readonly #env: Environment;
  readonly #service: NormalizedService;
  readonly #hpa: NormalizedAutoscaling;
  readonly #cluster: NormalizedCluster;
  readonly #replicas: ReplicaSet;
  readonly #metrics: MetricsServer;
  readonly #lag: LagReader;
  readonly #specMetrics: MetricSpec[];
  #state: HpaControllerState | undefined = undefined;
  #conditions: readonly HpaCondition[] = [];
  #lastScaleTimeMs: number | undefined = undefined;
  #desired: number | undefined = undefined;
  #stopped = false;

  /** @param firstSyncMs when the first reconcile runs (the controller picks up a new HPA at once). */
  constructor(
    env: Environment,
    service: NormalizedService,
    cluster: NormalizedCluster,
    replicas: ReplicaSet,
    metrics: MetricsServer,
    lag: LagReader,
    firstSyncMs: number,
  ) {
    this.#env = env;
    this.#service = service;
    this.service = service.name;
    this.#hpa = service.autoscaling!;
    this.#cluster = cluster;
    this.#replicas = replicas;
    this.#metrics = metrics;
    this.#lag = lag;
    this.#specMetrics = this.#hpa.metrics.map(metricSpec);
    env.scheduleAt(firstSyncMs, this.#sync, undefined);
  }

  /** No more reconciles (at the horizon, so the run can end). */
  stop(): void {
    this.#stopped = true;
  }

  readonly #sync = (): void => {
    if (this.#stopped) return;
    this.reconcile();
    this.#env.schedule(this.#cluster.hpa.syncPeriodMs, this.#sync, undefined);
  };

  /** One reconcile now. */
  reconcile(): void {
    const now = this.#env.now;
    this.reconciles++;
    const lives = this.#replicas.lives.filter((l) => l.phase !== 'terminated');
    const input: HpaDecisionInput = {
      nowMs: now,
      spec: {
        minReplicas: this.#hpa.minReplicas,
        maxReplicas: this.#hpa.maxReplicas,
        metrics: this.#specMetrics,
        ...(this.#hpa.behavior === null ? {} : { behavior: this.#hpa.behavior }),
      },
      scale: {
        specReplicas: this.#replicas.desired,
        statusReplicas: lives.filter((l) => l.phase !== 'terminating').length,
      },
      pods: lives.map((l) => this.#podState(l)),
      observations: this.#hpa.metrics.map((m) => this.#observe(m, lives, now)),
      ...(this.#state === undefined ? {} : { state: this.#state }),
      status: {
        ...(this.#desired === undefined ? {} : { desiredReplicas: this.#desired }),
        ...(this.#lastScaleTimeMs === undefined ? {} : { lastScaleTimeMs: this.#lastScaleTimeMs }),
        conditions: this.#conditions,
      },
      config: {
        tolerance: this.#cluster.hpa.tolerance,
        cpuInitializationPeriodMs: this.#cluster.hpa.cpuInitializationPeriodMs,
        initialReadinessDelayMs: this.#cluster.hpa.initialReadinessDelayMs,
        downscaleStabilizationWindowMs: this.#cluster.hpa.downscaleStabilizationMs,
      },
    };
    const d = decideReplicas(input);
    this.#state = d.state;
    this.#conditions = d.conditions;
    this.#desired = d.desiredReplicas;
    if (d.lastScaleTimeMs !== undefined) this.#lastScaleTimeMs = d.lastScaleTimeMs;
    if (!d.rescale) return;
    const newest = d.metrics.reduce((t, m) => Math.max(t, m.timestampMs ?? -Infinity), -Infinity);
    this.decisions.push({
      tMs: now,
      service: this.#service.name,
      from: d.currentReplicas,
      to: d.desiredReplicas,
      reason: d.rescaleReason ?? d.path,
      metric: d.selectedMetric?.name ?? null,
      metrics: d.metrics.map((m, i) => ({
        name: m.metricName,
        current: currentValue(this.#hpa.metrics[i]!, m.current),
        target: targetValue(this.#hpa.metrics[i]!),
        proposal: m.replicas ?? null,
      })),
      limitedBy: d.scalingLimited?.status === 'True' ? d.scalingLimited.reason : null,
      sampleAtMs: Number.isFinite(newest) ? newest : null,
      sampleAgeMs: Number.isFinite(newest) ? now - newest : null,
    });
    this.#replicas.scaleTo(d.desiredReplicas);
  }

  #podState(l: PodLife): PodState {
    const s = this.#service;
    const requests: Record<string, number> = {};
    if (s.cpuRequestCores !== null) requests.cpu = milli(s.cpuRequestCores);
    if (s.memoryRequestBytes !== null) requests.memory = milli(s.memoryRequestBytes);
    const running =
      l.phase === 'starting' || l.phase === 'ready' || (l.phase === 'terminating' && l.pod !== null);
    return {
      name: podName(l),
      phase: running ? 'Running' : 'Pending',
      ...(Number.isNaN(l.deletedMs) ? {} : { deletionTimestampMs: l.deletedMs }),
      // status.startTime: set when the kubelet accepts the pod, before the image pull. The
      // initial replicas have been running for long (an hour, say): past their CPU
      // initialization period and readiness delay.
      ...(Number.isNaN(l.scheduledMs)
        ? {}
        : { startTimeMs: l.initial ? l.scheduledMs - LONG_AGO_MS : l.scheduledMs }),
      ...(running
        ? {
            readyCondition: {
              status: l.phase === 'ready' ? 'True' : 'False',
              lastTransitionTimeMs: l.initial
                ? l.readyMs - LONG_AGO_MS
                : l.phase === 'ready'
                  ? l.readyMs
                  : l.containerStartedMs,
            },
          }
        : {}),
      containers: [{ name: 'app', requests }],
    };
  }

  #observe(m: NormalizedHpaMetric, lives: readonly PodLife[], now: number): MetricObservation {
    if (m.kind === 'kafkaLag') {
      return { kind: 'External', samples: [{ value: milli(this.#lag(m.topic)), timestampMs: now }] };
    }
    const samples = lives.flatMap((l) => {
      const sample = this.#metrics.latest(l.id);
      return sample === undefined ? [] : [{ l, sample }];
    });
    if (m.kind === 'requestsPerSecond') {
      return {
        kind: 'PodCustom',
        samples: samples.map(({ l, sample }) => ({
          podName: podName(l),
          value: milli(sample.custom[REQUESTS_COUNTER] ?? 0),
          timestampMs: sample.timestampMs,
        })),
      };
    }
    return {
      kind: 'PodResource',
      samples: samples.map(({ l, sample }) => ({
        podName: podName(l),
        timestampMs: sample.timestampMs,
        windowMs: sample.windowMs,
        containers: [
          {
            name: 'app',
            usage: { cpu: Math.round(sample.cpuMillicores), memory: milli(sample.memoryBytes) },
          },
        ],
      })),
    };
  }
}

const podName = (l: PodLife): string => `pod-${l.id}`;

// The metric's current value in the scenario's units (utilization %, requests/s per pod, lag).
function currentValue(
  m: NormalizedHpaMetric,
  current: { averageUtilization?: number; averageValue?: number; value?: number } | undefined,
): number | null {
  if (current === undefined) return null;
  if (m.kind === 'cpu' || m.kind === 'memory') return current.averageUtilization ?? null;
  const v = current.averageValue ?? current.value;
  return v === undefined ? null : v / 1000;
}

function targetValue(m: NormalizedHpaMetric): number {
  switch (m.kind) {
    case 'cpu':
    case 'memory':
      return m.averageUtilization;
    case 'requestsPerSecond':
      return m.averageValue;
    case 'kafkaLag':
      return m.value ?? m.averageValue!;
  }
}
