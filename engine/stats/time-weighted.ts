/**
 * Time-weighted average of a piecewise-constant level (queue length, busy servers, connections in
 * use). The caller passes the simulation time; this class never reads a clock.
 */

/** Plain-JSON summary of a {@link TimeWeighted} window ending at `endMs`; `mean` is null if the window is empty. */
export interface TimeWeightedJSON {
  readonly startMs: number;
  readonly endMs: number;
  readonly mean: number | null;
  readonly min: number;
  readonly max: number;
  readonly level: number;
}

/**
 * Time-weighted mean, min and max of a level over the window [start, now].
 *
 * The level is piecewise constant: a value set by `update(t, level)` holds until the next update.
 * `mean(now) = ∫ level dt / (now − start)`.
 *
 * Invariants: times never go backwards; `min ≤ level ≤ max` over the current window; memory is
 * constant.
 */
export class TimeWeighted {
  #startMs: number;
  #lastMs: number;
  #level: number;
  #area = 0;
  #min: number;
  #max: number;

  /**
   * Starts a window at `startTimeMs` with the level `initialLevel`.
   *
   * @throws RangeError if either argument is not finite.
   */
  constructor(startTimeMs = 0, initialLevel = 0) {
    if (!Number.isFinite(startTimeMs))
      throw new RangeError(`TimeWeighted: start time must be finite, got ${startTimeMs}`);
    checkLevel(initialLevel);
    this.#startMs = startTimeMs;
    this.#lastMs = startTimeMs;
    this.#level = initialLevel;
    this.#min = initialLevel;
    this.#max = initialLevel;
  }

  /**
   * Sets the level from `nowMs` on, accounting the previous level up to `nowMs`.
   *
   * @param nowMs - current simulation time (ms), ≥ the previous update's time.
   * @throws RangeError if `nowMs` is earlier than the last update, or either argument is not finite.
   */
  update(nowMs: number, level: number): void {
    this.#advance(nowMs, 'update');
    checkLevel(level);
    this.#level = level;
    if (level < this.#min) this.#min = level;
    if (level > this.#max) this.#max = level;
  }

  /**
   * Time-weighted mean over [start, nowMs], counting the current level up to `nowMs`.
   *
   * @returns the mean level; NaN if the window has zero length (`nowMs` equals the start).
   * @throws RangeError if `nowMs` is earlier than the last update.
   */
  mean(nowMs: number): number {
    checkTime(nowMs, this.#lastMs, 'mean');
    const area = this.#area + this.#level * (nowMs - this.#lastMs);
    const elapsed = nowMs - this.#startMs;
    return elapsed === 0 ? NaN : area / elapsed;
  }

  /** Current level. */
  get level(): number {
    return this.#level;
  }

  /** Largest level held during the current window (including the level at its start). */
  get max(): number {
    return this.#max;
  }

  /** Smallest level held during the current window (including the level at its start). */
  get min(): number {
    return this.#min;
  }

  /** Start of the current averaging window (ms). */
  get startMs(): number {
    return this.#startMs;
  }

  /**
   * Restarts the averaging window at `nowMs`, keeping the current level (used after warm-up).
   *
   * @throws RangeError if `nowMs` is earlier than the last update.
   */
  reset(nowMs: number): void {
    checkTime(nowMs, this.#lastMs, 'reset');
    this.#startMs = nowMs;
    this.#lastMs = nowMs;
    this.#area = 0;
    this.#min = this.#level;
    this.#max = this.#level;
  }

  /**
   * Returns a plain-JSON summary of the window [start, nowMs].
   *
   * @throws RangeError if `nowMs` is earlier than the last update.
   */
  toJSON(nowMs: number): TimeWeightedJSON {
    const mean = this.mean(nowMs);
    return {
      startMs: this.#startMs,
      endMs: nowMs,
      mean: Number.isNaN(mean) ? null : mean,
      min: this.#min,
      max: this.#max,
      level: this.#level,
    };
  }

  #advance(nowMs: number, method: string): void {
    checkTime(nowMs, this.#lastMs, method);
    this.#area += this.#level * (nowMs - this.#lastMs);
    this.#lastMs = nowMs;
  }
}

function checkTime(nowMs: number, lastMs: number, method: string): void {
  // `!(a >= b)` also rejects NaN; +Infinity would make every later area infinite.
  if (!(nowMs >= lastMs) || nowMs === Infinity) {
    throw new RangeError(
      `TimeWeighted.${method}: time must be finite and >= the last update (${lastMs} ms), got ${nowMs}`,
    );
  }
}

function checkLevel(level: number): void {
  if (!Number.isFinite(level)) throw new RangeError(`TimeWeighted: level must be finite, got ${level}`);
}
