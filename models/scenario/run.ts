/**
 * The whole pipeline, as Vega-Lite's `compile` lays out its phases:
 *
 *   text/object ──parse──▶ ScenarioSpec ──normalize──▶ NormalizedScenario (+ warnings)
 *     ──compile──▶ CompiledModel (per replication) ──run──▶ ReplicationResult
 *     ──summarize──▶ RunSummary (plain JSON; holds the normalized scenario and the seed)
 *
 * Replication i always uses the streams of `(seed, replication i)`, so results do not depend on
 * how many replications run or in which worker.
 */
import { RandomStreams } from '../../engine/index.js';
import { summarize } from '../report/summarize.js';
import type { RunSummary } from '../report/summary-types.js';
import type { ScenarioWarning } from './diagnostics.js';
import type { NormalizedScenario } from './normalized.js';
import { loadScenario } from './parse.js';
import { fromReplicationRecord } from './replication-record.js';
import type { ReplicationRecord } from './replication-record.js';
import { runReplication } from './run-replication.js';
import type { ReplicationResult } from './run-replication.js';

/** Overrides of the scenario's own run settings. */
export interface RunOptions {
  /** Master seed (overrides the scenario's `seed`). */
  readonly seed?: number | string;
  /** Number of replications (overrides the scenario's `replications`). */
  readonly replications?: number;
  /**
   * Index of the first replication run (default 0): the run is replications `first` to
   * `first + replications - 1`, each with its own streams, as in a run that started at 0.
   */
  readonly first?: number;
  /** Called after each replication with how many are done and how many there are. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The replications' raw measurements, before they are summarized. */
export interface ReplicationRun {
  /** The normalized scenario with the seed and replication count used. */
  readonly scenario: NormalizedScenario;
  readonly warnings: readonly ScenarioWarning[];
  readonly results: readonly ReplicationResult[];
}

/** A scenario ready to run: normalized, with the run settings applied. */
interface PreparedRun {
  readonly scenario: NormalizedScenario;
  readonly warnings: readonly ScenarioWarning[];
}

function prepareRun(input: unknown, options: RunOptions): PreparedRun {
  const { scenario: parsed, warnings } = loadScenario(input);
  const replications = options.replications ?? parsed.replications;
  if (!Number.isInteger(replications) || replications < 1 || replications > 1000) {
    throw new RangeError(`replications must be an integer in 1..1000, got ${replications}`);
  }
  return { scenario: { ...parsed, seed: options.seed ?? parsed.seed, replications }, warnings };
}

/**
 * Parses, validates, normalizes and runs a scenario's replications.
 * @param input - scenario text (YAML or JSON) or an already parsed document.
 * @throws ScenarioError `SCN_ERR_SYNTAX` / `SCN_ERR_INVALID` with every problem and its path;
 *   RangeError for a replications override outside 1..1000 or a negative `first`.
 */
export function runReplications(input: unknown, options: RunOptions = {}): ReplicationRun {
  const { scenario, warnings } = prepareRun(input, options);
  const first = options.first ?? 0;
  if (!Number.isSafeInteger(first) || first < 0) {
    throw new RangeError(`first must be a non-negative integer, got ${first}`);
  }
  const root = new RandomStreams(scenario.seed);
  const results = Array.from({ length: scenario.replications }, (_, i) => {
    const result = runReplication(scenario, root.replication(first + i), first + i);
    options.onProgress?.(i + 1, scenario.replications);
    return result;
  });
  return { scenario, warnings, results };
}

/**
 * Parses, validates, normalizes, runs and summarizes a scenario.
 * @param input - scenario text (YAML or JSON) or an already parsed document.
 * @throws as {@link runReplications}.
 */
export function runScenario(input: unknown, options: RunOptions = {}): RunSummary {
  const { scenario, warnings, results } = runReplications(input, options);
  return summarize(scenario, results, warnings);
}

/**
 * The run of replications made in parts (e.g. in several worker threads or machines, each with
 * `first` set), from their records: what {@link runReplications} with the same options gives when
 * `records` are replications 0 to `replications − 1` in order.
 * @throws as {@link runReplications}; RangeError when `records` are not replications 0, 1, … in
 *   order, one per replication.
 */
export function runOfRecords(
  input: unknown,
  options: Pick<RunOptions, 'seed' | 'replications'>,
  records: readonly ReplicationRecord[],
): ReplicationRun {
  const { scenario, warnings } = prepareRun(input, options);
  if (records.length !== scenario.replications || records.some((r, i) => r.index !== i)) {
    throw new RangeError(
      `expected replications 0..${scenario.replications - 1} in order, got [${records.map((r) => r.index).join(', ')}]`,
    );
  }
  return { scenario, warnings, results: records.map(fromReplicationRecord) };
}

/**
 * Summarizes replications run in parts: the same summary as {@link runScenario} with the same
 * options when `records` are replications 0 to `replications − 1` in order.
 * @throws as {@link runOfRecords}.
 */
export function summarizeRecords(
  input: unknown,
  options: Pick<RunOptions, 'seed' | 'replications'>,
  records: readonly ReplicationRecord[],
): RunSummary {
  const { scenario, warnings, results } = runOfRecords(input, options, records);
  return summarize(scenario, results, warnings);
}
