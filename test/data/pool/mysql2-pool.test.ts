import { describe, it, expect } from 'vitest';
import { Environment } from '../../../engine/index.js';
import { Mysql2Pool } from '../../../models/data/pool/index.js';
import type { Mysql2PoolOptions } from '../../../models/data/pool/index.js';
import { FakeBackend, Recorder, serialOf, token } from './fake-backend.js';
import type { TestToken } from './fake-backend.js';

function setup(overrides: Partial<Mysql2PoolOptions>, connectMs: number, maxConnections = Infinity) {
  const env = new Environment();
  const db = new FakeBackend(env, connectMs, maxConnections);
  const opts: Mysql2PoolOptions = {
    name: 'app',
    connectionLimit: 10,
    waitForConnections: true,
    queueLimit: 0,
    ...overrides,
  };
  const pool = new Mysql2Pool<TestToken>(env, opts, db);
  const rec = new Recorder(env);
  return { env, db, pool, rec };
}

function at(env: Environment, time: number, fn: () => void): void {
  env.scheduleAt(time, fn);
}

describe('Mysql2Pool options', () => {
  it.each([
    [{ connectionLimit: -1 }, 'connectionLimit'],
    [{ connectionLimit: 1.5 }, 'connectionLimit'],
    [{ queueLimit: -2 }, 'queueLimit'],
    [{ waitForConnections: 'yes' as unknown as boolean }, 'waitForConnections'],
  ] as [Partial<Mysql2PoolOptions>, string][])('rejects %o with a RangeError naming %s', (bad, field) => {
    expect(() => setup(bad, 1)).toThrow(RangeError);
    expect(() => setup(bad, 1)).toThrow(new RegExp(field));
  });
});

describe('Mysql2Pool', () => {
  it('opens nothing at start()', () => {
    const { env, db, pool } = setup({}, 1);
    pool.start();
    expect(env.run()).toBe('empty');
    expect(db.attemptTimes).toEqual([]);
    expect(pool.stats.total.level).toBe(0);
  });

  it('connects once per caller, several at once, and reuses the last released connection first', () => {
    const { env, db, pool, rec } = setup({}, 1);
    const [t1, t2, t3, t4, t5] = [1, 2, 3, 4, 5].map(token);
    pool.acquire(t1!, rec);
    pool.acquire(t2!, rec);
    pool.acquire(t3!, rec);
    // Counted in the total at once, before the handshake.
    expect(pool.stats.total.level).toBe(3);
    env.run();
    expect(db.maxConnecting).toBe(3);
    expect(rec.events.map((e) => [e.id, e.at])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    const serial3 = serialOf(t3!.conn);
    const serial2 = serialOf(t2!.conn);
    pool.release(t1!);
    pool.release(t2!);
    pool.release(t3!);
    expect(pool.idle).toBe(3);
    pool.acquire(t4!, rec);
    expect(serialOf(t4!.conn)).toBe(serial3); // LIFO, handed over before acquire returns
    pool.acquire(t5!, rec);
    expect(serialOf(t5!.conn)).toBe(serial2);
    expect(db.attemptTimes.length).toBe(3);
    expect(pool.stats.acquired).toBe(5);
    expect(pool.stats.waited).toBe(3); // the three that waited for their own connect
    expect(pool.stats.waitMs).toBe(3);
  });

  it('has no limit with connectionLimit 0', () => {
    const { env, db, pool, rec } = setup({ connectionLimit: 0 }, 2);
    for (let i = 0; i < 100; i++) pool.acquire(token(i), rec);
    expect(pool.stats.total.level).toBe(100);
    env.run();
    expect(db.maxConnecting).toBe(100);
    expect(rec.events.every((e) => e.outcome === 'ok' && e.at === 2)).toBe(true);
    expect(pool.stats.inUse.level).toBe(100);
  });

  it('fails at once with pool-queue-limit when queueLimit callers are queued', () => {
    const { env, pool, rec } = setup({ connectionLimit: 1, queueLimit: 2 }, 1);
    pool.acquire(token(1), rec); // its connect counts against the limit at once
    pool.acquire(token(2), rec);
    pool.acquire(token(3), rec);
    expect(pool.stats.waiting.level).toBe(2);
    pool.acquire(token(4), rec);
    expect(rec.of(4)).toEqual([{ at: 0, outcome: 'pool-queue-limit' }]);
    env.run();
    expect(pool.stats.failures).toEqual({
      'too-many-connections': 0,
      'pool-exhausted': 0,
      'pool-queue-limit': 1,
    });
  });

  it('fails at once with pool-exhausted when waitForConnections is false', () => {
    const { env, pool, rec } = setup({ connectionLimit: 2, waitForConnections: false }, 1);
    pool.acquire(token(1), rec);
    pool.acquire(token(2), rec);
    pool.acquire(token(3), rec);
    expect(rec.of(3)).toEqual([{ at: 0, outcome: 'pool-exhausted' }]);
    env.run();
    expect(pool.stats.failures['pool-exhausted']).toBe(1);
    expect(pool.stats.waiting.max).toBe(0);
  });

  it('fails a refused caller at once and gives the first queued caller a fresh connect (semantics.md §3)', () => {
    // 2 server slots, connectionLimit 4, 6 concurrent callers: 4 fail, both queued ones among them.
    const L = 3;
    const { env, db, pool, rec } = setup({ connectionLimit: 4 }, L, 2);
    for (let i = 1; i <= 6; i++) pool.acquire(token(i), rec);
    expect(pool.stats.waiting.level).toBe(2);
    env.run();
    expect(rec.of(1)).toEqual([{ at: L, outcome: 'ok' }]);
    expect(rec.of(2)).toEqual([{ at: L, outcome: 'ok' }]);
    expect(rec.of(3)).toEqual([{ at: L, outcome: 'too-many-connections' }]);
    expect(rec.of(4)).toEqual([{ at: L, outcome: 'too-many-connections' }]);
    expect(rec.of(5)).toEqual([{ at: 2 * L, outcome: 'too-many-connections' }]);
    expect(rec.of(6)).toEqual([{ at: 2 * L, outcome: 'too-many-connections' }]);
    expect(db.attemptTimes).toEqual([0, 0, 0, 0, L, L]);
    expect(pool.stats.connectAttempts).toBe(6);
    expect(pool.stats.connectRefusals).toBe(4);
    expect(pool.stats.failures['too-many-connections']).toBe(4);
    expect(pool.stats.total.level).toBe(2);
    expect(pool.stats.total.max).toBe(4);
    expect(pool.stats.waiting.areaAt(100)).toBe(2 * L);
    expect(pool.stats.inUse.level).toBe(2);
  });

  it('gives the queued caller the connection when its fresh connect is accepted', () => {
    const { env, db, pool, rec } = setup({ connectionLimit: 2 }, 1, 1);
    pool.acquire(token(1), rec);
    pool.acquire(token(2), rec);
    const t3 = token(3);
    pool.acquire(t3, rec); // queued
    at(env, 1.5, () => {
      db.maxConnections = 2; // a server slot frees up before token 3's fresh connect lands
    });
    env.run();
    expect(rec.of(1)).toEqual([{ at: 1, outcome: 'ok' }]);
    expect(rec.of(2)).toEqual([{ at: 1, outcome: 'too-many-connections' }]);
    expect(rec.of(3)).toEqual([{ at: 2, outcome: 'ok' }]);
    expect(t3.conn).not.toBeNull();
    expect(pool.stats.waitMs).toBe(1 + 2);
    expect(pool.stats.waited).toBe(2);
    expect(pool.stats.waiting.areaAt(10)).toBe(1);
  });

  it('never times out a queued caller', () => {
    const { env, pool, rec } = setup({ connectionLimit: 1 }, 1);
    const a = token(1);
    pool.acquire(a, rec);
    pool.acquire(token(2), rec);
    env.run({ until: 1e9 });
    expect(rec.of(2)).toEqual([]);
    expect(pool.stats.waiting.level).toBe(1);
    pool.release(a);
    expect(rec.of(2)).toEqual([{ at: 1e9, outcome: 'ok' }]);
    expect(a.conn).toBeNull();
    expect(pool.stats.waitMs).toBe(1 + 1e9);
    expect(pool.stats.waiting.areaAt(1e9)).toBe(1e9);
    expect(pool.stats.inUse.areaAt(1e9)).toBe(1e9 - 1);
  });

  it('rejects a release of another pool’s connection', () => {
    const a = setup({}, 1);
    const b = setup({}, 1);
    const t = token(1);
    a.pool.acquire(t, a.rec);
    a.env.run();
    expect(() => b.pool.release(t)).toThrow(/release/);
  });
});
