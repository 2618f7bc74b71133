import type { ScenarioIssue } from '../scenario/diagnostics.js';

/** Codes of {@link SweepError}. */
export type SweepErrorCode =
  /** A parameter cannot be applied to the scenario (a bad path, a shorthand the load has no knob for). */
  | 'SWEEP_ERR_PARAMETER'
  /** A point's document breaks the scenario schema; the issues say which point and field. */
  | 'SWEEP_ERR_POINT_INVALID'
  /** A point's document is well formed but cannot run (cross-field rules). */
  | 'SWEEP_ERR_POINT_IMPOSSIBLE';

/** A sweep or capacity search that cannot run, with every problem and its path (`vary[0].path`). */
export class SweepError extends Error {
  constructor(
    readonly code: SweepErrorCode,
    readonly issues: readonly ScenarioIssue[],
  ) {
    super(issues.map((i) => `${i.path === '' ? '(sweep)' : i.path}: ${i.message}`).join('\n'));
    this.name = 'SweepError';
  }
}
