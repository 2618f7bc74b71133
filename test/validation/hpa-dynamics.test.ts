/**
 * Kubernetes dynamics through the whole pipeline (issue 5, "What proves it"): a step load and the
 * replica timeline with the latency spike while capacity catches up, the reaction delay broken
 * into its parts; scale-down draining pods and closing their pools; pods waiting for a node and a
 * cluster autoscaler; seed 000's plan step 3.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../models/report/summary-types.js';
import { runScenario } from '../../models/scenario/run.js';

const STEP_MS = 60_000;

function stepLoad(extra: Record<string, unknown> = {}, service: Record<string, unknown> = {}): RunSummary {
  return runScenario({
    name: 'step-load',
    timeSeries: { interval: '5s' },
    load: {
      executor: 'ramping-arrival-rate',
      startRate: 100,
      preAllocatedVUs: 100,
      maxVUs: 5000,
      stages: [
        { duration: '60s', target: 100 },
        { duration: '1s', target: 400 },
        { duration: '240s', target: 400 },
      ],
    },
    endpoints: { order: { steps: [{ cpu: { exponential: { mean: '4ms' } } }, { wait: '10ms' }] } },
    services: {
      api: {
        replicas: 2,
        resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: 1 } },
        autoscaling: { minReplicas: 2, maxReplicas: 10, metrics: [{ cpu: '60%' }] },
        startup: { start: '15s' },
        ...service,
      },
    },
    ...extra,
  });
}

describe('a step load: 100 → 400 requests/s at t = 60 s on 2 pods, CPU target 60 %', () => {
  const s = stepLoad();
  const api = s.services[0]!;
  const a = api.autoscaling!;
  const rows = s.timeSeries.rows;

  it('scales up after the metrics show the step, in steps the legacy path allows (×2 or +4 at most)', () => {
    expect(a.decisions.length).toBeGreaterThanOrEqual(1);
    const first = a.decisions[0]!;
    // The metric needs a scrape covering the step, then the next sync: 15 to 45 s after it.
    expect(first.tMs).toBeGreaterThanOrEqual(STEP_MS + 15_000);
    expect(first.tMs).toBeLessThanOrEqual(STEP_MS + 45_000);
    expect(first.from).toBe(2);
    expect(first.to).toBe(4); // max(2 × 2, 4)
    expect(first.limitedBy).toBe('ScaleUpLimit');
    // 400/s × 4 ms = 1.6 cores; at 60 % of 500m that is ⌈1.6 / 0.3⌉ = 6 pods.
    expect(a.decisions.at(-1)!.to).toBe(6);
    expect(api.maxDesiredReplicas.value).toBe(6);
    // No scale-down under constant load.
    expect(a.decisions.every((d) => d.to > d.from)).toBe(true);
  });

  it('breaks the time from decision to ready capacity into its parts', () => {
    const r = a.reaction;
    const sum = r.scheduleMs.value! + r.imagePullMs.value! + r.startupMs.value! + r.readinessMs.value!;
    expect(r.decisionToReadyMs.value).toBeCloseTo(sum, 6);
    expect(r.scheduleMs.value).toBe(1000); // the default, no node limits
    expect(r.startupMs.value).toBe(15_000);
    // The probe runs every 10 s from the container start: the wait after the app is up is < 10 s.
    expect(r.readinessMs.value).toBeGreaterThanOrEqual(0);
    expect(r.readinessMs.value).toBeLessThan(10_000);
    // From the step: metrics (until a sample shows it) + sync (the sample's age at the decision).
    const first = a.scaleUps[0]!;
    expect(first.sampleAtMs).toBeGreaterThan(STEP_MS);
    expect(first.sampleAtMs! - STEP_MS).toBeLessThanOrEqual(15_000 + 15_000);
    expect(first.sampleAtMs! + first.sampleAgeMs!).toBe(first.decisionMs);
    expect(first.sampleAgeMs).toBeLessThan(15_000);
    for (const up of a.scaleUps) {
      expect(up.lastReadyMs).not.toBeNull();
      expect(up.lastReadyMs! - up.decisionMs).toBeLessThanOrEqual(1000 + 15_000 + 10_000);
    }
  });

  it('the replica timeline: desired jumps at each decision, ready follows one start-up later', () => {
    const at = (tMs: number) => rows.find((r) => r.tMs === tMs)!.services.api!;
    expect(at(0).desiredReplicas).toBe(2);
    expect(at(0).readyPods).toBe(2);
    const lastReady = Math.max(...a.scaleUps.map((u) => u.lastReadyMs!));
    const after = rows.find((r) => r.tMs >= lastReady + 5000)!.services.api!;
    expect(after.readyPods).toBe(6);
    expect(after.desiredReplicas).toBe(6);
    const between = at(Math.ceil((a.decisions[0]!.tMs + 1) / 5000) * 5000);
    expect(between.desiredReplicas).toBeGreaterThan(between.readyPods);
  });

  it('latency spikes while capacity catches up, then recovers', () => {
    const p95 = (from: number, to: number) =>
      Math.max(...rows.filter((r) => r.tMs >= from && r.tMs < to).map((r) => r.p95Ms ?? 0));
    const before = p95(10_000, STEP_MS);
    const spike = p95(STEP_MS, a.decisions[0]!.tMs);
    const settled = p95(Math.max(...a.scaleUps.map((u) => u.lastReadyMs!)) + 10_000, 290_000);
    expect(spike).toBeGreaterThan(1.5 * before);
    expect(settled).toBeLessThan(0.7 * spike);
  });
});

describe('scale-down drains pods and closes their pools', () => {
  const s = runScenario({
    name: 'scale-down',
    timeSeries: { interval: '10s' },
    load: {
      executor: 'ramping-arrival-rate',
      startRate: 400,
      preAllocatedVUs: 100,
      maxVUs: 5000,
      stages: [
        { duration: '30s', target: 400 },
        { duration: '1s', target: 50 },
        { duration: '300s', target: 50 },
      ],
    },
    endpoints: {
      order: { steps: [{ cpu: { exponential: { mean: '4ms' } } }, { query: { pool: 'db', io: '5ms' } }] },
    },
    services: {
      api: {
        replicas: 6,
        resources: { requests: { cpu: '500m' }, limits: { cpu: 1 } },
        pools: { db: { driver: 'hikari', database: 'pg', maximumPoolSize: 5 } },
        autoscaling: {
          minReplicas: 2,
          maxReplicas: 10,
          metrics: [{ cpu: '60%' }],
          behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
        },
      },
    },
    databases: { pg: { cores: 8 } },
  });
  const a = s.services[0]!.autoscaling!;

  it('waits out the scale-down stabilization window, then deletes pods without failing requests', () => {
    const down = a.decisions.filter((d) => d.to < d.from);
    expect(down.length).toBeGreaterThan(0);
    // The window is 60 s, and the HPA's initial recommendation (6) holds it up just as long.
    expect(down[0]!.tMs).toBeGreaterThanOrEqual(60_000);
    expect(a.decisions.at(-1)!.to).toBe(2);
    expect(s.requests.failed.value).toBe(0);
    const deleted = a.pods.filter((p) => p.deletedMs !== null);
    expect(deleted.length).toBe(4);
    for (const p of deleted) expect(p.terminatedMs).not.toBeNull();
  });

  it("the deleted pods' Hikari connections leave the database", () => {
    const rows = s.timeSeries.rows;
    const connections = (r: (typeof rows)[number]) => r.components['database/pg']!.connections!;
    expect(connections(rows[1]!)).toBe(30); // 6 pods × 5, filled at start
    expect(connections(rows.at(-2)!)).toBe(10); // 2 pods × 5
  });
});

describe('pods wait for a node; the cluster autoscaler adds one', () => {
  it('a pod that fits nowhere stays pending until a node arrives after the provisioning delay', () => {
    const s = stepLoad({
      cluster: {
        nodes: { count: 1, cpu: 2, memory: '8Gi' },
        autoscaler: { maxNodes: 3, provisionDelay: '60s' },
      },
    });
    const a = s.services[0]!.autoscaling!;
    const added = a.pods.filter((p) => p.createdMs > 0);
    // One node of 2 cores holds 4 pods of 500m: the 2 running and 2 new; the rest wait.
    const waited = added.filter((p) => p.scheduledMs! - p.createdMs > 1000);
    expect(waited.length).toBeGreaterThan(0);
    for (const p of waited) expect(p.scheduledMs! - p.createdMs).toBeGreaterThanOrEqual(60_000);
    expect(a.reaction.scheduleMs.value).toBeGreaterThan(1000);
    expect(s.services[0]!.maxDesiredReplicas.value).toBe(6);
  });
});

describe('seed 000 step 3 (examples/seed-000-step-3-hpa.yaml): min 3, max 15, CPU 60 %, 4 pods or 100 % per 15 s', () => {
  const text = readFileSync(new URL('../../examples/seed-000-step-3-hpa.yaml', import.meta.url), 'utf8');
  const s = runScenario(text);
  const a = s.services[0]!.autoscaling!;

  it('reaches its maximum of 15 pods at 2,000 TPS', () => {
    expect(s.services[0]!.maxDesiredReplicas.value).toBe(15);
    expect(a.pods.filter((p) => p.readyMs !== null && p.deletedMs === null).length).toBe(15);
  });

  it('each step is within the policies: at most max(+4, ×2) per 15 s', () => {
    for (const d of a.decisions.filter((x) => x.to > x.from)) {
      expect(d.to).toBeLessThanOrEqual(Math.max(d.from + 4, 2 * d.from));
    }
  });

  it('its pods hold fewer connections than max_connections 300', () => {
    const rds = s.components.find((c) => c.kind === 'database' && c.name === 'rds')!;
    expect(rds.levels.connections!.max.value).toBeLessThanOrEqual(300);
    expect(rds.counters.refusals!.value).toBe(0);
    expect(s.requests.failed.value).toBe(0);
  });
});

describe('the other metrics', () => {
  const base = (autoscaling: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    runScenario({
      name: 'metrics',
      load: {
        executor: 'constant-arrival-rate',
        rate: 400,
        duration: '150s',
        preAllocatedVUs: 100,
        maxVUs: 2000,
      },
      endpoints: { order: { service: 'api', steps: [{ cpu: '1ms' }, { produce: { topic: 'events' } }] } },
      services: {
        api: {
          replicas: 2,
          resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: 2 } },
          autoscaling: { minReplicas: 2, maxReplicas: 10, ...autoscaling },
          workingSet: { base: '200Mi', perRequest: '1Mi' },
        },
      },
      kafka: { events: { partitions: 2, consumers: { instances: 1, process: '5ms' } } },
      ...extra,
    });

  it('requests per second per pod: 400/s at 50 per pod asks for 8 pods (2 → 4 → 8 on the legacy path)', () => {
    const s = base({ metrics: [{ requestsPerSecond: 50 }] });
    const a = s.services[0]!.autoscaling!;
    expect(a.decisions.map((d) => [d.from, d.to])).toEqual([
      [2, 4],
      [4, 8],
    ]);
    expect(a.decisions[0]!.metrics[0]!.current).toBeCloseTo(200, 0);
  });

  it('memory: a working set that does not shrink with more pods scales to the maximum (a known trap)', () => {
    // 200 Mi at rest of a 256 Mi request is 78 %, above the 60 % target however many pods share the load.
    const s = base({ metrics: [{ memory: '60%' }] });
    expect(s.services[0]!.maxDesiredReplicas.value).toBe(10);
  });

  it('Kafka lag (External, Value): a consumer that falls behind drives the scale-up', () => {
    // One consumer at 5 ms per message drains 200/s of the 400/s produced: the lag grows at 200/s.
    const s = base({ metrics: [{ kafkaLag: { topic: 'events', value: 1000 } }] });
    const a = s.services[0]!.autoscaling!;
    expect(a.decisions.length).toBeGreaterThan(0);
    expect(a.decisions[0]!.reason).toContain('above target');
    expect(a.decisions[0]!.metrics[0]!.current).toBeGreaterThan(1000);
  });
});
