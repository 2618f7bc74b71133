/** The shape of a run's result: plain JSON, the same for the API, the CLI and notebooks. */
import type { FailureCause } from '../client/failure-cause.js';
import type { ScenarioWarning } from '../scenario/diagnostics.js';
import type { NormalizedScenario } from '../scenario/normalized.js';
import type { AutoscalingSummary } from './autoscaling-summary.js';
import type { ComponentSummary } from './component-summary.js';
import type { Estimate } from './estimate.js';

/** Latency percentiles (ms). */
export interface LatencySummary {
  readonly count: Estimate;
  readonly mean: Estimate;
  readonly min: Estimate;
  readonly p50: Estimate;
  readonly p90: Estimate;
  readonly p95: Estimate;
  readonly p99: Estimate;
  readonly p999: Estimate;
  readonly max: Estimate;
}

/** One service's utilization and waits over the measured window. */
export interface ServiceSummary {
  readonly name: string;
  readonly server: 'thread-per-request' | 'event-loop';
  readonly meanReadyPods: Estimate;
  /** Busy threads / (maxThreads × pods); for event-loop servers, requests in progress (no limit). */
  readonly threadUtilization: Estimate | null;
  readonly meanBusyThreads: Estimate;
  readonly maxBusyThreads: Estimate;
  /** Requests waiting for a thread (Tomcat executor queue) or for the event loop. */
  readonly meanQueued: Estimate;
  readonly maxQueued: Estimate;
  /** Mean wait of the requests that had to queue for a thread (those that did not are left out). */
  readonly meanThreadWaitMs: Estimate;
  readonly meanBacklog: Estimate;
  readonly maxBacklog: Estimate;
  /** Cores in use / (CPU limit × pods); null without a limit. */
  readonly cpuUtilization: Estimate | null;
  /** Cores in use / (CPU request × pods): the HPA's metric; null without a request. */
  readonly cpuUtilizationOfRequests: Estimate | null;
  readonly listenOverflows: Estimate;
  /** Responses finished after their client had given up: wasted work. */
  readonly wastedResponses: Estimate;
  /** The replica count asked for (`spec.replicas`): its time average and maximum. */
  readonly meanDesiredReplicas: Estimate;
  readonly maxDesiredReplicas: Estimate;
  /** The HorizontalPodAutoscaler's decisions, pods and reaction times; null without one. */
  readonly autoscaling: AutoscalingSummary | null;
}

/**
 * Where the mean successful request spent its time (ms). Times of parallel branches are summed, so
 * with parallel steps the parts can exceed the latency (and `otherMs` go negative).
 */
export interface LatencyBreakdown {
  readonly connectMs: Estimate;
  readonly backlogMs: Estimate;
  readonly threadQueueMs: Estimate;
  readonly cpuWorkMs: Estimate;
  /** Extra time on the CPU because other work shared it (processor sharing, event loop queue). */
  readonly cpuContentionMs: Estimate;
  /** Waiting for a pool connection (mysql2: including opening a new one). */
  readonly poolWaitMs: Estimate;
  /** In the database with a connection: lock waits, CPU (shared beyond its cores) and I/O; behind a multiplexer, its wait too. */
  readonly databaseMs: Estimate;
  /** Redis commands and rate-limit checks: network, queue behind the main thread, and execution. */
  readonly redisMs: Estimate;
  /** Kafka sends: batching (linger), broker and replication; on the sync path, until consumed. */
  readonly kafkaMs: Estimate;
  /** RabbitMQ publishes: connection set-up and close, confirms; on the sync path, until consumed. */
  readonly rabbitmqMs: Estimate;
  /** Waits on things outside the model and anything else. */
  readonly otherMs: Estimate;
}

/** The component that limits the system, with the evidence. */
export interface Bottleneck {
  /** `service/<name>/threads`, `service/<name>/cpu`, `service/<name>/accept-queue`, `load/vus`, or `none`. */
  readonly component: string;
  readonly reason: string;
}

/** One time-series row: rates per second and levels averaged over the interval. */
export interface TimeSeriesRow {
  readonly tMs: number;
  readonly iterationsPerSec: number;
  readonly droppedPerSec: number;
  readonly requestsPerSec: number;
  readonly succeededPerSec: number;
  readonly failedPerSec: Readonly<Record<FailureCause, number>>;
  /** Percentiles of requests that succeeded in this interval; null when none did. */
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  readonly services: Readonly<
    Record<
      string,
      {
        readonly readyPods: number;
        readonly busyThreads: number;
        readonly queued: number;
        readonly backlog: number;
        readonly inFlight: number;
        readonly cpuUtilization: number | null;
        readonly desiredReplicas: number;
        readonly pendingPods: number;
        readonly startingPods: number;
      }
    >
  >;
  /** Per data-tier component (`<kind>/<name>`): its levels averaged over the interval. */
  readonly components: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** A run's result. */
export interface RunSummary {
  readonly scenario: string;
  /** FNV-1a hash of the normalized scenario without its seed and replications: same hash and seed, same result. */
  readonly scenarioHash: string;
  readonly seed: number | string;
  readonly replications: number;
  /** The measured window: from the end of the warm-up to the horizon (ms). */
  readonly window: { readonly fromMs: number; readonly toMs: number };
  /** Per second of the load phase after the warm-up (completions in the graceful stop count too). */
  readonly throughput: {
    /** Iterations the load asked for (started + dropped). */
    readonly offeredPerSec: Estimate;
    readonly startedPerSec: Estimate;
    readonly completedPerSec: Estimate;
    readonly succeededPerSec: Estimate;
  };
  readonly iterations: {
    readonly started: Estimate;
    readonly succeeded: Estimate;
    readonly failed: Estimate;
    readonly dropped: Estimate;
    readonly interrupted: Estimate;
    readonly durationMs: LatencySummary;
  };
  readonly requests: {
    readonly sent: Estimate;
    readonly succeeded: Estimate;
    readonly failed: Estimate;
    /** Failed / sent (k6 `http_req_failed`). */
    readonly failureRate: Estimate;
  };
  /** Failures by cause (requests; dropped iterations under their own cause). */
  readonly failures: Readonly<Record<FailureCause, Estimate>>;
  /** Client timeouts by where the request was when the client gave up. */
  readonly timeoutsByPhase: Readonly<Record<'backlog' | 'thread-queue' | 'running', Estimate>>;
  readonly latencyMs: { readonly succeeded: LatencySummary; readonly all: LatencySummary };
  readonly endpoints: readonly { readonly name: string; readonly latencyMs: LatencySummary }[];
  readonly services: readonly ServiceSummary[];
  /** The data tier: pools (summed over a service's pods), databases, multiplexers, Redis, Kafka. */
  readonly components: readonly ComponentSummary[];
  readonly breakdown: LatencyBreakdown;
  readonly bottleneck: Bottleneck;
  readonly timeSeries: { readonly intervalMs: number; readonly rows: readonly TimeSeriesRow[] };
  readonly warnings: readonly ScenarioWarning[];
  readonly events: number;
  readonly normalized: NormalizedScenario;
}
