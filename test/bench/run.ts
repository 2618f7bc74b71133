// `npm run bench` — the engine's speed and memory on M/M/8 at ρ = 0.9, through its public API.
// `npm run bench -- --json` prints one JSON object per line instead of a table.
// Each scenario runs in its own process, one after the other, so their peak RSS do not mix.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const json = process.argv.includes('--json');
const scenarioFile = fileURLToPath(new URL('./scenario.ts', import.meta.url));
const names = ['bare-mm8-1M', 'mm8-1M', 'mm8-10M', 'ratio-1M', 'service-6m', 'service-1h', 'data-tier-10m'];

function run(name: string, file = scenarioFile): Record<string, number | string | number[]> {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', file, ...(file === scenarioFile ? [name] : [])],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (child.status !== 0) throw new Error(`bench scenario ${name} failed with status ${child.status}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Record<string, number | string | number[]>;
}

// The API's benchmarks: their own scripts, each printing one JSON line.
const apiBenches = ['sweep-workers', 'api-latency', 'sweep-redis'];

const results: Record<string, Record<string, number | string | number[]>> = {};
for (const name of [...names, ...apiBenches]) {
  const r = apiBenches.includes(name)
    ? run(name, fileURLToPath(new URL(`./${name}.ts`, import.meta.url)))
    : run(name);
  results[name] = r;
  if (json) console.log(JSON.stringify(r));
}

if (!json) {
  const fmt = (n: unknown, digits = 2) => (typeof n === 'number' ? n.toFixed(digits) : String(n));
  const bare = results['bare-mm8-1M']!;
  const ratio = results['ratio-1M']!;
  for (const name of ['mm8-1M', 'mm8-10M']) {
    const r = results[name]!;
    const rate = r.customersPerSecond as number;
    const wait = r.meanWaitS as number;
    const erlang = r.erlangCMeanWaitS as number;
    console.log(
      `${name}: M/M/8 at rho 0.9, ${r.customers} customers through Resource + seeded streams + histogram`,
    );
    const runs = r.allSeconds
      ? ` (median of ${(r.allSeconds as number[]).length} runs: ${(r.allSeconds as number[]).join(', ')} s)`
      : '';
    console.log(
      `  ${fmt(rate / 1e6)} M customers/s${runs}, ${fmt((r.eventsPerSecond as number) / 1e6)} M events/s, ${fmt(r.seconds, 3)} s`,
    );
    console.log(
      `  peak RSS ${fmt(r.rssMB, 1)} MB${r.rssTrailMB ? ` (every 1 M customers: ${(r.rssTrailMB as number[]).join(', ')} MB)` : ''}`,
    );
    console.log(
      `  mean wait ${fmt(wait, 4)} s vs Erlang C ${fmt(erlang, 4)} s (${fmt((100 * (wait - erlang)) / erlang, 1)} %)`,
    );
  }
  console.log(
    `bare-mm8-1M (no engine, Math.random, no histogram): ${fmt((bare.customersPerSecond as number) / 1e6)} M customers/s, peak RSS ${fmt(bare.rssMB, 1)} MB`,
  );
  // The issue's target, 3.5 M customers/s where the bare loop ran 5.9 M/s, is a ratio of 0.59.
  console.log(
    `engine / bare loop, alternated in one process (median of ${ratio.pairs} pairs): ` +
      `${fmt((ratio.engineCustomersPerSecond as number) / 1e6)} / ${fmt((ratio.bareCustomersPerSecond as number) / 1e6)} M customers/s = ` +
      `${fmt(ratio.engineOverBare, 3)} (target 3.5 / 5.9 = 0.593)`,
  );
  const hour = results['service-1h']!;
  const six = results['service-6m']!;
  console.log(
    `service-1h: 15 pods, 2,000 requests/s, 3-step endpoint, 1 simulated hour: ${hour.requests} requests in ${fmt(hour.seconds, 1)} s = ` +
      `${fmt((hour.requestsPerSecond as number) / 1e3, 0)} k simulated requests/s (target 500 k), ${fmt((hour.events as number) / (hour.seconds as number) / 1e6)} M events/s`,
  );
  console.log(
    `  peak RSS ${fmt(hour.rssMB, 1)} MB for 1 h vs ${fmt(six.rssMB, 1)} MB for 6 min (${fmt((six.requestsPerSecond as number) / 1e3, 0)} k requests/s); p95 ${fmt(hour.p95Ms, 1)} ms, CPU ${fmt(100 * (hour.cpuUtilization as number), 1)} % of limit`,
  );
  const sweep = results['sweep-workers']!;
  const seconds = (xs: unknown) => (xs as number[]).map((x) => fmt(x, 1)).join(', ');
  console.log(
    `sweep-workers: ${sweep.points} points × ${sweep.replications} replications (seed 000 target, 100..2,000 VUs): ` +
      `1 worker ${seconds(sweep.oneWorkerSeconds)} s, 2 workers ${seconds(sweep.twoWorkersSeconds)} s; ` +
      `median speed-up ${fmt(sweep.speedUp)} (target 1.7); same bytes: ${String(sweep.identical)}`,
  );
  const redis = results['sweep-redis']!;
  console.log(
    `sweep-redis: ${redis.points} points × ${redis.replications} replications = ${redis.jobs} jobs through Redis: ` +
      `in-process ${fmt(redis.inProcessSeconds, 1)} s, 1 worker process ${fmt(redis.oneWorkerSeconds, 1)} s, ` +
      `2 ${fmt(redis.twoWorkersSeconds, 1)} s (speed-up ${fmt(redis.speedUp)}); overhead ${fmt(redis.overheadMsPerJob, 0)} ms a job; same bytes: ${String(redis.identical)}`,
  );
  type Latency = { medianMs: number; allMs: number[] };
  const api = results['api-latency'] as unknown as Record<string, Record<string, Latency>>;
  const line = (x: Latency) => `${fmt(x.medianMs, 0)} ms (${x.allMs.join(', ')})`;
  for (const threads of ['threads1', 'threads2'])
    console.log(
      `api-latency, ${threads.slice(7)} worker thread(s): one-minute what-if of the seed 000 target (futures-order-api step-6) over HTTP, median of 5: ` +
        `${line(api[threads]!.twelveReplications!)} with its 12 replications, ${line(api[threads]!.oneReplication!)} with 1`,
    );
}
