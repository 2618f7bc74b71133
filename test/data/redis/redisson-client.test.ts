/**
 * Redisson's pool, response timeout and retries (RedisExecutor), with hand-worked timelines. The
 * jitter source is a constant where exact times are checked: u = 0 gives d_0 = 500 ms and
 * d_k = 1000 ms for k ≥ 1 with the defaults EqualJitterDelay(1000, 2000).
 */
import { describe, expect, it } from 'vitest';
import { Environment, RandomStreams, deterministic } from '../../../engine/index.js';
import { DEFAULTS } from '../../../models/scenario/defaults.js';
import { RedisServer, RedissonClient, equalJitterDelayMs } from '../../../models/data/redis/index.js';
import type { RedissonOptions } from '../../../models/data/redis/index.js';
import { Recorder } from './recorder.js';

const defaults: RedissonOptions = DEFAULTS.redisson;

function setup(options: Partial<RedissonOptions>, u: () => number, rttMs = 0) {
  const env = new Environment();
  const server = new RedisServer(env, { name: 'cache', rttMs: deterministic(rttMs) });
  const client = new RedissonClient<{ id: number }>(env, server, { ...defaults, ...options }, u);
  const rec = new Recorder(env);
  return { env, server, client, rec };
}

describe('equalJitterDelayMs (EqualJitterDelay)', () => {
  it('keeps half the capped exponential back-off and adds up to the other half', () => {
    expect(equalJitterDelayMs(0, 1000, 2000, 0)).toBe(500);
    expect(equalJitterDelayMs(0, 1000, 2000, 0.5)).toBe(750);
    expect(equalJitterDelayMs(1, 1000, 2000, 0)).toBe(1000);
    expect(equalJitterDelayMs(4, 1000, 2000, 0.5)).toBe(1500);
    expect(equalJitterDelayMs(1000, 1000, 2000, 0)).toBe(1000); // 2^1000 overflows; the cap holds
    expect(equalJitterDelayMs(0, 3000, 2000, 0)).toBe(1000); // base ≥ max: max
    expect(equalJitterDelayMs(3, 0, 2000, 0.7)).toBe(0);
  });
});

describe('RedissonClient', () => {
  it('holds a connection from send to reply; waiters get released connections FIFO', () => {
    const { env, server, client, rec } = setup({ connectionPoolSize: 2 }, () => 0, 1);
    for (let id = 1; id <= 5; id++) client.command({ id }, 10, rec);
    expect(rec.outcomes).toEqual([]); // never synchronous
    expect(client.stats.waiting.level).toBe(3);
    env.run();
    // 1 and 2 reach the server at 0.5 and run back to back; 3 gets 1's connection when its reply
    // lands (11), 4 gets 2's (21), 5 gets 3's (31); each then waits for the main thread.
    expect(rec.outcomes.map((o) => [o.id, o.atMs, o.ok])).toEqual([
      [1, 11, true],
      [2, 21, true],
      [3, 31, true],
      [4, 41, true],
      [5, 51, true],
    ]);
    expect(client.stats.inUse.max).toBe(2);
    expect(client.stats.inUse.level).toBe(0);
    expect(client.stats.waiting.max).toBe(3);
    expect(client.stats.waitMs).toBe(11 + 21 + 31);
    expect(client.idle).toBe(2);
    expect(client.stats.commands).toBe(5);
    expect(client.stats.retries).toBe(0);
    expect(server.stats.commands).toBe(5);
  });

  it('pool exhausted: fails with redis-timeout after d_0 + … + d_4 (4.5 s with u = 0)', () => {
    // One connection, held 30 s by a slow command (the response timeout raised out of the way).
    const { env, server, client, rec } = setup({ connectionPoolSize: 1, timeoutMs: 60_000 }, () => 0);
    client.command({ id: 1 }, 30_000, rec);
    client.command({ id: 2 }, 1, rec);
    env.run();
    expect(rec.byId(2)).toEqual({ id: 2, atMs: 4500, ok: false, cause: 'redis-timeout' });
    expect(rec.byId(1)).toEqual({ id: 1, atMs: 30_000, ok: true, cause: null });
    expect(client.stats).toMatchObject({ timeouts: 1, retries: 4, acquireTimeouts: 5, commands: 1 });
    expect(client.stats.waiting.level).toBe(0);
    expect(client.stats.waitMs).toBe(4500);
    expect(server.stats.commands).toBe(1); // the failed command never reached the server
  });

  it('pool exhausted: the total wait stays within Redisson bounds [4.5 s, 9 s] for any jitter', () => {
    const u = new RandomStreams('redisson-jitter').stream('u');
    const { env, client, rec } = setup({ connectionPoolSize: 1, timeoutMs: 60_000 }, u);
    client.command({ id: 0 }, 100_000, rec);
    for (let id = 1; id <= 200; id++) client.command({ id }, 1, rec);
    env.run({ until: 50_000 });
    const failures = rec.outcomes.filter((o) => !o.ok);
    expect(failures).toHaveLength(200);
    for (const f of failures) {
      expect(f.cause).toBe('redis-timeout');
      expect(f.atMs).toBeGreaterThanOrEqual(4500);
      expect(f.atMs).toBeLessThanOrEqual(9000);
    }
    const mean = failures.reduce((s, f) => s + f.atMs, 0) / failures.length;
    expect(mean).toBeGreaterThan(6400); // expected 750 + 4 · 1500 = 6750
    expect(mean).toBeLessThan(7100);
    // u → 1 approaches the upper bound.
    const hi = setup({ connectionPoolSize: 1, timeoutMs: 60_000 }, () => 1 - 2 ** -32);
    hi.client.command({ id: 0 }, 100_000, hi.rec);
    hi.client.command({ id: 1 }, 1, hi.rec);
    hi.env.run({ until: 20_000 });
    expect(hi.rec.byId(1)!.atMs).toBeCloseTo(9000, 3);
  });

  it('a waiter whose retry finds a released connection succeeds', () => {
    // Blocker holds the only connection until 2000. Command 2 waits d_0 = 500, then d_1 = 1000
    // (until 1500), then gets the connection at 2000 during its third try.
    const { env, client, rec } = setup({ connectionPoolSize: 1, timeoutMs: 60_000 }, () => 0);
    client.command({ id: 1 }, 2000, rec);
    client.command({ id: 2 }, 5, rec);
    env.run();
    expect(rec.byId(2)).toEqual({ id: 2, atMs: 2005, ok: true, cause: null });
    expect(client.stats).toMatchObject({ retries: 2, acquireTimeouts: 2, timeouts: 0, commands: 2 });
  });

  it('response timeout: retries after d_k, fails after the last try; the server runs every copy', () => {
    // 5 s commands against a 3 s timeout. Tries are sent at 0, 3500, 7500, 11500, 15500 and each
    // times out 3 s later; the last at 18500. The server runs the 5 copies back to back (0–25 s).
    const { env, server, client, rec } = setup({ connectionPoolSize: 4 }, () => 0);
    client.command({ id: 1 }, 5000, rec);
    env.run();
    expect(rec.outcomes).toEqual([{ id: 1, atMs: 18_500, ok: false, cause: 'redis-timeout' }]);
    expect(client.stats).toMatchObject({ retries: 4, responseTimeouts: 5, timeouts: 1, commands: 0 });
    expect(client.stats.inUse.level).toBe(0);
    expect(server.stats.commands).toBe(5);
    expect(server.stats.busy.areaAt(env.now)).toBe(25_000);
    expect(env.now).toBe(25_000); // late replies were delivered and ignored
  });

  it('without retries a pool wait is bounded by the timeout (scheduleConnectionTimeout)', () => {
    // Command 1 holds the only connection until its response timeout at 3000, which runs before the
    // waiters' connection timeouts due at the same instant: command 2 (first in line) gets the
    // connection and then times out on the reply at 6000; command 3 fails waiting at 3000.
    const { env, client, rec } = setup({ connectionPoolSize: 1, timeoutMs: 3000, retryAttempts: 0 }, () => 0);
    client.command({ id: 1 }, 10_000, rec);
    client.command({ id: 2 }, 1, rec);
    client.command({ id: 3 }, 1, rec);
    env.run();
    expect(rec.outcomes).toEqual([
      { id: 1, atMs: 3000, ok: false, cause: 'redis-timeout' },
      { id: 3, atMs: 3000, ok: false, cause: 'redis-timeout' },
      { id: 2, atMs: 6000, ok: false, cause: 'redis-timeout' },
    ]);
    expect(client.stats).toMatchObject({ retries: 0, acquireTimeouts: 1, responseTimeouts: 2, timeouts: 3 });
  });

  it('validates its options, naming the field', () => {
    const env = new Environment();
    const server = new RedisServer(env, { name: 'cache', rttMs: deterministic(0) });
    const u = (): number => 0;
    expect(() => new RedissonClient(env, server, { ...defaults, connectionPoolSize: 0 }, u)).toThrow(
      /connectionPoolSize/,
    );
    expect(() => new RedissonClient(env, server, { ...defaults, timeoutMs: 0 }, u)).toThrow(/timeoutMs/);
    expect(() => new RedissonClient(env, server, { ...defaults, retryAttempts: 1.5 }, u)).toThrow(
      /retryAttempts/,
    );
    expect(() => new RedissonClient(env, server, { ...defaults, retryDelayBaseMs: -1 }, u)).toThrow(
      /retryDelayBaseMs/,
    );
    expect(() => new RedissonClient(env, server, { ...defaults, retryDelayMaxMs: NaN }, u)).toThrow(
      /retryDelayMaxMs/,
    );
    const client = new RedissonClient(env, server, defaults, u);
    expect(() => client.command({ id: 1 }, -1, new Recorder(env))).toThrow(RangeError);
  });
});
