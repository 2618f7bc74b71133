/**
 * The contract shared by the rate limiters: a pure admission decision from a key and the
 * simulation clock. No environment, no events: the caller asks at the moment a request arrives.
 */

/**
 * The key of a global limiter: one budget shared by all requests. Limiters keep its state in
 * dedicated fields instead of their per-key map, so the global path allocates nothing.
 */
export const GLOBAL_KEY = -1;

/** A rate limiter over keyed budgets (per user, per IP, …, or {@link GLOBAL_KEY}). */
export interface RateLimiter {
  /**
   * Decides whether a request of `key` arriving at `nowMs` is admitted, and records it if so.
   *
   * Calls must come with non-decreasing `nowMs` for a given key (the simulation clock); the state of
   * a key is created on its first call.
   * @param key {@link GLOBAL_KEY} or any other number identifying a budget (Map key semantics).
   * @param nowMs simulation time (ms).
   * @returns true when admitted, false when the request should be rejected (HTTP 429,
   *   `rate-limited`).
   */
  tryAcquire(key: number, nowMs: number): boolean;
}

/** @throws RangeError unless `value` is an integer ≥ `min`. */
export function requireInteger(owner: string, field: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`${owner}: ${field} must be an integer ≥ ${min}, got ${value}`);
}

/** @throws RangeError unless `value` is a finite number > 0 (or ≥ 0 with `allowZero`). */
export function requireNumber(owner: string, field: string, value: number, allowZero = false): void {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
    throw new RangeError(
      `${owner}: ${field} must be a finite number ${allowZero ? '≥ 0' : '> 0'}, got ${value}`,
    );
}

/** @throws RangeError unless `value` is a finite number (any sign). */
export function requireFinite(owner: string, field: string, value: number): void {
  if (!Number.isFinite(value))
    throw new RangeError(`${owner}: ${field} must be a finite number, got ${value}`);
}
