// Parameter checks shared by the factories. Each throws a RangeError naming the factory, the
// parameter and the bad value. They run once per factory call, never per draw.

/**
 * Asserts that `value` is a finite number.
 * @throws RangeError `"<where>: <name> must be a finite number, got <value>"`.
 */
export function requireFinite(where: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${where}: ${name} must be a finite number, got ${String(value)}`);
  }
}

/**
 * Asserts that `value` is a finite number > 0.
 * @throws RangeError naming the parameter and the bad value.
 */
export function requirePositive(where: string, name: string, value: number): void {
  requireFinite(where, name, value);
  if (value <= 0) throw new RangeError(`${where}: ${name} must be > 0, got ${value}`);
}

/**
 * Asserts that `value` is a finite number ≥ 0.
 * @throws RangeError naming the parameter and the bad value.
 */
export function requireNonNegative(where: string, name: string, value: number): void {
  requireFinite(where, name, value);
  if (value < 0) throw new RangeError(`${where}: ${name} must be >= 0, got ${value}`);
}

/**
 * Asserts that `value` is a probability strictly inside (0, 1), as a quantile level must be.
 * @throws RangeError naming the parameter and the bad value.
 */
export function requireOpenProbability(where: string, name: string, value: number): void {
  requireFinite(where, name, value);
  if (value <= 0 || value >= 1) throw new RangeError(`${where}: ${name} must be in (0, 1), got ${value}`);
}

/**
 * Asserts that `array` is a non-empty array.
 * @throws RangeError if it is empty; TypeError if it is not an array.
 */
export function requireNonEmptyArray(where: string, name: string, array: readonly unknown[]): void {
  if (!Array.isArray(array)) throw new TypeError(`${where}: ${name} must be an array`);
  if (array.length === 0) throw new RangeError(`${where}: ${name} must not be empty`);
}
