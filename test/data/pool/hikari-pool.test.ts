import { describe, it, expect } from 'vitest';
import { Environment } from '../../../engine/index.js';
import {
  HIKARI_ADDED_SLEEP_MS,
  HIKARI_HOUSEKEEPER_INITIAL_DELAY_MS,
  HikariPool,
} from '../../../models/data/pool/index.js';
import type { HikariPoolOptions } from '../../../models/data/pool/index.js';
import { FakeBackend, Recorder, serialOf, token } from './fake-backend.js';
import type { TestToken } from './fake-backend.js';

function options(overrides: Partial<HikariPoolOptions> = {}): HikariPoolOptions {
  return {
    name: 'master',
    maximumPoolSize: 10,
    minimumIdle: 10,
    connectionTimeoutMs: 30_000,
    createBackoffInitialMs: 10,
    createBackoffMaxMs: 5_000,
    ...overrides,
  };
}

function setup(overrides: Partial<HikariPoolOptions>, connectMs: number, maxConnections = Infinity) {
  const env = new Environment();
  const db = new FakeBackend(env, connectMs, maxConnections);
  const pool = new HikariPool<TestToken>(env, options(overrides), db);
  const rec = new Recorder(env);
  return { env, db, pool, rec };
}

/** Runs `fn` at time `at` (ms). */
function at(env: Environment, time: number, fn: () => void): void {
  env.scheduleAt(time, fn);
}

describe('HikariPool options', () => {
  it.each([
    [{ maximumPoolSize: 0 }, 'maximumPoolSize'],
    [{ maximumPoolSize: 2.5 }, 'maximumPoolSize'],
    [{ minimumIdle: -1 }, 'minimumIdle'],
    [{ minimumIdle: 11 }, 'minimumIdle'],
    [{ connectionTimeoutMs: -1 }, 'connectionTimeoutMs'],
    [{ connectionTimeoutMs: 100 }, 'connectionTimeoutMs'],
    [{ connectionTimeoutMs: NaN }, 'connectionTimeoutMs'],
    [{ createBackoffInitialMs: 0 }, 'createBackoffInitialMs'],
    [{ createBackoffMaxMs: 5 }, 'createBackoffMaxMs'],
  ] as [Partial<HikariPoolOptions>, string][])('rejects %o with a RangeError naming %s', (bad, field) => {
    const env = new Environment();
    expect(() => new HikariPool(env, options(bad), new FakeBackend(env, 1))).toThrow(new RegExp(`${field}`));
    expect(() => new HikariPool(env, options(bad), new FakeBackend(env, 1))).toThrow(RangeError);
  });

  it('accepts connectionTimeoutMs 0 (no timeout) and minimumIdle 0', () => {
    const env = new Environment();
    expect(
      () => new HikariPool(env, options({ connectionTimeoutMs: 0, minimumIdle: 0 }), new FakeBackend(env, 1)),
    ).not.toThrow();
  });
});

describe('HikariPool start-up fill', () => {
  it('fills to minimumIdle one connection at a time: checkFailFast, +100 ms, then 30 ms apart', () => {
    const L = 3;
    const { env, db, pool } = setup({ maximumPoolSize: 5, minimumIdle: 5 }, L);
    pool.start();
    expect(env.run()).toBe('empty');
    // checkFailFast connects at 0; the housekeeper's fillPool runs 100 ms after it ends; each
    // PoolEntryCreator task connects, adds, sleeps 30 ms and ends.
    expect(db.attemptTimes).toEqual([0, 103, 136, 169, 202]);
    expect(db.openedTimes).toEqual([3, 106, 139, 172, 205]);
    const n = 5;
    expect(db.openedTimes[n - 1]).toBe(
      n * L + HIKARI_HOUSEKEEPER_INITIAL_DELAY_MS + (n - 2) * HIKARI_ADDED_SLEEP_MS,
    );
    expect(db.maxConnecting).toBe(1);
    expect(pool.idle).toBe(5);
    expect(pool.stats.total.level).toBe(5);
    expect(pool.stats.connectAttempts).toBe(5);
    // The total level counts connections being opened: 1 from 0, 2 from 103, 3 from 136, ...
    expect(pool.stats.total.areaAt(205)).toBe(1 * 103 + 2 * 33 + 3 * 33 + 4 * 33 + 5 * 3);
    expect(pool.stats.total.max).toBe(5);
  });

  it('closes the checkFailFast connection when minimumIdle is 0 and opens nothing more', () => {
    const { env, db, pool } = setup({ minimumIdle: 0 }, 2);
    pool.start();
    pool.start(); // a second call does nothing
    env.run();
    expect(db.attemptTimes).toEqual([0]);
    expect(db.open).toBe(0);
    expect(pool.stats.total.level).toBe(0);
    expect(pool.idle).toBe(0);
  });

  it('never exceeds maximumPoolSize when a caller waits during start-up', () => {
    const { env, db, pool, rec } = setup({ maximumPoolSize: 1, minimumIdle: 1 }, 10);
    pool.start();
    at(env, 1, () => pool.acquire(token(1), rec));
    env.run();
    expect(db.attemptTimes).toEqual([0]);
    expect(db.maxOpen).toBe(1);
    expect(rec.of(1)).toEqual([{ at: 10, outcome: 'ok' }]);
    expect(pool.stats.waited).toBe(1);
    expect(pool.stats.waitMs).toBe(9);
  });
});

describe('HikariPool lazy growth (minimumIdle < maximumPoolSize)', () => {
  it('adds connections only for waiting callers, and refills minimumIdle at the housekeeper run', () => {
    const { env, db, pool, rec } = setup({ maximumPoolSize: 4, minimumIdle: 1 }, 5);
    pool.start();
    const tokens = [token(1), token(2), token(3)];
    at(env, 200, () => {
      for (const t of tokens) pool.acquire(t, rec);
      // The idle connection is handed over before acquire returns.
      expect(rec.of(1)).toEqual([{ at: 200, outcome: 'ok' }]);
    });
    env.run({ until: 30_000 });
    expect(rec.of(2)).toEqual([{ at: 205, outcome: 'ok' }]);
    // Token 3's connection waits for the adder: 30 ms sleep after the previous add.
    expect(rec.of(3)).toEqual([{ at: 240, outcome: 'ok' }]);
    expect(db.attemptTimes).toEqual([0, 200, 235]);
    expect(pool.idle).toBe(0);
    // Nothing refills the missing idle connection until the housekeeper (105 + 30 000 ms).
    env.run();
    expect(db.attemptTimes).toEqual([0, 200, 235, 30_105]);
    expect(pool.idle).toBe(1);
    expect(pool.stats.total.level).toBe(4);
    expect(db.maxConnecting).toBe(1);
    expect(pool.stats.waited).toBe(2);
    expect(pool.stats.waitMs).toBe(5 + 40);
    expect(pool.stats.acquired).toBe(3);
  });

  it('creates a connection on demand for a pool that was never started', () => {
    const { env, db, pool, rec } = setup({ minimumIdle: 0 }, 4);
    pool.acquire(token(1), rec);
    env.run();
    expect(rec.of(1)).toEqual([{ at: 4, outcome: 'ok' }]);
    expect(db.attemptTimes).toEqual([0]);
  });
});

describe('HikariPool handoff and timeout', () => {
  it('hands released connections to waiters in FIFO order', () => {
    const { env, db, pool, rec } = setup({ maximumPoolSize: 1, minimumIdle: 1 }, 1);
    pool.start();
    const [a, b, c, d] = [token(1), token(2), token(3), token(4)];
    at(env, 50, () => {
      pool.acquire(a, rec);
      pool.acquire(b, rec);
      pool.acquire(c, rec);
      pool.acquire(d, rec);
    });
    at(env, 60, () => pool.release(a));
    at(env, 70, () => pool.release(b));
    at(env, 80, () => pool.release(c));
    at(env, 90, () => pool.release(d));
    env.run();
    expect(rec.events.map((e) => [e.id, e.at])).toEqual([
      [1, 50],
      [2, 60],
      [3, 70],
      [4, 80],
    ]);
    expect(new Set(rec.events.map((e) => serialOf(e.conn)))).toEqual(new Set([0]));
    expect(a.conn).toBeNull();
    expect(db.attemptTimes).toEqual([0]); // at the maximum: waiting callers add nothing
    expect(pool.stats.waitMs).toBe(10 + 20 + 30);
    expect(pool.stats.waiting.areaAt(100)).toBe(10 + 20 + 30);
    expect(pool.stats.inUse.areaAt(100)).toBe(40);
    expect(pool.idle).toBe(1);
  });

  it('fails a waiter with pool-timeout after exactly connectionTimeoutMs, keeping the others in order', () => {
    const { env, pool, rec } = setup({ maximumPoolSize: 1, minimumIdle: 1, connectionTimeoutMs: 250 }, 1);
    pool.start();
    const [a, b, c] = [token(1), token(2), token(3)];
    at(env, 5, () => pool.acquire(a, rec));
    at(env, 10, () => pool.acquire(b, rec));
    at(env, 100, () => pool.acquire(c, rec));
    at(env, 300, () => pool.release(a));
    env.run();
    expect(rec.of(2)).toEqual([{ at: 260, outcome: 'pool-timeout' }]);
    expect(b.conn).toBeNull();
    expect(rec.of(3)).toEqual([{ at: 300, outcome: 'ok' }]);
    expect(pool.stats.failures).toEqual({ 'pool-timeout': 1 });
    expect(pool.stats.waiting.level).toBe(0);
    expect(pool.stats.waiting.areaAt(400)).toBe(250 + 200);
    expect(pool.stats.waited).toBe(1);
    expect(pool.stats.waitMs).toBe(200);
    expect(pool.stats.acquired).toBe(2);
  });

  it('treats connectionTimeoutMs 0 as no timeout', () => {
    const { env, pool, rec } = setup({ maximumPoolSize: 1, minimumIdle: 1, connectionTimeoutMs: 0 }, 1);
    pool.start();
    const [a, b] = [token(1), token(2)];
    at(env, 5, () => pool.acquire(a, rec));
    at(env, 6, () => pool.acquire(b, rec));
    at(env, 1e9, () => pool.release(a));
    env.run();
    expect(rec.of(2)).toEqual([{ at: 1e9, outcome: 'ok' }]);
  });

  it('rejects release without a connection of this pool, and acquire while holding one', () => {
    const { env, pool, rec } = setup({ maximumPoolSize: 1, minimumIdle: 1 }, 1);
    expect(() => pool.release(token(1))).toThrow(/release/);
    pool.start();
    env.run();
    const t = token(2);
    pool.acquire(t, rec);
    expect(() => pool.acquire(t, rec)).toThrow(/already holds/);
  });
});

describe('HikariPool against a database that refuses connections', () => {
  it('keeps waiters waiting until connectionTimeoutMs, never failing them on a refusal', () => {
    const { env, db, pool, rec } = setup({ maximumPoolSize: 5, minimumIdle: 5 }, 2, 2);
    pool.start();
    at(env, 1000, () => {
      for (let i = 1; i <= 3; i++) pool.acquire(token(i), rec);
    });
    env.run({ until: 40_000 });
    expect(rec.of(1)).toEqual([{ at: 1000, outcome: 'ok' }]);
    expect(rec.of(2)).toEqual([{ at: 1000, outcome: 'ok' }]);
    expect(rec.of(3)).toEqual([{ at: 31_000, outcome: 'pool-timeout' }]);
    expect(db.refusedTimes.some((t) => t > 1000 && t < 31_000)).toBe(true);
    expect(pool.stats.connectRefusals).toBe(db.refusedTimes.length);
    expect(pool.stats.failures['pool-timeout']).toBe(1);
    expect(pool.stats.failures['too-many-connections']).toBeUndefined();
    expect(db.maxOpen).toBe(2);
    expect(pool.stats.total.max).toBeLessThanOrEqual(5);
  });

  it('retries with a backoff from 10 ms doubling to 5 s, and stops when no one needs a connection', () => {
    const L = 2;
    const { env, db, pool, rec } = setup({ minimumIdle: 0 }, L, 0);
    pool.acquire(token(1), rec);
    expect(env.run()).toBe('empty');
    const expected: number[] = [];
    let t = 0;
    let backoff = 10;
    while (t < 30_000) {
      expected.push(t);
      t += L + backoff;
      backoff = Math.min(5000, backoff * 2);
    }
    expect(expected.slice(0, 11)).toEqual([0, 12, 34, 76, 158, 320, 642, 1284, 2566, 5128, 10_130]);
    expect(db.attemptTimes).toEqual(expected);
    expect(rec.of(1)).toEqual([{ at: 30_000, outcome: 'pool-timeout' }]);
    expect(pool.stats.connectRefusals).toBe(expected.length);
    expect(pool.stats.connectAttempts).toBe(expected.length);
    expect(pool.stats.total.level).toBe(0);
    // A new task starts again from the initial backoff.
    const start = env.now;
    pool.acquire(token(2), rec);
    env.run({ until: start + 100 });
    expect(db.attemptTimes.slice(expected.length)).toEqual([start, start + 12, start + 34, start + 76]);
  });
});
