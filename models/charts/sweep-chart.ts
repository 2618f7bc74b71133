/**
 * The failure curve of a sweep as a Vega-Lite (v6) spec: latency percentiles (the p95 with its
 * 95 % CI as a band, the knee marked) above the failure rate (with its band) and the dropped
 * iterations, over the first parameter; one line per combination of the other parameters. A pure
 * function of the sweep's result.
 */
import type { SweepResult } from '../sweep/sweep-result.js';
import { referenceLine } from './spec.js';

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
  // A CI band, the estimate as a line with points over it, and more lines dashed or dotted.
  const panel = (
    title: string,
    height: number,
    band: { low: string; high: string; unit: string },
    solid: string,
    dashed: readonly (readonly [field: string, dash: readonly number[]])[],
    extra: readonly unknown[] = [],
  ) => ({
    title,
    width: 520,
    height,
    layer: [
      {
        mark: { type: 'area', opacity: 0.2 },
        encoding: {
          x,
          y: { field: band.low, type: 'quantitative', title: band.unit },
          y2: { field: band.high },
          color,
        },
      },
      {
        mark: { type: 'line', point: true },
        encoding: { x, y: { field: solid, type: 'quantitative' }, color },
      },
      ...dashed.map(([field, dash]) => ({
        mark: { type: 'line', strokeDash: dash },
        encoding: { x, y: { field, type: 'quantitative' }, color },
      })),
      ...extra,
    ],
  });
  const kneeMark = knee === null ? [] : [referenceLine('x', knee.value, `knee ${knee.value}`)];
  const latency = panel(
    'latency of successful requests (ms): p95 with its 95 % CI, p50 dashed, p99 dotted',
    220,
    { low: 'p95Low', high: 'p95High', unit: 'ms' },
    'p95',
    [
      ['p50', [6, 3]],
      ['p99', [1, 3]],
    ],
    kneeMark,
  );
  const failures = panel(
    'failed requests (%) with its 95 % CI; dropped iterations (%) dashed',
    140,
    { low: 'failedLowPct', high: 'failedHighPct', unit: '%' },
    'failedPct',
    [['droppedPct', [6, 3]]],
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${r.scenario}: ${xTitle} swept, ${r.replications} replication${r.replications === 1 ? '' : 's'} a point`,
    data: { values },
    vconcat: [latency, failures],
  };
}
