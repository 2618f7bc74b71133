/**
 * `capsim run FILE`: one scenario's replications, in this process or split over worker threads
 * (`--threads`), with a progress bar on a terminal. Prints a readable summary, the result as
 * JSON, or its k6-shaped summary; the JSON is the same bytes as the API's for the same scenario
 * and seed, however many threads ran it.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { loadScenario, ScenarioError, toK6Summary } from '../models/index.js';
import type { RunSummary } from '../models/index.js';
import { parseCommand } from './cli-args.js';
import { formatSummary } from './cli-format.js';
import { progressBar } from './cli-progress.js';
import { inProcessRunner } from './jobs/in-process.js';
import { runSimulation } from './jobs/simulation-job.js';
import { SimulationPool } from './workers/simulation-pool.js';

/** `capsim run`'s usage text. */
export const RUN_USAGE = `usage: capsim run FILE [--seed N] [--replications R] [--threads T] [--json] [--k6]

  FILE              scenario in YAML or JSON
  --seed N          master seed (overrides the scenario's)
  --replications R  independent runs, 1..1000 (overrides the scenario's)
  --threads T       worker threads to split the replications over, 1..256; "auto" is one per
                    core (default 1: this process). The result is the same bytes either way.
                    Threads start in well under a second: worth it from a few seconds of
                    simulation on.
  --json            print the whole result as JSON
  --k6              print a k6-shaped summary (handleSummary data) as JSON`;

/**
 * Runs `capsim run` with its arguments (after `run`); resolves with the exit code: 0 done,
 * 1 invalid scenario or unreadable file, 2 bad usage.
 */
export async function runMain(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const parsed = parseCommand(
    argv,
    {
      seed: { type: 'string' },
      replications: { type: 'string' },
      threads: { type: 'string' },
      json: { type: 'boolean', default: false },
      k6: { type: 'boolean', default: false },
    },
    RUN_USAGE,
    out,
    err,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals, usage, integer } = parsed;
  if (positionals.length !== 1) return usage('give one scenario file');
  const replications = integer('replications', 1, 1000);
  const threadsGiven = values.threads === 'auto' ? availableParallelism() : integer('threads', 1, 256);
  if (replications === null || threadsGiven === null) return 2;
  const threads = threadsGiven ?? 1;
  const seed =
    values.seed === undefined ? undefined : /^-?\d+$/.test(values.seed) ? Number(values.seed) : values.seed;

  const file = positionals[0]!;
  let document: string;
  let total: number;
  try {
    document = readFileSync(file, 'utf8');
  } catch (e) {
    err.write(`cannot read ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    // Validated here, so that a bad file is reported before any thread starts.
    total = replications ?? loadScenario(document).scenario.replications;
  } catch (e) {
    if (e instanceof ScenarioError) {
      err.write(`${file}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  // A pool's threads take a moment to start: not worth it for a single replication.
  const runner = Math.min(threads, total) === 1 ? inProcessRunner : new SimulationPool({ threads });
  const bar = progressBar(err, total, 'replications');
  try {
    const text = await runSimulation(
      runner,
      {
        document,
        total,
        ...(seed === undefined ? {} : { seed }),
        ...(replications === undefined ? {} : { replications }),
      },
      { onProgress: () => bar.tick() },
    );
    bar.end();
    const summary = JSON.parse(text) as RunSummary;
    if (values.json) out.write(`${JSON.stringify(summary, null, 2)}\n`);
    else if (values.k6) out.write(`${JSON.stringify(toK6Summary(summary), null, 2)}\n`);
    else out.write(`${formatSummary(summary)}\n`);
    return 0;
  } finally {
    if (runner instanceof SimulationPool) await runner.close();
  }
}
