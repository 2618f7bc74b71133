/**
 * A sweep's answer: its parameters, one row per point in grid order, and the knee of the latency
 * curve. Rows depend only on their point's document and the seed, never on which worker ran
 * them or in what order, so the answer is the same bytes however the work is split.
 */
import type { SweepParameter } from './expand.js';
import { latencyKnee } from './knee.js';
import type { KneeResult } from './knee.js';
import type { PointMeasures } from './point-row.js';

/** One row of the table. */
export interface SweepRow extends PointMeasures {
  readonly index: number;
  /** The point's value of each parameter, by name. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** The whole answer. */
export interface SweepResult {
  readonly scenario: string;
  readonly seed: number | string;
  /** Replications per point. */
  readonly replications: number;
  readonly parameters: readonly SweepParameter[];
  readonly points: readonly SweepRow[];
  /** Of the p95 over the parameter; only when a single numeric parameter varies. */
  readonly knee: KneeResult;
}

/** Puts the rows (in point order) together with the knee. */
export function sweepResult(
  head: { scenario: string; seed: number | string; replications: number },
  parameters: readonly SweepParameter[],
  values: readonly (readonly unknown[])[],
  measures: readonly PointMeasures[],
): SweepResult {
  const points = measures.map((m, index): SweepRow => ({
    index,
    values: Object.fromEntries(parameters.map((p, k) => [p.name, values[index]![k]])),
    ...m,
  }));
  const knee: KneeResult =
    parameters.length === 1
      ? latencyKnee(
          points.map((r) => ({ index: r.index, value: values[r.index]![0], p95Ms: r.latencyMs.p95.value })),
        )
      : { knee: null, reason: 'a knee is found only when a single parameter varies' };
  return { ...head, parameters, points, knee };
}
