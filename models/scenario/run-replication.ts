/**
 * Phase 4 of the pipeline for one replication: run the compiled model to the horizon, sampling
 * the services' level integrals at every time-series boundary, and collect what was measured.
 */
import type { RandomStreams } from '../../engine/index.js';
import { ProbeRecorder } from '../report/probe-recorder.js';
import type { ProbeTotals } from '../report/probe-recorder.js';
import type { Recorder } from '../report/recorder.js';
import type { ScaleDecision } from '../service/hpa-controller.js';
import type { PodLife } from '../service/replica-set.js';
import type { ServiceRuntime } from '../service/service-runtime.js';
import { compileScenario, timeSeriesRowCount } from './compile.js';
import { measuredWindow } from './measured-window.js';
import type { NormalizedScenario } from './normalized.js';

/** Per-row time averages of one service's levels. */
export interface ServiceRows {
  readonly busyThreads: Float64Array;
  readonly queued: Float64Array;
  readonly backlog: Float64Array;
  readonly inFlight: Float64Array;
  readonly readyPods: Float64Array;
  /** Cores in use, summed over pods. */
  readonly busyCores: Float64Array;
  /** The replica count asked for (`spec.replicas`), pods waiting for a node or their image, pods started and not ready. */
  readonly desiredReplicas: Float64Array;
  readonly pendingPods: Float64Array;
  readonly startingPods: Float64Array;
}

/**
 * A service's whole-window figures: means over the load phase after the warm-up; maxima and
 * counters from the end of the warm-up to the horizon.
 */
export interface ServiceTotals {
  readonly meanBusyThreads: number;
  readonly maxBusyThreads: number;
  readonly meanQueued: number;
  readonly maxQueued: number;
  readonly meanBacklog: number;
  readonly maxBacklog: number;
  readonly meanReadyPods: number;
  readonly meanDesiredReplicas: number;
  readonly maxDesiredReplicas: number;
  readonly meanBusyCores: number;
  readonly listenOverflows: number;
  readonly wastedResponses: number;
  readonly threadWaits: number;
  readonly threadWaitMs: number;
}

/** What one replication measured. */
export interface ReplicationResult {
  readonly index: number;
  readonly recorder: Recorder;
  readonly services: readonly { readonly rows: ServiceRows; readonly totals: ServiceTotals }[];
  /** Per autoscaled service (replication's own): its scale decisions and every pod's life cycle. */
  readonly autoscaling: readonly {
    readonly service: string;
    readonly decisions: readonly ScaleDecision[];
    readonly pods: readonly PodLife[];
    readonly reconciles: number;
  }[];
  /** The data tier's components, in the order of the compiled model's probes. */
  readonly components: readonly ProbeTotals[];
  /** Iterations still running at the horizon (k6: interrupted by the end of gracefulStop). */
  readonly interruptedIterations: number;
  /** Events the kernel ran. */
  readonly events: number;
}

// Counters of a service, in this order, for differences over the measured window.
function serviceCounters(service: ServiceRuntime): number[] {
  const l = service.levels;
  return [l.listenOverflows, l.wastedResponses, l.threadWaits, l.threadWaitMs];
}

function serviceSnapshot(service: ServiceRuntime, nowMs: number): number[] {
  const l = service.levels;
  const rs = service.replicaSet;
  let coreMs = 0;
  for (const pod of service.pods) coreMs += pod.cpu.busyCoreMs();
  return [
    l.busyThreads.areaAt(nowMs),
    l.queued.areaAt(nowMs),
    l.backlog.areaAt(nowMs),
    l.inFlight.areaAt(nowMs),
    l.readyPods.areaAt(nowMs),
    coreMs,
    rs?.desiredLevel.areaAt(nowMs) ?? service.spec.replicas * nowMs,
    rs?.pending.areaAt(nowMs) ?? 0,
    rs?.starting.areaAt(nowMs) ?? 0,
  ];
}

/** Runs replication `index` of `s` with that replication's random streams. */
export function runReplication(
  s: NormalizedScenario,
  streams: RandomStreams,
  index: number,
): ReplicationResult {
  const model = compileScenario(s, streams);
  const { env, services } = model;
  const rowCount = timeSeriesRowCount(s);
  const rows: ServiceRows[] = services.map(() => ({
    busyThreads: new Float64Array(rowCount),
    queued: new Float64Array(rowCount),
    backlog: new Float64Array(rowCount),
    inFlight: new Float64Array(rowCount),
    readyPods: new Float64Array(rowCount),
    busyCores: new Float64Array(rowCount),
    desiredReplicas: new Float64Array(rowCount),
    pendingPods: new Float64Array(rowCount),
    startingPods: new Float64Array(rowCount),
  }));
  let previous = services.map((svc) => serviceSnapshot(svc, 0));
  let atWarmup = previous;
  let countersAtWarmup = services.map(() => [0, 0, 0, 0]);
  // Whole-window figures cover the load phase after the warm-up, not the graceful-stop tail.
  const windowEndMs = measuredWindow(s).toMs;
  let atWindowEnd: number[][] | null = null;
  env.scheduleAt(windowEndMs, () => {
    atWindowEnd = services.map((svc) => serviceSnapshot(svc, windowEndMs));
    probes.windowEnded(windowEndMs);
  });
  const probes = new ProbeRecorder(model.data.probes, rowCount);
  let row = 0;
  const sample = (): void => {
    const now = env.now;
    const width = now - row * s.timeSeriesIntervalMs;
    const current = services.map((svc) => serviceSnapshot(svc, now));
    services.forEach((_, i) => {
      const r = rows[i]!;
      const [a, b] = [current[i]!, previous[i]!];
      const series = [
        r.busyThreads,
        r.queued,
        r.backlog,
        r.inFlight,
        r.readyPods,
        r.busyCores,
        r.desiredReplicas,
        r.pendingPods,
        r.startingPods,
      ];
      series.forEach((arr, k) => (arr[row] = width > 0 ? (a[k]! - b[k]!) / width : 0));
    });
    previous = current;
    probes.closeRow(row, now, width);
    row++;
    if (row < rowCount) env.scheduleAt(Math.min((row + 1) * s.timeSeriesIntervalMs, s.horizonMs), sample);
  };
  if (s.warmupMs > 0 && s.warmupMs < s.horizonMs) {
    env.scheduleAt(s.warmupMs, () => {
      atWarmup = services.map((svc) => serviceSnapshot(svc, s.warmupMs));
      countersAtWarmup = services.map(serviceCounters);
      probes.warmupEnded(s.warmupMs);
      for (const svc of services) {
        const l = svc.levels;
        for (const level of [l.busyThreads, l.queued, l.backlog, l.inFlight, l.readyPods]) level.restartMax();
        svc.replicaSet?.desiredLevel.restartMax();
      }
    });
  }
  env.scheduleAt(Math.min(s.timeSeriesIntervalMs, s.horizonMs), sample);
  model.executor.start();
  env.run({ until: s.horizonMs });
  // `until` leaves events at the horizon itself unrun; the last row closes here.
  if (row < rowCount) sample();
  const windowMs = Math.max(windowEndMs - s.warmupMs, 1e-9);
  const ends: number[][] = atWindowEnd ?? services.map((svc) => serviceSnapshot(svc, windowEndMs));
  const totals = services.map((svc, i): ServiceTotals => {
    const now = ends[i]!;
    const w = atWarmup[i]!;
    const mean = (k: number) => (now[k]! - w[k]!) / windowMs;
    const l = svc.levels;
    const counters = serviceCounters(svc);
    const since = (k: number) => counters[k]! - countersAtWarmup[i]![k]!;
    return {
      meanBusyThreads: mean(0),
      maxBusyThreads: l.busyThreads.max,
      meanQueued: mean(1),
      maxQueued: l.queued.max,
      meanBacklog: mean(2),
      maxBacklog: l.backlog.max,
      meanReadyPods: mean(4),
      meanDesiredReplicas: mean(6),
      maxDesiredReplicas: svc.replicaSet?.desiredLevel.max ?? svc.spec.replicas,
      meanBusyCores: mean(5),
      listenOverflows: since(0),
      wastedResponses: since(1),
      threadWaits: since(2),
      threadWaitMs: since(3),
    };
  });
  return {
    index,
    recorder: model.recorder,
    services: services.map((_, i) => ({ rows: rows[i]!, totals: totals[i]! })),
    components: probes.totals(windowMs, windowEndMs),
    autoscaling: model.autoscalers.map((hpa) => {
      const service = services.find((svc) => svc.spec.name === hpa.service)!;
      return {
        service: hpa.service,
        decisions: hpa.decisions,
        pods: service.replicaSet!.lives,
        reconciles: hpa.reconciles,
      };
    }),
    interruptedIterations: model.executor.running,
    events: env.eventsProcessed,
  };
}
