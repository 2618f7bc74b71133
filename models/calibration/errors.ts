/**
 * The one error type of calibration: every failure carries a stable code, and where it concerns a
 * place in a document (a scenario field, a k6 summary value) the path of that place.
 */

/**
 * Codes of {@link CalibrationError}. Stable for tests and callers; the message may change. New
 * codes may be added, so callers should not treat this union as closed.
 */
export type CalibrationErrorCode =
  /** A document path is malformed, or names nothing in the document (or cannot be set there). */
  | 'CAL_ERR_PATH'
  /** A k6 summary is malformed, or lacks a requested value. */
  | 'CAL_ERR_K6_SUMMARY'
  /** Calibration input is unusable: bounds, a starting point, options, or a non-finite objective. */
  | 'CAL_ERR_INVALID';

/**
 * A failure of calibration. The message starts with `path: ` when `path` is set, so that a user
 * sees where the problem is without reading the fields.
 */
export class CalibrationError extends Error {
  /** Stable code; see {@link CalibrationErrorCode}. */
  readonly code: CalibrationErrorCode;
  /** The path of the offending place, as printed by `formatPath`; absent when none applies. */
  readonly path?: string;

  /**
   * @param code - stable code.
   * @param detail - what is wrong, without the path (it is prepended here).
   * @param path - where, if anywhere; `""` means the whole document and prints as `(document)`.
   */
  constructor(code: CalibrationErrorCode, detail: string, path?: string) {
    super(path === undefined ? detail : `${path === '' ? '(document)' : path}: ${detail}`);
    this.name = 'CalibrationError';
    this.code = code;
    if (path !== undefined) this.path = path;
  }
}
