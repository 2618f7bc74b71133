/** Warnings that only the run can give: what a load-test report would flag. */
import type { ScenarioWarning } from '../scenario/diagnostics.js';
import type { RunSummary } from './summary-types.js';

/** Warnings about the measured results. */
export function runWarnings(s: Omit<RunSummary, 'warnings'>): ScenarioWarning[] {
  const out: ScenarioWarning[] = [];
  const dropped = s.iterations.dropped.value ?? 0;
  if (dropped > 0) {
    out.push({
      code: 'SCN_WARN_DROPPED_ITERATIONS',
      path: 'load',
      message: `${dropped} iterations were dropped for lack of an idle VU (k6 dropped_iterations); the load actually offered is lower than configured`,
    });
  }
  const interrupted = s.iterations.interrupted.value ?? 0;
  if (interrupted > 0) {
    out.push({
      code: 'SCN_WARN_INTERRUPTED',
      path: 'load.gracefulStop',
      message: `${interrupted} iterations were still running when gracefulStop ended and were interrupted`,
    });
  }
  if ((s.requests.sent.value ?? 0) === 0) {
    out.push({
      code: 'SCN_WARN_NOTHING_MEASURED',
      path: '',
      message: 'no request was measured (after the warm-up)',
    });
  }
  return out;
}
