/** A cluster client sends each command to the master owning its key's slot. */
import { describe, expect, it } from 'vitest';
import { Environment, RandomStreams, deterministic } from '../../../engine/index.js';
import {
  LettuceClient,
  RedisClusterClient,
  RedisServer,
  keyHashSlot,
} from '../../../models/data/redis/index.js';
import { Recorder } from './recorder.js';

function setup() {
  const env = new Environment();
  const servers = [1, 2, 3].map(
    (i) => new RedisServer(env, { name: `cache/shard-${i}`, rttMs: deterministic(0) }),
  );
  const masters = servers.map((s) => new LettuceClient<{ id: number }>(env, s, { timeoutMs: null }));
  const client = new RedisClusterClient(masters, new RandomStreams(7).stream('slots'));
  return { env, servers, client, rec: new Recorder(env) };
}

describe('RedisClusterClient', () => {
  it('routes a named key to its slot owner: foo (12182) to the third master, bar (5061) to the first', () => {
    const { env, servers, client, rec } = setup();
    client.command({ id: 1 }, 1, rec, keyHashSlot('foo'));
    client.command({ id: 2 }, 1, rec, keyHashSlot('foo'));
    client.command({ id: 3 }, 1, rec, keyHashSlot('bar'));
    env.run();
    expect(servers.map((s) => s.stats.commands)).toEqual([1, 0, 2]);
    // The two foo commands queue on one main thread; bar runs beside them.
    expect(rec.outcomes.map((o) => [o.id, o.atMs])).toEqual([
      [1, 1],
      [3, 1],
      [2, 2],
    ]);
  });

  it('spreads keyless commands over the masters in proportion to their slots', () => {
    const { env, servers, client, rec } = setup();
    for (let id = 0; id < 30_000; id++) client.command({ id }, 0, rec);
    env.run();
    for (const s of servers) expect(s.stats.commands / 30_000).toBeCloseTo(1 / 3, 1);
    expect(servers.reduce((a, s) => a + s.stats.commands, 0)).toBe(30_000);
  });

  it('rejects an empty master list and a slot out of range', () => {
    const { client, rec } = setup();
    expect(() => new RedisClusterClient([], () => 0)).toThrow(/masters/);
    expect(() => client.command({ id: 1 }, 1, rec, 16384)).toThrow(/slot/);
    expect(() => client.command({ id: 2 }, 1, rec, 2.5)).toThrow(/slot/);
  });
});
