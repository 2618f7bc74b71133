/**
 * Sliding window counter: the approximation that weights the previous fixed window's count by the
 * part of it still inside the sliding window, plus the current window's count (two counters per
 * key). See `/work/shared/semantics.md` §10 and Cloudflare's description of the method ("How we
 * built rate limiting capable of scaling to millions of domains", 2017).
 *
 * estimate(t) = previous · (1 − (t − start of current window)/windowMs) + current; a request is
 * admitted when estimate < limit. It assumes requests were spread evenly over the previous window,
 * so it can over- or under-admit relative to an exact sliding log; over a long overload it admits
 * about limit per window.
 *
 * Choice: only admitted requests are counted (as with {@link SlidingLogLimiter}); counting rejected
 * ones would lock a persistently over-limit client out.
 */
import { GLOBAL_KEY, requireFinite, requireInteger, requireNumber } from './rate-limiter.js';
import type { RateLimiter } from './rate-limiter.js';

/** Options of {@link SlidingCounterLimiter}. */
export interface SlidingCounterOptions {
  /** Requests admitted per sliding window (integer ≥ 1). */
  readonly limit: number;
  /** Window length (ms, > 0). */
  readonly windowMs: number;
  /** Clock time (ms) of a fixed-window start; default 0. */
  readonly alignMs?: number;
}

/** Two counters of one key (mutated in place). */
interface Counters {
  window: number;
  current: number;
  previous: number;
}

/** A sliding-window-counter limiter over clock-aligned fixed windows. Memory: one record per key. */
export class SlidingCounterLimiter implements RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #alignMs: number;
  readonly #keys = new Map<number, Counters>();
  readonly #global: Counters = { window: NaN, current: 0, previous: 0 };

  /** @throws RangeError naming the first invalid option. */
  constructor(options: SlidingCounterOptions) {
    requireInteger('SlidingCounterLimiter', 'limit', options.limit, 1);
    requireNumber('SlidingCounterLimiter', 'windowMs', options.windowMs);
    const alignMs = options.alignMs ?? 0;
    requireFinite('SlidingCounterLimiter', 'alignMs', alignMs);
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#alignMs = alignMs;
  }

  tryAcquire(key: number, nowMs: number): boolean {
    let c: Counters | undefined;
    if (key === GLOBAL_KEY) {
      c = this.#global;
    } else {
      c = this.#keys.get(key);
      if (c === undefined) {
        c = { window: NaN, current: 0, previous: 0 };
        this.#keys.set(key, c);
      }
    }
    const offset = nowMs - this.#alignMs;
    const window = Math.floor(offset / this.#windowMs);
    if (window !== c.window) {
      // The current window becomes the previous one only if it is the adjacent window; after a gap
      // of a whole window or more nothing of it is left.
      c.previous = window === c.window + 1 ? c.current : 0;
      c.current = 0;
      c.window = window;
    }
    const elapsed = offset - window * this.#windowMs;
    const estimate = c.previous * (1 - elapsed / this.#windowMs) + c.current;
    if (estimate >= this.#limit) return false;
    c.current++;
    return true;
  }
}
