/**
 * Fixed-interval time series. Interval i covers [start + i·interval, start + (i+1)·interval).
 * Memory grows with simulated duration / interval, never with the number of observations, and a
 * hard cap on the number of intervals turns a mistaken interval (1 ms over a simulated month) into
 * a clear RangeError instead of an out-of-memory crash.
 */

/** Options shared by {@link IntervalSeries} and {@link LevelSeries}. */
export interface TimeSeriesOptions {
  /** Hard cap on the number of intervals (memory guard). Default 1,000,000. */
  readonly maxIntervals?: number;
}

/**
 * One interval of an {@link IntervalSeries}. For an empty interval `count`, `sum` and `perSecond`
 * are 0 and `mean`, `min`, `max` are NaN (written as null by `JSON.stringify`).
 */
export interface IntervalRow {
  /** Start of the interval (ms). */
  readonly startMs: number;
  /** Number of `add` calls in the interval. */
  readonly count: number;
  /** Sum of the added values. */
  readonly sum: number;
  /** `sum / count`. */
  readonly mean: number;
  /** Smallest added value. */
  readonly min: number;
  /** Largest added value. */
  readonly max: number;
  /** Event rate: `count / (intervalMs / 1000)`, per second of simulated time. */
  readonly perSecond: number;
}

/** One interval of a {@link LevelSeries}: time-weighted mean and maximum level in the interval. */
export interface LevelRow {
  /** Start of the interval (ms). */
  readonly startMs: number;
  /** Time-weighted mean level over the part of the interval before the `endMs` given to `rows`. */
  readonly mean: number;
  /** Largest level held in the interval (including the level carried in at its start). */
  readonly max: number;
}

const DEFAULT_MAX_INTERVALS = 1_000_000;

/**
 * Counts and summarizes observations per fixed interval (throughput, errors per second, latency
 * per interval).
 *
 * Observations may arrive in any time order as long as `tMs ≥ startTimeMs`.
 * Invariants: stored intervals cover [start, end of the latest interval that received a value];
 * their number never exceeds `maxIntervals`.
 */
export class IntervalSeries {
  /** Interval length (ms). */
  readonly intervalMs: number;
  /** Start of interval 0 (ms). */
  readonly startTimeMs: number;
  /** Hard cap on the number of intervals. */
  readonly maxIntervals: number;
  readonly #count: number[] = [];
  readonly #sum: number[] = [];
  readonly #min: number[] = [];
  readonly #max: number[] = [];

  /**
   * @param intervalMs - interval length (ms), finite and > 0.
   * @param startTimeMs - start of interval 0 (ms), finite.
   * @throws RangeError if an argument or `maxIntervals` (a positive integer) is invalid.
   */
  constructor(intervalMs: number, startTimeMs = 0, options: TimeSeriesOptions = {}) {
    this.intervalMs = intervalMs;
    this.startTimeMs = startTimeMs;
    this.maxIntervals = options.maxIntervals ?? DEFAULT_MAX_INTERVALS;
    checkLayout('IntervalSeries', intervalMs, startTimeMs, this.maxIntervals);
  }

  /**
   * Adds an observation to the interval containing `tMs`: floor((tMs − start) / interval).
   *
   * @param value - finite; default 1 (pure event counting).
   * @throws RangeError if `tMs` is before the start or not finite, `value` is not finite, or the
   *   interval index reaches `maxIntervals`.
   */
  add(tMs: number, value = 1): void {
    if (!Number.isFinite(value))
      throw new RangeError(`IntervalSeries.add: value must be finite, got ${value}`);
    const i = intervalIndex('IntervalSeries.add', tMs, this.startTimeMs, this.intervalMs, this.maxIntervals);
    while (this.#count.length <= i) {
      this.#count.push(0);
      this.#sum.push(0);
      this.#min.push(Infinity);
      this.#max.push(-Infinity);
    }
    this.#count[i]! += 1;
    this.#sum[i]! += value;
    if (value < this.#min[i]!) this.#min[i] = value;
    if (value > this.#max[i]!) this.#max[i] = value;
  }

  /** Number of stored intervals (from interval 0 to the latest that received a value). */
  get intervalCount(): number {
    return this.#count.length;
  }

  /**
   * Returns one row per interval from interval 0 to the latest that received a value, empty
   * intervals included.
   *
   * @param endMs - optional end of the observation window (ms): rows are padded with empty
   *   intervals up to the one containing the last instant before `endMs`.
   * @throws RangeError if `endMs` is before the start, not finite, or needs more than `maxIntervals` rows.
   */
  rows(endMs?: number): IntervalRow[] {
    let n = this.#count.length;
    if (endMs !== undefined) n = Math.max(n, intervalsUntil('IntervalSeries.rows', endMs, this));
    const perSecondFactor = 1000 / this.intervalMs;
    const rows: IntervalRow[] = [];
    for (let i = 0; i < n; i++) {
      const count = this.#count[i] ?? 0;
      const sum = this.#sum[i] ?? 0;
      rows.push({
        startMs: this.startTimeMs + i * this.intervalMs,
        count,
        sum,
        mean: count === 0 ? NaN : sum / count,
        min: count === 0 ? NaN : this.#min[i]!,
        max: count === 0 ? NaN : this.#max[i]!,
        perSecond: count * perSecondFactor,
      });
    }
    return rows;
  }
}

/**
 * Time-weighted average and maximum of a piecewise-constant level per fixed interval (queue
 * length over time, busy servers per second).
 *
 * Updates must come in time order. Invariants: the stored intervals run from interval 0 to the
 * one containing the latest update; their number never exceeds `maxIntervals`.
 */
export class LevelSeries {
  /** Interval length (ms). */
  readonly intervalMs: number;
  /** Start of interval 0 (ms). */
  readonly startTimeMs: number;
  /** Hard cap on the number of intervals. */
  readonly maxIntervals: number;
  // Area under the level (level · ms) and maximum level, per interval.
  readonly #area: number[] = [0];
  readonly #max: number[];
  #lastMs: number;
  #level: number;

  /**
   * @param intervalMs - interval length (ms), finite and > 0.
   * @param startTimeMs - start of interval 0 (ms), finite.
   * @param initialLevel - level from `startTimeMs` until the first update, finite.
   * @throws RangeError if an argument or `maxIntervals` (a positive integer) is invalid.
   */
  constructor(intervalMs: number, startTimeMs = 0, initialLevel = 0, options: TimeSeriesOptions = {}) {
    this.intervalMs = intervalMs;
    this.startTimeMs = startTimeMs;
    this.maxIntervals = options.maxIntervals ?? DEFAULT_MAX_INTERVALS;
    checkLayout('LevelSeries', intervalMs, startTimeMs, this.maxIntervals);
    checkLevel(initialLevel);
    this.#max = [initialLevel];
    this.#lastMs = startTimeMs;
    this.#level = initialLevel;
  }

  /**
   * Sets the level from `tMs` on, accounting the previous level up to `tMs`.
   *
   * @throws RangeError if `tMs` is before the previous update or not finite, `level` is not
   *   finite, or the interval index reaches `maxIntervals`.
   */
  update(tMs: number, level: number): void {
    checkLevel(level);
    checkNotBefore('LevelSeries.update', tMs, this.#lastMs);
    const i = intervalIndex('LevelSeries.update', tMs, this.startTimeMs, this.intervalMs, this.maxIntervals);
    this.#advance(i, tMs);
    this.#level = level;
    if (level > this.#max[i]!) this.#max[i] = level;
  }

  /** Current level. */
  get level(): number {
    return this.#level;
  }

  /**
   * Returns one row per interval overlapping [start, endMs), counting the current level up to
   * `endMs`; a last interval cut by `endMs` is averaged over its covered part only.
   *
   * @throws RangeError if `endMs` is before the last update, not finite, or needs more than
   *   `maxIntervals` rows.
   */
  rows(endMs: number): LevelRow[] {
    checkNotBefore('LevelSeries.rows', endMs, this.#lastMs);
    const n = intervalsUntil('LevelSeries.rows', endMs, this);
    const current = this.#area.length - 1;
    const rows: LevelRow[] = [];
    for (let i = 0; i < n; i++) {
      const startMs = this.startTimeMs + i * this.intervalMs;
      const endOfRow = Math.min(endMs, startMs + this.intervalMs);
      let area: number;
      let max: number;
      if (i < current) {
        area = this.#area[i]!;
        max = this.#max[i]!;
      } else if (i === current) {
        area = this.#area[i]! + this.#level * (endOfRow - this.#lastMs);
        max = this.#max[i]!;
      } else {
        area = this.#level * (endOfRow - startMs);
        max = this.#level;
      }
      rows.push({ startMs, mean: area / (endOfRow - startMs), max });
    }
    return rows;
  }

  // Accounts the current level from the last update to tMs, opening intervals up to `target`.
  #advance(target: number, tMs: number): void {
    let i = this.#area.length - 1;
    while (i < target) {
      const boundary = this.startTimeMs + (i + 1) * this.intervalMs;
      this.#area[i]! += this.#level * (boundary - this.#lastMs);
      this.#lastMs = boundary;
      this.#area.push(0);
      this.#max.push(this.#level);
      i++;
    }
    this.#area[i]! += this.#level * (tMs - this.#lastMs);
    this.#lastMs = tMs;
  }
}

function checkLayout(name: string, intervalMs: number, startTimeMs: number, maxIntervals: number): void {
  if (!(intervalMs > 0 && Number.isFinite(intervalMs))) {
    throw new RangeError(`${name}: intervalMs must be finite and > 0, got ${intervalMs}`);
  }
  if (!Number.isFinite(startTimeMs))
    throw new RangeError(`${name}: startTimeMs must be finite, got ${startTimeMs}`);
  if (!(Number.isSafeInteger(maxIntervals) && maxIntervals > 0)) {
    throw new RangeError(`${name}: maxIntervals must be a positive integer, got ${maxIntervals}`);
  }
}

function checkLevel(level: number): void {
  if (!Number.isFinite(level)) throw new RangeError(`LevelSeries: level must be finite, got ${level}`);
}

function checkNotBefore(name: string, tMs: number, lastMs: number): void {
  if (!(tMs >= lastMs))
    throw new RangeError(`${name}: time ${tMs} ms is before the last update at ${lastMs} ms`);
}

function intervalIndex(
  name: string,
  tMs: number,
  startMs: number,
  intervalMs: number,
  maxIntervals: number,
): number {
  if (!(tMs >= startMs && Number.isFinite(tMs))) {
    throw new RangeError(`${name}: time must be finite and >= the series start (${startMs} ms), got ${tMs}`);
  }
  const i = Math.floor((tMs - startMs) / intervalMs);
  if (i >= maxIntervals) throw tooManyIntervals(name, i + 1, maxIntervals);
  return i;
}

// Number of intervals overlapping [start, endMs).
function intervalsUntil(
  name: string,
  endMs: number,
  series: { readonly startTimeMs: number; readonly intervalMs: number; readonly maxIntervals: number },
): number {
  if (!(endMs >= series.startTimeMs && Number.isFinite(endMs))) {
    throw new RangeError(
      `${name}: endMs must be finite and >= the series start (${series.startTimeMs} ms), got ${endMs}`,
    );
  }
  const n = Math.ceil((endMs - series.startTimeMs) / series.intervalMs);
  if (n > series.maxIntervals) throw tooManyIntervals(name, n, series.maxIntervals);
  return n;
}

function tooManyIntervals(name: string, needed: number, maxIntervals: number): RangeError {
  return new RangeError(
    `${name}: needs ${needed} intervals, above maxIntervals = ${maxIntervals}; use a longer intervalMs or raise the cap`,
  );
}
