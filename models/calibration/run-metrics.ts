/**
 * A simulated run's figures under the names of a k6 summary (`http_req_duration.p(95)`,
 * `http_reqs.rate`, ...), so predictions compare with measurements key by key.
 */
import { toK6Summary } from '../report/k6-export.js';
import type { RunSummary } from '../report/summary-types.js';
import { runScenario } from '../scenario/run.js';
import { readK6Summary } from './k6-summary.js';

/**
 * Runs a scenario document and returns its summary and its k6-named figures (metrics without
 * data, such as the p99 of no requests, are absent).
 * @throws ScenarioError for an invalid document (with every problem and its path).
 */
export function runForMetrics(doc: unknown): { summary: RunSummary; metrics: Map<string, number> } {
  const summary = runScenario(doc);
  return { summary, metrics: readK6Summary(toK6Summary(summary)) };
}
