/**
 * The command line: `capsim run FILE [--seed N] [--replications R] [--json] [--k6]`,
 * `capsim sweep` (see `cli-sweep.ts`), `capsim serve` and `capsim calibrate` (see `cli-calibrate.ts`).
 * Prints a readable summary, the result as JSON, or its k6-shaped summary. Exit codes: 0 done,
 * 1 invalid scenario or unreadable file, 2 bad usage.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runScenario, ScenarioError, toK6Summary } from '../models/index.js';
import { CALIBRATE_USAGE, calibrateMain } from './cli-calibrate.js';
import { formatSummary } from './cli-format.js';
import { startServer } from './serve.js';
import { sweepMain } from './cli-sweep.js';

const USAGE = `usage: capsim run FILE [--seed N] [--replications R] [--json] [--k6]
       capsim sweep FILE --load VALUES [--vary PATH=VALUES]... (see capsim sweep --help)
       capsim serve [--port P] [--host H] [--data DIR] [--threads T]
       capsim calibrate ... (see capsim calibrate --help)

  FILE              scenario in YAML or JSON
  --seed N          master seed (overrides the scenario's)
  --replications R  independent runs, 1..1000 (overrides the scenario's)
  --json            print the whole result as JSON
  --k6              print a k6-shaped summary (handleSummary data) as JSON
  serve             the HTTP API (default 127.0.0.1:3000, store in ./data, a worker per core);
                    PORT, HOST, CAPSIM_DATA and CAPSIM_THREADS set the defaults`;

/**
 * Runs the CLI with `argv` (without node and script); returns the exit code (a promise of it for
 * `capsim sweep`, which runs in worker threads).
 */
export function main(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): number | Promise<number> {
  if (argv[0] === 'sweep') return sweepMain(argv.slice(1), out, err);
  if (argv[0] === 'serve') return serveMain(argv.slice(1), out, err);
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

// `capsim serve`: starts the server and returns at once; the open server keeps the process alive.
function serveMain(argv: readonly string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', default: process.env.PORT ?? '3000' },
        host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
        data: { type: 'string', default: process.env.CAPSIM_DATA ?? 'data' },
        threads: {
          type: 'string',
          ...(process.env.CAPSIM_THREADS === undefined ? {} : { default: process.env.CAPSIM_THREADS }),
        },
      },
    }));
  } catch (e) {
    err.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const port = Number(values.port);
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (
    !Number.isInteger(port) ||
    port < 0 ||
    port > 65535 ||
    (threads !== undefined && !(Number.isInteger(threads) && threads >= 1))
  ) {
    err.write(`--port must be 0..65535 and --threads an integer ≥ 1\n${USAGE}\n`);
    return 2;
  }
  startServer({
    port,
    host: values.host,
    dataDir: values.data,
    ...(threads === undefined ? {} : { threads }),
  }).then(
    (server) => {
      out.write(`capsim API listening on ${server.url} (store ${values.data}/capsim.db)\n`);
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close());
    },
    (e: unknown) => {
      err.write(`capsim serve: ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
  return 0;
}
