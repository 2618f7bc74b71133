/** Lettuce's shared multiplexed connection: pipelining, no pool, command timeout without retries. */
import { describe, expect, it } from 'vitest';
import { Environment, deterministic } from '../../../engine/index.js';
import { DEFAULTS } from '../../../models/scenario/defaults.js';
import { LettuceClient, RedisServer } from '../../../models/data/redis/index.js';
import { Recorder } from './recorder.js';

function setup(timeoutMs: number, rttMs = 0) {
  const env = new Environment();
  const server = new RedisServer(env, { name: 'cache', rttMs: deterministic(rttMs) });
  const client = new LettuceClient<{ id: number }>(env, server, { timeoutMs });
  return { env, server, client, rec: new Recorder(env) };
}

describe('LettuceClient', () => {
  it('pipelines every command at once, answered in order; contention is the server queue', () => {
    const { env, server, client, rec } = setup(DEFAULTS.lettuce.timeoutMs, 1);
    for (let id = 1; id <= 5; id++) client.command({ id }, 10, rec);
    expect(client.stats.inFlight.level).toBe(5);
    expect(rec.outcomes).toEqual([]);
    env.run();
    expect(rec.outcomes.map((o) => [o.id, o.atMs, o.ok])).toEqual([
      [1, 11, true],
      [2, 21, true],
      [3, 31, true],
      [4, 41, true],
      [5, 51, true],
    ]);
    expect(server.stats.queue.max).toBe(4);
    expect(client.stats).toMatchObject({ commands: 5, timeouts: 0 });
    expect(client.stats.inFlight.level).toBe(0);
  });

  it('a command not answered within the timeout fails with redis-timeout; the server still runs it', () => {
    const { env, server, client, rec } = setup(1000);
    client.command({ id: 1 }, 100_000, rec); // a slow O(N) command blocks the main thread
    client.command({ id: 2 }, 0.01, rec);
    env.run();
    expect(rec.outcomes).toEqual([
      { id: 1, atMs: 1000, ok: false, cause: 'redis-timeout' },
      { id: 2, atMs: 1000, ok: false, cause: 'redis-timeout' },
    ]);
    expect(client.stats).toMatchObject({ commands: 0, timeouts: 2 });
    expect(server.stats.commands).toBe(2);
    expect(env.now).toBeCloseTo(100_000.01, 6); // both late replies arrived and were dropped
    expect(client.stats.inFlight.level).toBe(0);
  });

  it('with no timeout (redis-py) a command waits as long as the server takes', () => {
    const env = new Environment();
    const server = new RedisServer(env, { name: 'cache', rttMs: deterministic(0) });
    const client = new LettuceClient<{ id: number }>(env, server, { timeoutMs: null });
    const rec = new Recorder(env);
    client.command({ id: 1 }, 3_600_000, rec);
    env.run();
    expect(rec.outcomes).toEqual([{ id: 1, atMs: 3_600_000, ok: true, cause: null }]);
    expect(client.stats).toMatchObject({ commands: 1, timeouts: 0 });
  });

  it('validates its options', () => {
    const env = new Environment();
    const server = new RedisServer(env, { name: 'cache', rttMs: deterministic(0) });
    expect(() => new LettuceClient(env, server, { timeoutMs: 0 })).toThrow(/timeoutMs/);
    const client = new LettuceClient(env, server, { timeoutMs: 10 });
    expect(() => client.command({ id: 1 }, Infinity, new Recorder(env))).toThrow(/serviceMs/);
  });
});
