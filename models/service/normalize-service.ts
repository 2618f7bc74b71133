/** Applies Spring Boot's, Node's, Kubernetes' and Linux's defaults to a service. */
import { DEFAULTS } from '../scenario/defaults.js';
import type { Diagnostics } from '../scenario/diagnostics.js';
import type { NormalizedService } from '../scenario/normalized.js';
import { normalizeAutoscaling, normalizeStartup } from './normalize-kubernetes.js';
import type { ServiceSpec } from './schema.js';

/** The normalized service `name`; problems go to `diag` under `services.<name>`. */
export function normalizeService(
  name: string,
  spec: ServiceSpec,
  diag: Diagnostics,
  topics: readonly string[],
): Omit<NormalizedService, 'pools' | 'redisClients'> {
  const at = ['services', name];
  const server = spec.server ?? DEFAULTS.service.server;
  if (server === 'event-loop' && spec.tomcat !== undefined) {
    diag.error([...at, 'tomcat'], 'applies only to server: thread-per-request');
  }
  if (server === 'thread-per-request' && spec.node !== undefined) {
    diag.error([...at, 'node'], 'applies only to server: event-loop');
  }
  const limit = spec.resources?.limits?.cpu;
  // Kubernetes sets a container's requests to its limits when only limits are given
  // (kubernetes.io "Resource Management for Pods and Containers").
  const request = spec.resources?.requests?.cpu ?? limit;
  if (limit === 0) diag.error([...at, 'resources', 'limits', 'cpu'], 'must be > 0');
  if (limit !== undefined && request !== undefined && request > limit) {
    // The API server rejects such a pod: requests may not exceed limits.
    diag.error(
      [...at, 'resources', 'requests', 'cpu'],
      `must be ≤ the limit (${limit} cores), got ${request}`,
    );
  }
  const linux = {
    somaxconn: spec.linux?.somaxconn ?? DEFAULTS.linux.somaxconn,
    tcpAbortOnOverflow: spec.linux?.tcpAbortOnOverflow ?? DEFAULTS.linux.tcpAbortOnOverflow,
    tcpSynRetries: spec.linux?.tcpSynRetries ?? DEFAULTS.linux.tcpSynRetries,
    synInitialRtoMs: DEFAULTS.linux.synInitialRtoMs,
  };
  const tomcat =
    server === 'thread-per-request'
      ? {
          maxThreads: spec.tomcat?.maxThreads ?? DEFAULTS.tomcat.maxThreads,
          maxConnections: spec.tomcat?.maxConnections ?? DEFAULTS.tomcat.maxConnections,
          acceptCount: spec.tomcat?.acceptCount ?? DEFAULTS.tomcat.acceptCount,
        }
      : null;
  if (tomcat !== null && tomcat.maxConnections < tomcat.maxThreads) {
    diag.warn(
      'SCN_WARN_THREADS_UNREACHABLE',
      [...at, 'tomcat', 'maxConnections'],
      `is below maxThreads (${tomcat.maxThreads}): at most ${tomcat.maxConnections} threads can ever be busy`,
    );
  }
  if (tomcat !== null && tomcat.acceptCount > linux.somaxconn) {
    diag.warn(
      'SCN_WARN_BACKLOG_CAPPED',
      [...at, 'tomcat', 'acceptCount'],
      `exceeds net.core.somaxconn (${linux.somaxconn}); the kernel caps the backlog at ${linux.somaxconn}`,
    );
  }
  if (limit === undefined) {
    diag.warn(
      'SCN_WARN_NO_CPU_LIMIT',
      [...at, 'resources', 'limits', 'cpu'],
      'is not set: CPU work never contends (unbounded cores); set a limit to model CPU saturation',
    );
  } else if (server === 'event-loop' && limit > 1) {
    diag.warn(
      'SCN_WARN_EVENT_LOOP_CORES',
      [...at, 'resources', 'limits', 'cpu'],
      `is ${limit} cores, but an event-loop server runs its JavaScript on one thread: only 1 core is used`,
    );
  }
  const replicas = spec.replicas ?? DEFAULTS.service.replicas;
  if (replicas === 0) {
    diag.warn('SCN_WARN_NO_REPLICAS', [...at, 'replicas'], 'is 0: every request to this service is refused');
  }
  return {
    name,
    server,
    replicas,
    balancer: spec.balancer ?? DEFAULTS.service.balancer,
    cpuLimitCores: limit ?? null,
    cpuRequestCores: request ?? null,
    tomcat,
    nodeMaxConnections: server === 'event-loop' ? (spec.node?.maxConnections ?? null) : null,
    linux,
    backlog: Math.min(tomcat?.acceptCount ?? linux.somaxconn, linux.somaxconn),
    memoryRequestBytes: spec.resources?.requests?.memory ?? spec.resources?.limits?.memory ?? null,
    workingSet: {
      baseBytes: spec.workingSet?.base ?? DEFAULTS.pod.workingSetBaseBytes,
      perRequestBytes: spec.workingSet?.perRequest ?? DEFAULTS.pod.workingSetPerRequestBytes,
    },
    startup: normalizeStartup(spec.startup),
    autoscaling: normalizeAutoscaling(name, spec, topics, diag),
  };
}
