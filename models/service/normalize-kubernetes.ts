/** Applies Kubernetes' defaults to a service's start-up and autoscaler, and to the cluster. */
import type { DistributionSpec } from '../../engine/index.js';
import { DEFAULTS } from '../scenario/defaults.js';
import type { Diagnostics } from '../scenario/diagnostics.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import type {
  NormalizedAutoscaling,
  NormalizedCluster,
  NormalizedHpaMetric,
  NormalizedStartup,
} from './normalized-kubernetes.js';
import type { ServiceSpec } from './schema.js';

const constant = (ms: number): DistributionSpec => ({ kind: 'deterministic', value: ms });

/** The start-up timeline of the service's new pods. */
export function normalizeStartup(spec: ServiceSpec['startup']): NormalizedStartup {
  const d = DEFAULTS.pod;
  return {
    schedule: spec?.schedule ?? constant(d.scheduleMs),
    imagePull: spec?.imagePull ?? constant(d.imagePullMs),
    start: spec?.start ?? constant(d.startMs),
    probe: {
      initialDelayMs: spec?.readinessProbe?.initialDelay ?? d.probeInitialDelayMs,
      periodMs: spec?.readinessProbe?.period ?? d.probePeriodMs,
      successThreshold: spec?.readinessProbe?.successThreshold ?? d.probeSuccessThreshold,
    },
    terminationGracePeriodMs: spec?.terminationGracePeriod ?? d.terminationGracePeriodMs,
  };
}

/** The service's autoscaler, or null; problems go to `diag` under `services.<name>.autoscaling`. */
export function normalizeAutoscaling(
  name: string,
  spec: ServiceSpec,
  topics: readonly string[],
  diag: Diagnostics,
): NormalizedAutoscaling | null {
  const a = spec.autoscaling;
  if (a === undefined) return null;
  const at = ['services', name, 'autoscaling'];
  const minReplicas = a.minReplicas ?? 1;
  if (a.maxReplicas < minReplicas) {
    diag.error([...at, 'maxReplicas'], `must be ≥ minReplicas (${minReplicas}), got ${a.maxReplicas}`);
  }
  const metrics: NormalizedHpaMetric[] = (
    a.metrics ?? [{ cpu: DEFAULTS.hpa.defaultCpuUtilizationPercent / 100 }]
  ).map((m, i): NormalizedHpaMetric => {
    const here = [...at, 'metrics', i];
    if ('cpu' in m || 'memory' in m) {
      const kind = 'cpu' in m ? 'cpu' : 'memory';
      const fraction = 'cpu' in m ? m.cpu : m.memory;
      const percent = Math.round(fraction * 100);
      // autoscaling/v2 MetricTarget.averageUtilization is an int32 percent.
      if (Math.abs(percent - fraction * 100) > 1e-9) {
        diag.error(
          [...here, kind],
          `must be a whole percent (averageUtilization is an integer), got ${fraction * 100} %`,
        );
      }
      if (percent === 0) diag.error([...here, kind], 'must be > 0 %');
      const request =
        kind === 'cpu'
          ? (spec.resources?.requests?.cpu ?? spec.resources?.limits?.cpu)
          : (spec.resources?.requests?.memory ?? spec.resources?.limits?.memory);
      if (request === undefined) {
        // The controller reports "missing request for cpu" and cannot compute utilization.
        diag.error(
          ['services', name, 'resources', 'requests', kind],
          `is required by the autoscaler's ${kind} utilization metric`,
        );
      }
      return { kind, averageUtilization: percent };
    }
    if ('requestsPerSecond' in m) return { kind: 'requestsPerSecond', averageValue: m.requestsPerSecond };
    const lag = m.kafkaLag;
    if (!topics.includes(lag.topic))
      diag.error([...here, 'kafkaLag', 'topic'], 'names no declared Kafka topic');
    return {
      kind: 'kafkaLag',
      topic: lag.topic,
      value: lag.value ?? null,
      averageValue: lag.averageValue ?? null,
    };
  });
  const replicas = spec.replicas ?? DEFAULTS.service.replicas;
  if (replicas < minReplicas || replicas > a.maxReplicas) {
    diag.warn(
      'SCN_WARN_REPLICAS_OUTSIDE_HPA_RANGE',
      ['services', name, 'replicas'],
      `(${replicas}) is outside [minReplicas ${minReplicas}, maxReplicas ${a.maxReplicas}]: the first reconcile sets it to the nearest bound at once`,
    );
  }
  return { minReplicas, maxReplicas: a.maxReplicas, metrics, behavior: a.behavior ?? null };
}

/** The cluster, with the controller's and metrics-server's defaults. */
export function normalizeCluster(spec: ScenarioSpec['cluster'], diag: Diagnostics): NormalizedCluster {
  const h = DEFAULTS.hpa;
  if (spec?.autoscaler !== undefined && spec.nodes === undefined) {
    diag.error(['cluster', 'autoscaler'], 'needs cluster.nodes: it adds nodes like those');
  }
  return {
    nodes:
      spec?.nodes === undefined
        ? null
        : { count: spec.nodes.count, cpuCores: spec.nodes.cpu, memoryBytes: spec.nodes.memory },
    autoscaler:
      spec?.autoscaler === undefined
        ? null
        : {
            maxNodes: spec.autoscaler.maxNodes,
            provisionDelayMs: spec.autoscaler.provisionDelay ?? DEFAULTS.clusterAutoscaler.provisionDelayMs,
          },
    hpa: {
      syncPeriodMs: spec?.hpa?.syncPeriod ?? h.syncPeriodMs,
      tolerance: spec?.hpa?.tolerance ?? h.tolerance,
      cpuInitializationPeriodMs: spec?.hpa?.cpuInitializationPeriod ?? h.cpuInitializationPeriodMs,
      initialReadinessDelayMs: spec?.hpa?.initialReadinessDelay ?? h.initialReadinessDelayMs,
      downscaleStabilizationMs: spec?.hpa?.downscaleStabilization ?? h.downscaleStabilizationMs,
      metricResolutionMs: spec?.hpa?.metricResolution ?? h.metricResolutionMs,
    },
  };
}
