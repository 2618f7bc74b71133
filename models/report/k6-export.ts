/**
 * A result in the shape of k6's end-of-test summary data (`handleSummary(data).metrics`, and the
 * `--summary-export` file), so a simulated run can sit beside a real k6 report. Names and value
 * keys follow k6's builtin metrics (metrics/builtin.go): trends report avg, min, med, max, p(90),
 * p(95), p(99); `http_req_failed` is a rate whose `passes` count the failed requests.
 */
import { measuredWindow } from '../scenario/measured-window.js';
import type { LatencySummary, RunSummary } from './summary-types.js';

/** One k6 metric. */
export interface K6Metric {
  readonly type: 'trend' | 'rate' | 'counter';
  readonly contains: 'time' | 'default';
  readonly values: Readonly<Record<string, number | null>>;
}

/** k6's summary data: metrics by name. */
export interface K6Summary {
  readonly metrics: Readonly<Record<string, K6Metric>>;
}

function trend(l: LatencySummary): K6Metric {
  return {
    type: 'trend',
    contains: 'time',
    values: {
      avg: l.mean.value,
      min: l.min.value,
      med: l.p50.value,
      max: l.max.value,
      'p(90)': l.p90.value,
      'p(95)': l.p95.value,
      'p(99)': l.p99.value,
    },
  };
}

/** The k6-shaped view of a summary (point values; replications are pooled or averaged). */
export function toK6Summary(s: RunSummary): K6Summary {
  const window = measuredWindow(s.normalized);
  const seconds = (window.toMs - window.fromMs) / 1000;
  const counter = (count: number | null): K6Metric => ({
    type: 'counter',
    contains: 'default',
    values: { count: count ?? 0, rate: seconds > 0 ? (count ?? 0) / seconds : 0 },
  });
  const sent = s.requests.sent.value ?? 0;
  const failed = s.requests.failed.value ?? 0;
  const completed = (s.iterations.succeeded.value ?? 0) + (s.iterations.failed.value ?? 0);
  return {
    metrics: {
      http_req_duration: trend(s.latencyMs.all),
      'http_req_duration{expected_response:true}': trend(s.latencyMs.succeeded),
      http_req_failed: {
        type: 'rate',
        contains: 'default',
        values: { rate: sent > 0 ? failed / sent : 0, passes: failed, fails: sent - failed },
      },
      http_reqs: counter(sent),
      iterations: counter(completed),
      dropped_iterations: counter(s.iterations.dropped.value),
      iteration_duration: trend(s.iterations.durationMs),
    },
  };
}
