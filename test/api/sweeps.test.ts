/**
 * Sweeps, capacity searches and simulations split over worker threads, through the API: tables
 * with CIs, the knee, the same bytes however split.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { compile } from 'vega-lite';
import { inProcessRunner } from '../../api/jobs/in-process.js';
import { runSimulation } from '../../api/jobs/simulation-job.js';
import { runCapacitySearch, runSweep } from '../../api/jobs/sweep-job.js';
import { buildApp } from '../../api/server/app.js';
import { RunStore } from '../../api/store/run-store.js';
import { SimulationPool } from '../../api/workers/simulation-pool.js';
import { workerBundle } from '../../api/workers/worker-bundle.js';
import type { TaskRunner } from '../../api/workers/simulation-pool.js';
import { runScenario } from '../../models/index.js';
import { planCapacity, planSweep } from '../../models/sweep/plan.js';
import { runSweepPlan } from '../../models/sweep/run-sweep.js';
import type { CapacitySearchSpec } from '../../models/sweep/schema.js';

const SMALL = {
  name: 'small',
  load: { executor: 'constant-arrival-rate', rate: 50, duration: '10s', preAllocatedVUs: 10, maxVUs: 200 },
  endpoints: { get: { steps: [{ cpu: { exponential: '5ms' } }] } },
  services: { api: { replicas: 2, resources: { limits: { cpu: 1 } } } },
};
const VARY = [{ load: { from: 100, to: 450, steps: 8 } }];
const SEARCH: CapacitySearchSpec = {
  over: 'load',
  min: 50,
  max: 800,
  resolution: 25,
  slo: { p95Ms: 50, failureRate: 0.01 },
};

let app: FastifyInstance;
let store: RunStore;
let pool: SimulationPool;
let onePool: SimulationPool;

beforeAll(async () => {
  store = new RunStore(':memory:');
  pool = new SimulationPool({ threads: 2 });
  onePool = new SimulationPool({ threads: 1 });
  app = buildApp({ store, pool });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await pool.close();
  await onePool.close();
  store.close();
});

const post = (url: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url, payload });
const poll = async (url: string) => {
  for (;;) {
    const res = await app.inject({ url });
    if (res.json().status !== 'running') return res;
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('sweeps', () => {
  it('answers a table per point with CIs and the knee, the same bytes in-process, on one thread and on two', async () => {
    const res = await post('/v1/sweeps', { scenario: SMALL, vary: VARY, replications: 3, seed: 5 });
    expect(res.statusCode).toBe(201);
    const result = res.json().result as {
      parameters: { name: string; unit: string }[];
      points: {
        values: { load: number };
        latencyMs: { p95: { value: number; ci95: [number, number] } };
        throughput: { succeededPerSec: { value: number } };
        failureRate: { value: number };
      }[];
      knee: { knee: { value: number } | null };
    };
    expect(result.parameters).toMatchObject([{ name: 'load', unit: 'iterations/s' }]);
    expect(result.points.map((p) => p.values.load)).toEqual([100, 150, 200, 250, 300, 350, 400, 450]);
    for (const p of result.points) {
      const { value, ci95 } = p.latencyMs.p95;
      expect(ci95[0]).toBeLessThanOrEqual(value);
      expect(ci95[1]).toBeGreaterThanOrEqual(value);
    }
    // Two cores at 5 ms a request saturate near 400/s: latency climbs steeply before that.
    const p95 = result.points.map((p) => p.latencyMs.p95.value);
    expect(p95.at(-1)! / p95[0]!).toBeGreaterThan(10);
    expect(result.knee.knee!.value).toBeGreaterThan(200);
    expect(result.knee.knee!.value).toBeLessThan(450);
    expect(result.points[0]!.throughput.succeededPerSec.value).toBeCloseTo(100, -1);

    const plan = planSweep(SMALL, VARY, { replications: 3, seed: 5 });
    const inProcess = await runSweep(inProcessRunner, plan);
    expect(res.body).toContain(`"result":${inProcess}`);
    expect(await runSweep(onePool, plan)).toBe(inProcess);
    // And run by the library in this thread, as notebooks do.
    expect(JSON.stringify(runSweepPlan(plan))).toBe(inProcess);

    const stored = await app.inject({ url: res.headers.location as string });
    expect(stored.json()).toMatchObject({ kind: 'sweep', status: 'done' });
    expect(stored.body).toContain(`"result":${inProcess}`);
    // A sweep is not a simulation.
    expect((await app.inject({ url: `/v1/simulations/${res.json().id}` })).statusCode).toBe(404);
  });

  it('sweeps a path over a grid with the load, with no knee for two parameters', async () => {
    const res = await post('/v1/sweeps', {
      scenario: SMALL,
      vary: [{ load: [100, 300] }, { path: 'services.api.replicas', values: [1, 3] }],
      replications: 2,
    });
    expect(res.statusCode).toBe(201);
    const { points, knee } = res.json().result;
    expect(points.map((p: { values: unknown }) => p.values)).toEqual([
      { load: 100, 'services.api.replicas': 1 },
      { load: 100, 'services.api.replicas': 3 },
      { load: 300, 'services.api.replicas': 1 },
      { load: 300, 'services.api.replicas': 3 },
    ]);
    // One pod of one core at 300/s × 5 ms is overloaded; three are not.
    expect(points[2].latencyMs.p95.value).toBeGreaterThan(5 * points[3].latencyMs.p95.value);
    expect(knee).toMatchObject({ knee: null, reason: expect.stringMatching(/single parameter/) });
  });

  it('refuses bad parameters and points with the path at fault', async () => {
    const cases: [unknown, number, string, string][] = [
      [[{ path: 'services.web.replicas', values: [1] }], 400, 'API_ERR_INVALID_REQUEST', 'vary[0].path'],
      [[{ path: 'services.api.replicas', values: [1, -2] }], 400, 'API_ERR_INVALID_SCENARIO', 'points[1]'],
      [[{ load: { from: 1, to: 0, steps: 1 } }], 400, 'API_ERR_INVALID_REQUEST', 'vary.0'],
      [
        [{ path: 'services.api.resources.limits.cpu', values: [1, 0] }],
        422,
        'API_ERR_IMPOSSIBLE_SCENARIO',
        'points[1]',
      ],
    ];
    for (const [vary, status, code, path] of cases) {
      const res = await post('/v1/sweeps', { scenario: SMALL, vary });
      expect(res.statusCode, JSON.stringify(vary)).toBe(status);
      expect(res.json().code).toBe(code);
      expect(res.json().issues[0].path).toContain(path);
    }
    const impossible = await post('/v1/sweeps', {
      scenario: SMALL,
      vary: [
        { path: 'endpoints.get.steps[0]', values: [{ cpu: '1ms' }, { query: { pool: 'nope', cpu: '1ms' } }] },
      ],
    });
    expect(impossible.statusCode).toBe(422);
    expect(impossible.json().issues[0].path).toMatch(
      /^points\[1\] .*: endpoints\.get\.steps\[0\]\.query\.pool$/,
    );
  });

  it('runs in the background with its progress, and can be cancelled', async () => {
    const res = await post('/v1/sweeps', { scenario: SMALL, vary: VARY, replications: 2, async: true });
    expect(res.statusCode).toBe(202);
    const { location } = res.json() as { location: string };
    const running = await app.inject({ url: location });
    expect(running.json()).toMatchObject({ status: 'running', progress: { total: 16 } });
    const done = await poll(location);
    expect(done.json()).toMatchObject({ status: 'done' });
    expect(done.json().progress).toBeUndefined();

    const long = await post('/v1/sweeps', { scenario: SMALL, vary: VARY, replications: 20, async: true });
    const cancelled = await app.inject({ method: 'DELETE', url: long.json().location });
    expect(cancelled.json()).toMatchObject({ status: 'failed', error: { code: 'API_ERR_CANCELLED' } });
  });
});

describe('simulations over two threads', () => {
  it('splits the replications over both threads and answers the same bytes as one thread', async () => {
    const res = await post('/v1/simulations', { scenario: SMALL, seed: 9, replications: 5 });
    expect(res.statusCode).toBe(201);
    const inProcess = JSON.stringify(runScenario(SMALL, { seed: 9, replications: 5 }));
    expect(res.body).toContain(`"result":${inProcess}`);
    const job = { document: SMALL, seed: 9, replications: 5, total: 5 };
    const kinds: string[] = [];
    const watched: TaskRunner = {
      threads: pool.threads,
      run: (task, options) => (
        kinds.push(`${task.kind}${'first' in task ? ` ${task.first}+${task.replications}` : ''}`),
        pool.run(task, options)
      ),
    };
    expect(await runSimulation(watched, job)).toBe(inProcess);
    expect(kinds).toEqual(['replications 0+3', 'replications 3+2', 'summary']);
    expect(await runSimulation(onePool, job)).toBe(inProcess);
    expect(await runSimulation(inProcessRunner, job)).toBe(inProcess);
    // The scenario's own replication count and seed, split too.
    expect(await runSimulation(pool, { document: { ...SMALL, replications: 3 }, total: 3 })).toBe(
      JSON.stringify(runScenario({ ...SMALL, replications: 3 })),
    );
  });

  it('counts the replications of every part in its progress, and cancels every part', async () => {
    let done = 0;
    await runSimulation(pool, { document: SMALL, replications: 4, total: 4 }, { onProgress: () => done++ });
    expect(done).toBe(4);
    const res = await post('/v1/simulations', { scenario: SMALL, replications: 40, async: true });
    expect(res.statusCode).toBe(202);
    const { location } = res.json() as { location: string };
    expect((await app.inject({ url: location })).json()).toMatchObject({ progress: { total: 40 } });
    const cancelled = await app.inject({ method: 'DELETE', url: location });
    expect(cancelled.json()).toMatchObject({ status: 'failed', error: { code: 'API_ERR_CANCELLED' } });
    // Both threads are free again: a new job runs.
    expect((await post('/v1/simulations', { scenario: SMALL, replications: 2 })).statusCode).toBe(201);
  });
});

describe("the worker threads' code", () => {
  it('is one JavaScript file bundled from the sources, named by its content', () => {
    const url = workerBundle();
    expect(url).toMatch(/\/node_modules\/\.cache\/capsim\/simulate-worker-[0-9a-f]{16}\.mjs$/);
    expect(existsSync(new URL(url!))).toBe(true);
    expect(workerBundle()).toBe(url);
    // The pools of this file run it (the bundle, not tsx): their results above match in-process runs.
  });
});

describe('capacity search', () => {
  it('finds the highest load meeting the SLO with a CI, the same bytes however split', async () => {
    const res = await post('/v1/capacity', { scenario: SMALL, search: SEARCH, replications: 3, seed: 2 });
    expect(res.statusCode).toBe(201);
    const result = res.json().result;
    const { value, ci95 } = result.capacity as { value: number; ci95: [number, number] };
    // The sweep above: p95 crosses 50 ms between 300/s and 400/s.
    expect(value).toBeGreaterThan(250);
    expect(value).toBeLessThan(400);
    expect(ci95[0]).toBeLessThanOrEqual(value);
    expect(ci95[1]).toBeGreaterThanOrEqual(value);
    expect(result.perReplication).toHaveLength(3);
    for (const r of result.perReplication) {
      const passing = r.trials
        .filter((t: { meetsSlo: boolean }) => t.meetsSlo)
        .map((t: { value: number }) => t.value);
      expect(Math.max(...passing)).toBe(r.capacity);
    }
    const plan = planCapacity(SMALL, SEARCH, { replications: 3, seed: 2 });
    expect(res.body).toContain(`"result":${await runCapacitySearch(inProcessRunner, SMALL, SEARCH, plan)}`);
  });

  it('says when the range searched is too high or too low, and refuses a bad search', async () => {
    const low = await post('/v1/capacity', {
      scenario: SMALL,
      search: { ...SEARCH, min: 600, max: 800 },
      replications: 2,
    });
    expect(low.json().result).toMatchObject({
      capacity: null,
      belowMin: 2,
      note: expect.stringMatching(/lower min/),
    });
    const bad = await post('/v1/capacity', { scenario: SMALL, search: { ...SEARCH, max: 10 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('search.max');
    const path = await post('/v1/capacity', {
      scenario: SMALL,
      search: { ...SEARCH, over: 'services.web.replicas' },
    });
    expect(path.statusCode).toBe(400);
    expect(path.json().issues[0].path).toBe('search.over');
  });
});

describe('charts', () => {
  it('draws a stored sweep and a stored simulation as Vega-Lite, SVG and PNG', async () => {
    const sweep = await post('/v1/sweeps', { scenario: SMALL, vary: VARY, replications: 2 });
    const url = `${sweep.headers.location as string}/chart`;
    const spec = (await app.inject({ url })).json() as { data: { values: unknown[] }; vconcat: unknown[] };
    expect(spec.data.values).toHaveLength(8);
    expect(spec.vconcat).toHaveLength(2);
    // A spec Vega-Lite compiles, with the knee drawn.
    expect(() => compile(spec as never)).not.toThrow();
    const svg = await app.inject({ url: `${url}?format=svg` });
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toMatch(/^<svg/);
    expect(svg.body).toContain(`knee ${sweep.json().result.knee.knee.value}`);
    const png = await app.inject({ url: `${url}?format=png` });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect((await app.inject({ url: `${url}?format=gif` })).statusCode).toBe(400);

    const run = await post('/v1/simulations', { scenario: SMALL });
    const runSvg = await app.inject({ url: `${run.headers.location as string}/chart?format=svg` });
    expect(runSvg.statusCode).toBe(200);
    expect(runSvg.body).toContain('latency of successful requests (ms)');

    // Other kinds of chart: the ones drawn from the job's kind of result.
    const throughput = await app.inject({ url: `${url}?kind=throughput` });
    expect(throughput.json().title.text).toMatch(/throughput over load/);
    const ranked = await app.inject({
      url: `${run.headers.location as string}/chart?kind=utilization&format=svg`,
    });
    expect(ranked.body).toContain('service/api/cpu');
    const noHpa = await app.inject({ url: `${run.headers.location as string}/chart?kind=autoscaling` });
    expect(noHpa.statusCode).toBe(422);
    expect(noHpa.json()).toMatchObject({
      code: 'API_ERR_NO_CHART_DATA',
      message: expect.stringMatching(/no service is autoscaled/),
    });
    expect((await app.inject({ url: `${url}?kind=latency` })).statusCode).toBe(400);
  });

  it('answers 409 for a job without a result and 404 for one that does not exist', async () => {
    const running = await post('/v1/sweeps', { scenario: SMALL, vary: VARY, replications: 20, async: true });
    const res = await app.inject({ url: `${running.json().location}/chart` });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('API_ERR_NO_RESULT');
    await app.inject({ method: 'DELETE', url: running.json().location });
    expect((await app.inject({ url: '/v1/sweeps/nope/chart' })).statusCode).toBe(404);
  });
});
