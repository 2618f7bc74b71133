/**
 * The chart library: every kind of chart, what it is drawn from, and a single entry point. Each
 * chart is a pure function from a result (plain JSON, as the API, `capsim run --json` and
 * `capsim sweep --json` give it) to a Vega-Lite spec with its data inline.
 */
import { calibrationPointsOfStatus, calibrationSpec } from '../presets/calibration-chart.js';
import type { CalibrationStatus } from '../presets/calibration-status.js';
import type { RunSummary } from '../report/summary-types.js';
import type { SweepResult } from '../sweep/sweep-result.js';
import { autoscalingChart } from './autoscaling-chart.js';
import { connectionsChart } from './connections-chart.js';
import { failureCurveChart } from './failure-curve-chart.js';
import type { LabelledSweep } from './failure-curve-chart.js';
import { kafkaLagChart } from './kafka-lag-chart.js';
import { runChart } from './run-chart.js';
import { ChartError } from './spec.js';
import type { VegaLiteSpec } from './spec.js';
import { sweepChart } from './sweep-chart.js';
import { throughputChart } from './throughput-chart.js';
import { utilizationChart } from './utilization-chart.js';

export { ChartError, VEGA_LITE_SCHEMA } from './spec.js';
export type { VegaLiteSpec } from './spec.js';
export type { LabelledSweep } from './failure-curve-chart.js';
export { utilizationRows } from './utilization-chart.js';
export type { UtilizationRow } from './utilization-chart.js';

/** The results charts are drawn from, by type. */
export interface ChartResults {
  readonly run: RunSummary;
  readonly sweep: SweepResult;
  readonly calibration: Readonly<Record<string, CalibrationStatus>>;
}

/** A result a chart is drawn from. */
export type ChartInput = {
  [T in keyof ChartResults]: { readonly type: T; readonly result: ChartResults[T] };
}[keyof ChartResults];

/** What a kind of chart is drawn from. */
export type ChartSource = 'run' | 'sweep' | 'sweeps' | 'calibration';

interface ChartKind {
  readonly source: ChartSource;
  readonly description: string;
  readonly build: (inputs: readonly { label: string; input: ChartInput }[]) => VegaLiteSpec;
}

const one =
  <T extends keyof ChartResults>(
    type: T,
    build: (result: ChartResults[T]) => VegaLiteSpec,
  ): ChartKind['build'] =>
  (inputs) => {
    if (inputs.length !== 1)
      throw new ChartError(`this chart is drawn from one ${type} result, got ${inputs.length}`);
    const { input } = inputs[0]!;
    if (input.type !== type)
      throw new ChartError(`this chart is drawn from a ${type} result, not a ${input.type}`);
    return build(input.result as ChartResults[T]);
  };

/** Every kind of chart, by the name `capsim chart --kind` and the API's `?kind=` take. */
export const CHART_KINDS = {
  latency: {
    source: 'run',
    description: 'latency percentiles over time, with the load (requests sent, succeeded, failed)',
    build: one('run', runChart),
  },
  autoscaling: {
    source: 'run',
    description:
      'replicas (desired, ready, pending, starting) and CPU against the HPA target over time, with the load',
    build: one('run', autoscalingChart),
  },
  connections: {
    source: 'run',
    description: 'pool connections in use and waiting, database connections against max_connections',
    build: one('run', connectionsChart),
  },
  'kafka-lag': {
    source: 'run',
    description: 'Kafka consumer lag over time per topic, with the load',
    build: one('run', kafkaLagChart),
  },
  utilization: {
    source: 'run',
    description: 'utilization of every component, ranked, the bottleneck first',
    build: one('run', utilizationChart),
  },
  sweep: {
    source: 'sweep',
    description: 'latency (p95 with CI, knee marked) and failures over the swept parameter',
    build: one('sweep', sweepChart),
  },
  throughput: {
    source: 'sweep',
    description: 'succeeded and offered throughput over the offered load, knee marked',
    build: one('sweep', throughputChart),
  },
  'failure-curve': {
    source: 'sweeps',
    description: 'failure rate (95 % CI band) and p95 over the offered load, one line per sweep (variant)',
    build: (inputs) =>
      failureCurveChart(
        inputs.map(({ label, input }): LabelledSweep => {
          if (input.type !== 'sweep')
            throw new ChartError(`${label}: a failure curve is drawn from sweeps, not a ${input.type}`);
          return { label, result: input.result };
        }),
      ),
  },
  calibration: {
    source: 'calibration',
    description: 'predicted against measured for every preset target (docs/calibration.json)',
    build: one('calibration', (status) => calibrationSpec(calibrationPointsOfStatus(status))),
  },
} as const satisfies Record<string, ChartKind>;

/** A chart's kind name. */
export type ChartKindName = keyof typeof CHART_KINDS;

/** The kinds of chart, in the order above. */
export const CHART_KIND_NAMES = Object.keys(CHART_KINDS) as ChartKindName[];

/** The kind drawn when none is asked for. */
export const DEFAULT_CHART_KIND: Readonly<Record<ChartInput['type'], ChartKindName>> = {
  run: 'latency',
  sweep: 'sweep',
  calibration: 'calibration',
};

/**
 * Recognizes a result: a run's summary, a sweep's result, or the calibration status; the API's
 * envelope (`{id, status, result}`) is opened.
 * @throws ChartError when the JSON is none of them.
 */
export function chartInputOf(json: unknown): ChartInput {
  const o = json as Record<string, unknown> | null;
  if (o === null || typeof o !== 'object' || Array.isArray(o))
    throw new ChartError('a result must be a JSON object');
  if ('result' in o && 'status' in o && typeof o.result === 'object' && o.result !== null)
    return chartInputOf(o.result);
  if ('timeSeries' in o && 'latencyMs' in o) return { type: 'run', result: o as unknown as RunSummary };
  if ('points' in o && 'parameters' in o) return { type: 'sweep', result: o as unknown as SweepResult };
  const values = Object.values(o);
  if (
    values.length > 0 &&
    values.every((v) => typeof v === 'object' && v !== null && 'targets' in v && 'counts' in v)
  )
    return { type: 'calibration', result: o as unknown as Record<string, CalibrationStatus> };
  throw new ChartError(
    'not a result capsim can chart: expected a run (capsim run --json), a sweep (capsim sweep --json), the API answer for one, or docs/calibration.json',
  );
}

/**
 * Draws a chart of `kind` from labelled inputs (one, or for a failure curve one per variant).
 * @throws ChartError when the inputs are not what the kind is drawn from, or hold nothing to draw.
 */
export function chart(
  kind: ChartKindName,
  inputs: readonly { label: string; input: ChartInput }[],
): VegaLiteSpec {
  return CHART_KINDS[kind].build(inputs);
}
