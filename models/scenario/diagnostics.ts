/**
 * Problems found in a scenario: errors (the scenario cannot run) and warnings (it runs, but
 * probably not as its author meant). Both point at a field by its path, written the way a user
 * reads the document: `services.api.tomcat.maxThreads`, `endpoints.order.steps[2].cpu`.
 */

/** A field path as segments: keys and array indices. */
export type PathSegments = readonly (string | number)[];

/** One problem with a field. */
export interface ScenarioIssue {
  /** Dotted path with `[i]` for array indices; `""` for the whole document. */
  readonly path: string;
  readonly message: string;
}

/** A warning: the scenario runs, but something in it is probably not what was meant. */
export interface ScenarioWarning extends ScenarioIssue {
  /** Stable code (`SCN_WARN_*`) for tests and clients; the message may change. */
  readonly code: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Formats path segments: `['endpoints', 'order', 'steps', 2, 'cpu']` → `endpoints.order.steps[2].cpu`. */
export function formatPath(segments: PathSegments): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Collects errors and warnings while a scenario is normalized; passed down, never global. */
export class Diagnostics {
  readonly errors: ScenarioIssue[] = [];
  readonly warnings: ScenarioWarning[] = [];

  /** Records an error at `path`. */
  error(path: PathSegments, message: string): void {
    this.errors.push({ path: formatPath(path), message });
  }

  /** Records a warning with its stable `code` at `path`. */
  warn(code: string, path: PathSegments, message: string): void {
    this.warnings.push({ code, path: formatPath(path), message });
  }
}
