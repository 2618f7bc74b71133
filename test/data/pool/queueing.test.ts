/**
 * A pool with instant connects, Poisson callers and exponential holding times is an M/M/c queue
 * (HikariPool without timeout, Mysql2Pool without queue limit) or, with mysql2's queueLimit,
 * an M/M/c/K loss-and-delay queue with K = c + queueLimit. The simulated means must agree with
 * the closed forms within a 95 % confidence interval over independent replications.
 */
import { describe, it, expect } from 'vitest';
import {
  Environment,
  RandomStreams,
  confidenceInterval,
  exponential,
  mmc,
  mmck,
} from '../../../engine/index.js';
import type { ClientPool, Continuation, DataFailureCause } from '../../../models/data/contracts.js';
import { HikariPool, Mysql2Pool } from '../../../models/data/pool/index.js';
import { FakeBackend, token } from './fake-backend.js';
import type { TestToken } from './fake-backend.js';

const REPLICATIONS = 10;
const SEED = 20_240_601;

interface Observed {
  /** Mean wait for a connection over callers served after the warm-up (ms). */
  meanWait: number;
  /** Fraction of callers arriving after the warm-up that failed with pool-queue-limit. */
  blocked: number;
}

/**
 * Runs Poisson arrivals (rate λ per ms) from `startMs`; each caller holds its connection for an
 * exponential time (rate μ per ms) and releases it. Measures over [startMs + warmupMs, endMs].
 */
function simulate(
  env: Environment,
  pool: ClientPool<TestToken>,
  streams: RandomStreams,
  lambda: number,
  mu: number,
  startMs: number,
  warmupMs: number,
  endMs: number,
): Observed {
  const interarrival = exponential(streams.stream('arrivals'), 1 / lambda);
  const holding = exponential(streams.stream('holding'), 1 / mu);
  const measureFrom = startMs + warmupMs;
  let arrivals = 0;
  let blocked = 0;
  let id = 0;
  const release = (t: TestToken): void => pool.release(t);
  const cont: Continuation<TestToken> = {
    resume: (t) => env.schedule(holding(), release, t),
    fail: (_t, cause: DataFailureCause) => {
      if (cause !== 'pool-queue-limit') throw new Error(`unexpected failure ${cause}`);
      if (env.now >= measureFrom) blocked++;
    },
  };
  const arrive = (): void => {
    if (env.now >= measureFrom) arrivals++;
    pool.acquire(token(id++), cont);
    env.schedule(interarrival(), arrive);
  };
  env.scheduleAt(startMs, arrive);
  env.run({ until: measureFrom });
  const acquired0 = pool.stats.acquired;
  const waitMs0 = pool.stats.waitMs;
  env.run({ until: endMs });
  return {
    meanWait: (pool.stats.waitMs - waitMs0) / (pool.stats.acquired - acquired0),
    blocked: blocked / arrivals,
  };
}

describe('pools as queues', () => {
  const lambda = 0.3; // callers per ms
  const mu = 0.1; // mean holding time 10 ms
  const c = 4; // ρ = 0.75

  it('HikariPool (pre-filled, no timeout) has the M/M/c mean wait (Erlang C)', () => {
    const waits: number[] = [];
    for (let r = 0; r < REPLICATIONS; r++) {
      const env = new Environment();
      const db = new FakeBackend(env, 0);
      const pool = new HikariPool<TestToken>(
        env,
        {
          name: 'mmc',
          maximumPoolSize: c,
          minimumIdle: c,
          connectionTimeoutMs: 0,
          createBackoffInitialMs: 10,
          createBackoffMaxMs: 5000,
        },
        db,
      );
      pool.start();
      env.run({ until: 1000 });
      expect(pool.idle).toBe(c);
      const streams = new RandomStreams(SEED).replication(r);
      waits.push(simulate(env, pool, streams, lambda, mu, 1000, 5000, 66_000).meanWait);
      expect(db.attemptTimes.length).toBe(c);
    }
    const ci = confidenceInterval(waits);
    const expected = mmc(lambda, mu, c).meanWait;
    expect(expected).toBeGreaterThan(ci.lower);
    expect(expected).toBeLessThan(ci.upper);
    expect(ci.halfWidth / expected).toBeLessThan(0.1);
  });

  it('Mysql2Pool (after warm-up, unlimited queue) has the M/M/c mean wait (Erlang C)', () => {
    const waits: number[] = [];
    for (let r = 0; r < REPLICATIONS; r++) {
      const env = new Environment();
      const db = new FakeBackend(env, 0);
      const pool = new Mysql2Pool<TestToken>(
        env,
        { name: 'mmc', connectionLimit: c, waitForConnections: true, queueLimit: 0 },
        db,
      );
      const streams = new RandomStreams(SEED + 1).replication(r);
      waits.push(simulate(env, pool, streams, lambda, mu, 0, 5000, 65_000).meanWait);
      expect(db.attemptTimes.length).toBe(c);
    }
    const ci = confidenceInterval(waits);
    const expected = mmc(lambda, mu, c).meanWait;
    expect(expected).toBeGreaterThan(ci.lower);
    expect(expected).toBeLessThan(ci.upper);
  });

  it('Mysql2Pool with queueLimit K − c has the M/M/c/K blocking probability and mean wait', () => {
    const servers = 3;
    const queueLimit = 2;
    const rate = 0.35; // overloaded without the limit: a = 3.5 Erlangs on 3 connections
    const blocked: number[] = [];
    const waits: number[] = [];
    for (let r = 0; r < REPLICATIONS; r++) {
      const env = new Environment();
      const pool = new Mysql2Pool<TestToken>(
        env,
        { name: 'mmck', connectionLimit: servers, waitForConnections: true, queueLimit },
        new FakeBackend(env, 0),
      );
      const streams = new RandomStreams(SEED + 2).replication(r);
      const observed = simulate(env, pool, streams, rate, mu, 0, 5000, 65_000);
      blocked.push(observed.blocked);
      waits.push(observed.meanWait);
    }
    const expected = mmck(rate, mu, servers, servers + queueLimit);
    const ciBlocked = confidenceInterval(blocked);
    expect(expected.blockingProbability).toBeGreaterThan(ciBlocked.lower);
    expect(expected.blockingProbability).toBeLessThan(ciBlocked.upper);
    const ciWait = confidenceInterval(waits);
    expect(expected.meanWait).toBeGreaterThan(ciWait.lower);
    expect(expected.meanWait).toBeLessThan(ciWait.upper);
  });
});
