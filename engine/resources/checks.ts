import { SimError } from '../errors.js';

/**
 * Validates a slot or item count: an integer ≥ 0, or `Infinity` when `allowInfinity`.
 * @throws SimError `SIM_ERR_INVALID_ARGUMENT` naming the parameter otherwise.
 */
export function checkCount(name: string, value: number, allowInfinity: boolean): number {
  if ((allowInfinity && value === Infinity) || (Number.isInteger(value) && value >= 0)) return value;
  throw new SimError(
    'SIM_ERR_INVALID_ARGUMENT',
    `${name} must be an integer ≥ 0${allowInfinity ? ' or Infinity' : ''}, got ${value}`,
  );
}

/**
 * Validates a wait timeout (ms): ≥ 0 or `Infinity` (one comparison also rejects NaN).
 * @throws SimError `SIM_ERR_INVALID_ARGUMENT` naming the parameter otherwise.
 */
export function checkTimeout(name: string, value: number): number {
  if (value >= 0) return value;
  throw new SimError('SIM_ERR_INVALID_ARGUMENT', `${name} must be ≥ 0 ms or Infinity, got ${value}`);
}
