/**
 * Input checks shared by the queueing formulas.
 *
 * Every check throws a `RangeError` whose message names the offending parameter and shows its
 * value, so a bad input never turns silently into a NaN result.
 *
 * @module
 */

/** Renders a value for an error message, keeping `-0`, `NaN` and non-numbers visible. */
function show(value: unknown): string {
  if (Object.is(value, -0)) return '-0';
  return typeof value === 'number' ? String(value) : `${String(value)} (${typeof value})`;
}

/** True when `value` is a finite number (rejects NaN, ±Infinity and non-numbers). */
function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Asserts that `value` is a finite number ≥ 0.
 *
 * @param name - parameter name used in the error message.
 * @param value - value to check.
 * @throws {RangeError} if `value` is negative, NaN, infinite or not a number.
 */
export function requireNonNegative(name: string, value: number): void {
  if (!isFiniteNumber(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${show(value)}`);
  }
}

/**
 * Asserts that `value` is a finite number > 0.
 *
 * @param name - parameter name used in the error message.
 * @param value - value to check.
 * @throws {RangeError} if `value` is ≤ 0, NaN, infinite or not a number.
 */
export function requirePositive(name: string, value: number): void {
  if (!isFiniteNumber(value) || value <= 0) {
    throw new RangeError(`${name} must be a finite number > 0, got ${show(value)}`);
  }
}

/**
 * Asserts that `value` is an integer ≥ `min`.
 *
 * @param name - parameter name used in the error message.
 * @param value - value to check.
 * @param min - smallest accepted value (an integer).
 * @throws {RangeError} if `value` is not a safe integer or is below `min`.
 */
export function requireIntegerAtLeast(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${show(value)}`);
  }
}

/**
 * Asserts that `value` is a probability in the closed interval [0, 1].
 *
 * @param name - parameter name used in the error message.
 * @param value - value to check.
 * @throws {RangeError} if `value` is outside [0, 1], NaN or not a number.
 */
export function requireProbability(name: string, value: number): void {
  if (!isFiniteNumber(value) || value < 0 || value > 1) {
    throw new RangeError(`${name} must be a probability in [0, 1], got ${show(value)}`);
  }
}

/**
 * Asserts that `value` is a number other than NaN (±Infinity allowed).
 *
 * @param name - parameter name used in the error message.
 * @param value - value to check.
 * @throws {RangeError} if `value` is NaN or not a number.
 */
export function requireNotNaN(name: string, value: number): void {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new RangeError(`${name} must be a number, got ${show(value)}`);
  }
}

/**
 * Asserts that a utilization is strictly below 1, as the steady state of an infinite-buffer queue requires.
 *
 * @param utilization - ρ, dimensionless.
 * @param detail - the inputs ρ was computed from, e.g. `"arrivalRate=9, serviceRate=1, servers=8"`.
 * @throws {RangeError} if `utilization` ≥ 1 (or NaN), quoting ρ and `detail`.
 */
export function requireStable(utilization: number, detail: string): void {
  if (!(utilization < 1)) {
    throw new RangeError(
      `unstable system: utilization rho must be < 1, got rho=${show(utilization)} (${detail})`,
    );
  }
}
