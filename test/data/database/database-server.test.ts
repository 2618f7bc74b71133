/**
 * DatabaseServer: max_connections refusals, CPU as processor sharing on the cores, I/O as a pure
 * delay, hot locks with innodb_lock_wait_timeout, argument checks; and a statistical check that its
 * CPU with Poisson arrivals and exponential CPU times matches M/M/c in mean response time.
 */
import { describe, expect, it } from 'vitest';
import {
  Environment,
  RandomStreams,
  confidenceInterval,
  deterministic,
  exponential,
  mmc,
} from '../../../engine/index.js';
import type { BackendConnection } from '../../../models/data/contracts.js';
import { DatabaseServer } from '../../../models/data/database/index.js';
import type { DatabaseServerOptions } from '../../../models/data/database/index.js';
import { DEFAULTS } from '../../../models/scenario/defaults.js';
import { connectAll, fmt, openNow, recorder, tok } from './fakes.js';
import type { Tok } from './fakes.js';

function server(env: Environment, options: Partial<DatabaseServerOptions> = {}): DatabaseServer<Tok> {
  return new DatabaseServer<Tok>(env, {
    name: 'db',
    maxConnections: 100,
    cores: 2,
    connectMs: () => 0,
    lockCount: 4,
    lockWaitTimeoutMs: DEFAULTS.database.lockWaitTimeoutMs,
    ...options,
  });
}

describe('DatabaseServer connections', () => {
  it('accepts max_connections concurrent connects and refuses the next one (MySQL 1040)', () => {
    const env = new Environment();
    const max = DEFAULTS.database.maxConnections;
    const db = server(env, { maxConnections: max, connectMs: () => 2 });
    const r = connectAll(db, max + 1);
    expect(r.opened.length + r.refused.length).toBe(0); // never synchronous
    env.run();
    expect(env.now).toBe(2);
    expect(r.opened).toHaveLength(max);
    expect(r.refused).toEqual(['too-many-connections']);
    expect(db.stats.refusals).toBe(1);
    expect(db.stats.connections.level).toBe(max);
    expect(db.stats.connections.max).toBe(max);
  });

  it('frees a slot on disconnect', () => {
    const env = new Environment();
    const db = server(env, { maxConnections: 2 });
    const [a] = openNow(env, db, 2);
    expect(connectAll(db, 1).refused).toEqual([]);
    env.run();
    expect(db.stats.refusals).toBe(1);
    db.disconnect(a!);
    expect(db.stats.connections.level).toBe(1);
    const again = connectAll(db, 1);
    env.run();
    expect(again.opened).toHaveLength(1);
    expect(db.stats.connections.level).toBe(2);
  });

  it('counts connected time exactly', () => {
    const env = new Environment();
    const db = server(env, { connectMs: () => 5 });
    const r = connectAll(db, 3);
    env.run(); // open at 5
    env.schedule(10, () => db.disconnect(r.opened[0]!));
    env.run(); // at 15
    expect(db.stats.connections.areaAt(25)).toBe(3 * 10 + 2 * 10);
  });

  it('rejects foreign, closed and busy connections', () => {
    const env = new Environment();
    const db = server(env);
    const other = server(env, { name: 'other' });
    const [conn] = openNow(env, db, 1);
    const [foreign] = openNow(env, other, 1);
    const cont = recorder(env);
    expect(() => db.execute(tok('a', 1), foreign!, cont)).toThrow(/not open on this server/);
    expect(() => db.execute(tok('a', 1), { backend: db } as BackendConnection, cont)).toThrow(/not open/);
    db.execute(tok('a', 1), conn!, cont);
    expect(() => db.execute(tok('b', 1), conn!, cont)).toThrow(/already running/);
    expect(() => db.disconnect(conn!)).toThrow(/running a query/);
    env.run();
    db.disconnect(conn!);
    expect(() => db.disconnect(conn!)).toThrow(/not open/);
  });
});

describe('DatabaseServer queries', () => {
  it('shares cores: 4 queries of 10 ms CPU on 2 cores finish at 20 ms', () => {
    const env = new Environment();
    const db = server(env, { cores: 2 });
    const conns = openNow(env, db, 4);
    const cont = recorder(env);
    conns.forEach((c, i) => db.execute(tok(`q${i}`, 10), c, cont));
    expect(db.stats.active.level).toBe(4);
    env.run();
    expect(fmt(cont.outcomes)).toBe('q0@20:ok q1@20:ok q2@20:ok q3@20:ok');
    expect(db.stats.queries).toBe(4);
    expect(db.stats.active.level).toBe(0);
    expect(db.stats.busyCoreMs()).toBe(40);
  });

  it('runs one query on at most one core', () => {
    const env = new Environment();
    const db = server(env, { cores: 8 });
    const [c] = openNow(env, db, 1);
    const cont = recorder(env);
    db.execute(tok('q', 10), c!, cont);
    env.run();
    expect(fmt(cont.outcomes)).toBe('q@10:ok');
  });

  it('adds I/O after the CPU without contention', () => {
    const env = new Environment();
    const db = server(env, { cores: 2 });
    const conns = openNow(env, db, 50);
    const cont = recorder(env);
    conns.slice(0, 4).forEach((c, i) => db.execute(tok(`c${i}`, 10, 30), c, cont));
    conns.slice(4).forEach((c, i) => db.execute(tok(`io${i}`, 0, 5), c, cont));
    env.run();
    const at = new Map(cont.outcomes.map(([id, ms]) => [id, ms]));
    // 50 queries in service share 2 cores, but the 46 with no CPU leave it at once.
    for (let i = 0; i < 46; i++) expect(at.get(`io${i}`)).toBe(5);
    for (let i = 0; i < 4; i++) expect(at.get(`c${i}`)).toBe(50);
    // `active` counts the I/O phase too: all 50 queries at time 0.
    expect(db.stats.active.max).toBe(50);
    expect(db.stats.active.areaAt(50)).toBe(46 * 5 + 4 * 50);
  });

  it('serializes a hot lock: n queries on one lock finish at n × time', () => {
    const env = new Environment();
    const db = server(env, { cores: 16 });
    const conns = openNow(env, db, 7);
    const cont = recorder(env);
    for (let i = 0; i < 5; i++) db.execute(tok(`h${i}`, 2, 8, 0), conns[i]!, cont);
    // Other locks and lock-free queries are not held up.
    db.execute(tok('other', 2, 8, 1), conns[5]!, cont);
    db.execute(tok('free', 2, 8), conns[6]!, cont);
    expect(db.stats.lockWaiting.level).toBe(4);
    env.run();
    expect(fmt(cont.outcomes)).toBe('h0@10:ok other@10:ok free@10:ok h1@20:ok h2@30:ok h3@40:ok h4@50:ok');
    expect(db.stats.lockWaits).toBe(4);
    expect(db.stats.lockWaitMs).toBe(10 + 20 + 30 + 40);
    expect(db.stats.lockWaiting.areaAt(50)).toBe(100);
    expect(db.stats.lockTimeouts).toBe(0);
  });

  it('fails a lock waiter after lockWaitTimeoutMs (MySQL 1205) and keeps the queue order', () => {
    const env = new Environment();
    const db = server(env, { lockWaitTimeoutMs: 25 });
    const conns = openNow(env, db, 5);
    const cont = recorder(env);
    db.execute(tok('holder', 0, 100, 2), conns[0]!, cont);
    for (const [i, at] of [0, 5, 10].entries())
      env.schedule(at, () => db.execute(tok(`w${i}`, 0, 1, 2), conns[i + 1]!, cont));
    env.schedule(80, () => db.execute(tok('late', 0, 1, 2), conns[4]!, cont));
    env.run();
    expect(fmt(cont.outcomes)).toBe(
      'w0@25:lock-wait-timeout w1@30:lock-wait-timeout w2@35:lock-wait-timeout holder@100:ok late@101:ok',
    );
    expect(db.stats.lockTimeouts).toBe(3);
    expect(db.stats.lockWaits).toBe(4);
    expect(db.stats.lockWaitMs).toBe(3 * 25 + 20);
    expect(db.stats.lockWaiting.level).toBe(0);
    // A timed-out connection can run its next query (the run above ended at late's lock deadline,
    // 105, when the lock's timeout event found nothing left to expire).
    const t0 = env.now;
    db.execute(tok('next', 0, 1, 2), conns[1]!, cont);
    env.run();
    expect(cont.outcomes.at(-1)).toEqual(['next', t0 + 1, 'ok']);
  });

  it('lets a continuation queue again on the lock from a timeout', () => {
    const env = new Environment();
    const db = server(env, { lockWaitTimeoutMs: 10 });
    const conns = openNow(env, db, 3);
    const seen: string[] = [];
    const cont = {
      resume: (t: Tok) => void seen.push(`${t.id}@${env.now}:ok`),
      fail: (t: Tok, cause: string) => {
        seen.push(`${t.id}@${env.now}:${cause}`);
        if (t.id === 'w') db.execute(t, conns[1]!, cont); // w retries at once, x gives up
      },
    };
    db.execute(tok('holder', 0, 25, 0), conns[0]!, cont);
    db.execute(tok('w', 0, 1, 0), conns[1]!, cont);
    env.schedule(5, () => db.execute(tok('x', 0, 1, 0), conns[2]!, cont));
    env.run();
    // w times out at 10 and queues behind x; x times out at 15, w again at 20; w gets the lock at 25.
    expect(seen.join(' ')).toBe(
      'w@10:lock-wait-timeout x@15:lock-wait-timeout w@20:lock-wait-timeout holder@25:ok w@26:ok',
    );
    expect(db.stats.lockWaits).toBe(4);
    expect(db.stats.lockTimeouts).toBe(3);
  });

  it('checks its options and the query fields', () => {
    const env = new Environment();
    const bad: [Partial<DatabaseServerOptions>, RegExp][] = [
      [{ name: '' }, /name/],
      [{ maxConnections: 0 }, /maxConnections/],
      [{ maxConnections: 1.5 }, /maxConnections/],
      [{ cores: 0 }, /cores/],
      [{ cores: Infinity }, /cores/],
      [{ lockCount: -1 }, /lockCount/],
      [{ lockWaitTimeoutMs: 0 }, /lockWaitTimeoutMs/],
      [{ lockWaitTimeoutMs: NaN }, /lockWaitTimeoutMs/],
    ];
    for (const [options, message] of bad) expect(() => server(env, options)).toThrow(message);
    expect(() => server(env, { connectMs: 2 as never })).toThrow(TypeError);
    const db = server(env, { lockCount: 2 });
    const [c] = openNow(env, db, 1);
    const cont = recorder(env);
    expect(() => db.execute(tok('a', -1), c!, cont)).toThrow(/queryCpuMs/);
    expect(() => db.execute(tok('a', 1, NaN), c!, cont)).toThrow(/queryIoMs/);
    expect(() => db.execute(tok('a', 1, 0, 2), c!, cont)).toThrow(/queryLock/);
    expect(() => db.execute(tok('a', 1, 0, 0.5), c!, cont)).toThrow(/queryLock/);
  });

  it('waits forever with lockWaitTimeoutMs Infinity', () => {
    const env = new Environment();
    const db = server(env, { lockWaitTimeoutMs: Infinity });
    const conns = openNow(env, db, 2);
    const cont = recorder(env);
    db.execute(tok('a', 0, 1e9, 0), conns[0]!, cont);
    db.execute(tok('b', 0, 1, 0), conns[1]!, cont);
    env.run();
    expect(fmt(cont.outcomes)).toBe('a@1000000000:ok b@1000000001:ok');
  });
});

describe('DatabaseServer CPU is M/M/c in mean response time', () => {
  // With per-query cap 1 core, n queries progress at min(n, c) cores in total: the same birth–death
  // chain as FCFS M/M/c, so the mean number in system and (Little) the mean response time agree.
  it.each([
    [1, 0.7],
    [2, 0.7],
    [4, 0.8],
  ])(
    'c = %i, ρ = %f: the 0.95 confidence interval over replications covers mmc().meanResponse',
    (cores, rho) => {
      const meanCpuMs = 10;
      const lambda = (rho * cores) / meanCpuMs; // per ms
      const replications = 12;
      const queries = 12_000;
      const warmup = 2_000;
      const means: number[] = [];
      const root = new RandomStreams(`database-mmc-${cores}`);
      for (let r = 0; r < replications; r++) {
        const streams = root.fork(`rep-${r}`);
        const interarrival = exponential(streams.stream('arrivals'), 1 / lambda);
        const cpu = exponential(streams.stream('cpu'), meanCpuMs);
        const env = new Environment();
        const db = server(env, { cores, maxConnections: 1000, connectMs: deterministic(0) });
        const free = openNow(env, db, 400);
        let sum = 0;
        let counted = 0;
        let arrived = 0;
        const cont = {
          resume: (t: Tok) => {
            if (Number(t.id) >= warmup) {
              sum += env.now - t.waitSinceMs;
              counted++;
            }
            free.push(t.link!);
          },
          fail: () => {
            throw new Error('unexpected failure');
          },
        };
        const arrive = (): void => {
          const t = tok(String(arrived), cpu());
          t.waitSinceMs = env.now; // arrival time (no lock, so the server leaves it alone)
          const conn = free.pop()!;
          t.link = conn;
          db.execute(t, conn, cont);
          if (++arrived < queries) env.schedule(interarrival(), arrive);
        };
        env.schedule(interarrival(), arrive);
        env.run();
        means.push(sum / counted);
      }
      const ci = confidenceInterval(means, 0.95);
      const theory = mmc(lambda, 1 / meanCpuMs, cores).meanResponse;
      expect(ci.lower).toBeLessThanOrEqual(theory);
      expect(ci.upper).toBeGreaterThanOrEqual(theory);
      // And the interval is tight enough to mean something (a few % of the mean).
      expect(ci.halfWidth / theory).toBeLessThan(0.08);
    },
  );
});
