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
import { loadScenario } from './parse.js';
import { runReplication } from './run-replication.js';

/** Overrides of the scenario's own run settings. */
export interface RunOptions {
  /** Master seed (overrides the scenario's `seed`). */
  readonly seed?: number | string;
  /** Number of replications (overrides the scenario's `replications`). */
  readonly replications?: number;
}

/**
 * Parses, validates, normalizes, runs and summarizes a scenario.
 * @param input - scenario text (YAML or JSON) or an already parsed document.
 * @throws ScenarioError `SCN_ERR_SYNTAX` / `SCN_ERR_INVALID` with every problem and its path;
 *   RangeError for a replications override outside 1..1000.
 */
export function runScenario(input: unknown, options: RunOptions = {}): RunSummary {
  const { scenario: parsed, warnings } = loadScenario(input);
  const replications = options.replications ?? parsed.replications;
  if (!Number.isInteger(replications) || replications < 1 || replications > 1000) {
    throw new RangeError(`replications must be an integer in 1..1000, got ${replications}`);
  }
  const scenario = { ...parsed, seed: options.seed ?? parsed.seed, replications };
  const root = new RandomStreams(scenario.seed);
  const results = Array.from({ length: replications }, (_, i) =>
    runReplication(scenario, root.replication(i), i),
  );
  return summarize(scenario, results, warnings);
}
