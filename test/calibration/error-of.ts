import { expect } from 'vitest';
import { CalibrationError } from '../../models/calibration/errors.js';

/** The CalibrationError `fn` throws (fails the test if it throws none, or something else). */
export function errorOf(fn: () => unknown): CalibrationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CalibrationError);
    return error as CalibrationError;
  }
  throw new Error('expected a CalibrationError');
}
