/** What every chart of the library shares: the Vega-Lite version, the time axis, its errors. */

/** A Vega-Lite spec as plain JSON, its data inline so that it renders anywhere. */
export type VegaLiteSpec = Record<string, unknown>;

/** The Vega-Lite schema the charts are written for (the `vega-lite` package's major version). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The x axis of every chart over time: seconds since the start of the run. */
export const TIME_AXIS = { field: 'tSec', type: 'quantitative', title: 'time (s)' } as const;

/** Thrown when a result has nothing the chart asked for shows (a replicas chart of a run without an HPA). */
export class ChartError extends Error {
  readonly code = 'CHART_ERR_NO_DATA';
}

/** "3 replications", "1 replication". */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * A labelled reference line in red, dashed: vertical at `x = value` (a knee) or horizontal at
 * `y = value` (a limit such as `max_connections`), as a layer of its own with its datum inline.
 */
export function referenceLine(axis: 'x' | 'y', value: number, label: string): VegaLiteSpec {
  const at = { [axis]: { field: 'value', type: 'quantitative' } };
  const text =
    axis === 'x'
      ? { type: 'text', color: '#d62728', align: 'left', dx: 4, y: 8 }
      : { type: 'text', color: '#d62728', align: 'left', dx: 4, dy: -6, x: 0 };
  return {
    data: { values: [{ value, label }] },
    layer: [
      { mark: { type: 'rule', color: '#d62728', strokeDash: [4, 4] }, encoding: at },
      { mark: text, encoding: { ...at, text: { field: 'label' } } },
    ],
  };
}

/** The panel under a chart over time: requests sent per second, the load that drove it. */
export function loadPanel(
  rows: readonly { readonly tMs: number; readonly requestsPerSec: number }[],
): VegaLiteSpec {
  return {
    title: 'load: requests sent per second',
    width: 520,
    height: 100,
    data: { values: rows.map((r) => ({ tSec: r.tMs / 1000, perSec: r.requestsPerSec })) },
    mark: { type: 'area', interpolate: 'step-after', opacity: 0.5 },
    encoding: { x: TIME_AXIS, y: { field: 'perSec', type: 'quantitative', title: '/s' } },
  };
}
