/**
 * Failure curves: the failure rate against the offered load with its 95 % CI as a band, one line
 * per variant (each a sweep of the same parameter, e.g. the plan steps of a scaling plan), above
 * their p95 latency. A pure function of the sweeps' results.
 */
import type { SweepResult } from '../sweep/sweep-result.js';
import { ChartError, VEGA_LITE_SCHEMA } from './spec.js';
import type { VegaLiteSpec } from './spec.js';

/** A sweep and the name its line gets. */
export interface LabelledSweep {
  readonly label: string;
  readonly result: SweepResult;
}

const pct = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : x * 100);

/**
 * The spec.
 * @throws ChartError when there is no sweep, or the sweeps vary different first parameters.
 */
export function failureCurveChart(curves: readonly LabelledSweep[]): VegaLiteSpec {
  if (curves.length === 0) throw new ChartError('a failure curve needs at least one sweep');
  const first = curves[0]!.result.parameters[0]!;
  for (const c of curves)
    if (c.result.parameters[0]?.name !== first.name)
      throw new ChartError(
        `sweeps vary different parameters: ${curves[0]!.label} varies ${first.name}, ${c.label} varies ${c.result.parameters[0]?.name}`,
      );
  const xTitle = first.unit === null ? first.name : `${first.name} (${first.unit})`;
  const values = curves.flatMap(({ label, result }) => {
    const others = result.parameters.slice(1);
    return result.points
      .filter((p) => typeof p.values[first.name] === 'number')
      .map((p) => {
        const f = p.failureRate;
        const dropped = p.failureRateByCause['dropped-iteration'];
        return {
          x: p.values[first.name],
          variant: [label, ...others.map((o) => `${o.name}=${JSON.stringify(p.values[o.name])}`)].join(', '),
          failedPct: pct(f.value),
          failedLowPct: Math.max(0, pct(f.ci95?.[0] ?? f.value) ?? 0),
          failedHighPct: pct(f.ci95?.[1] ?? f.value),
          droppedPct: pct(dropped?.value ?? 0),
          p95: p.latencyMs.p95.value,
          p95Low: p.latencyMs.p95.ci95?.[0] ?? p.latencyMs.p95.value,
          p95High: p.latencyMs.p95.ci95?.[1] ?? p.latencyMs.p95.value,
          bottleneck: p.bottleneck.component,
        };
      });
  });
  if (values.length === 0) throw new ChartError(`${first.name} has no numeric values to draw a curve over`);
  const x = { field: 'x', type: 'quantitative', title: xTitle };
  const color = { field: 'variant', type: 'nominal', title: null };
  const tooltip = [
    { field: 'variant' },
    { field: 'x', title: xTitle },
    { field: 'failedPct', title: 'failed %', format: '.2f' },
    { field: 'droppedPct', title: 'dropped %', format: '.2f' },
    { field: 'p95', title: 'p95 ms', format: '.1f' },
    { field: 'bottleneck' },
  ];
  const panel = (title: string, height: number, value: string, low: string, high: string, unit: string) => ({
    title,
    width: 520,
    height,
    layer: [
      {
        mark: { type: 'area', opacity: 0.2 },
        encoding: { x, y: { field: low, type: 'quantitative', title: unit }, y2: { field: high }, color },
      },
      {
        mark: { type: 'line', point: true },
        encoding: { x, y: { field: value, type: 'quantitative' }, color, tooltip },
      },
    ],
  });
  const replications = [...new Set(curves.map((c) => c.result.replications))].join('/');
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `failure curves over ${xTitle}: ${curves.map((c) => c.label).join(', ')} (${replications} replications a point)`,
    data: { values },
    vconcat: [
      panel('failed requests (%) with the 95 % CI', 200, 'failedPct', 'failedLowPct', 'failedHighPct', '%'),
      panel(
        'p95 latency of successful requests (ms) with the 95 % CI',
        160,
        'p95',
        'p95Low',
        'p95High',
        'ms',
      ),
    ],
  };
}
