/**
 * Every component's utilization over the measured window, ranked: the run's bottleneck first, then
 * the busiest. Services give their CPU (of the limit) and worker threads; databases their cores and
 * connections (of `max_connections`); pools their connections in use (of the pool's size on every
 * ready pod); multiplexers their server connections; Redis its main thread; Kafka and RabbitMQ
 * their consumers. Bars carry the 95 % CI over replications. A pure function of a run's summary.
 */
import type { Estimate } from '../report/estimate.js';
import type { RunSummary } from '../report/summary-types.js';
import { VEGA_LITE_SCHEMA, count } from './spec.js';
import type { VegaLiteSpec } from './spec.js';

/** One bar. */
export interface UtilizationRow {
  /** The component as the bottleneck names it: `service/api/cpu`, `pool/api/master`, ... */
  readonly component: string;
  /** Busy share, 0..1 (may exceed 1 where a level can: none of the charted ones do). */
  readonly utilization: number;
  readonly low: number;
  readonly high: number;
  readonly bottleneck: boolean;
}

const scaled = (e: Estimate | null | undefined, by: number): [number, number, number] | null => {
  if (e === null || e === undefined || e.value === null || !(by > 0)) return null;
  const [lo, hi] = e.ci95 ?? [e.value, e.value];
  return [e.value / by, lo / by, hi / by];
};

/** The rows, ranked: the bottleneck first, then by utilization. */
export function utilizationRows(s: RunSummary): UtilizationRow[] {
  const rows: { component: string; u: [number, number, number] | null }[] = [];
  for (const svc of s.services) {
    rows.push({ component: `service/${svc.name}/cpu`, u: scaled(svc.cpuUtilization, 1) });
    if (svc.server === 'thread-per-request')
      rows.push({ component: `service/${svc.name}/threads`, u: scaled(svc.threadUtilization, 1) });
  }
  const readyPods = new Map(s.services.map((x) => [x.name, x.meanReadyPods.value ?? 0]));
  for (const c of s.components) {
    const key = `${c.kind}/${c.name}`;
    switch (c.kind) {
      case 'database':
        rows.push({ component: `${key}/cpu`, u: scaled(c.utilization, 1) });
        rows.push({
          component: `${key}/connections`,
          u: scaled(c.levels.connections?.mean, c.capacity.maxConnections!),
        });
        break;
      case 'pool': {
        const pods = readyPods.get(c.name.split('/')[0]!) ?? 0;
        rows.push({ component: key, u: scaled(c.levels.inUse?.mean, c.capacity.connectionsPerPod! * pods) });
        break;
      }
      case 'multiplexer':
        rows.push({ component: key, u: scaled(c.levels.serverConnections?.mean, c.capacity.poolSize!) });
        break;
      default:
        rows.push({ component: key, u: scaled(c.utilization, 1) });
    }
  }
  const measured = rows
    .filter((r): r is { component: string; u: [number, number, number] } => r.u !== null)
    .map((r) => ({ component: r.component, utilization: r.u[0], low: Math.max(0, r.u[1]), high: r.u[2] }));
  // The bottleneck names a bar (`pool/api/master`), a part of one, or a whole component whose bars
  // are its parts (`database/rds` for refused connections): then its busiest part is flagged.
  const b = s.bottleneck.component;
  const direct = measured.filter((r) => r.component === b || b.startsWith(`${r.component}/`));
  const parts = measured
    .filter((r) => r.component.startsWith(`${b}/`))
    .sort((p, q) => q.utilization - p.utilization);
  const flagged = new Set((direct.length > 0 ? direct : parts.slice(0, 1)).map((r) => r.component));
  return measured
    .map((r) => ({ ...r, bottleneck: flagged.has(r.component) }))
    .sort((p, q) => Number(q.bottleneck) - Number(p.bottleneck) || q.utilization - p.utilization);
}

/** The spec: horizontal bars in rank order, the bottleneck in red. */
export function utilizationChart(s: RunSummary): VegaLiteSpec {
  const rows = utilizationRows(s).map((r) => ({
    ...r,
    pct: r.utilization * 100,
    lowPct: r.low * 100,
    highPct: r.high * 100,
  }));
  const y = {
    field: 'component',
    type: 'nominal',
    sort: rows.map((r) => r.component),
    title: null,
    axis: { labelLimit: 320 },
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${s.scenario}: utilization, seed ${String(s.seed)}, ${count(s.replications, 'replication')}`,
      subtitle: `bottleneck: ${s.bottleneck.component} (${s.bottleneck.reason})`,
    },
    width: 420,
    height: { step: 22 },
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y,
          x: { field: 'pct', type: 'quantitative', title: 'utilization (%)', scale: { domainMin: 0 } },
          color: {
            field: 'bottleneck',
            type: 'nominal',
            scale: { domain: [true, false], range: ['#d62728', '#4c78a8'] },
            legend: null,
          },
          tooltip: [{ field: 'component' }, { field: 'pct', format: '.1f', title: '%' }],
        },
      },
      {
        mark: { type: 'rule', color: '#333' },
        encoding: { y, x: { field: 'lowPct', type: 'quantitative' }, x2: { field: 'highPct' } },
      },
    ],
  };
}
