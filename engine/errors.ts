/**
 * Stable codes for misuse of the kernel. Tests and callers match on `code`, never on message text.
 *
 * - `SIM_ERR_INVALID_TIME`: a delay or time that is negative, NaN, infinite, or in the past.
 * - `SIM_ERR_INVALID_ARGUMENT`: a parameter outside its documented range (capacity, priority, limit).
 * - `SIM_ERR_NOT_HELD`: releasing a resource request that does not hold a slot.
 * - `SIM_ERR_SEQUENCE_OVERFLOW`: more events scheduled in one environment than the tie-break key can order.
 */
export type SimErrorCode =
  'SIM_ERR_INVALID_TIME' | 'SIM_ERR_INVALID_ARGUMENT' | 'SIM_ERR_NOT_HELD' | 'SIM_ERR_SEQUENCE_OVERFLOW';

/** An error raised by the simulation kernel, carrying a stable {@link SimErrorCode}. */
export class SimError extends Error {
  /** The stable code of this error. */
  readonly code: SimErrorCode;

  constructor(code: SimErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'SimError';
    this.code = code;
  }
}

/** @internal The error for a delay (ms) that is negative, NaN or infinite. */
export function invalidDelay(delayMs: number): SimError {
  return new SimError('SIM_ERR_INVALID_TIME', `delay must be a finite number ≥ 0 ms, got ${delayMs}`);
}

/** @internal The error for a time (ms) before `nowMs`, NaN or infinite. */
export function invalidTime(nowMs: number, timeMs: number): SimError {
  return new SimError('SIM_ERR_INVALID_TIME', `time must be finite and ≥ now (${nowMs} ms), got ${timeMs}`);
}
