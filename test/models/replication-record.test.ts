/**
 * A run split into parts (as worker threads run it) summarizes to the same bytes as one run: each
 * replication's measurements become data (`toReplicationRecord`), pass a structured clone (what
 * `postMessage` does between threads) and come back exactly. The scenario has what a record holds:
 * an HPA with its decisions and pods, connection pools and a database (component probes), two
 * endpoints, time-series rows and a warm-up. Through JSON text (a job queue's way) too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { splitReplications } from '../../api/jobs/simulation-job.js';
import { Recorder } from '../../models/report/recorder.js';
import {
  recordsFromJson,
  recordsToJson,
  runReplications,
  runScenario,
  summarizeRecords,
  toReplicationRecord,
} from '../../models/index.js';

const base = parse(
  readFileSync(new URL('../../examples/seed-000-step-3-hpa.yaml', import.meta.url), 'utf8'),
) as {
  load: Record<string, unknown>;
  endpoints: Record<string, { steps: unknown[] }>;
};
// Shortened to 50 s so that the test stays quick; the HPA still scales up (15 s stabilization).
const scenario = {
  ...base,
  warmup: '5s',
  timeSeries: { interval: '5s' },
  load: {
    ...base.load,
    stages: [
      { duration: '10s', target: 300 },
      { duration: '10s', target: 1500 },
      { duration: '30s', target: 1500 },
    ],
  },
  endpoints: {
    ...base.endpoints,
    'read-report': { weight: 1, steps: [{ cpu: '1ms' }] },
  },
};
const OPTIONS = { seed: 11, replications: 3 };

describe('replication records', () => {
  const whole = JSON.stringify(runScenario(scenario, OPTIONS));

  it('summarize after a structured clone to the same bytes as one run', () => {
    const summary = JSON.parse(whole) as {
      services: { autoscaling: { decisions: unknown[] } }[];
      components: unknown[];
    };
    // The scenario exercises what the record must carry.
    expect(summary.services[0]!.autoscaling.decisions.length).toBeGreaterThan(0);
    expect(summary.components.length).toBeGreaterThan(0);
    const records = runReplications(scenario, OPTIONS).results.map(toReplicationRecord);
    expect(JSON.stringify(summarizeRecords(scenario, OPTIONS, structuredClone(records)))).toBe(whole);
  });

  it('summarize parts run with `first` to the same bytes as one run', () => {
    const parts = splitReplications(3, 2).flatMap(({ first, count }) =>
      structuredClone(
        runReplications(scenario, { seed: OPTIONS.seed, first, replications: count }).results.map(
          toReplicationRecord,
        ),
      ),
    );
    expect(parts.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(JSON.stringify(summarizeRecords(scenario, OPTIONS, parts))).toBe(whole);
    // Out of order, missing or extra replications are refused, not summarized.
    expect(() => summarizeRecords(scenario, OPTIONS, [parts[1]!, parts[0]!, parts[2]!])).toThrow(
      /expected replications 0\.\.2 in order, got \[1, 0, 2\]/,
    );
    expect(() => summarizeRecords(scenario, OPTIONS, parts.slice(0, 2))).toThrow(RangeError);
  });

  it('summarize after a trip through JSON text (a job queue) to the same bytes', () => {
    const records = runReplications(scenario, OPTIONS).results.map(toReplicationRecord);
    const text = recordsToJson(records);
    expect(typeof text).toBe('string');
    expect(JSON.stringify(summarizeRecords(scenario, OPTIONS, recordsFromJson(text)))).toBe(whole);
    // The numbers JSON alone would lose, and typed arrays at any offset.
    const tricky = {
      a: [NaN, -0, Infinity, -Infinity, 1.5],
      f: new Float64Array([NaN, -0, 1e-300, 2 ** 53]),
    };
    const back = recordsFromJson(recordsToJson([tricky as never]))[0] as unknown as typeof tricky;
    expect(back.a).toEqual([NaN, -0, Infinity, -Infinity, 1.5]);
    expect(Object.is(back.a[1], -0)).toBe(true);
    expect(back.f).toBeInstanceOf(Float64Array);
    expect([...back.f]).toEqual([NaN, -0, 1e-300, 2 ** 53]);
  });

  it('refuses a recorder record whose arrays do not fit', () => {
    const record = new Recorder(0, 1000, 4, 1).toRecord();
    expect(Recorder.fromRecord(record).toRecord()).toEqual(record);
    expect(() =>
      Recorder.fromRecord({ ...record, rows: { ...record.rows, requestsSent: new Float64Array(3) } }),
    ).toThrow(/rows.requestsSent has 3 entries, expected 4/);
    expect(() => Recorder.fromRecord({ ...record, rows: { ...record.rows, latency: [] } })).toThrow(
      RangeError,
    );
  });
});

describe('splitReplications', () => {
  it('splits into contiguous parts differing by at most one, never more parts than replications', () => {
    expect(splitReplications(5, 2)).toEqual([
      { first: 0, count: 3 },
      { first: 3, count: 2 },
    ]);
    expect(splitReplications(12, 4).map((p) => p.count)).toEqual([3, 3, 3, 3]);
    expect(splitReplications(2, 8)).toEqual([
      { first: 0, count: 1 },
      { first: 1, count: 1 },
    ]);
    expect(splitReplications(1, 2)).toEqual([{ first: 0, count: 1 }]);
  });
});
