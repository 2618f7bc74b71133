/**
 * MetricsServer: sample values (constant usage, a step, custom counter rates), the scrape grid,
 * the fresh-container rule and when the first sample appears.
 */
import { describe, expect, it } from 'vitest';
import { Environment } from '../../engine/index.js';
import {
  FRESH_CONTAINER_MIN_WINDOW_MS,
  METRIC_RESOLUTION_BINARY_DEFAULT_MS,
  METRIC_RESOLUTION_MANIFEST_MS,
  MetricsServer,
} from '../../models/kubernetes/metrics-server.js';
import type { PodMetricSources, PodMetricsSample } from '../../models/kubernetes/metrics-server.js';

/** Sources for a pod using `cores` of CPU from `startMs` on, with 100 MB of working set. */
function constantPod(cores: number, startMs: number): PodMetricSources {
  return { cpuCoreMsAt: (t) => cores * (t - startMs), memoryBytesAt: () => 100e6 };
}

/** Registers `sources` for pod 1 at `atMs`, then records every new sample until `untilMs`. */
function trace(
  server: MetricsServer,
  env: Environment,
  atMs: number,
  sources: PodMetricSources,
  untilMs: number,
  stepMs = 500,
): PodMetricsSample[] {
  const seen: PodMetricsSample[] = [];
  env.scheduleAt(atMs, () => server.register(1, sources));
  const look = (): void => {
    const s = server.latest(1);
    if (s !== undefined && s !== seen.at(-1)) seen.push(s);
    if (env.now + stepMs <= untilMs) env.schedule(stepMs, look);
  };
  env.scheduleAt(atMs, look);
  env.run({ until: untilMs + 1 });
  return seen;
}

describe('MetricsServer constants', () => {
  it('exports the metrics-server resolutions and the fresh-container minimum', () => {
    expect(METRIC_RESOLUTION_BINARY_DEFAULT_MS).toBe(60_000);
    expect(METRIC_RESOLUTION_MANIFEST_MS).toBe(15_000);
    expect(FRESH_CONTAINER_MIN_WINDOW_MS).toBe(10_000);
    const server = new MetricsServer(new Environment());
    expect(server.resolutionMs).toBe(15_000);
    expect(server.windowMs).toBe(15_000);
  });
});

describe('MetricsServer samples', () => {
  it('reports 500 m for a constant half core, on the resolution grid', () => {
    const env = new Environment();
    const server = new MetricsServer(env, { resolutionMs: 15_000, offsetMs: 4_000 });
    // Registered at 1 s: scrape at 4 s is 3 s after the start (< 10 s): no sample yet.
    const seen = trace(server, env, 1_000, constantPod(0.5, 1_000), 49_000);
    expect(seen.map((s) => s.timestampMs)).toEqual([19_000, 34_000, 49_000]);
    for (const s of seen) {
      expect(s.windowMs).toBe(15_000);
      expect(s.cpuMillicores).toBeCloseTo(500, 9);
      expect(s.memoryBytes).toBe(100e6);
      expect(s.custom).toEqual({});
    }
  });

  it('has no sample before the first scrape after register', () => {
    const env = new Environment();
    const server = new MetricsServer(env, { offsetMs: 0 });
    env.run({ until: 20_000 });
    server.register(1, constantPod(1, 20_000));
    expect(server.latest(1)).toBeUndefined();
    env.run({ until: 29_999 });
    expect(server.latest(1)).toBeUndefined();
    // Scrape at 30 s is exactly 10 s after the start: the fresh-container rule gives a sample
    // over [20 s, 30 s].
    env.run({ until: 30_001 });
    expect(server.latest(1)).toEqual({
      timestampMs: 30_000,
      windowMs: 10_000,
      cpuMillicores: 1000,
      memoryBytes: 100e6,
      custom: {},
    });
    expect(server.latest(2)).toBeUndefined();
  });

  it('waits a full window when the first scrape comes less than 10 s after the start', () => {
    const env = new Environment();
    const server = new MetricsServer(env, { offsetMs: 0 });
    const seen = trace(server, env, 7_000, constantPod(0.25, 7_000), 45_000);
    // 15 s is 8 s after the start: no sample. 30 s: window [15 s, 30 s].
    expect(seen.map((s) => [s.timestampMs, s.windowMs, s.cpuMillicores])).toEqual([
      [30_000, 15_000, 250],
      [45_000, 15_000, 250],
    ]);
  });

  it('averages a step change over the window', () => {
    const env = new Environment();
    const server = new MetricsServer(env, { offsetMs: 0 });
    // 0.2 core until 20 s, then 1 core.
    const cpu = (t: number): number => (t <= 20_000 ? 0.2 * t : 4_000 + (t - 20_000));
    const seen = trace(server, env, 0, { cpuCoreMsAt: cpu, memoryBytesAt: (t) => t }, 60_000);
    expect(seen.map((s) => s.timestampMs)).toEqual([15_000, 30_000, 45_000, 60_000]);
    expect(seen[0]!.cpuMillicores).toBeCloseTo(200, 9);
    // [15 s, 30 s]: 5 s at 0.2 + 10 s at 1.0 = 11 core·s over 15 s.
    expect(seen[1]!.cpuMillicores).toBeCloseTo((11 / 15) * 1000, 9);
    expect(seen[2]!.cpuMillicores).toBeCloseTo(1000, 9);
    // Memory is the working set at the scrape instant, not an average.
    expect(seen[1]!.memoryBytes).toBe(30_000);
  });

  it('reports custom counters as per-second rates over the window', () => {
    const env = new Environment();
    const server = new MetricsServer(env, { offsetMs: 0 });
    // 20 requests/s until 15 s, then 50 requests/s; errors: 3 in total by 20 s.
    const requests = (t: number): number => (t <= 15_000 ? 0.02 * t : 300 + 0.05 * (t - 15_000));
    const errors = (t: number): number => (t < 20_000 ? 0 : 3);
    const seen = trace(server, env, 0, { ...constantPod(0.1, 0), counters: { requests, errors } }, 30_000);
    expect(seen.map((s) => s.timestampMs)).toEqual([15_000, 30_000]);
    expect(seen[0]!.custom.requests).toBeCloseTo(20, 9);
    expect(seen[0]!.custom.errors).toBe(0);
    expect(seen[1]!.custom.requests).toBeCloseTo(50, 9);
    expect(seen[1]!.custom.errors).toBeCloseTo(0.2, 12);
  });

  it('takes a longer window over several scrapes, shorter while the pod is young', () => {
    const env = new Environment();
    const server = new MetricsServer(env, { resolutionMs: 15_000, windowMs: 60_000, offsetMs: 0 });
    // Usage 1 core until 30 s, then none.
    const cpu = (t: number): number => Math.min(t, 30_000);
    const seen = trace(server, env, 0, { cpuCoreMsAt: cpu, memoryBytesAt: () => 0 }, 90_000);
    expect(seen.map((s) => [s.timestampMs, s.windowMs])).toEqual([
      [15_000, 15_000],
      [30_000, 30_000],
      [45_000, 45_000],
      [60_000, 60_000],
      [75_000, 60_000],
      [90_000, 60_000],
    ]);
    expect(seen[3]!.cpuMillicores).toBeCloseTo(500, 9); // 30 core·s over 60 s
    expect(seen[4]!.cpuMillicores).toBeCloseTo(250, 9); // [15 s, 75 s]: 15 core·s
    expect(seen[5]!.cpuMillicores).toBeCloseTo(0, 9);
  });

  it('treats register at a scrape instant the same before and after the scrape event', () => {
    for (const registerFirst of [true, false]) {
      const env = new Environment();
      const server = new MetricsServer(env, { offsetMs: 0 });
      server.register(2, constantPod(0, 0)); // keeps the scrapes running from 0 s
      env.run({ until: 15_000 });
      if (registerFirst) server.register(1, constantPod(1, 15_000));
      env.step(); // the scrape at 15 s
      if (!registerFirst) server.register(1, constantPod(1, 15_000));
      expect(server.latest(1)).toBeUndefined();
      env.run({ until: 30_001 });
      expect(server.latest(1)).toMatchObject({ timestampMs: 30_000, windowMs: 15_000, cpuMillicores: 1000 });
    }
  });

  it('drops a pod on unregister and stops scraping when none is left', () => {
    const env = new Environment();
    const server = new MetricsServer(env, { offsetMs: 0 });
    server.register(1, constantPod(1, 0));
    env.run({ until: 15_001 });
    expect(server.latest(1)).toBeDefined();
    expect(server.unregister(1)).toBe(true);
    expect(server.unregister(1)).toBe(false);
    expect(server.latest(1)).toBeUndefined();
    env.run({ until: 40_000 });
    expect(env.pendingEvents).toBe(0);
    expect(server.scrapes).toBe(3); // 0, 15, 30 s: the one armed at 15 s still runs
    // Back on the same grid when a pod registers again.
    server.register(1, constantPod(1, 40_000));
    env.run({ until: 60_001 });
    expect(server.latest(1)).toMatchObject({ timestampMs: 60_000, windowMs: 15_000 });
  });

  it('stops for good on stop(), keeping the last samples', () => {
    const env = new Environment();
    const server = new MetricsServer(env, { offsetMs: 0 });
    server.register(1, constantPod(1, 0));
    env.run({ until: 15_001 });
    server.stop();
    env.run({ until: 100_000 });
    expect(server.scrapes).toBe(2);
    expect(server.latest(1)?.timestampMs).toBe(15_000);
    expect(env.pendingEvents).toBe(0);
  });
});

describe('MetricsServer errors', () => {
  it('rejects bad options with a RangeError naming the field', () => {
    const env = new Environment(1_000);
    expect(() => new MetricsServer(env, { resolutionMs: 0 })).toThrow(/resolutionMs/);
    expect(() => new MetricsServer(env, { offsetMs: 999 })).toThrow(/offsetMs/);
    expect(() => new MetricsServer(env, { windowMs: 20_000 })).toThrow(/windowMs/);
    expect(() => new MetricsServer(env, { windowMs: 0 })).toThrow(RangeError);
  });

  it('rejects duplicate pods, missing readers and decreasing counters', () => {
    const env = new Environment();
    const server = new MetricsServer(env, { offsetMs: 0 });
    server.register(1, constantPod(1, 0));
    expect(() => server.register(1, constantPod(1, 0))).toThrow(/already registered/);
    expect(() => server.register(2, { cpuCoreMsAt: () => 0 } as unknown as PodMetricSources)).toThrow(
      TypeError,
    );
    server.register(3, { cpuCoreMsAt: (t) => -t, memoryBytesAt: () => 0 });
    expect(() => env.run({ until: 15_001 })).toThrow(/decreased/);
  });
});
