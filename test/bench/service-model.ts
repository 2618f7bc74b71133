// The issue 3 benchmark model: a 15-pod Spring Boot service at 2,000 requests/s with a
// three-step endpoint (CPU, a database-like wait, CPU), through the whole scenario pipeline.
import { runScenario } from '../../models/index.js';

/** The scenario document for `durationS` simulated seconds. */
export function serviceScenario(durationS: number, seed: number | string = 1): Record<string, unknown> {
  return {
    name: 'bench-15-pods',
    seed,
    load: {
      executor: 'constant-arrival-rate',
      rate: 2000,
      duration: `${durationS}s`,
      preAllocatedVUs: 400,
      maxVUs: 2000,
      gracefulStop: '5s',
    },
    endpoints: {
      order: {
        steps: [
          { cpu: { lognormal: { p50: '4ms', p95: '12ms' } } },
          { wait: { lognormal: { p50: '6ms', p95: '20ms' } } },
          { cpu: { exponential: '2ms' } },
        ],
      },
    },
    services: {
      api: {
        server: 'thread-per-request',
        replicas: 15,
        resources: { requests: { cpu: '500m' }, limits: { cpu: 1 } },
      },
    },
  };
}

/** Runs it once; returns simulated requests, wall seconds and the result's headline figures. */
export function runServiceBench(durationS: number, seed: number | string = 1) {
  const t0 = process.hrtime.bigint();
  const s = runScenario(serviceScenario(durationS, seed));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const requests = s.requests.sent.value ?? 0;
  return {
    requests,
    events: s.events,
    seconds,
    p95Ms: s.latencyMs.succeeded.p95.value,
    cpuUtilization: s.services[0]!.cpuUtilization?.value ?? null,
  };
}

/**
 * The issue 4 variant: the same 15 pods and load, with the data tier on the request path: a Redis
 * cache lookup (80 % hits; a miss reads a replica through a Hikari pool), a write through a Hikari
 * pool to the primary, and a Kafka event drained by six consumers.
 */
export function dataTierScenario(durationS: number, seed: number | string = 1): Record<string, unknown> {
  const base = serviceScenario(durationS, seed) as { services: { api: Record<string, unknown> } };
  return {
    ...base,
    name: 'bench-15-pods-data-tier',
    endpoints: {
      order: {
        steps: [
          { cpu: { lognormal: { p50: '3ms', p95: '9ms' } } },
          {
            cache: {
              server: 'cache',
              hitRatio: '80%',
              miss: [{ query: { pool: 'reads', cpu: '0.5ms', io: { exponential: '2ms' } } }],
            },
          },
          { query: { pool: 'master', cpu: '0.5ms', io: { lognormal: { p50: '2ms', p95: '6ms' } } } },
          { produce: { topic: 'orders' } },
          { cpu: { exponential: '1ms' } },
        ],
      },
    },
    services: {
      api: {
        ...base.services.api,
        pools: {
          master: { driver: 'hikari', database: 'db', maximumPoolSize: 20 },
          reads: { driver: 'hikari', database: 'db', endpoint: 'reader', maximumPoolSize: 10 },
        },
      },
    },
    databases: { db: { instance: 'db.r6g.2xlarge', replicas: 1, maxConnections: 1000 } },
    redis: { cache: {} },
    kafka: { orders: { partitions: 6, consumers: { instances: 6, process: { exponential: '1ms' } } } },
  };
}

/** Runs the data-tier variant once. */
export function runDataTierBench(durationS: number, seed: number | string = 1) {
  const t0 = process.hrtime.bigint();
  const s = runScenario(dataTierScenario(durationS, seed));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const db = s.components.find((c) => c.kind === 'database' && c.name === 'db');
  return {
    requests: s.requests.sent.value ?? 0,
    events: s.events,
    seconds,
    p95Ms: s.latencyMs.succeeded.p95.value,
    failureRate: s.requests.failureRate.value,
    databaseUtilization: db?.utilization?.value ?? null,
  };
}
