/**
 * The two kinds of failure in this module: malformed input (thrown) and per-metric failures that
 * the controller survives (reported in the decision).
 */
import type { MetricErrorCode } from './types.js';

/**
 * Thrown for input the API server would reject or that cannot describe a cluster (maxReplicas below
 * minReplicas, negative counts, a metric without its source object, an observation of the wrong
 * kind...). It is a `RangeError`; `path` names the offending field, e.g.
 * `spec.metrics[1].resource.name`. Not thrown for an unknown metric `type` or an unusable target:
 * the controller reports those as invalid metrics, and so does `decideReplicas`.
 */
export class HpaInputError extends RangeError {
  /** Stable code for tests and callers. */
  readonly code = 'HPA_ERR_INVALID_INPUT';

  constructor(
    /** Dotted path of the offending field. */
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'HpaInputError';
  }
}

/**
 * A failure while computing one metric's proposal: the controller marks that metric invalid
 * and carries on (`computeReplicasForMetrics`). Thrown by the replica calculator functions and
 * caught by the decision function.
 */
export class MetricComputationError extends Error {
  constructor(
    /** Stable code. */
    readonly code: MetricErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MetricComputationError';
  }

  /** A copy with `prefix: ` prepended, as the controller wraps errors on the way up. */
  wrap(prefix: string): MetricComputationError {
    return new MetricComputationError(this.code, `${prefix}: ${this.message}`);
  }
}
