/**
 * Phase 5 of the pipeline: the replications' measurements become a {@link RunSummary}: pooled
 * percentiles from merged histograms, means with 95 % confidence intervals across replications,
 * the bottleneck, time series and warnings.
 */
import { LatencyHistogram } from '../../engine/index.js';
import { FAILURE_CAUSES, REQUEST_FAILURE_CAUSES } from '../client/failure-cause.js';
import type { FailureCause } from '../client/failure-cause.js';
import { PHASE_BACKLOG, PHASE_QUEUED, PHASE_RUNNING } from '../request/strand.js';
import type { ScenarioWarning } from '../scenario/diagnostics.js';
import { measuredWindow } from '../scenario/measured-window.js';
import type { NormalizedScenario } from '../scenario/normalized.js';
import type { ReplicationResult } from '../scenario/run-replication.js';
import { usableCoresPerPod } from '../service/usable-cores.js';
import { autoscalingSummary } from './autoscaling-summary.js';
import { findBottleneck } from './bottleneck.js';
import { componentSummaries } from './component-summary.js';
import { estimate } from './estimate.js';
import type { Estimate } from './estimate.js';
import type { LatencySummary, RunSummary, ServiceSummary } from './summary-types.js';
import { summarizeTimeSeries } from './time-series-summary.js';
import { runWarnings } from './run-warnings.js';

const QUANTILES = [
  ['p50', 0.5],
  ['p90', 0.9],
  ['p95', 0.95],
  ['p99', 0.99],
  ['p999', 0.999],
] as const;

const q = (h: LatencyHistogram, p: number): number => (h.count > 0 ? h.quantile(p) : NaN);

/** Percentiles pooled over replications, with CIs from each replication's own percentiles. */
export function latencySummary(hists: readonly LatencyHistogram[]): LatencySummary {
  const merged = new LatencyHistogram();
  for (const h of hists) merged.merge(h);
  const per = (f: (h: LatencyHistogram) => number) => hists.map(f);
  const out: Record<string, Estimate> = {
    count: estimate(per((h) => h.count)),
    mean: estimate(
      per((h) => (h.count > 0 ? h.mean : NaN)),
      merged.count > 0 ? merged.mean : NaN,
    ),
  };
  out.min = estimate(
    per((h) => (h.count > 0 ? h.min : NaN)),
    merged.count > 0 ? merged.min : NaN,
  );
  for (const [name, p] of QUANTILES)
    out[name] = estimate(
      per((h) => q(h, p)),
      q(merged, p),
    );
  out.max = estimate(
    per((h) => (h.count > 0 ? h.max : NaN)),
    merged.count > 0 ? merged.max : NaN,
  );
  return out as unknown as LatencySummary;
}

function fnv1a(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

function serviceSummaries(s: NormalizedScenario, reps: readonly ReplicationResult[]): ServiceSummary[] {
  return s.services.map((svc, i) => {
    const t = reps.map((r) => r.services[i]!.totals);
    const e = (f: (x: (typeof t)[number]) => number) => estimate(t.map(f));
    const threadCap = svc.tomcat?.maxThreads ?? null;
    const cores = usableCoresPerPod(svc);
    return {
      name: svc.name,
      server: svc.server,
      meanReadyPods: e((x) => x.meanReadyPods),
      threadUtilization:
        threadCap === null
          ? null
          : e((x) => (x.meanReadyPods > 0 ? x.meanBusyThreads / (threadCap * x.meanReadyPods) : 0)),
      meanBusyThreads: e((x) => x.meanBusyThreads),
      maxBusyThreads: e((x) => x.maxBusyThreads),
      meanQueued: e((x) => x.meanQueued),
      maxQueued: e((x) => x.maxQueued),
      meanThreadWaitMs: e((x) => (x.threadWaits > 0 ? x.threadWaitMs / x.threadWaits : 0)),
      meanBacklog: e((x) => x.meanBacklog),
      maxBacklog: e((x) => x.maxBacklog),
      cpuUtilization:
        cores === null
          ? null
          : e((x) => (x.meanReadyPods > 0 ? x.meanBusyCores / (cores * x.meanReadyPods) : 0)),
      cpuUtilizationOfRequests:
        svc.cpuRequestCores === null
          ? null
          : e((x) => (x.meanReadyPods > 0 ? x.meanBusyCores / (svc.cpuRequestCores! * x.meanReadyPods) : 0)),
      listenOverflows: e((x) => x.listenOverflows),
      wastedResponses: e((x) => x.wastedResponses),
      meanDesiredReplicas: e((x) => x.meanDesiredReplicas),
      maxDesiredReplicas: e((x) => x.maxDesiredReplicas),
      autoscaling: autoscalingSummary(svc, reps),
    };
  });
}

/** Summarizes the replications of `s`; `warnings` are the normalization warnings. */
export function summarize(
  s: NormalizedScenario,
  reps: readonly ReplicationResult[],
  warnings: readonly ScenarioWarning[],
): RunSummary {
  const recs = reps.map((r) => r.recorder);
  const e = (f: (r: (typeof recs)[number]) => number) => estimate(recs.map(f));
  const window = measuredWindow(s);
  const loadMs = Math.max(window.toMs - window.fromMs, 1e-9);
  const requestFailures = (r: (typeof recs)[number]) => r.requestFailures.reduce((a, b) => a + b, 0);
  const failures = Object.fromEntries(
    FAILURE_CAUSES.map((cause) => [
      cause,
      cause === 'dropped-iteration'
        ? e((r) => r.iterationsDropped)
        : e((r) => r.requestFailures[REQUEST_FAILURE_CAUSES.indexOf(cause)]!),
    ]),
  ) as Record<FailureCause, Estimate>;
  // Differences of sums leave rounding dust (1e-14 ms) where the true value is 0.
  const perOk = (f: (b: (typeof recs)[number]['breakdown']) => number) =>
    e((r) => {
      const b = r.breakdown;
      if (b.count === 0) return NaN;
      const x = f(b);
      return Math.abs(x) <= 1e-9 * b.totalMs ? 0 : x / b.count;
    });
  const breakdown = {
    connectMs: perOk((b) => b.connectMs),
    backlogMs: perOk((b) => b.backlogMs),
    threadQueueMs: perOk((b) => b.queueMs),
    cpuWorkMs: perOk((b) => b.cpuWorkMs),
    cpuContentionMs: perOk((b) => b.cpuElapsedMs - b.cpuWorkMs),
    poolWaitMs: perOk((b) => b.poolWaitMs),
    databaseMs: perOk((b) => b.databaseMs),
    redisMs: perOk((b) => b.redisMs),
    kafkaMs: perOk((b) => b.kafkaMs),
    rabbitmqMs: perOk((b) => b.rabbitmqMs),
    otherMs: perOk(
      (b) =>
        b.totalMs -
        b.connectMs -
        b.backlogMs -
        b.queueMs -
        b.cpuElapsedMs -
        b.poolWaitMs -
        b.databaseMs -
        b.redisMs -
        b.kafkaMs -
        b.rabbitmqMs,
    ),
  };
  const services = serviceSummaries(s, reps);
  const components = componentSummaries(reps);
  const latencyOk = latencySummary(recs.map((r) => r.latencyOk()));
  const meanSent = recs.reduce((t, r) => t + r.requestsSent, 0) / recs.length;
  const summary: Omit<RunSummary, 'warnings'> = {
    scenario: s.name,
    scenarioHash: fnv1a(JSON.stringify({ ...s, seed: null, replications: null })),
    seed: s.seed,
    replications: reps.length,
    window: { fromMs: s.warmupMs, toMs: s.horizonMs },
    throughput: {
      offeredPerSec: e((r) => ((r.iterationsStarted + r.iterationsDropped) * 1000) / loadMs),
      startedPerSec: e((r) => (r.iterationsStarted * 1000) / loadMs),
      completedPerSec: e((r) => ((r.iterationsSucceeded + r.iterationsFailed) * 1000) / loadMs),
      succeededPerSec: e((r) => (r.requestsSucceeded * 1000) / loadMs),
    },
    iterations: {
      started: e((r) => r.iterationsStarted),
      succeeded: e((r) => r.iterationsSucceeded),
      failed: e((r) => r.iterationsFailed),
      dropped: e((r) => r.iterationsDropped),
      interrupted: estimate(reps.map((r) => r.interruptedIterations)),
      durationMs: latencySummary(recs.map((r) => r.iterationDuration)),
    },
    requests: {
      sent: e((r) => r.requestsSent),
      succeeded: e((r) => r.requestsSucceeded),
      failed: e(requestFailures),
      failureRate: e((r) => (r.requestsSent > 0 ? requestFailures(r) / r.requestsSent : 0)),
    },
    failures,
    timeoutsByPhase: {
      backlog: e((r) => r.timeoutsByPhase[PHASE_BACKLOG]!),
      'thread-queue': e((r) => r.timeoutsByPhase[PHASE_QUEUED]!),
      running: e((r) => r.timeoutsByPhase[PHASE_RUNNING]!),
    },
    latencyMs: { succeeded: latencyOk, all: latencySummary(recs.map((r) => r.latencyAll())) },
    endpoints: s.endpoints.map((ep, i) => ({
      name: ep.name,
      latencyMs: latencySummary(recs.map((r) => r.latencyByEndpoint[i]!)),
    })),
    services,
    components,
    breakdown,
    bottleneck: findBottleneck(
      s,
      breakdown,
      services,
      components,
      failures,
      meanSent,
      latencyOk.mean.value ?? 0,
    ),
    timeSeries: summarizeTimeSeries(s, reps),
    events: reps.reduce((t, r) => t + r.events, 0),
    normalized: s,
  };
  return { ...summary, warnings: [...warnings, ...runWarnings(summary)] };
}
