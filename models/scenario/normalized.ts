/**
 * The normalized scenario: every default applied, every shorthand expanded, all quantities in
 * canonical units (ms, cores, per second). Later phases accept only this form. It is plain JSON
 * (no Infinity: `null` means "no limit") and goes back to the user inside every result, so they
 * can see what their document resolved to.
 */
import type { DistributionSpec } from '../../engine/index.js';
import type { RequestFailureCause } from '../client/failure-cause.js';
import type {
  NormalizedDataStep,
  NormalizedDatabase,
  NormalizedMultiplexer,
  NormalizedPool,
  NormalizedQueue,
  NormalizedRateLimiter,
  NormalizedRedisClient,
  NormalizedRedisServer,
  NormalizedTopic,
} from '../data/scenario/normalized-data.js';
import type {
  NormalizedAutoscaling,
  NormalizedCluster,
  NormalizedStartup,
} from '../service/normalized-kubernetes.js';
import type { BalancerPolicy } from '../service/schema.js';

/** A stage of a ramping executor. */
export interface NormalizedStage {
  readonly durationMs: number;
  readonly target: number;
}

interface LoadBase {
  /** Time iterations still running at the end get to finish (k6 gracefulStop). */
  readonly gracefulStopMs: number;
}

/** The load, one variant per executor. */
export type NormalizedLoad =
  | (LoadBase & {
      readonly executor: 'constant-arrival-rate';
      readonly rate: number;
      readonly timeUnitMs: number;
      readonly durationMs: number;
      readonly preAllocatedVUs: number;
      readonly maxVUs: number;
      readonly thinkTime: DistributionSpec | null;
    })
  | (LoadBase & {
      readonly executor: 'ramping-arrival-rate';
      readonly startRate: number;
      readonly timeUnitMs: number;
      readonly stages: readonly NormalizedStage[];
      readonly preAllocatedVUs: number;
      readonly maxVUs: number;
      readonly thinkTime: DistributionSpec | null;
    })
  | (LoadBase & {
      readonly executor: 'constant-vus';
      readonly vus: number;
      readonly durationMs: number;
      readonly thinkTime: DistributionSpec | null;
    })
  | (LoadBase & {
      readonly executor: 'ramping-vus';
      readonly startVUs: number;
      readonly stages: readonly NormalizedStage[];
      readonly gracefulRampDownMs: number;
      readonly thinkTime: DistributionSpec | null;
    })
  | (LoadBase & { readonly executor: 'poisson'; readonly ratePerSec: number; readonly durationMs: number })
  | (LoadBase & { readonly executor: 'replay'; readonly arrivalsMs: readonly number[] });

/** The executor names. */
export type ExecutorName = NormalizedLoad['executor'];

/** Client behaviour shared by every request. */
export interface NormalizedClient {
  readonly timeoutMs: number;
  readonly retries: {
    readonly max: number;
    readonly backoffMs: number;
    readonly multiplier: number;
    readonly maxBackoffMs: number;
    readonly jitter: 'full' | 'none';
    readonly on: readonly RequestFailureCause[];
  };
}

/** One step, tagged by kind. */
export type NormalizedStep =
  | { readonly kind: 'cpu'; readonly name: string; readonly work: DistributionSpec }
  | { readonly kind: 'wait'; readonly name: string; readonly latency: DistributionSpec }
  | {
      readonly kind: 'parallel';
      readonly name: string;
      readonly branches: readonly (readonly NormalizedStep[])[];
    }
  | {
      readonly kind: 'cache';
      readonly name: string;
      readonly server: string;
      readonly hitRatio: number;
      /** Steps of a miss, before the value is written back. */
      readonly miss: readonly NormalizedStep[];
    }
  | {
      readonly kind: 'broadcast';
      readonly name: string;
      readonly server: string;
      /** The subscribing service. */
      readonly subscribers: string;
      /** Redis main-thread time per subscriber. */
      readonly perSubscriber: DistributionSpec;
      /** What each subscribing pod runs. */
      readonly deliver: readonly NormalizedStep[];
    }
  | NormalizedDataStep;

/** An endpoint. */
export interface NormalizedEndpoint {
  readonly name: string;
  /** Share of iterations, normalized so all endpoints sum to 1. */
  readonly share: number;
  readonly service: string;
  readonly steps: readonly NormalizedStep[];
}

/** Tomcat connector limits. */
export interface NormalizedTomcat {
  readonly maxThreads: number;
  readonly maxConnections: number;
  readonly acceptCount: number;
}

/** A service. */
export interface NormalizedService {
  readonly name: string;
  readonly server: 'thread-per-request' | 'event-loop';
  readonly replicas: number;
  readonly balancer: BalancerPolicy;
  /** Cores a pod may use (its CPU limit); null when no limit is set (CPU never contends). */
  readonly cpuLimitCores: number | null;
  /** CPU request per pod (defaults to the limit, as Kubernetes does); null when neither is set. */
  readonly cpuRequestCores: number | null;
  /** Tomcat limits; null for event-loop servers. */
  readonly tomcat: NormalizedTomcat | null;
  /** Node.js `server.maxConnections`; null for unlimited or thread-per-request servers. */
  readonly nodeMaxConnections: number | null;
  readonly linux: {
    readonly somaxconn: number;
    readonly tcpAbortOnOverflow: boolean;
    readonly tcpSynRetries: number;
    readonly synInitialRtoMs: number;
  };
  /** Effective listen backlog: min(acceptCount, somaxconn) for Tomcat, else somaxconn. */
  readonly backlog: number;
  /** Memory request per pod (bytes; defaults to the limit); null when neither is set. */
  readonly memoryRequestBytes: number | null;
  /** A pod's memory working set: at rest, and more per request in progress (bytes). */
  readonly workingSet: { readonly baseBytes: number; readonly perRequestBytes: number };
  /** How the pods the autoscaler adds start, and how deleted pods end. */
  readonly startup: NormalizedStartup;
  /** The HorizontalPodAutoscaler, or null for a fixed replica count. */
  readonly autoscaling: NormalizedAutoscaling | null;
  /** Client pools of each pod, in declaration order. */
  readonly pools: readonly NormalizedPool[];
  /** Redis clients of each pod: one per Redis server the service's steps or limiters use. */
  readonly redisClients: readonly NormalizedRedisClient[];
}

/** A whole normalized scenario. */
export interface NormalizedScenario {
  readonly name: string;
  readonly description: string | null;
  readonly seed: number | string;
  readonly replications: number;
  readonly warmupMs: number;
  /** When the executor stops starting iterations. */
  readonly loadEndMs: number;
  /** When the simulation stops: loadEndMs + gracefulStopMs; requests still open then are interrupted. */
  readonly horizonMs: number;
  readonly timeSeriesIntervalMs: number;
  readonly load: NormalizedLoad;
  readonly client: NormalizedClient;
  readonly endpoints: readonly NormalizedEndpoint[];
  readonly services: readonly NormalizedService[];
  readonly databases: readonly NormalizedDatabase[];
  readonly multiplexers: readonly NormalizedMultiplexer[];
  readonly redis: readonly NormalizedRedisServer[];
  readonly kafka: readonly NormalizedTopic[];
  readonly rabbitmq: readonly NormalizedQueue[];
  readonly rateLimiters: readonly NormalizedRateLimiter[];
  readonly cluster: NormalizedCluster;
}
