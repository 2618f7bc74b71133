/** Time-series rows averaged over replications; percentiles from the rows' merged histograms. */
import { LatencyHistogram } from '../../engine/index.js';
import { FAILURE_CAUSES } from '../client/failure-cause.js';
import type { FailureCause } from '../client/failure-cause.js';
import type { NormalizedScenario } from '../scenario/normalized.js';
import type { ReplicationResult } from '../scenario/run-replication.js';
import { round } from './estimate.js';
import { usableCoresPerPod } from '../service/usable-cores.js';
import { ROW_HISTOGRAM } from './recorder.js';
import type { RunSummary, TimeSeriesRow } from './summary-types.js';

const DROPPED = FAILURE_CAUSES.indexOf('dropped-iteration');
const orNull = (x: number): number | null => (Number.isFinite(x) ? round(x) : null);

/** The summary's time series. */
export function summarizeTimeSeries(
  s: NormalizedScenario,
  reps: readonly ReplicationResult[],
): RunSummary['timeSeries'] {
  const n = reps.length;
  const first = reps[0]!.recorder.rows;
  const rows: TimeSeriesRow[] = [];
  for (let row = 0; row < first.rowCount; row++) {
    const fromMs = row * first.intervalMs;
    const widthSec = (Math.min(fromMs + first.intervalMs, s.horizonMs) - fromMs) / 1000;
    const rate = (f: (r: ReplicationResult) => number) =>
      round(widthSec > 0 ? reps.reduce((t, r) => t + f(r), 0) / n / widthSec : 0);
    const mean = (f: (r: ReplicationResult) => number) => round(reps.reduce((t, r) => t + f(r), 0) / n);
    const merged = new LatencyHistogram(ROW_HISTOGRAM);
    for (const r of reps) merged.merge(r.recorder.rows.latency[row]!);
    const pick = (p: number) => (merged.count > 0 ? orNull(merged.quantile(p)) : null);
    rows.push({
      tMs: round(fromMs),
      iterationsPerSec: rate((r) => r.recorder.rows.iterationsStarted[row]!),
      droppedPerSec: rate((r) => r.recorder.rows.failures[DROPPED]![row]!),
      requestsPerSec: rate((r) => r.recorder.rows.requestsSent[row]!),
      succeededPerSec: rate((r) => r.recorder.rows.requestsSucceeded[row]!),
      failedPerSec: Object.fromEntries(
        FAILURE_CAUSES.map((c, k) => [c, rate((r) => r.recorder.rows.failures[k]![row]!)]),
      ) as Record<FailureCause, number>,
      p50Ms: pick(0.5),
      p95Ms: pick(0.95),
      p99Ms: pick(0.99),
      services: Object.fromEntries(
        s.services.map((svc, i) => {
          const at = (f: (x: ReplicationResult['services'][number]['rows']) => Float64Array) =>
            mean((r) => f(r.services[i]!.rows)[row]!);
          const pods = at((x) => x.readyPods);
          const cores = usableCoresPerPod(svc);
          return [
            svc.name,
            {
              readyPods: pods,
              busyThreads: at((x) => x.busyThreads),
              queued: at((x) => x.queued),
              backlog: at((x) => x.backlog),
              inFlight: at((x) => x.inFlight),
              cpuUtilization:
                cores === null || pods === 0 ? null : round(at((x) => x.busyCores) / (cores * pods)),
              desiredReplicas: at((x) => x.desiredReplicas),
              pendingPods: at((x) => x.pendingPods),
              startingPods: at((x) => x.startingPods),
            },
          ];
        }),
      ),
      components: Object.fromEntries(
        reps[0]!.components.map((c, i) => [
          `${c.kind}/${c.name}`,
          Object.fromEntries(
            Object.keys(c.rows).map((level) => [level, mean((r) => r.components[i]!.rows[level]![row]!)]),
          ),
        ]),
      ),
    });
  }
  return { intervalMs: first.intervalMs, rows };
}
