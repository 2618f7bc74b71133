/**
 * Warnings for a data tier that cannot carry the load as written: a database whose cores the
 * queries' CPU exceeds at the peak rate, or a Redis server whose main thread the commands exceed.
 * Lower bounds from mean demands only (no queueing), like the pods' CPU warning.
 */
import { distributionMoments } from '../../../engine/index.js';
import type { DistributionSpec } from '../../../engine/index.js';
import type { Diagnostics } from '../../scenario/diagnostics.js';
import type { NormalizedScenario, NormalizedStep } from '../../scenario/normalized.js';

const mean = (d: DistributionSpec | null): number => (d === null ? 0 : distributionMoments(d).mean);
const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));

/** Mean demand per iteration: query CPU ms per (service, pool) and Redis main-thread ms per server. */
interface Demand {
  readonly queryCpuMs: Map<string, number>;
  readonly redisMs: Map<string, number>;
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function walk(
  s: NormalizedScenario,
  service: string,
  steps: readonly NormalizedStep[],
  p: number,
  d: Demand,
): void {
  const commandMs = (server: string) => mean(s.redis.find((r) => r.name === server)?.commandTime ?? null);
  for (const step of steps) {
    switch (step.kind) {
      case 'query':
        add(d.queryCpuMs, `${service}/${step.pool}`, p * mean(step.cpu));
        break;
      case 'redis':
        add(d.redisMs, step.server, p * (step.time === null ? commandMs(step.server) : mean(step.time)));
        break;
      case 'cache': {
        const miss = p * (1 - step.hitRatio);
        add(d.redisMs, step.server, (p + miss) * commandMs(step.server));
        walk(s, service, step.miss, miss, d);
        break;
      }
      case 'rateLimit': {
        const redis = s.rateLimiters.find((l) => l.name === step.limiter)?.redis ?? null;
        if (redis !== null) add(d.redisMs, redis, p * commandMs(redis));
        break;
      }
      case 'parallel':
        for (const b of step.branches) walk(s, service, b, p, d);
        break;
      case 'broadcast': {
        // One PUBLISH, then one delivery per subscribing pod (at its initial replica count).
        const pods = s.services.find((x) => x.name === step.subscribers)?.replicas ?? 0;
        add(d.redisMs, step.server, p * (commandMs(step.server) + pods * mean(step.perSubscriber)));
        walk(s, step.subscribers, step.deliver, p * pods, d);
        break;
      }
      default:
        break;
    }
  }
}

/** Adds the data tier's capacity warnings for a peak arrival rate of `peakPerSec`. */
export function dataCapacityWarnings(s: NormalizedScenario, peakPerSec: number, diag: Diagnostics): void {
  const d: Demand = { queryCpuMs: new Map(), redisMs: new Map() };
  for (const e of s.endpoints) walk(s, e.service, e.steps, e.share, d);
  // Database cores: the primary takes writer pools (directly or through a multiplexer), the
  // replicas share reader pools.
  for (const db of s.databases) {
    let primaryMs = 0;
    let replicaMs = 0;
    for (const svc of s.services) {
      for (const pool of svc.pools) {
        const target =
          pool.targetKind === 'database'
            ? pool.target
            : s.multiplexers.find((m) => m.name === pool.target)?.database;
        if (target !== db.name) continue;
        const ms = d.queryCpuMs.get(`${svc.name}/${pool.name}`) ?? 0;
        if (pool.endpoint === 'reader') replicaMs += ms;
        else primaryMs += ms;
      }
    }
    const check = (ms: number, servers: number, what: string) => {
      const cores = (peakPerSec * ms) / 1000;
      if (servers > 0 && cores > servers * db.cores) {
        diag.warn(
          'SCN_WARN_DATABASE_OVERLOAD',
          ['databases', db.name],
          `at the peak rate (${fmt(peakPerSec)}/s) query CPU on the ${what} needs ${fmt(cores)} cores on average, but it has ${fmt(servers * db.cores)}: queries will queue without bound`,
        );
      }
    };
    check(primaryMs, 1, 'primary');
    check(replicaMs, db.replicas, 'replicas');
  }
  for (const r of s.redis) {
    const busy = (peakPerSec * (d.redisMs.get(r.name) ?? 0)) / 1000;
    if (busy > 1) {
      diag.warn(
        'SCN_WARN_REDIS_OVERLOAD',
        ['redis', r.name],
        `at the peak rate (${fmt(peakPerSec)}/s) commands need ${fmt(busy)} s of the main thread per second: Redis runs one command at a time, so its queue will grow without bound`,
      );
    }
  }
}
