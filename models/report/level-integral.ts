/**
 * A level that changes at events (busy threads, queue length) and its exact time integral, kept
 * with two multiplications per change. Time averages over any window come from differences of
 * {@link LevelIntegral.areaAt}, so time series need no per-change bookkeeping.
 */
export class LevelIntegral {
  /** Current level. */
  level = 0;
  /** Highest level reached. */
  max = 0;
  #area = 0;
  #lastMs = 0;

  /** Adds `delta` to the level at `nowMs` (non-decreasing across calls). */
  add(nowMs: number, delta: number): void {
    this.#area += this.level * (nowMs - this.#lastMs);
    this.#lastMs = nowMs;
    this.level += delta;
    if (this.level > this.max) this.max = this.level;
  }

  /** Restarts `max` from the current level (at the end of the warm-up). */
  restartMax(): void {
    this.max = this.level;
  }

  /** ∫ level dt from time 0 to `nowMs` (level·ms). */
  areaAt(nowMs: number): number {
    return this.#area + this.level * (nowMs - this.#lastMs);
  }
}
