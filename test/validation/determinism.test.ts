/**
 * Determinism: a run is a pure function of its master seed. The same seed gives a byte-identical JSON
 * summary (every replication's means and the merged wait LatencyHistogram.toJSON(), for an M/M/8 and
 * for the closed network) in two runs built from fresh RandomStreams; another seed gives different
 * numbers; and replication i is the same whether run alone or among others.
 *
 * Not statistical: no CI, exact string comparison. Runs are short (3 × 20,000 arrivals).
 */
import { describe, expect, it } from 'vitest';
import { LatencyHistogram, RandomStreams } from '../../engine/index.js';
import { runClosedNetwork } from './closed-network-model.js';
import { runStation } from './mmc-model.js';
import { replicate } from './replicate.js';

const SEED = 'capsim/validation/determinism';
const OTHER_SEED = 'capsim/validation/determinism/other';
const HISTOGRAM = { relativeAccuracy: 0.01 };

const station = {
  arrivalRatePerMs: 0.0072,
  servers: 8,
  service: { kind: 'gamma', shape: 2, scale: 500 },
  warmup: { customers: 2_000 },
  customers: 20_000,
  waitHistogram: HISTOGRAM,
} as const;
const network = { population: 10, thinkTimeMs: 3000, serviceMs: [500, 300], warmupMs: 50_000, cycles: 5_000 };

function summary(seed: string): string {
  const root = new RandomStreams(seed);
  const reps = replicate(3, (i) => runStation(station, root.replication(i)));
  const merged = new LatencyHistogram(HISTOGRAM);
  for (const run of reps.runs) merged.merge(run.waitHistogram!);
  const closed = replicate(2, (i) => runClosedNetwork(network, root.fork('closed').replication(i)));
  return JSON.stringify({
    means: reps.runs.map((r) => r.means),
    waitHistogram: merged.toJSON(),
    closed: closed.runs,
  });
}

describe('determinism', () => {
  it('the same seed gives a byte-identical JSON summary', () => {
    const first = summary(SEED);
    const second = summary(SEED);
    expect(first.length).toBeGreaterThan(1000);
    expect(second).toBe(first);
  });

  it('a different seed gives different numbers', () => {
    const a = JSON.parse(summary(SEED)) as { means: { meanWait: number; arrivals: number }[] };
    const b = JSON.parse(summary(OTHER_SEED)) as { means: { meanWait: number; arrivals: number }[] };
    expect(b.means[0]!.arrivals).toBe(a.means[0]!.arrivals); // same design…
    for (let i = 0; i < a.means.length; i++) expect(b.means[i]!.meanWait).not.toBe(a.means[i]!.meanWait); // …other draws
  });

  it('replication i does not depend on the replications run before it', () => {
    const together = replicate(3, (i) => runStation(station, new RandomStreams(SEED).replication(i)).means);
    const alone = runStation(station, new RandomStreams(SEED).replication(2)).means;
    expect(JSON.stringify(alone)).toBe(JSON.stringify(together.runs[2]));
  });
});
