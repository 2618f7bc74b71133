/**
 * Seed 002 measured nothing, so its preset is checked for what the issue asks of it: it runs the
 * guide's architecture with every component the guide names, each one doing work, and the report
 * shows capsim's predictions for every variant.
 */
import { describe, expect, it } from 'vitest';
import { checkPresets } from '../../models/presets/check.js';
import { calibrationReport } from '../../models/presets/calibration-report.js';
import { baseDocument, getPreset } from '../../models/presets/index.js';
import { predictVariants } from '../../models/presets/variant-predictions.js';
import { loadScenario } from '../../models/scenario/parse.js';
import { runScenario } from '../../models/scenario/run.js';
import type { ComponentSummary } from '../../models/report/component-summary.js';

const preset = getPreset('trading-platform');

describe('trading-platform (seed 002)', () => {
  const doc = baseDocument(preset);
  const summary = runScenario(doc);
  const component = (kind: string, name: string): ComponentSummary => {
    const c = summary.components.find((x) => x.kind === kind && x.name === name);
    if (c === undefined) throw new Error(`no ${kind} ${name}`);
    return c;
  };
  const counter = (c: ComponentSummary, name: string) => c.counters[name]!.value!;

  it('declares every component of the guide', () => {
    const s = loadScenario(doc).scenario;
    const api = s.services.find((x) => x.name === 'api')!;
    expect(api.balancer).toBe('least-connections');
    expect(api.autoscaling?.metrics.map((m) => m.kind)).toEqual(['cpu', 'memory']);
    expect(s.multiplexers[0]).toMatchObject({
      kind: 'pgbouncer',
      mode: 'transaction',
      poolSize: 20,
      maxClientConnections: 1000,
    });
    expect(s.databases[0]).toMatchObject({ engine: 'postgres', replicas: 1 });
    expect(s.redis[0]).toMatchObject({ shards: 3 });
    expect(s.rabbitmq[0]).toMatchObject({ connectionPerPublish: true, prefetch: null });
  });

  it('puts every component to work under the wrk order test', () => {
    expect(summary.requests.sent.value).toBeGreaterThan(5000);
    // The HPA scales the API up from 3 on CPU (500 % of the 100m request).
    const api = summary.services.find((s) => s.name === 'api')!;
    expect(api.maxDesiredReplicas.value).toBe(10);
    expect(api.meanReadyPods.value).toBeGreaterThan(3);
    // Writes go through PgBouncer, which holds at most its 20 server connections.
    const bouncer = component('multiplexer', 'pgbouncer');
    expect(bouncer.levels.serverConnections!.max.value).toBeLessThanOrEqual(20);
    expect(bouncer.levels.clients!.max.value).toBeGreaterThan(0);
    expect(counter(component('database', 'timescaledb'), 'queries')).toBeGreaterThan(0);
    // Price-cache misses read from the replica.
    expect(counter(component('database', 'timescaledb/replica-1'), 'queries')).toBeGreaterThan(0);
    // The cache spreads over the three masters of the cluster.
    for (const i of [1, 2, 3])
      expect(counter(component('redis', `cache/shard-${i}`), 'commands')).toBeGreaterThan(1000);
    // Every order publishes a task, with a connection per publish (8 round trips of 0.5 ms).
    const tasks = component('rabbitmq', 'tasks');
    expect(counter(tasks, 'published')).toBe(summary.requests.sent.value);
    expect(counter(tasks, 'consumed')).toBeGreaterThan(0);
    expect(tasks.meanWaitMs!.value).toBeCloseTo(4, 6);
    for (const pool of ['api/primary', 'api/replica', 'worker/primary'])
      expect(counter(component('pool', pool), 'acquired')).toBeGreaterThan(0);
  });

  it('reports a prediction for every variant, since nothing was measured', () => {
    const checks = checkPresets([preset]);
    const predictions = predictVariants(checks);
    expect(predictions.map((p) => p.variant.name)).toEqual(preset.variants.map((v) => v.name));
    for (const p of predictions) expect(p.requestsPerSec).toBeGreaterThan(0);
    const md = calibrationReport(checks, [], {}, 'calibration.vl.json', predictions);
    expect(md).toContain('### Predictions');
    expect(md).not.toContain('### Targets');
    for (const v of preset.variants) expect(md).toMatch(new RegExp(`\\| ${v.name} \\| \\d`));
  });
});
