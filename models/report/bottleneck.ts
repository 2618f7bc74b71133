/**
 * Names the component that limits the system, from the measured waits and utilizations: the
 * largest share of a successful request's time spent waiting for something, or, with failures,
 * the cause that dominates them.
 */
import type { NormalizedScenario } from '../scenario/normalized.js';
import type { ComponentSummary } from './component-summary.js';
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
  components: readonly ComponentSummary[],
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
  // Waits in the data tier, spread over all requests sent (a request may wait several times).
  const perRequest = (total: number): number => (requestsSent > 0 ? total / requestsSent : 0);
  const counter = (c: ComponentSummary, name: string): number => v(c.counters[name] ?? null);
  for (const c of components) {
    if (c.kind === 'pool' || c.kind === 'multiplexer') {
      const waitMs = perRequest(counter(c, 'waitMs'));
      candidates.push({
        component: `${c.kind}/${c.name}`,
        waitMs,
        reason: `requests wait ${ms(waitMs)} on average for a ${c.kind === 'pool' ? 'pool' : 'server'} connection (${counter(c, c.kind === 'pool' ? 'waited' : 'waits')} waits)`,
      });
    } else if (c.kind === 'redis') {
      const waitMs = perRequest(counter(c, 'waitMs'));
      candidates.push({
        component: `redis/${c.name}`,
        waitMs,
        reason: `requests wait ${ms(waitMs)} on average for the Redis main thread, ${pct(v(c.utilization))} busy`,
      });
    } else if (c.kind === 'database') {
      const waitMs = perRequest(counter(c, 'lockWaitMs'));
      candidates.push({
        component: `database/${c.name}/locks`,
        waitMs,
        reason: `requests wait ${ms(waitMs)} on average for row locks; the cores are ${pct(v(c.utilization))} busy`,
      });
      const cpuWaitMs = perRequest(counter(c, 'cpuWaitMs'));
      candidates.push({
        component: `database/${c.name}/cpu`,
        waitMs: cpuWaitMs,
        reason: `queries share the database's ${c.capacity.cores} cores, ${pct(v(c.utilization))} busy: ${ms(cpuWaitMs)} more per request`,
      });
    }
  }
  // Failures of the data tier point at the component that produced them.
  const failed = Object.entries(failures)
    .filter(([cause]) => cause !== 'dropped-iteration')
    .map(([cause, n]) => [cause, v(n)] as const)
    .sort((a, b) => b[1] - a[1])[0];
  if (failed !== undefined && requestsSent > 0 && failed[1] / requestsSent > 0.01) {
    const source = dataFailureSource(failed[0], components);
    if (source !== null) {
      return {
        component: source,
        reason: `${pct(failed[1] / requestsSent)} of requests failed with ${failed[0]}`,
      };
    }
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

// The component behind a data-tier failure cause: the one that counted most of them.
function dataFailureSource(cause: string, components: readonly ComponentSummary[]): string | null {
  const most = (kind: string, counterName: string): string | null => {
    const top = components
      .filter((c) => c.kind === kind)
      .map((c) => [c, v(c.counters[counterName] ?? null)] as const)
      .sort((a, b) => b[1] - a[1])[0];
    return top !== undefined && top[1] > 0 ? `${kind}/${top[0].name}` : null;
  };
  switch (cause) {
    case 'too-many-connections':
      return most('database', 'refusals') ?? most('multiplexer', 'clientRefusals');
    case 'pool-timeout':
    case 'pool-queue-limit':
    case 'pool-exhausted':
      return most('pool', cause);
    case 'multiplexer-timeout':
      return most('multiplexer', 'timeouts');
    case 'lock-wait-timeout':
      return most('database', 'lockTimeouts');
    case 'redis-timeout':
      return most('redis', 'commands');
    case 'rate-limited':
      return 'rate-limiter';
    default:
      return null;
  }
}
