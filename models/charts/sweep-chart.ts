/**
 * The failure curve of a sweep as a Vega-Lite (v6) spec: latency percentiles (the p95 with its
 * 95 % CI as a band, the knee marked) above the failure rate (with its band) and the dropped
 * iterations, over the first parameter; one line per combination of the other parameters. A pure
 * function of the sweep's result.
 */
import type { SweepResult } from '../sweep/sweep-result.js';

/** One point of the chart. */
interface CurvePoint {
  readonly x: unknown;
  readonly series: string;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p95Low: number | null;
  readonly p95High: number | null;
  readonly p99: number | null;
  readonly failedPct: number | null;
  readonly failedLowPct: number | null;
  readonly failedHighPct: number | null;
  readonly droppedPct: number;
}

const pct = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : x * 100);

/** The spec; its data are inline, so it renders anywhere. */
export function sweepChart(r: SweepResult): Record<string, unknown> {
  const [first, ...others] = r.parameters;
  const xTitle = first!.unit === null ? first!.name : `${first!.name} (${first!.unit})`;
  const values: CurvePoint[] = r.points.map((p) => ({
    x: p.values[first!.name],
    series:
      others.length === 0
        ? 'all'
        : others.map((o) => `${o.name}=${JSON.stringify(p.values[o.name])}`).join(', '),
    p50: p.latencyMs.p50.value,
    p95: p.latencyMs.p95.value,
    p95Low: p.latencyMs.p95.ci95?.[0] ?? p.latencyMs.p95.value,
    p95High: p.latencyMs.p95.ci95?.[1] ?? p.latencyMs.p95.value,
    p99: p.latencyMs.p99.value,
    failedPct: pct(p.failureRate.value),
    failedLowPct: Math.max(0, pct(p.failureRate.ci95?.[0] ?? p.failureRate.value) ?? 0),
    failedHighPct: pct(p.failureRate.ci95?.[1] ?? p.failureRate.value),
    droppedPct: pct(p.failureRateByCause['dropped-iteration']?.value ?? 0)!,
  }));
  const numeric = values.every((v) => typeof v.x === 'number');
  const x = { field: 'x', type: numeric ? 'quantitative' : 'ordinal', title: xTitle };
  const color = {
    field: 'series',
    type: 'nominal',
    title: others.map((o) => o.name).join(', ') || null,
    legend: others.length === 0 ? null : {},
  };
  const knee = r.knee.knee;
  const latency = {
    title: 'latency of successful requests (ms): p95 with its 95 % CI, p50 dashed, p99 dotted',
    width: 520,
    height: 220,
    layer: [
      {
        mark: { type: 'area', opacity: 0.2 },
        encoding: {
          x,
          y: { field: 'p95Low', type: 'quantitative', title: 'ms' },
          y2: { field: 'p95High' },
          color,
        },
      },
      {
        mark: { type: 'line', point: true },
        encoding: { x, y: { field: 'p95', type: 'quantitative' }, color },
      },
      {
        mark: { type: 'line', strokeDash: [6, 3] },
        encoding: { x, y: { field: 'p50', type: 'quantitative' }, color },
      },
      {
        mark: { type: 'line', strokeDash: [1, 3] },
        encoding: { x, y: { field: 'p99', type: 'quantitative' }, color },
      },
      ...(knee === null
        ? []
        : [
            {
              data: { values: [{ x: knee.value, label: `knee ${knee.value}` }] },
              layer: [
                {
                  mark: { type: 'rule', color: '#d62728', strokeDash: [4, 4] },
                  encoding: { x: { field: 'x', type: 'quantitative' } },
                },
                {
                  mark: { type: 'text', color: '#d62728', align: 'left', dx: 4, y: 8 },
                  encoding: { x: { field: 'x', type: 'quantitative' }, text: { field: 'label' } },
                },
              ],
            },
          ]),
    ],
  };
  const failures = {
    title: 'failed requests (%) with its 95 % CI; dropped iterations (%) dashed',
    width: 520,
    height: 140,
    layer: [
      {
        mark: { type: 'area', opacity: 0.2 },
        encoding: {
          x,
          y: { field: 'failedLowPct', type: 'quantitative', title: '%' },
          y2: { field: 'failedHighPct' },
          color,
        },
      },
      {
        mark: { type: 'line', point: true },
        encoding: { x, y: { field: 'failedPct', type: 'quantitative' }, color },
      },
      {
        mark: { type: 'line', strokeDash: [6, 3] },
        encoding: { x, y: { field: 'droppedPct', type: 'quantitative' }, color },
      },
    ],
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${r.scenario}: ${xTitle} swept, ${r.replications} replication${r.replications === 1 ? '' : 's'} a point`,
    data: { values },
    vconcat: [latency, failures],
  };
}
