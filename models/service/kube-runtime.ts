/**
 * One replication's Kubernetes: the nodes pods are scheduled onto (or room for every pod when the
 * scenario gives no nodes), metrics-server scraping every pod's CPU, memory and request counter,
 * and readiness probes. Replica sets reach it through {@link KubeContext}.
 */
import type { Environment } from '../../engine/index.js';
import type { Client } from '../client/client.js';
import { Cluster } from '../kubernetes/cluster.js';
import { MetricsServer } from '../kubernetes/metrics-server.js';
import { readyAtMs } from '../kubernetes/readiness.js';
import type { NormalizedService } from '../scenario/normalized.js';
import type { NormalizedCluster } from './normalized-kubernetes.js';
import type { KubeContext, PodLife } from './replica-set.js';
import type { Pod } from './service-runtime.js';

/** The custom metric metrics-server keeps per pod: requests received (a counter; its rate is per second). */
export const REQUESTS_COUNTER = 'requests';

/** The cluster of one replication. */
export class KubeRuntime {
  readonly metrics: MetricsServer;
  /** null: room for every pod (the scenario gives no nodes). */
  readonly cluster: Cluster | null;
  readonly #client: Client;
  readonly #bound = new Map<number, () => void>();
  #nextId = 0;

  /** @param scrapeOffsetMs when metrics-server first scrapes (its phase against the HPA's syncs). */
  constructor(env: Environment, spec: NormalizedCluster, client: Client, scrapeOffsetMs: number) {
    this.#client = client;
    this.metrics = new MetricsServer(env, {
      resolutionMs: spec.hpa.metricResolutionMs,
      offsetMs: scrapeOffsetMs,
    });
    this.cluster =
      spec.nodes === null
        ? null
        : new Cluster(
            env,
            {
              nodes: spec.nodes.count,
              nodeCpuCores: spec.nodes.cpuCores,
              nodeMemoryBytes: spec.nodes.memoryBytes,
              autoscaler:
                spec.autoscaler === null
                  ? null
                  : {
                      maxNodes: spec.autoscaler.maxNodes,
                      provisionDelayMs: spec.autoscaler.provisionDelayMs,
                      // cluster-autoscaler --scan-interval default 10 s (FAQ).
                      scanIntervalMs: 10_000,
                    },
            },
            (podId) => {
              const bound = this.#bound.get(podId);
              this.#bound.delete(podId);
              bound?.();
            },
          );
  }

  /** The context the replica set of `service` runs in. */
  contextFor(service: NormalizedService): KubeContext {
    const { startup, workingSet } = service;
    return {
      nextPodId: () => this.#nextId++,
      place: (podId, cpu, memory, bound) => {
        if (this.cluster === null) {
          bound();
          return;
        }
        this.#bound.set(podId, bound);
        this.cluster.schedule(podId, cpu, memory);
      },
      release: (podId) => {
        this.#bound.delete(podId);
        this.cluster?.release(podId);
      },
      containerStarted: (life: PodLife) => {
        const pod = life.pod!;
        this.metrics.register(life.id, {
          cpuCoreMsAt: () => pod.cpu.busyCoreMs(),
          // The working set: at rest, plus a share per request in progress.
          memoryBytesAt: () => workingSet.baseBytes + workingSet.perRequestBytes * pod.connections,
          counters: { [REQUESTS_COUNTER]: () => pod.requestsReceived },
        });
      },
      containerStopped: (life: PodLife) => {
        this.metrics.unregister(life.id);
      },
      readyAtMs: (containerStartedMs, appStartMs) =>
        readyAtMs({
          containerStartedMs,
          appStartMs,
          initialDelayMs: startup.probe.initialDelayMs,
          periodMs: startup.probe.periodMs,
          successThreshold: startup.probe.successThreshold,
        }),
      cutOff: (pod: Pod) => this.#client.cutOff(pod),
    };
  }

  /** Stops the periodic scrapes (at the horizon, so the run can end). */
  stop(): void {
    this.metrics.stop();
  }
}
