/**
 * `capsim sweep FILE --load FROM:TO:STEPS --vary PATH=V1,V2 ...`: the failure curve of a scenario
 * file, points spread over worker threads, a table per point (95 % CIs in brackets) and the knee.
 * The same sweep posted to `/v1/sweeps` gives the same numbers. Exit codes: 0 done, 1 invalid
 * scenario, sweep or unreadable file, 2 bad usage.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseScenarioText, ScenarioError, validateScenario } from '../models/index.js';
import { SweepError } from '../models/sweep/errors.js';
import { planSweep } from '../models/sweep/plan.js';
import { varySchema } from '../models/sweep/schema.js';
import type { SweepResult } from '../models/sweep/sweep-result.js';
import { inProcessRunner } from './jobs/in-process.js';
import { runSweep } from './jobs/sweep-job.js';
import { formatEstimate, table } from './cli-format.js';
import { parseCommand } from './cli-args.js';
import { progressBar } from './cli-progress.js';
import { QueueRunner } from './distributed/queue-runner.js';
import { RedisUnavailableError, connectRedis } from './distributed/redis.js';
import { SimulationPool } from './workers/simulation-pool.js';

export const SWEEP_USAGE = `usage: capsim sweep FILE [--load VALUES] [--vary PATH=VALUES]... [--replications R] [--seed N]
                         [--threads T] [--redis URL] [--json]

  FILE              scenario in YAML or JSON (as for capsim run and the API)
  --load VALUES     the offered load: iterations/s, or VUs for the VU executors
  --vary PATH=VALUES  a field of the scenario, e.g. services.api.replicas=1,2,4 (repeatable)
  VALUES            a list (100,200,400) or a range FROM:TO:STEPS, optionally :log or :int
  --replications R  runs per point (default: the scenario's)
  --seed N          master seed, the same at every point (default: the scenario's)
  --threads T       worker threads (default: one per core; 1 runs in this process)
  --redis URL       run the replications on capsim workers through this Redis (one job each);
                    the result is the same bytes
  --json            print the whole result as JSON
A progress bar shows on a terminal (not when CI is set).`;

// `1,2,4` or `100:2000:20[:log][:int]`; list items are JSON where they parse (numbers, objects), else strings.
function parseValues(text: string): Record<string, unknown> {
  const range = /^(-?[\d.e+-]+):(-?[\d.e+-]+):(\d+)((?::(?:log|int))*)$/.exec(text);
  if (range !== null) {
    const flags = range[4]!.split(':');
    return {
      from: Number(range[1]),
      to: Number(range[2]),
      steps: Number(range[3]),
      ...(flags.includes('log') ? { scale: 'log' } : {}),
      ...(flags.includes('int') ? { integer: true } : {}),
    };
  }
  return {
    values: text.split(',').map((v) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return v;
      }
    }),
  };
}

/** Runs `capsim sweep` (arguments after the word `sweep`); resolves with the exit code. */
export async function sweepMain(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const parsed = parseCommand(
    argv,
    {
      load: { type: 'string' },
      vary: { type: 'string', multiple: true, default: [] },
      replications: { type: 'string' },
      seed: { type: 'string' },
      threads: { type: 'string' },
      redis: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    SWEEP_USAGE,
    out,
    err,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals, usage, integer } = parsed;
  if (positionals.length !== 1) return usage('give one scenario file');
  const raw: unknown[] = [];
  if (values.load !== undefined) {
    const v = parseValues(values.load);
    raw.push({ load: 'values' in v ? v.values : v });
  }
  for (const item of values.vary) {
    const eq = item.indexOf('=');
    if (eq <= 0) return usage(`--vary ${item}: expected PATH=VALUES`);
    raw.push({ path: item.slice(0, eq), ...parseValues(item.slice(eq + 1)) });
  }
  if (raw.length === 0) return usage('give --load or --vary');
  const vary = varySchema.safeParse(raw);
  if (!vary.success)
    return usage(vary.error.issues.map((i) => `${['vary', ...i.path].join('.')}: ${i.message}`).join('\n'));
  const replications = integer('replications', 1, 1000);
  const seed = integer('seed', 0, 2 ** 32 - 1);
  const threads = integer('threads', 1, 256);
  if (replications === null || seed === null || threads === null) return 2;

  const file = positionals[0]!;
  let plan;
  try {
    const document = parseScenarioText(readFileSync(file, 'utf8'));
    validateScenario(document);
    plan = planSweep(document as Record<string, unknown>, vary.data, {
      ...(seed === undefined ? {} : { seed }),
      ...(replications === undefined ? {} : { replications }),
    });
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof SweepError || (e as { code?: string }).code === 'ENOENT') {
      err.write(`${file}: ${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }
  let redis;
  try {
    redis = values.redis === undefined ? undefined : await connectRedis(values.redis);
  } catch (e) {
    if (!(e instanceof RedisUnavailableError)) throw e;
    err.write(`capsim sweep: ${e.message}\n`);
    return 1;
  }
  const remote = redis === undefined ? undefined : new QueueRunner({ redis });
  await remote?.ready();
  // With workers elsewhere, this process only merges each point's replications.
  const threadCount = threads ?? (remote === undefined ? availableParallelism() : 1);
  const runner = threadCount === 1 ? inProcessRunner : new SimulationPool({ threads: threadCount });
  const bar = progressBar(err, plan.points.length * plan.replications, 'replications');
  try {
    const text = await runSweep(runner, plan, { onProgress: () => bar.tick() }, remote);
    bar.end();
    out.write(
      values.json
        ? `${JSON.stringify(JSON.parse(text), null, 2)}\n`
        : `${formatSweep(JSON.parse(text) as SweepResult)}\n`,
    );
    return 0;
  } finally {
    if (runner instanceof SimulationPool) await runner.close();
    await remote?.close();
    redis?.disconnect();
  }
}

/** The sweep as a table, one line per point, and its knee. */
export function formatSweep(r: SweepResult): string {
  const names = r.parameters.map((p) => (p.unit === null ? p.name : `${p.name} (${p.unit})`));
  const rows = [
    [...names, 'offered/s', 'ok/s', 'p50 ms', 'p95 ms', 'p99 ms', 'failed %', 'dropped %', 'bottleneck'],
    ...r.points.map((p) => [
      ...r.parameters.map((q) => JSON.stringify(p.values[q.name])),
      formatEstimate(p.throughput.offeredPerSec),
      formatEstimate(p.throughput.succeededPerSec),
      formatEstimate(p.latencyMs.p50),
      formatEstimate(p.latencyMs.p95),
      formatEstimate(p.latencyMs.p99),
      formatEstimate(percent(p.failureRate)),
      formatEstimate(percent(p.failureRateByCause['dropped-iteration'] ?? { value: 0, ci95: null })),
      p.bottleneck.component,
    ]),
  ];
  const ci = r.replications > 1 ? ` (95 % CI over ${r.replications} replications in brackets)` : '';
  const knee =
    r.knee.knee === null
      ? `knee: none (${r.knee.reason})`
      : `knee: ${r.parameters[0]!.name} = ${r.knee.knee.value} (p95 ${formatEstimate({ value: r.knee.knee.p95Ms, ci95: null })} ms)`;
  return [`sweep of ${r.scenario}  seed ${String(r.seed)}${ci}`, '', table(rows), '', knee].join('\n');
}

const percent = (e: { value: number | null; ci95: readonly [number, number] | null }) => ({
  value: e.value === null ? null : e.value * 100,
  ci95: e.ci95 === null ? null : ([e.ci95[0] * 100, e.ci95[1] * 100] as const),
});
