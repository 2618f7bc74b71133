/**
 * Samples the data tier's {@link ComponentProbe}s during one replication: each level's average
 * per time-series row, its mean over the measured window and its maximum since the warm-up, and
 * each counter's increase since the warm-up. It knows nothing of what the components are.
 */
import type { ComponentProbe } from '../data/scenario/compile-data.js';

/** What one replication measured of one component. */
export interface ProbeTotals {
  readonly kind: string;
  readonly name: string;
  readonly capacity: Readonly<Record<string, number>>;
  /** Per level: time average per time-series row. */
  readonly rows: Readonly<Record<string, Float64Array>>;
  /** Per level: time average over the measured window. */
  readonly mean: Readonly<Record<string, number>>;
  /** Per level: highest value from the end of the warm-up to the horizon. */
  readonly max: Readonly<Record<string, number>>;
  /** Per counter: increase from the end of the warm-up to the horizon. */
  readonly counters: Readonly<Record<string, number>>;
}

/** Records every probe of a replication; call its methods at the run's boundaries. */
export class ProbeRecorder {
  readonly #probes: readonly ComponentProbe[];
  readonly #rows: Float64Array[][];
  #previous: number[][];
  #atWarmup: number[][];
  #countersAtWarmup: Record<string, number>[];
  #atWindowEnd: number[][] | null = null;

  constructor(probes: readonly ComponentProbe[], rowCount: number) {
    this.#probes = probes;
    this.#rows = probes.map((p) => p.levels.map(() => new Float64Array(rowCount)));
    this.#previous = this.#areas(0);
    this.#atWarmup = this.#previous;
    this.#countersAtWarmup = probes.map(() => ({}));
  }

  #areas(nowMs: number): number[][] {
    return this.#probes.map((p) => p.levels.map((l) => l.areaAt(nowMs)));
  }

  /** Closes time-series row `row`, `widthMs` wide, at `nowMs`. */
  closeRow(row: number, nowMs: number, widthMs: number): void {
    const current = this.#areas(nowMs);
    current.forEach((areas, i) =>
      areas.forEach((a, k) => {
        this.#rows[i]![k]![row] = widthMs > 0 ? (a - this.#previous[i]![k]!) / widthMs : 0;
      }),
    );
    this.#previous = current;
  }

  /** The warm-up ends at `nowMs`: maxima and counters restart from here. */
  warmupEnded(nowMs: number): void {
    this.#atWarmup = this.#areas(nowMs);
    this.#countersAtWarmup = this.#probes.map((p) => p.counters());
    for (const p of this.#probes) for (const l of p.levels) l.restartMax();
  }

  /** The measured window's load phase ends at `nowMs` (means stop here). */
  windowEnded(nowMs: number): void {
    this.#atWindowEnd = this.#areas(nowMs);
  }

  /** The figures of each probe; `windowMs` is the measured window's length, `endMs` its end. */
  totals(windowMs: number, endMs: number): ProbeTotals[] {
    const ends = this.#atWindowEnd ?? this.#areas(endMs);
    return this.#probes.map((p, i) => {
      const counters = p.counters();
      const before = this.#countersAtWarmup[i]!;
      return {
        kind: p.kind,
        name: p.name,
        capacity: p.capacity,
        rows: Object.fromEntries(p.levels.map((l, k) => [l.name, this.#rows[i]![k]!])),
        mean: Object.fromEntries(
          p.levels.map((l, k) => [l.name, (ends[i]![k]! - this.#atWarmup[i]![k]!) / windowMs]),
        ),
        max: Object.fromEntries(p.levels.map((l) => [l.name, l.max()])),
        counters: Object.fromEntries(
          Object.entries(counters).map(([name, n]) => [name, n - (before[name] ?? 0)]),
        ),
      };
    });
  }
}
