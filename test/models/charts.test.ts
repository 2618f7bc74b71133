/**
 * The chart library: every kind compiles with vega-lite and renders to SVG, holds the numbers of
 * the result it was drawn from, and refuses a result that has nothing to show with a clear error.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { parse } from 'yaml';
import { renderSvg } from '../../api/charts/render.js';
import { runSweep } from '../../api/jobs/sweep-job.js';
import { inProcessRunner } from '../../api/jobs/in-process.js';
import {
  CHART_KIND_NAMES,
  CHART_KINDS,
  ChartError,
  chart,
  chartInputOf,
  utilizationRows,
} from '../../models/charts/index.js';
import type { ChartInput, VegaLiteSpec } from '../../models/charts/index.js';
import { runScenario } from '../../models/index.js';
import type { RunSummary } from '../../models/index.js';
import { planSweep } from '../../models/sweep/plan.js';
import type { SweepResult } from '../../models/sweep/sweep-result.js';

const example = (file: string): Record<string, unknown> =>
  parse(readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const asRun = (s: RunSummary): ChartInput => chartInputOf(JSON.parse(JSON.stringify(s)));
const only = (input: ChartInput) => [{ label: 'it', input }];

// Every layer's inline data, whatever the nesting.
function dataOf(spec: unknown): Record<string, unknown>[] {
  if (spec === null || typeof spec !== 'object') return [];
  const o = spec as Record<string, unknown>;
  const own = (o.data as { values?: Record<string, unknown>[] } | undefined)?.values ?? [];
  return [
    ...own,
    ...Object.values(o).flatMap((v) =>
      Array.isArray(v) ? v.flatMap(dataOf) : typeof v === 'object' ? dataOf(v) : [],
    ),
  ];
}

async function drawable(spec: VegaLiteSpec): Promise<string> {
  expect(() => compile(spec as unknown as TopLevelSpec)).not.toThrow();
  const svg = await renderSvg(spec);
  expect(svg).toMatch(/^<svg/);
  return svg;
}

let hpa: RunSummary;
let pools: RunSummary;
let kafka: RunSummary;
let sweeps: SweepResult[];

beforeAll(async () => {
  const shortHpa = {
    ...example('seed-000-step-3-hpa.yaml'),
    timeSeries: { interval: '5s' },
    load: {
      executor: 'ramping-arrival-rate',
      startRate: 300,
      preAllocatedVUs: 500,
      maxVUs: 5000,
      stages: [
        { duration: '10s', target: 300 },
        { duration: '10s', target: 1500 },
        { duration: '40s', target: 1500 },
      ],
    },
  };
  hpa = runScenario(shortHpa, { replications: 2, seed: 3 });
  pools = runScenario(example('pools-vs-max-connections.yaml'), { replications: 2, seed: 3 });
  kafka = runScenario(example('payments-data-tier.yaml'), { replications: 1, seed: 3 });
  const small = {
    name: 'small',
    load: { executor: 'constant-arrival-rate', rate: 50, duration: '10s', preAllocatedVUs: 10, maxVUs: 200 },
    endpoints: { get: { steps: [{ cpu: { exponential: '5ms' } }] } },
    services: { api: { replicas: 2, resources: { limits: { cpu: 1 } } } },
  };
  const sweepOf = async (replicas: number) =>
    JSON.parse(
      await runSweep(
        inProcessRunner,
        planSweep(
          { ...small, services: { api: { ...small.services.api, replicas } } },
          [{ load: { from: 100, to: 600, steps: 6 } }],
          {
            replications: 2,
            seed: 1,
          },
        ),
      ),
    ) as SweepResult;
  sweeps = [await sweepOf(2), await sweepOf(3)];
}, 120_000);

describe('charts of a run', () => {
  it('draws the HPA: replicas from the time series, each decision, the CPU target', async () => {
    const spec = chart('autoscaling', only(asRun(hpa)));
    await drawable(spec);
    const data = dataOf(spec);
    const desired = data.filter((d) => d.series === 'desired').map((d) => d.pods);
    expect(desired).toEqual(hpa.timeSeries.rows.map((r) => r.services.api!.desiredReplicas));
    const decisions = hpa.services[0]!.autoscaling!.decisions;
    expect(decisions.length).toBeGreaterThan(0);
    expect(data.filter((d) => typeof d.label === 'string' && d.label.includes('→'))).toHaveLength(
      decisions.length,
    );
    expect(data.some((d) => d.label === 'HPA target 60 % of request')).toBe(true);
    expect(() => chart('autoscaling', only(asRun(pools)))).toThrow(/no service is autoscaled/);
  });

  it('draws pools and the database against max_connections', async () => {
    const spec = chart('connections', only(asRun(pools)));
    const svg = await drawable(spec);
    expect(svg).toContain('max_connections 90');
    const data = dataOf(spec);
    const series = new Set(data.map((d) => d.series));
    for (const c of pools.components.filter((x) => x.kind === 'pool')) {
      expect(series).toContain(`${c.name} in use`);
      expect(series).toContain(`${c.name} waiting`);
    }
    expect(data.filter((d) => d.series === 'connections').map((d) => d.value)).toEqual(
      pools.timeSeries.rows.map((r) => r.components['database/rds']!.connections),
    );
  });

  it('draws Kafka consumer lag per topic, and says when there is no topic', async () => {
    const spec = chart('kafka-lag', only(asRun(kafka)));
    await drawable(spec);
    const topics = kafka.components.filter((c) => c.kind === 'kafka').map((c) => c.name);
    expect(topics.length).toBeGreaterThan(0);
    expect(new Set(dataOf(spec).flatMap((d) => (d.topic === undefined ? [] : [d.topic])))).toEqual(
      new Set(topics),
    );
    const err = (() => {
      try {
        chart('kafka-lag', only(asRun(pools)));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ChartError);
    expect((err as ChartError).code).toBe('CHART_ERR_NO_DATA');
  });

  it('ranks utilization with the bottleneck first', async () => {
    for (const run of [hpa, pools, kafka]) {
      const rows = utilizationRows(asRun(run).result as RunSummary);
      expect(rows.length).toBeGreaterThan(1);
      const flagged = rows.filter((r) => r.bottleneck);
      if (flagged.length > 0) expect(rows[0]!.bottleneck).toBe(true);
      const rest = rows.filter((r) => !r.bottleneck).map((r) => r.utilization);
      expect(rest).toEqual([...rest].sort((a, b) => b - a));
      for (const r of rows) expect(r.low).toBeLessThanOrEqual(r.high);
    }
    // The pools example is held by its database's connections: the bottleneck names the database,
    // and its busiest part, the connections, comes first.
    expect(pools.bottleneck.component).toBe('database/rds');
    expect(utilizationRows(asRun(pools).result as RunSummary).filter((r) => r.bottleneck)).toMatchObject([
      { component: 'database/rds/connections' },
    ]);
    await drawable(chart('utilization', only(asRun(pools))));
  });

  it('draws latency over time', async () => {
    const spec = chart('latency', only(asRun(hpa)));
    await drawable(spec);
    expect(
      dataOf(spec)
        .filter((d) => d.percentile === 'p95')
        .map((d) => d.ms),
    ).toEqual(hpa.timeSeries.rows.map((r) => r.p95Ms));
  });
});

describe('charts of sweeps', () => {
  it('draws one failure curve per variant, with its CI band', async () => {
    const spec = chart('failure-curve', [
      { label: '2 replicas', input: chartInputOf(sweeps[0]) },
      { label: '3 replicas', input: chartInputOf(sweeps[1]) },
    ]);
    await drawable(spec);
    const data = dataOf(spec);
    expect(new Set(data.map((d) => d.variant))).toEqual(new Set(['2 replicas', '3 replicas']));
    for (const d of data) {
      expect(d.failedLowPct as number).toBeLessThanOrEqual(d.failedPct as number);
      expect(d.failedHighPct as number).toBeGreaterThanOrEqual(d.failedPct as number);
    }
    expect(() => chart('failure-curve', [{ label: 'x', input: asRun(pools) }])).toThrow(/drawn from sweeps/);
  });

  it('draws throughput against the offered load with the knee', async () => {
    const spec = chart('throughput', only(chartInputOf(sweeps[0])));
    await drawable(spec);
    const ok = dataOf(spec).filter((d) => d.kind === 'succeeded');
    expect(ok.map((d) => d.perSec)).toEqual(sweeps[0]!.points.map((p) => p.throughput.succeededPerSec.value));
    expect(JSON.stringify(spec)).toContain(
      sweeps[0]!.knee.knee === null ? 'no knee' : `knee ${sweeps[0]!.knee.knee.value}`,
    );
    await drawable(chart('sweep', only(chartInputOf(sweeps[0]))));
  });
});

describe('the registry', () => {
  it('draws calibration from docs/calibration.json', async () => {
    const status = JSON.parse(
      readFileSync(new URL('../../docs/calibration.json', import.meta.url), 'utf8'),
    ) as unknown;
    const input = chartInputOf(status);
    expect(input.type).toBe('calibration');
    const spec = chart('calibration', only(input));
    await drawable(spec);
    expect(dataOf(spec).length).toBeGreaterThan(10);
  });

  it('recognizes results and the API envelope, and refuses what it cannot chart', () => {
    expect(chartInputOf({ id: 'x', status: 'done', result: JSON.parse(JSON.stringify(pools)) }).type).toBe(
      'run',
    );
    expect(() => chartInputOf([1])).toThrow(ChartError);
    expect(() => chartInputOf({ hello: 1 })).toThrow(/not a result capsim can chart/);
    expect(() => chart('latency', only(chartInputOf(sweeps[0])))).toThrow(
      /drawn from a run result, not a sweep/,
    );
    for (const kind of CHART_KIND_NAMES) expect(CHART_KINDS[kind].description.length).toBeGreaterThan(10);
  });
});
