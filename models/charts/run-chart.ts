/**
 * A run over time as a Vega-Lite (v6) spec: latency percentiles of successful requests per
 * interval, above the offered and succeeded rates and the failures. A pure function of a run's
 * summary (its time series are pooled over replications).
 */
import type { RunSummary } from '../report/summary-types.js';

/** The spec; its data are inline. */
export function runChart(s: RunSummary): Record<string, unknown> {
  const rows = s.timeSeries.rows;
  const latency = rows.flatMap((r) =>
    (['p50', 'p95', 'p99'] as const).map((q) => ({ tSec: r.tMs / 1000, percentile: q, ms: r[`${q}Ms`] })),
  );
  const rates = rows.flatMap((r) => {
    const failed = Object.values(r.failedPerSec).reduce((t, v) => t + v, 0);
    return [
      { tSec: r.tMs / 1000, series: 'requests sent', perSec: r.requestsPerSec },
      { tSec: r.tMs / 1000, series: 'succeeded', perSec: r.succeededPerSec },
      { tSec: r.tMs / 1000, series: 'failed (all causes)', perSec: failed },
    ];
  });
  const x = { field: 'tSec', type: 'quantitative', title: 'time (s)' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${s.scenario}: seed ${String(s.seed)}, ${s.replications} replication${s.replications === 1 ? '' : 's'}, ${s.timeSeries.intervalMs / 1000} s intervals`,
    // The two panels' colours mean different things.
    resolve: { scale: { color: 'independent' } },
    vconcat: [
      {
        title: 'latency of successful requests (ms)',
        width: 520,
        height: 200,
        data: { values: latency },
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x,
          y: { field: 'ms', type: 'quantitative', title: 'ms' },
          color: { field: 'percentile', type: 'nominal', sort: ['p50', 'p95', 'p99'] },
        },
      },
      {
        title: 'requests per second',
        width: 520,
        height: 140,
        data: { values: rates },
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x,
          y: { field: 'perSec', type: 'quantitative', title: '/s' },
          color: {
            field: 'series',
            type: 'nominal',
            sort: ['requests sent', 'succeeded', 'failed (all causes)'],
            scale: { range: ['#4c78a8', '#54a24b', '#e45756'] },
          },
        },
      },
    ],
  };
}
