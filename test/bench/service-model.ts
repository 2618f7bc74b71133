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
