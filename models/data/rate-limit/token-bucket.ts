/**
 * Token bucket as in bucket4j: a bucket of `capacity` tokens, created full, refilled either greedily
 * (continuously) or intervally (the whole amount at each period boundary); each request takes one
 * token or is rejected.
 *
 * Sources: bucket4j/bucket4j `bucket4j-core/src/main/java/io/github/bucket4j/Refill.java` and the
 * `BandwidthBuilder` javadoc (greedy: "10 tokens per 1 second will add 1 token per each 100
 * millisecond"; intervally: waits for the whole period, then adds the tokens); bucket4j's bucket
 * state `refill()` (intervally rounds the elapsed time down to whole periods counted from the last
 * refill, so boundaries fall at creation + k·period); `Bandwidth.simple` starts with
 * initial tokens = capacity (bucket4j discussion #350). See `/work/shared/semantics.md` §10.
 *
 * Under overload from a full bucket, successes over T ≈ capacity + refillTokens · T / period.
 */
import { GLOBAL_KEY, requireInteger, requireNumber } from './rate-limiter.js';
import type { RateLimiter } from './rate-limiter.js';

/** Options of {@link TokenBucketLimiter}. */
export interface TokenBucketOptions {
  /** Bucket size and initial tokens (integer ≥ 1). */
  readonly capacity: number;
  /** Tokens added per period (integer ≥ 1). */
  readonly refillTokens: number;
  /** Refill period (ms, > 0). */
  readonly refillPeriodMs: number;
  /** `greedy`: refillTokens/refillPeriodMs per ms, continuously; `intervally`: all at once per period. */
  readonly refill: 'greedy' | 'intervally';
}

/** State of one bucket (mutated in place). */
interface Bucket {
  tokens: number;
  lastRefillMs: number;
}

/**
 * A bucket4j-style token bucket per key. A key's bucket is created full at its first request (as a
 * bucket4j ProxyManager creates a distributed bucket on first use), so intervally boundaries are
 * counted from that moment.
 *
 * Greedy refill is kept as a real number here; bucket4j works in integer tokens and nanoseconds and
 * carries the rounding remainder, which differs by less than one token.
 * Memory: one record per key.
 */
export class TokenBucketLimiter implements RateLimiter {
  readonly #capacity: number;
  readonly #refillTokens: number;
  readonly #periodMs: number;
  readonly #intervally: boolean;
  readonly #keys = new Map<number, Bucket>();
  readonly #global: Bucket = { tokens: NaN, lastRefillMs: NaN };

  /** @throws RangeError naming the first invalid option. */
  constructor(options: TokenBucketOptions) {
    requireInteger('TokenBucketLimiter', 'capacity', options.capacity, 1);
    requireInteger('TokenBucketLimiter', 'refillTokens', options.refillTokens, 1);
    requireNumber('TokenBucketLimiter', 'refillPeriodMs', options.refillPeriodMs);
    if (options.refill !== 'greedy' && options.refill !== 'intervally')
      throw new RangeError(
        `TokenBucketLimiter: refill must be 'greedy' or 'intervally', got ${String(options.refill)}`,
      );
    this.#capacity = options.capacity;
    this.#refillTokens = options.refillTokens;
    this.#periodMs = options.refillPeriodMs;
    this.#intervally = options.refill === 'intervally';
  }

  tryAcquire(key: number, nowMs: number): boolean {
    let b: Bucket | undefined;
    if (key === GLOBAL_KEY) {
      b = this.#global;
    } else {
      b = this.#keys.get(key);
      if (b === undefined) {
        b = { tokens: NaN, lastRefillMs: NaN };
        this.#keys.set(key, b);
      }
    }
    if (Number.isNaN(b.tokens)) {
      b.tokens = this.#capacity;
      b.lastRefillMs = nowMs;
    } else {
      this.#refill(b, nowMs);
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  #refill(b: Bucket, nowMs: number): void {
    const elapsed = nowMs - b.lastRefillMs;
    if (!(elapsed > 0)) return;
    if (this.#intervally) {
      const periods = Math.floor(elapsed / this.#periodMs);
      if (periods === 0) return;
      // Boundaries stay on the original grid: advance by whole periods only.
      b.lastRefillMs += periods * this.#periodMs;
      b.tokens = Math.min(this.#capacity, b.tokens + periods * this.#refillTokens);
    } else {
      b.lastRefillMs = nowMs;
      b.tokens = Math.min(this.#capacity, b.tokens + (elapsed * this.#refillTokens) / this.#periodMs);
    }
  }
}
