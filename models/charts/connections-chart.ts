/**
 * Connections over time: each pool's connections in use and requests waiting for one (summed
 * over its service's pods), each multiplexer's server connections and waiting clients, and each
 * database's open connections against its `max_connections`. A pure function of a run's summary.
 */
import type { RunSummary } from '../report/summary-types.js';
import { ChartError, TIME_AXIS, VEGA_LITE_SCHEMA, count, referenceLine } from './spec.js';
import type { VegaLiteSpec } from './spec.js';

/** A component's level charted as one line. */
interface Series {
  readonly key: string;
  readonly level: string;
  readonly label: string;
}

function lines(s: RunSummary, series: readonly Series[]): { tSec: number; series: string; value: number }[] {
  return s.timeSeries.rows.flatMap((r) =>
    series.flatMap(({ key, level, label }) => {
      const v = r.components[key]?.[level];
      return v === undefined ? [] : [{ tSec: r.tMs / 1000, series: label, value: v }];
    }),
  );
}

/**
 * The spec.
 * @throws ChartError when the run has no pool, multiplexer or database.
 */
export function connectionsChart(s: RunSummary): VegaLiteSpec {
  const of = (kind: string) => s.components.filter((c) => c.kind === kind);
  const pools = [...of('pool'), ...of('multiplexer')];
  const databases = of('database');
  if (pools.length + databases.length === 0)
    throw new ChartError(`${s.scenario}: no connection pool, multiplexer or database to chart`);
  const poolSeries = pools.flatMap((c): Series[] => {
    const key = `${c.kind}/${c.name}`;
    return c.kind === 'pool'
      ? [
          { key, level: 'inUse', label: `${c.name} in use` },
          { key, level: 'waiting', label: `${c.name} waiting` },
        ]
      : [
          { key, level: 'serverConnections', label: `${c.name} server connections` },
          { key, level: 'waiting', label: `${c.name} waiting` },
        ];
  });
  const x = TIME_AXIS;
  const panels: VegaLiteSpec[] = [];
  if (pools.length > 0)
    panels.push({
      title: 'pools: connections in use and requests waiting for one (all pods)',
      width: 520,
      height: 180,
      data: { values: lines(s, poolSeries) },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x,
        y: { field: 'value', type: 'quantitative', title: 'connections / requests' },
        color: { field: 'series', type: 'nominal', title: null },
        strokeDash: {
          condition: { test: "indexof(datum.series, 'waiting') >= 0", value: [4, 3] },
          value: [1, 0],
        },
      },
    });
  for (const db of databases) {
    const max = db.capacity.maxConnections ?? 0;
    panels.push({
      title: `database ${db.name}: open connections against max_connections (${max})`,
      width: 520,
      height: 150,
      layer: [
        {
          data: {
            values: lines(s, [{ key: `database/${db.name}`, level: 'connections', label: 'connections' }]),
          },
          mark: { type: 'area', interpolate: 'step-after', opacity: 0.5 },
          encoding: { x, y: { field: 'value', type: 'quantitative', title: 'connections' } },
        },
        referenceLine('y', max, `max_connections ${max}`),
      ],
    });
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `${s.scenario}: connections, seed ${String(s.seed)}, ${count(s.replications, 'replication')}`,
    vconcat: panels,
    resolve: { scale: { color: 'independent' } },
  };
}
