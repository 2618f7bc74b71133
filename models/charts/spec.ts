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
