/**
 * Sliding log: a sorted set of the timestamps of admitted requests per key (the usual Redis
 * `ZREMRANGEBYSCORE key -inf (now − window)`, `ZCARD`, `ZADD` recipe, run atomically in a Lua script
 * or MULTI). See `/work/shared/semantics.md` §10.
 *
 * Guarantee: at most `limit` admitted requests in any window of `windowMs`, whatever the phase.
 * Over a long overload the total approaches limit × T / windowMs, but not as an exact multiple.
 *
 * Choice: rejected requests are NOT logged. Some implementations `ZADD` every request before
 * counting; then a client that keeps retrying while over the limit is locked out until it pauses
 * for a whole window, and the total admitted under sustained overload can drop to almost nothing.
 * Here only admissions are logged, which gives the steady limit × T / windowMs.
 */
import { GLOBAL_KEY, requireInteger, requireNumber } from './rate-limiter.js';
import type { RateLimiter } from './rate-limiter.js';

/** Options of {@link SlidingLogLimiter}. */
export interface SlidingLogOptions {
  /** Requests admitted in any window (integer ≥ 1). */
  readonly limit: number;
  /** Window length (ms, > 0). */
  readonly windowMs: number;
}

/**
 * The log of one key: a ring buffer of at most `limit` admission times, oldest first. Since no more
 * than `limit` entries can be live, the ring never grows.
 */
class Log {
  readonly times: Float64Array;
  head = 0;
  size = 0;
  constructor(limit: number) {
    this.times = new Float64Array(limit);
  }
}

/**
 * An exact sliding-window limiter. A request at t first drops the logged times ≤ t − windowMs (the
 * window is the half-open (t − windowMs, t]), then is admitted and logged when fewer than `limit`
 * remain.
 *
 * Invariant: for admitted times a_1 ≤ a_2 ≤ …, a_{i+limit} − a_i ≥ windowMs.
 * Memory: `limit` doubles per key ever seen.
 */
export class SlidingLogLimiter implements RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #keys = new Map<number, Log>();
  readonly #global: Log;

  /** @throws RangeError naming the first invalid option. */
  constructor(options: SlidingLogOptions) {
    requireInteger('SlidingLogLimiter', 'limit', options.limit, 1);
    requireNumber('SlidingLogLimiter', 'windowMs', options.windowMs);
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#global = new Log(options.limit);
  }

  tryAcquire(key: number, nowMs: number): boolean {
    let log: Log | undefined;
    if (key === GLOBAL_KEY) {
      log = this.#global;
    } else {
      log = this.#keys.get(key);
      if (log === undefined) {
        log = new Log(this.#limit);
        this.#keys.set(key, log);
      }
    }
    const limit = this.#limit;
    const times = log.times;
    const oldest = nowMs - this.#windowMs;
    while (log.size > 0 && times[log.head]! <= oldest) {
      log.head = log.head + 1 === limit ? 0 : log.head + 1;
      log.size--;
    }
    if (log.size >= limit) return false;
    let tail = log.head + log.size;
    if (tail >= limit) tail -= limit;
    times[tail] = nowMs;
    log.size++;
    return true;
  }
}
