/** The HTTP API through app.inject: presets, validation with paths, simulations in workers, the store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/server/app.js';
import { RunStore } from '../../api/store/run-store.js';
import { SimulationPool } from '../../api/workers/simulation-pool.js';
import { runScenario } from '../../models/index.js';

const SMALL = {
  name: 'small',
  load: { executor: 'constant-arrival-rate', rate: 50, duration: '10s', preAllocatedVUs: 10 },
  endpoints: { get: { steps: [{ cpu: { exponential: '5ms' } }] } },
  services: { api: { replicas: 2, resources: { limits: { cpu: 1 } } } },
};

let app: FastifyInstance;
let store: RunStore;
let pool: SimulationPool;

beforeAll(async () => {
  store = new RunStore(':memory:');
  pool = new SimulationPool({ threads: 1 });
  app = buildApp({ store, pool, bodyLimitBytes: 64 * 1024 });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await pool.close();
  store.close();
});

describe('health and presets', () => {
  it('answers health and readiness', async () => {
    expect((await app.inject({ url: '/v1/health' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/v1/ready' })).json()).toMatchObject({ status: 'ready' });
  });

  it('lists the five presets and shows one, with a 404 naming the ones that exist', async () => {
    const list = (await app.inject({ url: '/v1/presets' })).json() as { name: string }[];
    expect(list.map((p) => p.name)).toEqual([
      'futures-order-api',
      'concert-reservation',
      'trading-platform',
      'chat-service',
      'payment-system',
    ]);
    const one = (await app.inject({ url: '/v1/presets/payment-system' })).json();
    expect(one).toMatchObject({ name: 'payment-system', document: '004_8495444dd82f2ebd.txt' });
    // Its calibration status: every target with its measurement, prediction and status.
    const { calibration } = one as {
      calibration: { counts: Record<string, number>; targets: { status: string; measured: number }[] };
    };
    expect(calibration.targets.length).toBeGreaterThan(0);
    expect(Object.values(calibration.counts).reduce((a, b) => a + b, 0)).toBe(calibration.targets.length);
    for (const t of calibration.targets)
      expect(['pass', 'fail', 'known-miss', 'unexplained']).toContain(t.status);
    const missing = await app.inject({ url: '/v1/presets/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({
      code: 'API_ERR_NOT_FOUND',
      message: expect.stringMatching(/payment-system/),
    });
  });

  it('serves the scenario JSON Schema', async () => {
    const res = await app.inject({ url: '/v1/schema/scenario' });
    expect(res.headers['content-type']).toMatch(/application\/schema\+json/);
    expect(JSON.parse(res.body)).toMatchObject({ title: 'capsim scenario' });
  });
});

describe('validation', () => {
  it('returns the normalized scenario with the defaults resolved', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/validate',
      payload: { scenario: SMALL },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().scenario.client.timeoutMs).toBe(60_000);
  });

  it('400 for a document off the schema, with every path; 422 for one that cannot run', async () => {
    const bad = { ...SMALL, load: { ...SMALL.load, rate: -1 }, services: { api: { replicas: 'two' } } };
    const res = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/validate',
      payload: { scenario: bad },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; issues: { path: string }[] };
    expect(body.code).toBe('API_ERR_INVALID_SCENARIO');
    expect(body.issues.map((i) => i.path).sort()).toEqual(['load.rate', 'services.api.replicas']);
    const impossible = {
      ...SMALL,
      endpoints: { get: { steps: [{ query: { pool: 'nope', cpu: '1ms' } }] } },
    };
    const res2 = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/validate',
      payload: { scenario: impossible },
    });
    expect(res2.statusCode).toBe(422);
    expect(res2.json()).toMatchObject({
      code: 'API_ERR_IMPOSSIBLE_SCENARIO',
      issues: [{ path: 'endpoints.get.steps[0].query.pool' }],
    });
  });

  it('400 for a malformed envelope or JSON; 413 for a body over the limit', async () => {
    const both = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/validate',
      payload: { scenario: SMALL, preset: { name: 'x' } },
    });
    expect(both.json()).toMatchObject({ code: 'API_ERR_INVALID_REQUEST' });
    const extra = await app.inject({
      method: 'POST',
      url: '/v1/simulations',
      payload: { scenario: SMALL, seeds: 3 },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe('API_ERR_INVALID_REQUEST');
    const broken = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/validate',
      headers: { 'content-type': 'application/json' },
      payload: '{"scenario": ',
    });
    expect(broken.statusCode).toBe(400);
    const big = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/validate',
      payload: { scenario: { ...SMALL, description: 'x'.repeat(100_000) } },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('API_ERR_TOO_LARGE');
  });

  it('lists the knobs of a preset with their document paths and values now', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/validate',
      payload: { preset: { name: 'futures-order-api', variant: 'step-3' } },
    });
    expect(res.statusCode).toBe(200);
    const { knobs, document } = res.json() as {
      knobs: { path: string; value: number; group: string }[];
      document: { load: { vus: number } };
    };
    const byPath = Object.fromEntries(knobs.map((k) => [k.path, k.value]));
    expect(byPath).toMatchObject({
      load: document.load.vus,
      'services.api.replicas': expect.any(Number),
      'services.api.autoscaling.minReplicas': expect.any(Number),
      'services.api.autoscaling.maxReplicas': expect.any(Number),
      'databases.rds.maxConnections': 300,
    });
    // Step 1 of the plan cut the pools to 10 (and step 3 keeps it).
    expect(byPath['services.api.pools.master.connectionLimit']).toBe(10);
    expect(new Set(knobs.map((k) => k.group))).toEqual(
      new Set(['load', 'service', 'autoscaling', 'pool', 'database']),
    );
  });

  it('applies set and the load shorthand to an inline scenario given as YAML text', async () => {
    const yaml = `name: text
load: { executor: constant-arrival-rate, rate: 50, duration: 10s, preAllocatedVUs: 10 }
endpoints: { get: { steps: [ { cpu: 5ms } ] } }
services: { api: { replicas: 2, resources: { limits: { cpu: 1 } } } }
`;
    const res = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/validate',
      payload: { scenario: yaml, set: { 'services.api.replicas': 4 }, load: 120 },
    });
    expect(res.statusCode).toBe(200);
    const { knobs } = res.json() as { knobs: { path: string; value: number }[] };
    expect(knobs.find((k) => k.path === 'load')!.value).toBe(120);
    expect(knobs.find((k) => k.path === 'services.api.replicas')!.value).toBe(4);
    // Errors at the path of the field: a bad value, a path that goes nowhere, bad YAML.
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/validate',
      payload: { scenario: yaml, set: { 'services.api.replicas': 3, 'services.nope.replicas': 2 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues).toMatchObject([{ path: 'services.nope.replicas' }]);
    const zero = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/validate',
      payload: { scenario: yaml, set: { 'services.api.replicas': -1 } },
    });
    expect(zero.json()).toMatchObject({
      code: 'API_ERR_INVALID_SCENARIO',
      issues: [{ path: 'services.api.replicas' }],
    });
    const syntax = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/validate',
      payload: { scenario: 'name: [unclosed' },
    });
    expect(syntax.statusCode).toBe(400);
    expect(syntax.json().issues[0].message).toMatch(/^line 1, column/);
    const replay = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/validate',
      payload: { scenario: { ...SMALL, load: { executor: 'replay', arrivals: ['0s', '1s'] } }, load: 5 },
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().issues[0].path).toBe('load');
  });

  it('serves the what-if page and its files, with nothing from elsewhere', async () => {
    const page = await app.inject({ url: '/' });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<script type="module" src="/web/app.js">');
    expect(page.body).not.toMatch(/https?:\/\//);
    expect((await app.inject({ url: '/web/app.js' })).headers['content-type']).toMatch(/^text\/javascript/);
    expect((await app.inject({ url: '/web/style.css' })).statusCode).toBe(200);
  });
});

describe('simulations', () => {
  it('runs in a worker, answers the same bytes as an in-process run, and stores the run', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/simulations',
      payload: { scenario: SMALL, seed: 7 },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json() as { id: string; status: string; result: unknown };
    expect(body.status).toBe('done');
    // Byte-identical to the same scenario and seed run here, in the test's own thread.
    expect(JSON.stringify(body.result)).toBe(JSON.stringify(runScenario(SMALL, { seed: 7 })));
    expect(res.body).toContain(`"result":${JSON.stringify(runScenario(SMALL, { seed: 7 }))}`);
    const stored = await app.inject({ url: res.headers.location as string });
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toMatchObject({ id: body.id, status: 'done', request: { seed: 7 } });
    expect(stored.body).toContain(`"result":${JSON.stringify(body.result)}`);
    expect((await app.inject({ url: '/v1/simulations/nope' })).statusCode).toBe(404);
  });

  it('runs a preset variant with overrides; unknown variants and bad paths are reported', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/simulations',
      payload: {
        preset: { name: 'payment-system', variant: 'run-a', set: { 'load.stages[4].duration': '10s' } },
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().result.failures['rate-limited'].value).toBeGreaterThan(0);
    const variant = await app.inject({
      method: 'POST',
      url: '/v1/simulations',
      payload: { preset: { name: 'payment-system', variant: 'nope' } },
    });
    expect(variant.statusCode).toBe(404);
    expect(variant.json().message).toMatch(/run-a/);
    const path = await app.inject({
      method: 'POST',
      url: '/v1/simulations',
      payload: { preset: { name: 'payment-system', set: { 'load[': 1 } } },
    });
    expect(path.statusCode).toBe(400);
  });
});

describe('large jobs', () => {
  // A minute of 5,000 requests/s: a few seconds of simulation.
  const LONG = { ...SMALL, load: { ...SMALL.load, rate: 5000, duration: '60s', maxVUs: 2000 } };
  const poll = async (target: FastifyInstance, url: string) => {
    for (;;) {
      const res = await target.inject({ url });
      if (res.json().status !== 'running') return res;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('refuses a job over the budget with 422 and its estimate', async () => {
    const small = buildApp({ store, pool, maxEvents: 1000 });
    const res = await small.inject({ method: 'POST', url: '/v1/simulations', payload: { scenario: SMALL } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'API_ERR_OVER_BUDGET',
      message: expect.stringMatching(/estimated at \d+ simulated events/),
    });
    await small.close();
  });

  it('answers 202 for a background job, which ends with the same bytes as a direct one', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/simulations',
      payload: { scenario: SMALL, seed: 3, async: true },
    });
    expect(res.statusCode).toBe(202);
    const { location, estimate } = res.json() as { location: string; estimate: { events: number } };
    expect(estimate.events).toBeGreaterThan(0);
    const done = await poll(app, location);
    expect(done.json().status).toBe('done');
    expect(done.body).toContain(`"result":${JSON.stringify(runScenario(SMALL, { seed: 3 }))}`);
  });

  it('cancels a running job (then 409), and stops one past the time budget', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/simulations',
      payload: { scenario: LONG, async: true },
    });
    const { id } = res.json() as { id: string };
    const running = await app.inject({ url: `/v1/simulations/${id}` });
    expect(running.json()).toMatchObject({
      kind: 'simulation',
      status: 'running',
      progress: { done: 0, total: 1 },
    });
    const cancel = await app.inject({ method: 'DELETE', url: `/v1/simulations/${id}` });
    expect(cancel.json()).toMatchObject({ id, status: 'failed', error: { code: 'API_ERR_CANCELLED' } });
    expect((await app.inject({ method: 'DELETE', url: `/v1/simulations/${id}` })).statusCode).toBe(409);
    expect((await app.inject({ method: 'DELETE', url: '/v1/simulations/nope' })).statusCode).toBe(404);

    const hurried = buildApp({ store, pool, maxRunMs: 200 });
    const slow = await hurried.inject({
      method: 'POST',
      url: '/v1/simulations',
      payload: { scenario: LONG },
    });
    expect(slow.statusCode).toBe(500);
    const stored = await hurried.inject({ url: slow.headers.location as string });
    expect(stored.json()).toMatchObject({ status: 'failed', error: { code: 'API_ERR_TIME_BUDGET' } });
    await hurried.close();
  });
});

describe('OpenAPI', () => {
  it('describes every route at /docs/json and serves its UI at /docs', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json() as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/v1/health',
      '/v1/presets/{name}',
      '/v1/scenarios/validate',
      '/v1/simulations',
      '/v1/simulations/{id}',
      '/v1/sweeps',
      '/v1/sweeps/{id}/chart',
      '/v1/capacity',
      '/v1/capacity/{id}',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    const ui = await app.inject({ url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('/metrics', () => {
  it('counts requests by route pattern and status, and shows the queue, in Prometheus text', async () => {
    await app.inject({ url: '/v1/presets/nope' });
    const res = await app.inject({ url: '/metrics' });
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toMatch(
      /^capsim_http_requests_total\{method="GET",route="\/v1\/presets\/:name",status="404"\} [1-9]\d*$/m,
    );
    expect(res.body).toMatch(
      /^capsim_http_request_duration_seconds_count\{method="POST",route="\/v1\/simulations"\} [1-9]\d*$/m,
    );
    expect(res.body).toMatch(/^capsim_simulations_queued 0$/m);
    expect(res.body).toMatch(/^# TYPE capsim_simulations_running gauge$/m);
  });
});
