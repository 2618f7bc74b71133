/**
 * The HPA at work: for each autoscaled service, its replicas over time (desired, ready, pending
 * and starting), each scale decision marked with its reason, the CPU against the HPA's target, and
 * the load that drove it. A pure function of a run's summary.
 */
import type { RunSummary } from '../report/summary-types.js';
import { usableCoresPerPod } from '../service/usable-cores.js';
import { ChartError, TIME_AXIS, VEGA_LITE_SCHEMA, count, loadPanel, referenceLine } from './spec.js';
import type { VegaLiteSpec } from './spec.js';

const REPLICA_SERIES = ['desired', 'ready', 'pending', 'starting'] as const;

function servicePanels(s: RunSummary, name: string): VegaLiteSpec {
  const i = s.services.findIndex((x) => x.name === name);
  const svc = s.normalized.services[i]!;
  const hpa = s.services[i]!.autoscaling!;
  const rows = s.timeSeries.rows;
  const t = (tMs: number) => tMs / 1000;
  const replicas = rows.flatMap((r) => {
    const v = r.services[name]!;
    const values = [v.desiredReplicas, v.readyPods, v.pendingPods, v.startingPods];
    return REPLICA_SERIES.map((series, k) => ({ tSec: t(r.tMs), series, pods: values[k] }));
  });
  const decisions = hpa.decisions.map((d) => ({
    tSec: t(d.tMs),
    to: d.to,
    label: `${d.from} → ${d.to}`,
    reason: d.reason,
    limitedBy: d.limitedBy,
  }));
  // The HPA's CPU metric is a share of the pods' requests; the limit is what they may use.
  const cores = usableCoresPerPod(svc);
  const request = svc.cpuRequestCores;
  const cpu = rows.flatMap((r) => {
    const u = r.services[name]!.cpuUtilization;
    if (u === null) return [];
    const points = [{ tSec: t(r.tMs), series: 'of limit', pct: u * 100 }];
    if (request !== null && cores !== null)
      points.push({
        tSec: t(r.tMs),
        series: 'of request (the HPA metric)',
        pct: (u * cores * 100) / request,
      });
    return points;
  });
  const cpuTarget = svc.autoscaling?.metrics.find((m) => m.kind === 'cpu' && 'averageUtilization' in m) as
    { readonly averageUtilization: number } | undefined;
  const x = TIME_AXIS;
  return {
    title: `${name}: ${hpa.minReplicas}..${hpa.maxReplicas} replicas, ${count(hpa.decisions.length, 'scale decision')}`,
    vconcat: [
      {
        title: 'pods: desired (spec.replicas), ready, pending, starting; decisions marked',
        width: 520,
        height: 180,
        layer: [
          {
            data: { values: replicas },
            mark: { type: 'line', interpolate: 'step-after' },
            encoding: {
              x,
              y: { field: 'pods', type: 'quantitative', title: 'pods' },
              color: { field: 'series', type: 'nominal', sort: [...REPLICA_SERIES], title: null },
            },
          },
          {
            data: { values: decisions },
            mark: { type: 'point', shape: 'triangle-up', size: 70, filled: true, color: '#333' },
            encoding: {
              x,
              y: { field: 'to', type: 'quantitative' },
              tooltip: [
                { field: 'tSec', title: 't (s)' },
                { field: 'label' },
                { field: 'reason' },
                { field: 'limitedBy' },
              ],
            },
          },
        ],
      },
      {
        title: 'CPU (%)',
        width: 520,
        height: 120,
        layer: [
          {
            data: { values: cpu },
            mark: { type: 'line', interpolate: 'step-after' },
            encoding: {
              x,
              y: { field: 'pct', type: 'quantitative', title: '%' },
              color: { field: 'series', type: 'nominal', title: null, legend: { labelLimit: 320 } },
            },
          },
          ...(cpuTarget === undefined
            ? []
            : [
                referenceLine(
                  'y',
                  cpuTarget.averageUtilization,
                  `HPA target ${cpuTarget.averageUtilization} % of request`,
                ),
              ]),
        ],
      },
      loadPanel(rows),
    ],
    resolve: { scale: { color: 'independent' } },
  };
}

/**
 * The spec.
 * @throws ChartError when no service of the run is autoscaled.
 */
export function autoscalingChart(s: RunSummary): VegaLiteSpec {
  const names = s.services.filter((x) => x.autoscaling !== null).map((x) => x.name);
  if (names.length === 0) throw new ChartError(`${s.scenario}: no service is autoscaled (no HPA to chart)`);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `${s.scenario}: the HorizontalPodAutoscaler, seed ${String(s.seed)}, ${count(s.replications, 'replication')} (pods: mean over replications)`,
    vconcat: names.map((n) => servicePanels(s, n)),
  };
}
