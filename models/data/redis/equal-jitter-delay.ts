/**
 * Redisson's default delay between tries of a command.
 *
 * Source: redisson/redisson @66863978 `redisson/src/main/java/org/redisson/config/EqualJitterDelay.java`
 * (default `retryDelay` since 3.48.0, commit e1154e3): the exponential back-off base·2^attempt,
 * capped at max; half of it is kept and a uniform random amount up to the other half is added, so
 * the delay lies in [backoff/2, backoff]. See `/work/shared/semantics.md` §7.
 */

/**
 * The delay (ms) before Redisson's try `attempt + 1` of a command: with
 * `backoff = min(baseMs · 2^attempt, maxMs)` (and `maxMs` when `baseMs ≥ maxMs`), returns
 * `backoff/2 + u · backoff/2`. Defaults (1000 ms, 2000 ms) give 500–1000 ms for attempt 0, then
 * 1000–2000 ms.
 *
 * Redisson works in whole milliseconds (`halfDelay = backoff / 2` in integer division plus
 * `nextLong(0, halfDelay + 1)`); here the delay is continuous, which changes it by under 1 ms.
 * @param attempt the try that has just run out of time (0 for the first), integer ≥ 0.
 * @param baseMs back-off of attempt 0 (ms, ≥ 0; 0 gives no delay).
 * @param maxMs cap of the back-off (ms, ≥ 0).
 * @param u a uniform draw in [0, 1).
 */
export function equalJitterDelayMs(attempt: number, baseMs: number, maxMs: number, u: number): number {
  // Redisson divides by the base (ArithmeticException for 0); here a zero base means no delay.
  if (baseMs <= 0) return 0;
  // 2^attempt overflows to Infinity long before `attempt` gets large; min() then caps it, as
  // Redisson's own overflow guard does.
  const backoff = baseMs >= maxMs ? maxMs : Math.min(baseMs * 2 ** attempt, maxMs);
  const half = backoff / 2;
  return half + u * half;
}
