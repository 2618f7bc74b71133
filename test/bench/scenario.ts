// One benchmark scenario in a fresh process (so peak RSS is its own), printed as one JSON line.
// Usage: node --import tsx test/bench/scenario.ts <name>; run.ts starts these.
import { runBareMm8 } from './bare-loop.js';
import { runMm8 } from './mm8-model.js';
import type { Mm8Result } from './mm8-model.js';
import { runDataTierBench, runServiceBench } from './service-model.js';

const WARMUP_CUSTOMERS = 1_000_000;
const REPEATS = 5;

/** The run with the median time among `REPEATS` runs of `fn` (the machines are shared and noisy). */
function median<R extends { seconds: number }>(fn: (repeat: number) => R): R & { allSeconds: number[] } {
  const runs = Array.from({ length: REPEATS }, (_, i) => fn(i)).sort((a, b) => a.seconds - b.seconds);
  return { ...runs[Math.floor(REPEATS / 2)]!, allSeconds: runs.map((r) => Number(r.seconds.toFixed(4))) };
}

function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function engineFigures(r: Mm8Result): Record<string, number> {
  return {
    customers: r.customers,
    events: r.events,
    seconds: r.seconds,
    customersPerSecond: r.customers / r.seconds,
    eventsPerSecond: r.events / r.seconds,
    rssMB: peakRssMB(),
    meanWaitS: r.meanWaitS,
    erlangCMeanWaitS: r.analyticMeanWaitS,
  };
}

const scenarios: Record<string, () => Record<string, unknown>> = {
  // M/M/8 at ρ = 0.9 for 1 M customers, the median of 5 runs with seeds 1..5; a warm-up run first
  // lets the JIT settle, as it does in any simulation longer than a second.
  'mm8-1M': () => {
    runMm8(WARMUP_CUSTOMERS, 'warm-up');
    const r = median((i) => runMm8(1_000_000, i + 1));
    return { ...engineFigures(r), p99WaitS: r.p99WaitS, allSeconds: r.allSeconds };
  },
  // Ten times longer: memory must stay flat (the trail samples RSS every 1 M customers).
  'mm8-10M': () => {
    const r = runMm8(10_000_000);
    return { ...engineFigures(r), rssTrailMB: r.rssTrailMB.map((mb) => Math.round(mb)) };
  },
  // Engine and bare loop alternately in one process, 7 pairs: the machines' speed drifts by tens
  // of percent over minutes, so only a ratio measured side by side compares them fairly.
  'ratio-1M': () => {
    runMm8(WARMUP_CUSTOMERS, 'warm-up');
    runBareMm8(WARMUP_CUSTOMERS);
    const engine: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < 7; i++) {
      engine.push(1_000_000 / runMm8(1_000_000, i + 1).seconds);
      bare.push(1_000_000 / runBareMm8(1_000_000).seconds);
    }
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    return {
      customers: 1_000_000,
      seconds: 1_000_000 / mid(engine),
      customersPerSecond: mid(engine),
      pairs: engine.length,
      engineCustomersPerSecond: mid(engine),
      bareCustomersPerSecond: mid(bare),
      engineOverBare: mid(engine) / mid(bare),
      rssMB: peakRssMB(),
    };
  },
  // Issue 3: a 15-pod service at 2,000 requests/s, three-step endpoint, one simulated hour
  // (7.2 M requests) through the whole scenario pipeline; a 1-minute run first warms the JIT.
  'service-1h': () => {
    runServiceBench(60, 'warm-up');
    const r = runServiceBench(3600);
    return { ...r, requestsPerSecond: r.requests / r.seconds, rssMB: peakRssMB() };
  },
  // The same for 6 simulated minutes: its peak RSS beside service-1h's shows memory is flat.
  'service-6m': () => {
    runServiceBench(60, 'warm-up');
    const r = runServiceBench(360);
    return { ...r, requestsPerSecond: r.requests / r.seconds, rssMB: peakRssMB() };
  },
  // Issue 4: the same service with pools, a database and its replica, Redis and Kafka, for 10
  // simulated minutes (1.2 M requests).
  'data-tier-10m': () => {
    runDataTierBench(60, 'warm-up');
    const r = runDataTierBench(600);
    return { ...r, requestsPerSecond: r.requests / r.seconds, rssMB: peakRssMB() };
  },
  // The ceiling: the same model as a bare typed-array loop with Math.random and no statistics.
  'bare-mm8-1M': () => {
    runBareMm8(WARMUP_CUSTOMERS);
    const r = median(() => runBareMm8(1_000_000));
    return {
      customers: 1_000_000,
      allSeconds: r.allSeconds,
      seconds: r.seconds,
      customersPerSecond: 1_000_000 / r.seconds,
      rssMB: peakRssMB(),
      meanWaitS: r.meanWaitS,
    };
  },
};

const name = process.argv[2] ?? '';
const scenario = scenarios[name];
if (scenario === undefined) {
  console.error(`unknown scenario '${name}'; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
console.log(JSON.stringify({ name, ...scenario() }));
