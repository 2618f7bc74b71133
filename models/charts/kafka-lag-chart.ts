/**
 * Kafka consumer lag over time, one line per topic, with the load that produced it. A pure
 * function of a run's summary.
 */
import type { RunSummary } from '../report/summary-types.js';
import { ChartError, TIME_AXIS, VEGA_LITE_SCHEMA, count, loadPanel } from './spec.js';
import type { VegaLiteSpec } from './spec.js';

/**
 * The spec.
 * @throws ChartError when the run has no Kafka topic.
 */
export function kafkaLagChart(s: RunSummary): VegaLiteSpec {
  const topics = s.components.filter((c) => c.kind === 'kafka');
  if (topics.length === 0) throw new ChartError(`${s.scenario}: no Kafka topic to chart`);
  const lag = s.timeSeries.rows.flatMap((r) =>
    topics.map((c) => {
      const levels = r.components[`kafka/${c.name}`]!;
      return { tSec: r.tMs / 1000, topic: c.name, lag: levels.lag, busyConsumers: levels.busyConsumers };
    }),
  );
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `${s.scenario}: Kafka consumer lag, seed ${String(s.seed)}, ${count(s.replications, 'replication')}`,
    vconcat: [
      {
        title: 'consumer lag (records not yet consumed, mean over each interval)',
        width: 520,
        height: 180,
        data: { values: lag },
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x: TIME_AXIS,
          y: { field: 'lag', type: 'quantitative', title: 'records' },
          color: { field: 'topic', type: 'nominal' },
          tooltip: [
            { field: 'tSec', title: 't (s)' },
            { field: 'topic' },
            { field: 'lag' },
            { field: 'busyConsumers' },
          ],
        },
      },
      loadPanel(s.timeSeries.rows),
    ],
  };
}
