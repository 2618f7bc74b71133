/**
 * Property-based: thousands of random and mutated scenario documents (and sweeps) sent to the API.
 * Every one gets a result or a 4xx with a stable code and a reason; none crashes a worker or the
 * server; and when all is done every stored run is finished, with a result or an error, never half
 * written. Seeded, so a failure reproduces (set FC_SEED to explore other seeds).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';
import { buildApp } from '../../api/server/app.js';
import { API_ERRORS } from '../../api/server/errors.js';
import { RunStore } from '../../api/store/run-store.js';
import { SimulationPool } from '../../api/workers/simulation-pool.js';
import { getAtPath, withValues } from '../../models/calibration/document-path.js';
import { formatPath } from '../../models/scenario/diagnostics.js';
import type { PathSegments } from '../../models/scenario/diagnostics.js';

const SEED = Number(process.env.FC_SEED ?? 20261123);
const EXAMPLES = new URL('../../examples/', import.meta.url);
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => parse(readFileSync(new URL(f, EXAMPLES), 'utf8')) as Record<string, unknown>);
// Small enough that a mutant which still runs takes milliseconds.
const TINY = {
  name: 'tiny',
  load: { executor: 'constant-arrival-rate', rate: 20, duration: '2s', preAllocatedVUs: 5 },
  endpoints: { get: { steps: [{ cpu: { exponential: '2ms' } }, { query: { pool: 'main', cpu: '1ms' } }] } },
  services: {
    api: {
      replicas: 2,
      resources: { limits: { cpu: 1 } },
      pools: { main: { driver: 'hikari', database: 'db', maximumPoolSize: 5 } },
    },
  },
  databases: { db: { engine: 'mysql', cores: 2, maxConnections: 20 } },
};

/** Every path in a document, objects and arrays alike. */
function pathsOf(doc: unknown, at: PathSegments = []): PathSegments[] {
  if (typeof doc !== 'object' || doc === null) return [at];
  const children = Array.isArray(doc) ? doc.map((v, i) => [i, v] as const) : Object.entries(doc);
  return [at, ...children.flatMap(([k, v]) => pathsOf(v, [...at, k]))];
}

function withoutPath(doc: unknown, path: PathSegments): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (Array.isArray(node)) node.splice(last as number, 1);
  else delete node[last];
  return copy;
}

// Values a user might put anywhere: units right and wrong, edge numbers, wrong types.
const oddValue = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1,
    0.5,
    1e9,
    1e308,
    -1e308,
    2 ** 53,
    '',
    'abc',
    '10s',
    '-5s',
    '0ms',
    '600/s',
    '250m',
    '70%',
    '1e9h',
    null,
    true,
    [],
    {},
  ),
  fc.integer({ min: -1000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A number scaled, or the number in a unit string (`"2s"` → `"7.5s"`): mostly still valid, so it runs. */
function scaled(value: unknown, factor: number): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? Math.round(value * factor) : value * factor;
  if (typeof value === 'string') return value.replace(/^\d+(\.\d+)?/, (n) => String(Number(n) * factor));
  return value;
}

/**
 * A document changed in one to three places: a number scaled, a value replaced, a key removed, an
 * unknown key added.
 */
function mutant(bases: readonly Record<string, unknown>[]): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      fc.constantFrom(...bases),
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.constantFrom('scale', 'scale', 'scale', 'set', 'delete', 'add'),
          oddValue,
          fc.string({ minLength: 1, maxLength: 8 }),
          fc.double({ min: 0, max: 8, noNaN: true }),
        ),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    )
    .map(([base, changes]) => {
      let doc: unknown = base;
      for (const [pick, kind, value, key, factor] of changes) {
        const paths = pathsOf(doc).filter((p) => p.length > 0);
        if (paths.length === 0) break;
        const path = paths[pick % paths.length]!;
        if (kind === 'delete') doc = withoutPath(doc, path);
        else if (kind === 'scale') doc = withValues(doc, [[path, scaled(getAtPath(doc, path), factor)]]);
        else if (kind === 'set') doc = withValues(doc, [[path, value]]);
        else {
          const parent = path.slice(0, -1);
          const target =
            parent.length === 0
              ? doc
              : parent.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], doc);
          if (typeof target === 'object' && target !== null && !Array.isArray(target))
            doc = withValues(doc, [[[...parent, `x${key}`], value]]);
        }
      }
      return doc;
    });
}

let app: FastifyInstance;
let store: RunStore;
let pool: SimulationPool;
const ids = new Set<string>();

beforeAll(async () => {
  store = new RunStore(':memory:');
  pool = new SimulationPool({ threads: 2 });
  // A small budget: whatever passes it runs in well under a second; a time budget for a mutant the
  // estimate misjudges (stopped and reported, which is the designed outcome).
  app = buildApp({ store, pool, maxEvents: 300_000, maxRunMs: 20_000 });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await pool.close();
  store.close();
});

/** The property every answer must have. */
function expectAnswered(
  res: { statusCode: number; body: string; headers: Record<string, unknown> },
  what: string,
): void {
  const body = JSON.parse(res.body) as { code?: string; message?: string; id?: string };
  if (typeof res.headers.location === 'string') ids.add(res.headers.location.split('/').at(-1)!);
  if (res.statusCode < 300) return;
  const reported = `${what} → ${res.statusCode} ${res.body.slice(0, 500)}`;
  expect(body.code && body.code in API_ERRORS, reported).toBe(true);
  expect(body.message, reported).toBeTruthy();
  // The only 5xx allowed: a run stopped at its time budget, reported as such.
  if (res.statusCode >= 500) expect(body.message, reported).toMatch(/time budget/);
  else expect(res.statusCode, reported).toBeGreaterThanOrEqual(400);
}

describe('random and mutated scenarios', () => {
  it('validation answers every random JSON value and every mutant of the examples', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.jsonValue({ maxDepth: 4 }), mutant([...examples, TINY])),
        async (scenario) => {
          const res = await app.inject({
            method: 'POST',
            url: '/v1/scenarios/validate',
            payload: { scenario },
          });
          expectAnswered(res, JSON.stringify(scenario).slice(0, 300));
          if (res.statusCode === 400 && res.json().code === 'API_ERR_INVALID_SCENARIO')
            for (const issue of res.json().issues) expect(typeof issue.path).toBe('string');
        },
      ),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('simulations and sweeps of mutants end in a result or a 4xx, the workers survive, the store holds only finished runs', async () => {
    const paths = pathsOf(TINY)
      .filter((p) => p.length > 0)
      .map((p) => formatPath(p));
    const sweep = fc.record({
      scenario: mutant([TINY]),
      vary: fc.array(
        fc.oneof(
          fc.record({
            path: fc.constantFrom(...paths),
            values: fc.array(oddValue, { minLength: 1, maxLength: 3 }),
          }),
          fc.record({ load: fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 3 }) }),
        ),
        { minLength: 1, maxLength: 2 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutant([TINY]), sweep), async (input) => {
        const isSweep = typeof input === 'object' && input !== null && 'vary' in input;
        const res = await app.inject({
          method: 'POST',
          url: isSweep ? '/v1/sweeps' : '/v1/simulations',
          payload: isSweep ? { ...(input as object), replications: 1 } : { scenario: input },
        });
        expectAnswered(res, JSON.stringify(input).slice(0, 300));
      }),
      { seed: SEED, numRuns: 400 },
    );
    expect((await app.inject({ url: '/v1/health' })).statusCode).toBe(200);
    // A worker still runs simulations after all that.
    const after = await app.inject({ method: 'POST', url: '/v1/simulations', payload: { scenario: TINY } });
    expect(after.statusCode, after.body).toBe(201);
    // Some mutants ran: the property was not met by refusing everything.
    const stored = [...ids].map((id) => store.get(id)!);
    expect(stored.filter((r) => r.status === 'done').length).toBeGreaterThan(50);
    for (const run of stored) {
      expect(['done', 'failed']).toContain(run.status);
      expect(run.finishedAt).not.toBeNull();
      if (run.status === 'done') expect(() => JSON.parse(run.result!)).not.toThrow();
      else
        expect(JSON.parse(run.error!)).toMatchObject({
          code: expect.any(String),
          message: expect.any(String),
        });
    }
  });
});
