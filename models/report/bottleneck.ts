/**
 * Names the component that limits the system, from the measured waits and utilizations: the
 * largest share of a successful request's time spent waiting for something, or, with failures,
 * the cause that dominates them.
 */
import type { NormalizedScenario } from '../scenario/normalized.js';
import type { Bottleneck, LatencyBreakdown, RunSummary, ServiceSummary } from './summary-types.js';

const v = (e: { value: number | null } | null): number => e?.value ?? 0;
const pct = (x: number): string => `${(100 * x).toFixed(0)} %`;
const ms = (x: number): string => `${x.toPrecision(3)} ms`;

// A wait must be at least this share of the mean latency to count as a bottleneck.
const SIGNIFICANT_SHARE = 0.05;

/** Picks the bottleneck and says why. */
export function findBottleneck(
  s: NormalizedScenario,
  breakdown: LatencyBreakdown,
  services: readonly ServiceSummary[],
  failures: RunSummary['failures'],
  requestsSent: number,
  meanLatencyMs: number,
): Bottleneck {
  const busiest = (key: 'threadUtilization' | 'cpuUtilization'): ServiceSummary | undefined =>
    [...services].sort((a, b) => v(b[key]) - v(a[key]))[0];
  const dropped = v(failures['dropped-iteration']);
  const started = requestsSent;
  const candidates: { component: string; waitMs: number; reason: string }[] = [];
  const threads = busiest('threadUtilization');
  if (threads !== undefined) {
    candidates.push({
      component: `service/${threads.name}/threads`,
      waitMs: v(breakdown.threadQueueMs),
      reason: `requests wait ${ms(v(breakdown.threadQueueMs))} on average for a worker thread; threads are ${pct(v(threads.threadUtilization))} busy`,
    });
  }
  const cpu = busiest('cpuUtilization');
  if (cpu !== undefined) {
    candidates.push({
      component: `service/${cpu.name}/cpu`,
      waitMs: v(breakdown.cpuContentionMs),
      reason: `CPU sharing adds ${ms(v(breakdown.cpuContentionMs))} to ${ms(v(breakdown.cpuWorkMs))} of CPU work per request; the CPU limit is ${pct(v(cpu.cpuUtilization))} used`,
    });
  }
  const backlog = [...services].sort((a, b) => v(b.maxBacklog) - v(a.maxBacklog))[0];
  if (backlog !== undefined) {
    const waitMs = v(breakdown.backlogMs) + v(breakdown.connectMs);
    candidates.push({
      component: `service/${backlog.name}/accept-queue`,
      waitMs,
      reason: `requests wait ${ms(waitMs)} on average in the listen backlog or retransmitting SYNs; ${v(backlog.listenOverflows)} connections overflowed it`,
    });
  }
  const offered = started + dropped;
  if (dropped > 0 && offered > 0 && dropped / offered > 0.01) {
    return {
      component: 'load/vus',
      reason: `${pct(dropped / offered)} of iterations were dropped: the executor ran out of VUs (maxVUs ${'maxVUs' in s.load ? s.load.maxVUs : '?'}), because requests take too long`,
    };
  }
  candidates.sort((a, b) => b.waitMs - a.waitMs);
  const top = candidates[0];
  if (top !== undefined && meanLatencyMs > 0 && top.waitMs / meanLatencyMs >= SIGNIFICANT_SHARE) {
    return {
      component: top.component,
      reason: `${top.reason} (${pct(top.waitMs / meanLatencyMs)} of the mean latency)`,
    };
  }
  return {
    component: 'none',
    reason: `no queue adds ${pct(SIGNIFICANT_SHARE)} or more to the mean latency (${ms(meanLatencyMs)}): it is service time (CPU work and waits)`,
  };
}
