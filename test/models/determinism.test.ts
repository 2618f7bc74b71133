/**
 * Determinism of the scenario pipeline: a run is a pure function of the document and the master
 * seed. The scenario below draws from every random stream the pipeline has: Poisson arrivals, an
 * endpoint mix, lognormal CPU work, exponential waits, a parallel step, the random balancer over
 * three pods, client timeouts with fully jittered retries.
 *
 * - the same document and seed give a byte-identical JSON summary, whether given as an object or as
 *   YAML text;
 * - another seed gives other numbers from the same design;
 * - replication i does not depend on how many replications run or in which order: the summary
 *   exposes no per-replication values, so this is checked two ways. (1) Through the public API:
 *   with two replications, the 95 % CI of a figure gives back both replications' values
 *   (mean ± half-width / t₀.₉₇₅,₁), and replication 0's must equal a one-replication run's.
 *   (2) With the pipeline's own phases (loadScenario, runReplication, summarize): summaries built
 *   from replications run alone, in reverse order, equal `runScenario`'s byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams, studentTQuantile } from '../../engine/index.js';
import { summarize } from '../../models/report/summarize.js';
import type { RunSummary } from '../../models/report/summary-types.js';
import { loadScenario } from '../../models/scenario/parse.js';
import { runReplication } from '../../models/scenario/run-replication.js';
import type { ReplicationResult } from '../../models/scenario/run-replication.js';
import { runScenario } from '../../models/scenario/run.js';

const SEED = 'capsim/models/determinism';
const OTHER_SEED = 'capsim/models/determinism/other';

const scenario = {
  name: 'determinism',
  seed: SEED,
  replications: 3,
  warmup: '2s',
  load: {
    executor: 'poisson',
    rate: '150/s',
    duration: '20s',
    timeout: '150ms',
    retries: { max: 2, backoff: '20ms', jitter: 'full' },
  },
  endpoints: {
    read: {
      weight: 3,
      steps: [{ cpu: { lognormal: { p50: '4ms', p95: '20ms' } } }, { wait: { exponential: '15ms' } }],
    },
    write: {
      weight: 1,
      steps: [
        { cpu: { exponential: '8ms' } },
        {
          parallel: [
            [{ wait: { exponential: '30ms' } }],
            [{ wait: { uniform: { min: '5ms', max: '60ms' } } }],
          ],
        },
      ],
    },
  },
  services: {
    api: {
      replicas: 3,
      balancer: 'random',
      tomcat: { maxThreads: 4, maxConnections: 8, acceptCount: 4 },
      resources: { limits: { cpu: '500m' } },
    },
  },
};

// The same document as YAML text.
const yaml = `
name: determinism
seed: ${SEED}
replications: 3
warmup: 2s
load:
  executor: poisson
  rate: 150/s
  duration: 20s
  timeout: 150ms
  retries: { max: 2, backoff: 20ms, jitter: full }
endpoints:
  read:
    weight: 3
    steps:
      - cpu: { lognormal: { p50: 4ms, p95: 20ms } }
      - wait: { exponential: 15ms }
  write:
    weight: 1
    steps:
      - cpu: { exponential: 8ms }
      - parallel:
          - [ { wait: { exponential: 30ms } } ]
          - [ { wait: { uniform: { min: 5ms, max: 60ms } } } ]
services:
  api:
    replicas: 3
    balancer: random
    tomcat: { maxThreads: 4, maxConnections: 8, acceptCount: 4 }
    resources: { limits: { cpu: 500m } }
`;

const json = (s: RunSummary): string => JSON.stringify(s);

/** The two per-replication values behind a two-replication estimate, smaller first. */
function twoValues(e: { readonly value: number | null; readonly ci95: readonly [number, number] | null }) {
  if (e.ci95 === null) throw new Error('expected a confidence interval');
  const [lo, hi] = e.ci95;
  const mean = (lo + hi) / 2;
  // halfWidth = t·s/√2 with s = |a − b|/√2, so |a − b|/2 = halfWidth / t.
  const d = (hi - lo) / 2 / studentTQuantile(0.975, 1);
  return [mean - d, mean + d] as const;
}

describe('determinism of runScenario', () => {
  const first = runScenario(scenario);

  it('the scenario exercises retries, timeouts and several endpoints', () => {
    expect(first.replications).toBe(3);
    expect(first.requests.sent.value).toBeGreaterThan(2_000);
    expect(first.failures['client-timeout'].value).toBeGreaterThan(0);
    expect(first.requests.sent.value).toBeGreaterThan(first.iterations.started.value!);
    expect(first.endpoints.map((e) => e.name)).toEqual(['read', 'write']);
  });

  it('the same document and seed give a byte-identical JSON summary', () => {
    const again = runScenario(scenario);
    expect(json(again)).toBe(json(first));
    expect(json(first).length).toBeGreaterThan(10_000);
  });

  it('YAML text and the equivalent object give the same summary', () => {
    expect(json(runScenario(yaml))).toBe(json(first));
  });

  it('the seed option overrides the document and equals a document with that seed', () => {
    const viaOption = runScenario({ ...scenario, seed: 1 }, { seed: SEED });
    expect(json(viaOption)).toBe(json(first));
  });

  it('a different seed gives different numbers from the same design', () => {
    const other = runScenario(scenario, { seed: OTHER_SEED });
    expect(other.seed).toBe(OTHER_SEED);
    expect({ ...other.normalized, seed: SEED }).toEqual(first.normalized);
    expect(other.latencyMs.succeeded.mean.value).not.toBe(first.latencyMs.succeeded.mean.value);
    expect(other.requests.sent.value).not.toBe(first.requests.sent.value);
    expect(other.latencyMs.succeeded.p99.value).not.toBe(first.latencyMs.succeeded.p99.value);
  });

  it('replication 0 is the same in a one- and a two-replication run (public API)', () => {
    const one = runScenario(scenario, { replications: 1 });
    const two = runScenario(scenario, { replications: 2 });
    const sent = twoValues(two.requests.sent).map(Math.round);
    expect(sent).toContain(one.requests.sent.value);
    const started = twoValues(two.iterations.started).map(Math.round);
    expect(started).toContain(one.iterations.started.value);
    // Latency means: the CI bounds are rounded to 6 significant digits.
    const means = twoValues(two.latencyMs.succeeded.mean);
    const mean0 = one.latencyMs.succeeded.mean.value!;
    expect(Math.min(...means.map((m) => Math.abs(m - mean0) / mean0))).toBeLessThan(1e-4);
  });

  it('replications run alone and in reverse order give the same summaries (pipeline phases)', () => {
    const { scenario: parsed, warnings } = loadScenario(scenario);
    const rep = (i: number): ReplicationResult =>
      runReplication(parsed, new RandomStreams(parsed.seed).replication(i), i);
    const reversed = [rep(2), rep(1), rep(0)];
    const byIndex = [reversed[2]!, reversed[1]!, reversed[0]!];
    expect(json(summarize(parsed, byIndex, warnings))).toBe(json(first));
    const one = runScenario(scenario, { replications: 1 });
    expect(json(summarize({ ...parsed, replications: 1 }, [byIndex[0]!], warnings))).toBe(json(one));
  });
});
