import type { ScenarioIssue } from './diagnostics.js';

/** Codes of {@link ScenarioError}. */
export type ScenarioErrorCode =
  /** The text is neither JSON nor YAML. */
  | 'SCN_ERR_SYNTAX'
  /** The document parsed but breaks the schema or a cross-field rule; see `issues`. */
  | 'SCN_ERR_INVALID';

/**
 * A scenario that cannot run, with every problem found (not just the first), each with its path.
 * The message lists them one per line.
 */
export class ScenarioError extends Error {
  readonly code: ScenarioErrorCode;
  readonly issues: readonly ScenarioIssue[];

  constructor(code: ScenarioErrorCode, issues: readonly ScenarioIssue[]) {
    const lines = issues.map((i) => `  ${i.path === '' ? '(document)' : i.path}: ${i.message}`);
    super(
      `invalid scenario (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    );
    this.name = 'ScenarioError';
    this.code = code;
    this.issues = issues;
  }
}
