/**
 * `ClientPool.close()`: the application of a terminating pod closes its pools, and every
 * connection they held stops counting against the backend's limit.
 */
import { describe, it, expect } from 'vitest';
import { Environment } from '../../../engine/index.js';
import type { Continuation, DataFailureCause } from '../../../models/data/contracts.js';
import { HikariPool, Mysql2Pool } from '../../../models/data/pool/index.js';
import type { HikariPoolOptions, Mysql2PoolOptions } from '../../../models/data/pool/index.js';
import { FakeBackend, Recorder, token } from './fake-backend.js';
import type { TestToken } from './fake-backend.js';

function at(env: Environment, time: number, fn: () => void): void {
  env.scheduleAt(time, fn);
}

function hikari(overrides: Partial<HikariPoolOptions>, connectMs: number, maxConnections = Infinity) {
  const env = new Environment();
  const db = new FakeBackend(env, connectMs, maxConnections);
  const pool = new HikariPool<TestToken>(
    env,
    {
      name: 'master',
      maximumPoolSize: 10,
      minimumIdle: 10,
      connectionTimeoutMs: 30_000,
      createBackoffInitialMs: 10,
      createBackoffMaxMs: 5_000,
      ...overrides,
    },
    db,
  );
  return { env, db, pool, rec: new Recorder(env) };
}

function mysql2(overrides: Partial<Mysql2PoolOptions>, connectMs: number, maxConnections = Infinity) {
  const env = new Environment();
  const db = new FakeBackend(env, connectMs, maxConnections);
  const pool = new Mysql2Pool<TestToken>(
    env,
    { name: 'app', connectionLimit: 10, waitForConnections: true, queueLimit: 0, ...overrides },
    db,
  );
  return { env, db, pool, rec: new Recorder(env) };
}

describe('HikariPool.close', () => {
  it('disconnects idle connections at once and never refills', () => {
    const { env, db, pool } = hikari({ maximumPoolSize: 3, minimumIdle: 3 }, 1);
    pool.start();
    env.run({ until: 500 });
    expect(db.open).toBe(3);
    at(env, 1000, () => pool.close());
    expect(env.run()).toBe('empty');
    expect(db.open).toBe(0);
    expect(db.disconnectTimes).toEqual([1000, 1000, 1000]);
    expect(db.attemptTimes.length).toBe(3);
    expect(pool.idle).toBe(0);
    expect(pool.stats.total.level).toBe(0);
    expect(pool.stats.inUse.level).toBe(0);
  });

  it('disconnects a lent connection when it is released, not handing it to anyone', () => {
    const { env, db, pool, rec } = hikari({ maximumPoolSize: 2, minimumIdle: 2 }, 1);
    pool.start();
    env.run({ until: 500 });
    const a = token(1);
    at(env, 1000, () => {
      pool.acquire(a, rec);
      pool.close();
      expect(db.open).toBe(1);
      expect(pool.stats.total.level).toBe(1);
      expect(pool.stats.inUse.level).toBe(1);
    });
    at(env, 1050, () => pool.release(a));
    env.run();
    expect(a.conn).toBeNull();
    expect(db.open).toBe(0);
    expect(db.disconnectTimes).toEqual([1000, 1050]);
    expect(pool.stats.total.level).toBe(0);
    expect(pool.stats.inUse.level).toBe(0);
    expect(pool.stats.inUse.areaAt(2000)).toBe(50);
    expect(pool.idle).toBe(0);
  });

  it('disconnects the checkFailFast connection as soon as it opens, and starts no housekeeper', () => {
    const { env, db, pool } = hikari({ maximumPoolSize: 3, minimumIdle: 3 }, 10);
    pool.start();
    at(env, 5, () => pool.close());
    expect(env.run()).toBe('empty');
    expect(db.attemptTimes).toEqual([0]);
    expect(db.openedTimes).toEqual([10]);
    expect(db.disconnectTimes).toEqual([10]);
    expect(db.open).toBe(0);
    expect(pool.stats.total.level).toBe(0);
    expect(pool.stats.total.areaAt(100)).toBe(10);
  });

  it('disconnects an adder connection as soon as it opens; the waiter still times out at its deadline', () => {
    const { env, db, pool, rec } = hikari({ minimumIdle: 0, connectionTimeoutMs: 250 }, 10);
    const t = token(1);
    pool.acquire(t, rec);
    at(env, 5, () => pool.close());
    expect(env.run()).toBe('empty');
    expect(db.attemptTimes).toEqual([0]);
    expect(db.disconnectTimes).toEqual([10]);
    expect(db.open).toBe(0);
    expect(t.conn).toBeNull();
    // ConcurrentBag.close does not wake waiters: they fail when connectionTimeout passes.
    expect(rec.of(1)).toEqual([{ at: 250, outcome: 'pool-timeout' }]);
    expect(pool.stats.total.level).toBe(0);
    expect(pool.stats.waiting.level).toBe(0);
    expect(pool.stats.acquired).toBe(0);
  });

  it('stops retrying refused connects', () => {
    const { env, db, pool, rec } = hikari({ minimumIdle: 0 }, 2, 0);
    pool.acquire(token(1), rec);
    at(env, 20, () => pool.close()); // during the 20 ms backoff after the second refusal
    expect(env.run()).toBe('empty');
    expect(db.attemptTimes).toEqual([0, 12]);
    expect(rec.of(1)).toEqual([{ at: 30_000, outcome: 'pool-timeout' }]);
    expect(pool.stats.total.level).toBe(0);
  });

  it('fails acquire after close synchronously with pool-timeout', () => {
    const { env, db, pool, rec } = hikari({ maximumPoolSize: 2, minimumIdle: 2 }, 1);
    pool.start();
    env.run();
    pool.close();
    const t = token(1);
    pool.acquire(t, rec);
    expect(rec.of(1)).toEqual([{ at: env.now, outcome: 'pool-timeout' }]);
    expect(t.conn).toBeNull();
    expect(pool.stats.failures).toEqual({ 'pool-timeout': 1 });
    expect(pool.stats.waiting.max).toBe(0);
    pool.start(); // does nothing after close
    expect(env.run()).toBe('empty');
    expect(db.attemptTimes.length).toBe(2);
  });

  it('leaves waiters to time out: released connections and new ones are not handed to them', () => {
    const { env, db, pool, rec } = hikari(
      { maximumPoolSize: 1, minimumIdle: 1, connectionTimeoutMs: 250 },
      1,
    );
    pool.start();
    const [a, b, c] = [token(1), token(2), token(3)];
    at(env, 10, () => {
      pool.acquire(a, rec);
      pool.acquire(b, rec);
    });
    at(env, 50, () => pool.acquire(c, rec));
    at(env, 100, () => pool.close());
    at(env, 150, () => pool.release(a));
    env.run();
    expect(rec.of(2)).toEqual([{ at: 260, outcome: 'pool-timeout' }]);
    expect(rec.of(3)).toEqual([{ at: 300, outcome: 'pool-timeout' }]);
    expect(db.disconnectTimes).toEqual([150]);
    expect(db.attemptTimes).toEqual([0]);
    expect(pool.stats.failures).toEqual({ 'pool-timeout': 2 });
    expect(pool.stats.total.level).toBe(0);
  });

  it('is idempotent', () => {
    const { env, db, pool } = hikari({ maximumPoolSize: 2, minimumIdle: 2 }, 1);
    pool.start();
    env.run();
    pool.close();
    pool.close();
    expect(db.open).toBe(0);
    expect(db.disconnectTimes.length).toBe(2);
    expect(pool.stats.total.level).toBe(0);
  });

  it('closes a pool that was never started', () => {
    const { env, db, pool } = hikari({}, 1);
    pool.close();
    expect(env.run()).toBe('empty');
    expect(db.attemptTimes).toEqual([]);
    expect(pool.stats.total.level).toBe(0);
  });
});

describe('Mysql2Pool.close', () => {
  it('disconnects free connections at once', () => {
    const { env, db, pool, rec } = mysql2({}, 1);
    const ts = [token(1), token(2), token(3)];
    for (const t of ts) pool.acquire(t, rec);
    env.run();
    for (const t of ts) pool.release(t);
    expect(db.open).toBe(3);
    pool.close();
    expect(db.open).toBe(0);
    expect(pool.idle).toBe(0);
    expect(pool.stats.total.level).toBe(0);
    expect(pool.stats.inUse.level).toBe(0);
    expect(env.run()).toBe('empty');
  });

  it('disconnects a lent connection when it is released', () => {
    const { env, db, pool, rec } = mysql2({}, 1);
    const [a, b] = [token(1), token(2)];
    pool.acquire(a, rec);
    pool.acquire(b, rec);
    env.run();
    pool.release(b);
    at(env, 10, () => {
      pool.close();
      expect(db.open).toBe(1);
      expect(pool.stats.total.level).toBe(1);
    });
    at(env, 30, () => pool.release(a));
    env.run();
    expect(a.conn).toBeNull();
    expect(db.open).toBe(0);
    expect(db.disconnectTimes).toEqual([10, 30]);
    expect(pool.stats.total.level).toBe(0);
    expect(pool.stats.inUse.level).toBe(0);
    expect(pool.idle).toBe(0);
  });

  it('fails the caller of a connect under way with pool-exhausted when it ends, disconnecting it', () => {
    const { env, db, pool, rec } = mysql2({}, 5);
    const t = token(1);
    pool.acquire(t, rec);
    at(env, 2, () => pool.close());
    env.run();
    expect(rec.of(1)).toEqual([{ at: 5, outcome: 'pool-exhausted' }]);
    expect(t.conn).toBeNull();
    expect(db.openedTimes).toEqual([5]);
    expect(db.disconnectTimes).toEqual([5]);
    expect(db.open).toBe(0);
    expect(pool.stats.total.level).toBe(0);
    expect(pool.stats.inUse.level).toBe(0);
    expect(pool.stats.acquired).toBe(0);
  });

  it('reports "Pool is closed." rather than the refusal for a connect refused after close', () => {
    const { env, pool, rec } = mysql2({}, 5, 0);
    pool.acquire(token(1), rec);
    pool.close();
    env.run();
    expect(rec.of(1)).toEqual([{ at: 5, outcome: 'pool-exhausted' }]);
    expect(pool.stats.connectRefusals).toBe(1);
    expect(pool.stats.failures).toEqual({
      'too-many-connections': 0,
      'pool-exhausted': 1,
      'pool-queue-limit': 0,
    });
    expect(pool.stats.total.level).toBe(0);
  });

  it('fails acquire after close synchronously with pool-exhausted', () => {
    const { env, db, pool, rec } = mysql2({}, 1);
    pool.close();
    const t = token(1);
    pool.acquire(t, rec);
    expect(rec.of(1)).toEqual([{ at: 0, outcome: 'pool-exhausted' }]);
    expect(t.conn).toBeNull();
    expect(env.run()).toBe('empty');
    expect(db.attemptTimes).toEqual([]);
    expect(pool.stats.failures['pool-exhausted']).toBe(1);
  });

  it('fails every queued caller with pool-exhausted at close', () => {
    const { env, db, pool, rec } = mysql2({ connectionLimit: 1 }, 1);
    const a = token(1);
    pool.acquire(a, rec);
    pool.acquire(token(2), rec);
    pool.acquire(token(3), rec);
    at(env, 20, () => pool.close());
    at(env, 40, () => pool.release(a));
    env.run();
    expect(rec.of(2)).toEqual([{ at: 20, outcome: 'pool-exhausted' }]);
    expect(rec.of(3)).toEqual([{ at: 20, outcome: 'pool-exhausted' }]);
    expect(pool.stats.waiting.level).toBe(0);
    expect(pool.stats.waiting.areaAt(100)).toBe(40);
    expect(pool.stats.failures['pool-exhausted']).toBe(2);
    expect(db.disconnectTimes).toEqual([40]);
    expect(db.attemptTimes).toEqual([0]);
    expect(pool.stats.total.level).toBe(0);
  });

  it('fails a caller that acquires again from its failure continuation', () => {
    const { env, pool } = mysql2({ connectionLimit: 1 }, 1);
    const outcomes: string[] = [];
    pool.acquire(token(1), { resume: () => outcomes.push('ok 1'), fail: () => outcomes.push('fail 1') });
    const retry: Continuation<TestToken> = {
      resume: () => outcomes.push('ok'),
      fail: (t: TestToken, cause: DataFailureCause) => {
        outcomes.push(`fail ${t.id} ${cause}`);
        if (t.id === 2) pool.acquire(token(3), retry);
      },
    };
    pool.acquire(token(2), retry);
    pool.close();
    expect(outcomes).toEqual(['fail 2 pool-exhausted', 'fail 3 pool-exhausted']);
    env.run();
    expect(outcomes[2]).toBe('fail 1');
  });

  it('is idempotent', () => {
    const { env, db, pool, rec } = mysql2({}, 1);
    const t = token(1);
    pool.acquire(t, rec);
    env.run();
    pool.release(t);
    pool.close();
    pool.close();
    expect(db.open).toBe(0);
    expect(db.disconnectTimes.length).toBe(1);
    expect(pool.stats.total.level).toBe(0);
  });
});
