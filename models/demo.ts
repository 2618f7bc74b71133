// `npm start` until the HTTP API exists (issue 7): a small capacity question answered with the
// engine, printed as a summary. A service with 8 worker threads receives Poisson traffic; each
// request holds a thread for a lognormal time (p50 80 ms, p95 300 ms). How do latency and
// queueing change as traffic grows toward and past saturation? Each load level runs 10 independent
// replications; figures are means with 95 % confidence intervals, beside the M/G/c estimate.
import {
  Environment,
  LatencyHistogram,
  RandomStreams,
  Resource,
  confidenceInterval,
  distributionMoments,
  createSampler,
  erlangC,
  exponential,
} from '../engine/index.js';
import type { DistributionSpec, ResourceRequest } from '../engine/index.js';

const THREADS = 8;
const SERVICE: DistributionSpec = { kind: 'lognormal', p50: 80, p95: 300 };
const DURATION_MS = 10 * 60_000;
const WARMUP_MS = 60_000;
const REPLICATIONS = 10;
const SEED = 2026;

interface Replication {
  p50: number;
  p95: number;
  p99: number;
  meanWaitMs: number;
  utilization: number;
}

function simulate(ratePerS: number, streams: RandomStreams): Replication {
  const env = new Environment();
  const interarrival = exponential(streams.stream('arrivals'), 1000 / ratePerS);
  const service = createSampler(SERVICE, streams.stream('service'));
  const threads = new Resource(env, { capacity: THREADS });
  const latency = new LatencyHistogram();
  let waitSumMs = 0;
  let busyMs = 0;

  const finish = (req: ResourceRequest): void => {
    req.release();
    if (req.requestedAt >= WARMUP_MS) latency.record(env.now - req.requestedAt);
  };
  const start = (req: ResourceRequest): void => {
    const serviceMs = service();
    if (req.requestedAt >= WARMUP_MS) {
      waitSumMs += req.waitMs;
      busyMs += serviceMs;
    }
    env.schedule(serviceMs, finish, req);
  };
  const arrive = (): void => {
    threads.request(start, undefined);
    env.schedule(interarrival(), arrive);
  };
  env.schedule(0, arrive);
  env.run({ until: DURATION_MS });
  const [p50, p95, p99] = latency.quantiles([0.5, 0.95, 0.99]) as [number, number, number];
  return {
    p50,
    p95,
    p99,
    meanWaitMs: waitSumMs / Math.max(1, latency.count),
    utilization: busyMs / ((DURATION_MS - WARMUP_MS) * THREADS),
  };
}

const { mean: meanServiceMs, variance } = distributionMoments(SERVICE);
const cv2 = variance / meanServiceMs ** 2;
const fmt = (ci: { mean: number; halfWidth: number }, digits = 0) =>
  `${ci.mean.toFixed(digits)} ± ${ci.halfWidth.toFixed(digits)}`;

console.log(`capsim demo: ${THREADS} worker threads, service time lognormal p50 80 ms / p95 300 ms`);
console.log(
  `(mean ${meanServiceMs.toFixed(1)} ms, cv² ${cv2.toFixed(2)}), ${REPLICATIONS} replications × 10 min, seed ${SEED}\n`,
);
console.log(
  ['load/s', 'util', 'p50 ms', 'p95 ms', 'p99 ms', 'mean wait ms', 'M/G/c wait estimate ms']
    .map((h, i) => h.padEnd([7, 6, 14, 14, 14, 18][i] ?? 0))
    .join(' '),
);
const root = new RandomStreams(SEED);
for (const ratePerS of [30, 45, 55, 62, 68, 75]) {
  const reps = Array.from({ length: REPLICATIONS }, (_, i) => simulate(ratePerS, root.replication(i)));
  const ci = (pick: (r: Replication) => number) => confidenceInterval(reps.map(pick));
  // Allen–Cunneen approximation: M/M/c wait scaled by (1 + cv²)/2 for general service times.
  const offered = (ratePerS * meanServiceMs) / 1000;
  let estimate = 'overloaded: no steady state';
  if (offered < THREADS) {
    const mmcWaitMs = (erlangC(THREADS, offered) * meanServiceMs) / (THREADS - offered);
    estimate = ((mmcWaitMs * (1 + cv2)) / 2).toFixed(1);
  }
  console.log(
    [
      String(ratePerS).padEnd(7),
      `${(ci((r) => r.utilization).mean * 100).toFixed(0)} %`.padEnd(6),
      fmt(ci((r) => r.p50)).padEnd(14),
      fmt(ci((r) => r.p95)).padEnd(14),
      fmt(ci((r) => r.p99)).padEnd(14),
      fmt(
        ci((r) => r.meanWaitMs),
        1,
      ).padEnd(18),
      estimate,
    ].join(' '),
  );
}
