/**
 * Throughput against the offered load: what succeeded per second (with its 95 % CI as a band)
 * and what was offered, dashed; where they part, the system is saturated. The knee of the latency
 * curve is marked. A pure function of a sweep's result.
 */
import type { SweepResult } from '../sweep/sweep-result.js';
import { ChartError, VEGA_LITE_SCHEMA, count, referenceLine } from './spec.js';
import type { VegaLiteSpec } from './spec.js';

/**
 * The spec.
 * @throws ChartError when the swept parameter has no numeric values.
 */
export function throughputChart(r: SweepResult): VegaLiteSpec {
  const [first, ...others] = r.parameters;
  const xTitle = first!.unit === null ? first!.name : `${first!.name} (${first!.unit})`;
  const values = r.points
    .filter((p) => typeof p.values[first!.name] === 'number')
    .flatMap((p) => {
      const x = p.values[first!.name];
      const series = others.map((o) => `${o.name}=${JSON.stringify(p.values[o.name])}`).join(', ') || 'all';
      const ok = p.throughput.succeededPerSec;
      const offered = p.throughput.offeredPerSec;
      return [
        {
          x,
          series,
          kind: 'succeeded',
          perSec: ok.value,
          low: ok.ci95?.[0] ?? ok.value,
          high: ok.ci95?.[1] ?? ok.value,
        },
        { x, series, kind: 'offered', perSec: offered.value, low: offered.value, high: offered.value },
      ];
    });
  if (values.length === 0)
    throw new ChartError(`${first!.name} has no numeric values to draw throughput over`);
  const x = { field: 'x', type: 'quantitative', title: xTitle };
  const color = { field: 'series', type: 'nominal', title: others.map((o) => o.name).join(', ') || null };
  const knee = r.knee.knee;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${r.scenario}: throughput over ${xTitle}, ${count(r.replications, 'replication')} a point`,
      subtitle:
        knee === null
          ? `no knee: ${r.knee.reason ?? 'none found'}`
          : `knee of the p95 latency at ${knee.value}; succeeded solid (95 % CI band), offered dashed`,
    },
    width: 520,
    height: 260,
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.kind === 'succeeded'" }],
        mark: { type: 'area', opacity: 0.2 },
        encoding: {
          x,
          y: { field: 'low', type: 'quantitative', title: 'per second' },
          y2: { field: 'high' },
          color,
        },
      },
      {
        transform: [{ filter: "datum.kind === 'succeeded'" }],
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: 'perSec', type: 'quantitative' },
          color,
          tooltip: [
            { field: 'x', title: xTitle },
            { field: 'perSec', title: 'succeeded/s' },
          ],
        },
      },
      {
        transform: [{ filter: "datum.kind === 'offered'" }],
        mark: { type: 'line', strokeDash: [6, 3] },
        encoding: { x, y: { field: 'perSec', type: 'quantitative' }, color },
      },
      ...(knee === null ? [] : [referenceLine('x', knee.value, `knee ${knee.value}`)]),
    ],
  };
}
