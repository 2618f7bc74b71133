/**
 * Fixed window, clock-aligned: one counter per key and window, INCR then EXPIRE, reject when the
 * count exceeds the limit.
 *
 * Source: redis-doc `commands/incr.md`, "Pattern: Rate limiter 1" (key `ip:<unix-second>`,
 * `MULTI; INCR; EXPIRE 10; EXEC`, reject when the INCR result is above the limit). See
 * `/work/shared/semantics.md` §10.
 *
 * Consequences: exactly `limit` requests pass in every window that receives at least `limit`, so
 * under sustained overload successes = limit × number of distinct windows; up to 2 × limit can pass
 * across a window boundary.
 */
import { GLOBAL_KEY, requireFinite, requireInteger, requireNumber } from './rate-limiter.js';
import type { RateLimiter } from './rate-limiter.js';

/** Options of {@link FixedWindowLimiter}. */
export interface FixedWindowOptions {
  /** Requests admitted per window (integer ≥ 0). */
  readonly limit: number;
  /** Window length (ms, > 0). */
  readonly windowMs: number;
  /**
   * Clock time (ms) of a window start: windows are [alignMs + i·windowMs, alignMs + (i+1)·windowMs).
   * 0 aligns them on the simulation clock's origin (the wall clock's whole seconds/minutes when the
   * run starts on one).
   */
  readonly alignMs: number;
}

/** Per-key counter of the current window (mutated in place; one per key). */
interface WindowCount {
  window: number;
  count: number;
}

/**
 * A clock-aligned fixed-window counter. The window of time t is floor((t − alignMs)/windowMs); a
 * request increments its window's counter (rejected ones too, as INCR does) and is admitted when
 * the incremented value is ≤ limit.
 *
 * Memory: one record per key ever seen (expired windows are overwritten, not deleted).
 */
export class FixedWindowLimiter implements RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #alignMs: number;
  readonly #keys = new Map<number, WindowCount>();
  #globalWindow = NaN;
  #globalCount = 0;

  /** @throws RangeError naming the first invalid option. */
  constructor(options: FixedWindowOptions) {
    requireInteger('FixedWindowLimiter', 'limit', options.limit, 0);
    requireNumber('FixedWindowLimiter', 'windowMs', options.windowMs);
    requireFinite('FixedWindowLimiter', 'alignMs', options.alignMs);
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#alignMs = options.alignMs;
  }

  /** Index of the window containing `nowMs`. */
  windowOf(nowMs: number): number {
    return Math.floor((nowMs - this.#alignMs) / this.#windowMs);
  }

  tryAcquire(key: number, nowMs: number): boolean {
    const window = this.windowOf(nowMs);
    if (key === GLOBAL_KEY) {
      // A new window is a new Redis key: the old one has expired (or will), the count restarts.
      if (window !== this.#globalWindow) {
        this.#globalWindow = window;
        this.#globalCount = 0;
      }
      return ++this.#globalCount <= this.#limit;
    }
    let state = this.#keys.get(key);
    if (state === undefined) {
      state = { window, count: 0 };
      this.#keys.set(key, state);
    } else if (state.window !== window) {
      state.window = window;
      state.count = 0;
    }
    return ++state.count <= this.#limit;
  }
}
