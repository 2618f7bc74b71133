/** SQLAlchemy's QueuePool: lazy opens up to pool_size + max_overflow, overflow closed on return, pool_timeout. */
import { describe, it, expect } from 'vitest';
import { Environment } from '../../../engine/index.js';
import { mongoServerPool, sqlalchemyQueuePool } from '../../../models/data/pool/index.js';
import type { SqlalchemyPoolOptions } from '../../../models/data/pool/index.js';
import { FakeBackend, Recorder, token } from './fake-backend.js';
import type { TestToken } from './fake-backend.js';

function setup(overrides: Partial<SqlalchemyPoolOptions>, connectMs: number, maxConnections = Infinity) {
  const env = new Environment();
  const db = new FakeBackend(env, connectMs, maxConnections);
  const opts: SqlalchemyPoolOptions = {
    name: 'app',
    poolSize: 2,
    maxOverflow: 1,
    poolTimeoutMs: 30_000,
    ...overrides,
  };
  const pool = sqlalchemyQueuePool<TestToken>(env, opts, db);
  return { env, db, pool, rec: new Recorder(env) };
}

describe('sqlalchemyQueuePool options', () => {
  it.each([
    [{ poolSize: 0 }, 'poolSize'],
    [{ maxOverflow: -1 }, 'maxOverflow'],
    [{ poolTimeoutMs: 0 }, 'wait timeout'],
  ] as [Partial<SqlalchemyPoolOptions>, string][])('rejects %o with a RangeError naming %s', (bad, field) => {
    expect(() => setup(bad, 1)).toThrow(new RegExp(field));
  });
});

describe('sqlalchemyQueuePool', () => {
  it('opens nothing at start, then one connection per caller, several at once, up to pool_size + max_overflow', () => {
    const { env, db, pool, rec } = setup({}, 1);
    pool.start();
    expect(db.attemptTimes).toEqual([]);
    const tokens = [1, 2, 3, 4].map(token);
    for (const t of tokens) pool.acquire(t, rec);
    // Three connects at once (2 + 1 overflow); the fourth caller waits for a returned connection.
    expect(pool.stats.total.level).toBe(3);
    expect(pool.stats.waiting.level).toBe(1);
    env.run({ until: 5 });
    expect(db.maxConnecting).toBe(3);
    expect(rec.events.map((e) => [e.id, e.at, e.outcome])).toEqual([
      [1, 1, 'ok'],
      [2, 1, 'ok'],
      [3, 1, 'ok'],
    ]);
    // A return goes straight to the waiter.
    env.scheduleAt(10, () => pool.release(tokens[0]!));
    env.run({ until: 20 });
    expect(rec.of(4)).toEqual([{ at: 10, outcome: 'ok' }]);
    expect(pool.stats.waited).toBe(4);
    expect(pool.stats.waitMs).toBe(1 + 1 + 1 + 10);
  });

  it('keeps pool_size connections idle and closes the overflow one when it comes back', () => {
    const { env, db, pool, rec } = setup({}, 1);
    const tokens = [1, 2, 3].map(token);
    for (const t of tokens) pool.acquire(t, rec);
    env.run();
    for (const t of tokens) pool.release(t);
    expect(pool.idle).toBe(2);
    expect(pool.stats.total.level).toBe(2);
    expect(db.open).toBe(2);
    // The next checkout reuses an idle connection at once.
    const t4 = token(4);
    pool.acquire(t4, rec);
    expect(rec.of(4)).toEqual([{ at: 1, outcome: 'ok' }]);
    expect(db.attemptTimes).toHaveLength(3);
  });

  it('fails a caller that waited pool_timeout at the limit with pool-timeout', () => {
    const { env, pool, rec } = setup({ poolSize: 1, maxOverflow: 0, poolTimeoutMs: 30_000 }, 1);
    pool.acquire(token(1), rec);
    pool.acquire(token(2), rec);
    env.run();
    expect(rec.of(2)).toEqual([{ at: 30_000, outcome: 'pool-timeout' }]);
    expect(pool.stats.failures['pool-timeout']).toBe(1);
    expect(pool.stats.waiting.level).toBe(0);
  });

  it('a refused connect fails its caller and frees its place, but wakes no waiter', () => {
    const { env, db, pool, rec } = setup({ poolSize: 1, maxOverflow: 0, poolTimeoutMs: 1_000 }, 1, 0);
    pool.acquire(token(1), rec);
    pool.acquire(token(2), rec); // at the limit while 1 connects: waits
    env.run();
    expect(rec.of(1)).toEqual([{ at: 1, outcome: 'too-many-connections' }]);
    // The place freed at 1 ms goes unused by the waiter, which times out.
    expect(rec.of(2)).toEqual([{ at: 1_000, outcome: 'pool-timeout' }]);
    expect(db.refusedTimes).toEqual([1]);
    expect(pool.stats.total.level).toBe(0);
    expect(pool.stats.connectRefusals).toBe(1);
  });

  it('close: idle connections now, lent ones on return; waiters and later callers fail', () => {
    const { env, db, pool, rec } = setup({ poolSize: 1, maxOverflow: 1 }, 1);
    const [t1, t2, t3] = [1, 2, 3].map(token);
    pool.acquire(t1!, rec);
    pool.acquire(t2!, rec);
    env.run();
    pool.release(t1!);
    pool.acquire(t3!, rec); // reuses t1's connection
    pool.acquire(token(4), rec); // waits
    pool.close();
    expect(rec.of(4)).toEqual([{ at: 1, outcome: 'pool-timeout' }]);
    expect(db.open).toBe(2);
    pool.release(t2!);
    pool.release(t3!);
    expect(db.open).toBe(0);
    expect(pool.stats.total.level).toBe(0);
    pool.acquire(token(5), rec);
    expect(rec.of(5)).toEqual([{ at: 1, outcome: 'pool-timeout' }]);
  });
});

describe('mongoServerPool (CMAP)', () => {
  const mongo = (maxWaitTimeMs: number | null, maxPoolSize = 100) => {
    const env = new Environment();
    const db = new FakeBackend(env, 10);
    const pool = mongoServerPool<TestToken>(
      env,
      { name: 'secondary-1', maxPoolSize, maxConnecting: 2, maxWaitTimeMs },
      db,
    );
    return { env, db, pool, rec: new Recorder(env) };
  };

  it('opens at most 2 connections at a time; waiters open theirs, in order, as slots free', () => {
    const { env, db, pool, rec } = mongo(120_000);
    for (let id = 1; id <= 5; id++) pool.acquire(token(id), rec);
    expect(pool.stats.waiting.level).toBe(3);
    env.run();
    expect(db.maxConnecting).toBe(2);
    expect(rec.events.map((e) => [e.id, e.at])).toEqual([
      [1, 10],
      [2, 10],
      [3, 20],
      [4, 20],
      [5, 30],
    ]);
  });

  it('a newcomer queues behind waiters; a returned connection goes to the first waiter', () => {
    const { env, pool, rec } = mongo(120_000, 1);
    const t1 = token(1);
    pool.acquire(t1, rec);
    pool.acquire(token(2), rec);
    env.run({ until: 15 });
    pool.acquire(token(3), rec);
    pool.release(t1);
    expect(rec.of(2)).toEqual([{ at: 15, outcome: 'ok' }]);
    expect(rec.of(3)).toEqual([]);
    expect(pool.stats.waiting.level).toBe(1);
  });

  it('fails a waiter after maxWaitTime, and waits forever without one (the Node driver)', () => {
    const timed = mongo(1_000, 1);
    timed.pool.acquire(token(1), timed.rec);
    timed.pool.acquire(token(2), timed.rec);
    timed.env.run();
    expect(timed.rec.of(2)).toEqual([{ at: 1_000, outcome: 'pool-timeout' }]);
    const forever = mongo(null, 1);
    forever.pool.acquire(token(1), forever.rec);
    forever.pool.acquire(token(2), forever.rec);
    expect(forever.env.run()).toBe('empty');
    expect(forever.rec.of(2)).toEqual([]);
    expect(forever.pool.stats.waiting.level).toBe(1);
  });
});
