/** A MongoDB client over a replica set: read preference, two random candidates, fewer operations wins. */
import { describe, expect, it } from 'vitest';
import { Environment, RandomStreams } from '../../../engine/index.js';
import { MongoClientPool } from '../../../models/data/pool/index.js';
import type { MongoClientOptions, MongoReadPreference } from '../../../models/data/pool/index.js';
import { FakeBackend, Recorder, token } from './fake-backend.js';
import type { TestToken } from './fake-backend.js';

function setup(
  readPreference: MongoReadPreference,
  secondaries = 2,
  overrides: Partial<MongoClientOptions> = {},
) {
  const env = new Environment();
  const primary = new FakeBackend(env, 1);
  const others = Array.from({ length: secondaries }, () => new FakeBackend(env, 1));
  const options = {
    name: 'chat',
    maxPoolSize: 100,
    maxConnecting: 2,
    maxWaitTimeMs: 120_000,
    readPreference,
    ...overrides,
  };
  const client = new MongoClientPool<TestToken>(
    env,
    options,
    primary,
    others,
    new RandomStreams(3).stream('select'),
  );
  return { env, primary, others, client, rec: new Recorder(env) };
}

describe('MongoClientPool', () => {
  it('primary (the default): every operation on the primary', () => {
    const { env, primary, others, client, rec } = setup('primary');
    for (let id = 0; id < 10; id++) client.acquire(token(id), rec);
    env.run();
    expect(primary.open).toBe(10);
    expect(others.map((o) => o.open)).toEqual([0, 0]);
    expect(client.stats.total.level).toBe(10);
  });

  it('secondary: operations in progress split evenly over the two secondaries (fewer wins)', () => {
    const { env, primary, others, client, rec } = setup('secondary');
    for (let id = 0; id < 10; id++) client.acquire(token(id), rec);
    expect(client.operationCounts).toEqual([0, 5, 5]);
    env.run();
    expect(primary.open).toBe(0);
    expect(others.map((o) => o.open)).toEqual([5, 5]);
  });

  it('nearest: all three members; secondaryPreferred without secondaries: the primary', () => {
    const near = setup('nearest');
    for (let id = 0; id < 300; id++) near.client.acquire(token(id), near.rec);
    // Two random candidates and the less busy one: the counts stay within a few of each other.
    const counts = near.client.operationCounts;
    expect(counts.reduce((a, b) => a + b)).toBe(300);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(3);
    const alone = setup('secondaryPreferred', 0);
    alone.client.acquire(token(1), alone.rec);
    expect(alone.client.operationCounts).toEqual([1]);
    expect(() => setup('secondary', 0)).toThrow(/secondary/);
  });

  it('an operation ends at release, or at its failure, and a connection goes back to its own member', () => {
    const { env, client, rec } = setup('secondary', 2, { maxPoolSize: 1, maxWaitTimeMs: 1_000 });
    const tokens = [1, 2, 3].map(token);
    for (const t of tokens) client.acquire(t, rec);
    env.run({ until: 5 });
    // Two hold a connection (one per secondary), the third waits on one of them.
    expect(client.operationCounts.slice(1).sort()).toEqual([1, 2]);
    env.run();
    expect(rec.of(3)).toEqual([{ at: 1_000, outcome: 'pool-timeout' }]);
    expect(client.operationCounts).toEqual([0, 1, 1]);
    client.release(tokens[0]!);
    client.release(tokens[1]!);
    expect(client.operationCounts).toEqual([0, 0, 0]);
    expect(client.stats.inUse.level).toBe(0);
    expect(() => client.release(token(9))).toThrow(/no connection of this client/);
  });
});
