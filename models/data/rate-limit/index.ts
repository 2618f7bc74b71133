/**
 * Rate limiters commonly built on Redis, as pure admission logic (no environment, no events): the
 * caller asks {@link RateLimiter.tryAcquire} when a request arrives and rejects it (HTTP 429,
 * `rate-limited`) on false. The Redis round trip the check costs, if any, is modelled by the caller
 * (a Redis command on a `RedisClient`).
 *
 * - {@link FixedWindowLimiter}: clock-aligned INCR + EXPIRE; exactly limit × windows under overload.
 * - {@link SlidingLogLimiter}: ZSET of admitted times; at most limit in any rolling window.
 * - {@link SlidingCounterLimiter}: weighted previous + current window; an approximation.
 * - {@link TokenBucketLimiter}: bucket4j greedy or intervally refill; starts full.
 *
 * Keys are numbers; {@link GLOBAL_KEY} (−1) selects one shared budget whose state lives in fixed
 * fields, so the global path allocates nothing. Sources: `/work/shared/semantics.md` §10.
 *
 * @module
 */
export { GLOBAL_KEY } from './rate-limiter.js';
export type { RateLimiter } from './rate-limiter.js';
export { FixedWindowLimiter } from './fixed-window.js';
export type { FixedWindowOptions } from './fixed-window.js';
export { SlidingLogLimiter } from './sliding-log.js';
export type { SlidingLogOptions } from './sliding-log.js';
export { SlidingCounterLimiter } from './sliding-counter.js';
export type { SlidingCounterOptions } from './sliding-counter.js';
export { TokenBucketLimiter } from './token-bucket.js';
export type { TokenBucketOptions } from './token-bucket.js';
