/**
 * Every scenario in `examples/` is a working document: it is valid YAML, valid against the
 * committed JSON Schema (what an editor checks), accepted by `loadScenario`, runs, and runs
 * reproducibly. The published JSON Schema itself is checked to reject what the runtime rejects
 * for the rules it restates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../models/scenario/parse.js';
import { runScenario } from '../../models/scenario/run.js';
import type { RunSummary } from '../../models/report/summary-types.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const EXAMPLES = resolve(ROOT, 'examples');
const files = readdirSync(EXAMPLES)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

const schema = JSON.parse(
  readFileSync(resolve(ROOT, 'models/scenario/scenario.schema.json'), 'utf8'),
) as object;
// ajv's CommonJS build: the class is both the module and its `default`.
const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(schema);

const schemaErrors = (doc: unknown): string[] =>
  validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);

const read = (file: string): string => readFileSync(resolve(EXAMPLES, file), 'utf8');

// Each example is run once for the checks below (and once more for the determinism check).
const summaries = new Map<string, RunSummary>();
function summaryOf(file: string): RunSummary {
  let summary = summaries.get(file);
  if (summary === undefined) {
    summary = runScenario(read(file), { replications: 1 });
    summaries.set(file, summary);
  }
  return summary;
}

describe('examples/', () => {
  it('holds the documented examples', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'closed-loop.yaml',
        'k6-ramping.yaml',
        'mmc-erlang.yaml',
        'node-event-loop.yaml',
        'payments-data-tier.yaml',
        'pools-vs-max-connections.yaml',
        'tomcat-saturation.yaml',
      ]),
    );
  });

  describe.each(files)('%s', (file) => {
    const text = read(file);

    it('is valid YAML and valid against the committed JSON Schema', () => {
      const doc = parse(text) as unknown;
      expect(schemaErrors(doc)).toEqual([]);
    });

    it('passes loadScenario', () => {
      expect(() => loadScenario(text)).not.toThrow();
    });

    it('runs and sends requests', () => {
      const summary = summaryOf(file);
      expect(summary.requests.sent.value).toBeGreaterThan(0);
      expect(summary.replications).toBe(1);
    });

    it('gives a byte-identical result when run again with the same seed', () => {
      const again = runScenario(text, { replications: 1 });
      expect(JSON.stringify(again) === JSON.stringify(summaryOf(file))).toBe(true);
    });
  });
});

describe('what the examples show', () => {
  it('mmc-erlang matches Erlang C (Wq ≈ 2.86 ms, W ≈ 12.86 ms at ρ = 0.8)', () => {
    const s = summaryOf('mmc-erlang.yaml');
    expect(s.services[0]?.threadUtilization?.value).toBeCloseTo(0.8, 1);
    expect(s.breakdown.threadQueueMs.value).toBeGreaterThan(2.86 * 0.8);
    expect(s.breakdown.threadQueueMs.value).toBeLessThan(2.86 * 1.2);
    expect(s.latencyMs.succeeded.mean.value).toBeGreaterThan(12.86 * 0.95);
    expect(s.latencyMs.succeeded.mean.value).toBeLessThan(12.86 * 1.05);
  });

  it('tomcat-saturation overflows the accept queue and times clients out', () => {
    const s = summaryOf('tomcat-saturation.yaml');
    expect(s.services[0]?.listenOverflows.value).toBeGreaterThan(0);
    expect(s.failures['accept-queue-full'].value).toBeGreaterThan(0);
    expect(s.failures['client-timeout'].value).toBeGreaterThan(0);
  });
});

describe('what the data-tier examples show', () => {
  it('pools-vs-max-connections: the pods hold all 90 connections and the rest are refused (1040)', () => {
    const s = summaryOf('pools-vs-max-connections.yaml');
    const rds = s.components.find((c) => c.kind === 'database')!;
    expect(rds.levels.connections!.max.value).toBe(90);
    expect(s.failures['too-many-connections'].value).toBeGreaterThan(0);
    expect(s.bottleneck.component).toBe('database/rds');
  });

  it('payments-data-tier: 429s past the window limit, lock waits on the hot row, Kafka lag', () => {
    const s = summaryOf('payments-data-tier.yaml');
    expect(s.failures['rate-limited'].value).toBeGreaterThan(0);
    const db = s.components.find((c) => c.kind === 'database' && c.name === 'mariadb')!;
    expect(db.counters.lockWaits!.value).toBeGreaterThan(0);
    const topic = s.components.find((c) => c.kind === 'kafka')!;
    expect(topic.levels.lag!.max.value).toBeGreaterThan(10);
  });
});

describe('the published JSON Schema', () => {
  const valid = () => ({
    name: 'x',
    load: { executor: 'poisson', rate: '10/s', duration: '10s' },
    endpoints: { a: { steps: [{ cpu: '1ms' }] } },
    services: { api: {} },
  });

  it('accepts a minimal scenario', () => {
    expect(schemaErrors(valid())).toEqual([]);
  });

  it.each([
    ['an unknown field', (d: ReturnType<typeof valid>) => Object.assign(d.load, { bogus: 1 })],
    [
      'a step with two kinds',
      (d: ReturnType<typeof valid>) => (d.endpoints.a.steps = [{ cpu: '1ms', wait: '1ms' } as never]),
    ],
    [
      'a step with no kind',
      (d: ReturnType<typeof valid>) => (d.endpoints.a.steps = [{ name: 'x' } as never]),
    ],
    [
      'a distribution with two families',
      (d: ReturnType<typeof valid>) =>
        (d.endpoints.a.steps = [{ cpu: { constant: '1ms', exponential: '2ms' } } as never]),
    ],
    ['no endpoints', (d: ReturnType<typeof valid>) => (d.endpoints = {} as never)],
    ['an unknown executor', (d: ReturnType<typeof valid>) => (d.load.executor = 'nope')],
  ])('rejects %s, as loadScenario does', (_label, mutate) => {
    const doc = valid();
    mutate(doc);
    expect(schemaErrors(doc)).not.toEqual([]);
    expect(() => loadScenario(doc)).toThrow();
  });
});
