import {
  Environment,
  LatencyHistogram,
  RandomStreams,
  Resource,
  exponential,
  mmc,
} from '../../engine/index.js';
import type { ResourceRequest } from '../../engine/index.js';

/** What one M/M/c benchmark run measured. */
export interface Mm8Result {
  customers: number;
  events: number;
  seconds: number;
  meanWaitS: number;
  analyticMeanWaitS: number;
  p99WaitS: number;
  /** RSS (MB) sampled after each tenth of the customers: flat means memory does not grow. */
  rssTrailMB: number[];
}

/** Parameters of the benchmark: M/M/8 at ρ = 0.9 (λ = 7.2/s, μ = 1/s per server). */
export const MM8 = { servers: 8, arrivalsPerS: 7.2, servicesPerS: 1 } as const;

/**
 * Runs M/M/8 for `customers` arrivals through the engine's public API only — a Resource for the
 * servers, named seeded streams, exponential samplers, every wait recorded in a LatencyHistogram —
 * and times the simulation (not the set-up).
 */
export function runMm8(customers: number, seed: number | string = 1): Mm8Result {
  const env = new Environment();
  const streams = new RandomStreams(seed);
  const interarrivalMs = exponential(streams.stream('arrivals'), 1000 / MM8.arrivalsPerS);
  const serviceMs = exponential(streams.stream('service'), 1000 / MM8.servicesPerS);
  const servers = new Resource(env, { capacity: MM8.servers });
  const waits = new LatencyHistogram();
  const rssTrailMB: number[] = [];
  const checkpoint = Math.max(1, Math.floor(customers / 10));
  let arrived = 0;

  const depart = (req: ResourceRequest): void => req.release();
  const startService = (req: ResourceRequest): void => {
    waits.record(env.now - req.requestedAt);
    env.schedule(serviceMs(), depart, req);
  };
  const arrive = (): void => {
    servers.request(startService, undefined);
    if (++arrived < customers) env.schedule(interarrivalMs(), arrive);
    if (arrived % checkpoint === 0) rssTrailMB.push(process.memoryUsage.rss() / 2 ** 20);
  };

  env.schedule(0, arrive);
  const started = process.hrtime.bigint();
  env.run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    customers,
    events: env.eventsProcessed,
    seconds,
    meanWaitS: waits.mean / 1000,
    analyticMeanWaitS: mmc(MM8.arrivalsPerS, MM8.servicesPerS, MM8.servers).meanWait,
    p99WaitS: waits.quantile(0.99) / 1000,
    rssTrailMB,
  };
}
