// The public surface of models/: what api/, notebooks and integration tests import.
export { runOfRecords, runReplications, runScenario, summarizeRecords } from './scenario/run.js';
export { recordsFromJson, recordsToJson } from './scenario/replication-json.js';
export { fromReplicationRecord, toReplicationRecord } from './scenario/replication-record.js';
export type { ReplicationRecord } from './scenario/replication-record.js';
export type { ReplicationRun, RunOptions } from './scenario/run.js';
export { loadScenario, parseScenarioText, validateScenario } from './scenario/parse.js';
export { normalizeScenario } from './scenario/normalize.js';
export type { NormalizeResult } from './scenario/normalize.js';
export { scenarioSchema } from './scenario/schema.js';
export type { ScenarioInput, ScenarioSpec } from './scenario/schema.js';
export type { NormalizedScenario } from './scenario/normalized.js';
export { ScenarioError } from './scenario/errors.js';
export type { ScenarioErrorCode } from './scenario/errors.js';
export type { ScenarioIssue, ScenarioWarning } from './scenario/diagnostics.js';
export { DEFAULTS } from './scenario/defaults.js';
export { FAILURE_CAUSES, REQUEST_FAILURE_CAUSES } from './client/failure-cause.js';
export type { FailureCause, RequestFailureCause } from './client/failure-cause.js';
export type { Estimate } from './report/estimate.js';
export type * from './report/summary-types.js';
export { toK6Summary } from './report/k6-export.js';
export type { K6Metric, K6Summary } from './report/k6-export.js';
export type { ComponentSummary } from './report/component-summary.js';
export type {
  AutoscalingSummary,
  PodTimeline,
  ReactionParts,
  ScaleUpReaction,
} from './report/autoscaling-summary.js';
export type { ScaleDecision } from './service/hpa-controller.js';
export { DATA_FAILURE_CAUSES } from './data/contracts.js';
export type { DataFailureCause } from './data/contracts.js';
// The HPA decision function, usable on its own (as the controller computes it).
export { decideReplicas } from './hpa/index.js';
export type { HpaDecision, HpaDecisionInput } from './hpa/index.js';
