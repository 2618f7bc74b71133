/**
 * The command line: `capsim run` (see `cli-run.ts`), `capsim sweep` (see `cli-sweep.ts`),
 * `capsim chart` (see `cli-chart.ts`), `capsim serve` and `capsim calibrate` (see `cli-calibrate.ts`). Exit codes: 0 done, 1 invalid
 * scenario or unreadable file, 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { CALIBRATE_USAGE, calibrateMain } from './cli-calibrate.js';
import { chartMain } from './cli-chart.js';
import { workerMain } from './cli-worker.js';
import { runMain } from './cli-run.js';
import { startServer } from './serve.js';
import { sweepMain } from './cli-sweep.js';

const USAGE = `usage: capsim run FILE [--seed N] [--replications R] [--threads T] [--json] [--k6]
       capsim sweep FILE --load VALUES [--vary PATH=VALUES]... (see capsim sweep --help)
       capsim chart RESULT.json... [--kind K] [--out FILE.svg|.png|.json] (see capsim chart --help)
       capsim serve [--port P] [--host H] [--data DIR] [--threads T] [--redis URL]
       capsim worker --redis URL [--threads T] [--lock-ms MS] (see capsim worker --help)
       capsim calibrate ... (see capsim calibrate --help)

  run               one scenario's replications (see capsim run --help)
  serve             the HTTP API (default 127.0.0.1:3000, store in ./data, a worker per core);
                    PORT, HOST, CAPSIM_DATA, CAPSIM_THREADS and CAPSIM_REDIS set the defaults;
                    with --redis, sweeps and capacity searches run on capsim workers`;

/**
 * Runs the CLI with `argv` (without node and script); returns the exit code, or a promise of it
 * for the commands that run simulations.
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
  if (argv[0] === 'run') return runMain(argv.slice(1), out, err);
  if (argv[0] === 'chart') return chartMain(argv.slice(1), out, err);
  if (argv[0] === 'worker') return workerMain(argv.slice(1), out, err);
  if (argv[0] === '--help' || argv[0] === '-h') {
    out.write(`${USAGE}\n`);
    return 0;
  }
  err.write(`${USAGE}\n`);
  return 2;
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
        redis: {
          type: 'string',
          ...(process.env.CAPSIM_REDIS === undefined ? {} : { default: process.env.CAPSIM_REDIS }),
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
    ...(values.redis === undefined ? {} : { redisUrl: values.redis }),
  }).then(
    (server) => {
      out.write(
        `capsim API listening on ${server.url} (store ${values.data}/capsim.db${values.redis === undefined ? '' : `; sweeps on the workers of ${values.redis}`})\n`,
      );
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close());
    },
    (e: unknown) => {
      err.write(`capsim serve: ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
  return 0;
}
