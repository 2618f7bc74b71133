/**
 * The command line: `capsim run FILE [--seed N] [--replications R] [--json] [--k6]`, and
 * `capsim calibrate` (see `cli-calibrate.ts`).
 * Prints a readable summary, the result as JSON, or its k6-shaped summary. Exit codes: 0 done,
 * 1 invalid scenario or unreadable file, 2 bad usage.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runScenario, ScenarioError, toK6Summary } from '../models/index.js';
import { CALIBRATE_USAGE, calibrateMain } from './cli-calibrate.js';
import { formatSummary } from './cli-format.js';

const USAGE = `usage: capsim run FILE [--seed N] [--replications R] [--json] [--k6]
       capsim calibrate ... (see capsim calibrate --help)

  FILE              scenario in YAML or JSON
  --seed N          master seed (overrides the scenario's)
  --replications R  independent runs, 1..1000 (overrides the scenario's)
  --json            print the whole result as JSON
  --k6              print a k6-shaped summary (handleSummary data) as JSON`;

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export function main(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): number {
  if (argv[0] === 'calibrate') {
    if (argv.includes('--help') || argv.includes('-h')) {
      out.write(`${CALIBRATE_USAGE}\n`);
      return 0;
    }
    return calibrateMain(argv.slice(1), out, err);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        seed: { type: 'string' },
        replications: { type: 'string' },
        json: { type: 'boolean', default: false },
        k6: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    err.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals[0] !== 'run' || positionals.length !== 2) {
    err.write(`${USAGE}\n`);
    return 2;
  }
  const replications = values.replications === undefined ? undefined : Number(values.replications);
  if (
    replications !== undefined &&
    !(Number.isInteger(replications) && replications >= 1 && replications <= 1000)
  ) {
    err.write(`--replications must be an integer in 1..1000, got ${values.replications}\n`);
    return 2;
  }
  const seed =
    values.seed === undefined ? undefined : /^-?\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  let text: string;
  try {
    text = readFileSync(positionals[1]!, 'utf8');
  } catch (e) {
    err.write(`cannot read ${positionals[1]}: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    const summary = runScenario(text, {
      ...(seed === undefined ? {} : { seed }),
      ...(replications === undefined ? {} : { replications }),
    });
    if (values.json) out.write(`${JSON.stringify(summary, null, 2)}\n`);
    else if (values.k6) out.write(`${JSON.stringify(toK6Summary(summary), null, 2)}\n`);
    else out.write(`${formatSummary(summary)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ScenarioError) {
      err.write(`${positionals[1]}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
