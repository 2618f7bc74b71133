/**
 * One row of a sweep's table: what a point's replications measured, each figure with its 95 %
 * confidence interval across replications (Student t; null with one replication).
 */
import { FAILURE_CAUSES, REQUEST_FAILURE_CAUSES } from '../client/failure-cause.js';
import type { FailureCause } from '../client/failure-cause.js';
import { estimate } from '../report/estimate.js';
import type { Estimate } from '../report/estimate.js';
import { summarize } from '../report/summarize.js';
import type { Bottleneck } from '../report/summary-types.js';
import type { ReplicationRun } from '../scenario/run.js';

/** What one point measured. */
export interface PointMeasures {
  readonly throughput: {
    /** Iterations per second the load asked for (started + dropped). */
    readonly offeredPerSec: Estimate;
    /** Successful requests per second. */
    readonly succeededPerSec: Estimate;
  };
  /** Latency of successful requests (ms): percentiles pooled over replications. */
  readonly latencyMs: { readonly p50: Estimate; readonly p95: Estimate; readonly p99: Estimate };
  /** Failed requests / sent requests (k6 `http_req_failed`). */
  readonly failureRate: Estimate;
  /**
   * Per cause with any failure: request causes as a fraction of sent requests, `dropped-iteration`
   * as a fraction of offered iterations.
   */
  readonly failureRateByCause: Partial<Record<FailureCause, Estimate>>;
  readonly bottleneck: Bottleneck;
  /** Events simulated, all replications together. */
  readonly events: number;
}

/** The row of a point from its replications. */
export function pointMeasures(run: ReplicationRun): PointMeasures {
  const summary = summarize(run.scenario, run.results, run.warnings);
  const recs = run.results.map((r) => r.recorder);
  const byCause: Partial<Record<FailureCause, Estimate>> = {};
  for (const cause of FAILURE_CAUSES) {
    const k = REQUEST_FAILURE_CAUSES.indexOf(cause as (typeof REQUEST_FAILURE_CAUSES)[number]);
    const rates = recs.map((r) => {
      if (k >= 0) return r.requestsSent > 0 ? r.requestFailures[k]! / r.requestsSent : 0;
      const offered = r.iterationsStarted + r.iterationsDropped;
      return offered > 0 ? r.iterationsDropped / offered : 0;
    });
    if (rates.some((x) => x > 0)) byCause[cause] = estimate(rates);
  }
  const latency = summary.latencyMs.succeeded;
  return {
    throughput: {
      offeredPerSec: summary.throughput.offeredPerSec,
      succeededPerSec: summary.throughput.succeededPerSec,
    },
    latencyMs: { p50: latency.p50, p95: latency.p95, p99: latency.p99 },
    failureRate: summary.requests.failureRate,
    failureRateByCause: byCause,
    bottleneck: summary.bottleneck,
    events: summary.events,
  };
}
