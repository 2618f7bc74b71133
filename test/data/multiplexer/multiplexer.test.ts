/**
 * Multiplexer (PgBouncer, ProxySQL) in front of a DatabaseServer: the pool caps backend
 * connections, max_client_conn refusals, FIFO waits and their timeouts, the reserve pool, session
 * pinning, and what each kind does when the database refuses a server connection.
 */
import { describe, expect, it } from 'vitest';
import { Environment } from '../../../engine/index.js';
import type { BackendConnection, Continuation } from '../../../models/data/contracts.js';
import { DatabaseServer } from '../../../models/data/database/index.js';
import type { DatabaseServerOptions } from '../../../models/data/database/index.js';
import { Multiplexer } from '../../../models/data/multiplexer/index.js';
import type { MultiplexerOptions } from '../../../models/data/multiplexer/index.js';
import { DEFAULTS } from '../../../models/scenario/defaults.js';
import { connectAll, fmt, openNow, recorder, tok } from '../database/fakes.js';
import type { Tok } from '../database/fakes.js';

/** A database with plenty of cores: query times are their CPU + I/O exactly. Connects take 2 ms. */
function database(env: Environment, options: Partial<DatabaseServerOptions> = {}): DatabaseServer<Tok> {
  return new DatabaseServer<Tok>(env, {
    name: 'db',
    maxConnections: 10_000,
    cores: 10_000,
    connectMs: () => 2,
    lockCount: 0,
    lockWaitTimeoutMs: 50_000,
    ...options,
  });
}

const pgbouncer = (options: Partial<MultiplexerOptions> = {}): MultiplexerOptions => ({
  name: 'pgbouncer',
  kind: 'pgbouncer',
  mode: 'transaction',
  maxClientConnections: 1000,
  poolSize: DEFAULTS.pgbouncer.defaultPoolSize,
  reservePoolSize: DEFAULTS.pgbouncer.reservePoolSize,
  reservePoolTimeoutMs: DEFAULTS.pgbouncer.reservePoolTimeoutMs,
  waitTimeoutMs: DEFAULTS.pgbouncer.queryWaitTimeoutMs,
  connectMs: () => 0,
  ...options,
});

const proxysql = (options: Partial<MultiplexerOptions> = {}): MultiplexerOptions => ({
  name: 'proxysql',
  kind: 'proxysql',
  mode: 'transaction',
  maxClientConnections: DEFAULTS.proxysql.maxClientConnections,
  poolSize: DEFAULTS.proxysql.maxBackendConnections,
  reservePoolSize: 0,
  reservePoolTimeoutMs: 0,
  waitTimeoutMs: DEFAULTS.proxysql.connectTimeoutServerMaxMs,
  connectMs: () => 0,
  ...options,
});

interface Rig {
  env: Environment;
  db: DatabaseServer<Tok>;
  mux: Multiplexer<Tok>;
  clients: BackendConnection[];
  cont: ReturnType<typeof recorder>;
  /** Runs query `id` of `ms` I/O on client `i` at `at` ms from now. */
  query(i: number, id: string, ms: number, at?: number): void;
}

function rig(
  options: MultiplexerOptions,
  clients: number,
  dbOptions: Partial<DatabaseServerOptions> = {},
): Rig {
  const env = new Environment();
  const db = database(env, dbOptions);
  const mux = new Multiplexer<Tok>(env, options, db);
  const conns = openNow(env, mux, clients);
  const cont = recorder(env);
  const query = (i: number, id: string, ms: number, at = 0): void =>
    env.schedule(at, () => mux.execute(tok(id, 0, ms), conns[i]!, cont));
  return { env, db, mux, clients: conns, cont, query };
}

describe('Multiplexer client side', () => {
  it('refuses client 101 with PgBouncer defaults (max_client_conn 100)', () => {
    const env = new Environment();
    const mux = new Multiplexer<Tok>(
      env,
      pgbouncer({ maxClientConnections: DEFAULTS.pgbouncer.maxClientConn, connectMs: () => 1 }),
      database(env),
    );
    const r = connectAll(mux, 101);
    env.run();
    expect(r.opened).toHaveLength(100);
    expect(r.refused).toEqual(['too-many-connections']);
    expect(mux.stats.clientRefusals).toBe(1);
    expect(mux.stats.clients.level).toBe(100);
    // Clients open no server connection by themselves.
    expect(mux.stats.serverConnections.level).toBe(0);
    mux.disconnect(r.opened[0]!);
    expect(openNow(env, mux, 1)).toHaveLength(1);
  });

  it('rejects foreign and busy connections', () => {
    const { env, db, mux, clients, cont } = rig(pgbouncer(), 2);
    const [direct] = openNow(env, db, 1);
    expect(() => mux.execute(tok('x', 0, 1), direct!, cont)).toThrow(/not open on this multiplexer/);
    mux.execute(tok('a', 0, 5), clients[0]!, cont);
    expect(() => mux.execute(tok('b', 0, 5), clients[0]!, cont)).toThrow(/already running/);
    expect(() => mux.disconnect(clients[0]!)).toThrow(/in progress/);
    env.run();
    mux.disconnect(clients[0]!);
    expect(() => mux.execute(tok('c', 0, 5), clients[0]!, cont)).toThrow(/not open/);
  });
});

describe('Multiplexer transaction mode', () => {
  it('caps backend connections at poolSize: 5 pods × 50 clients, poolSize 20', () => {
    const { env, db, mux, clients } = rig(pgbouncer({ poolSize: 20 }), 250);
    let done = 0;
    let lastMs = 0;
    const perClient = 10;
    const left = new Map<BackendConnection, number>(clients.map((c) => [c, perClient]));
    const cont: Continuation<Tok> = {
      resume: (t) => {
        done++;
        lastMs = env.now;
        const c = t.link!;
        const n = left.get(c)! - 1;
        left.set(c, n);
        if (n > 0) issue(c, `${t.id}+`);
      },
      fail: (_t, cause) => {
        throw new Error(`unexpected ${cause}`);
      },
    };
    const issue = (c: BackendConnection, id: string): void => {
      const t = tok(id, 1, 4);
      t.link = c;
      mux.execute(t, c, cont);
    };
    clients.forEach((c, i) => issue(c, `q${i}`));
    env.run();
    expect(done).toBe(250 * perClient);
    expect(db.stats.connections.max).toBe(20);
    expect(mux.stats.serverConnections.max).toBe(20);
    expect(mux.stats.clients.level).toBe(250);
    expect(mux.stats.waiting.max).toBeGreaterThan(200);
    expect(mux.stats.waiting.level).toBe(0);
    expect(mux.stats.timeouts).toBe(0);
    // 2,500 queries of 5 ms through 20 connections take about 2500·5/20 = 625 ms (+ the serial ramp-up).
    expect(lastMs).toBeGreaterThanOrEqual(625);
    expect(lastMs).toBeLessThan(700);
  });

  it('PgBouncer opens one server connection at a time, ProxySQL one per waiting query', () => {
    for (const [options, expected] of [
      [pgbouncer({ poolSize: 3 }), 'a@12:ok b@14:ok c@16:ok'],
      [proxysql({ poolSize: 3 }), 'a@12:ok b@12:ok c@12:ok'],
    ] as const) {
      const r = rig(options, 3);
      const t0 = r.env.now;
      ['a', 'b', 'c'].forEach((id, i) => r.query(i, id, 10));
      r.env.run();
      expect(fmt(r.cont.outcomes, t0)).toBe(expected);
      expect(r.db.stats.connections.level).toBe(3);
    }
  });

  it('hands a released server connection to the first waiter and reuses the most recent idle one', () => {
    const r = rig(pgbouncer({ poolSize: 1 }), 3);
    r.query(0, 'a', 10);
    r.query(1, 'b', 10, 1);
    r.query(2, 'c', 10, 2);
    r.env.run();
    expect(fmt(r.cont.outcomes)).toBe('a@12:ok b@22:ok c@32:ok');
    expect(r.mux.stats.waits).toBe(3); // a waited for the connect too
    expect(r.mux.stats.waitMs).toBe(2 + (12 - 1) + (22 - 2));
    expect(r.mux.stats.waiting.areaAt(r.env.now)).toBe(r.mux.stats.waitMs);
  });

  it('fails a query after query_wait_timeout (PgBouncer, 120 s)', () => {
    const r = rig(pgbouncer({ poolSize: 1 }), 3);
    r.query(0, 'long', 200_000);
    r.query(1, 'b', 10);
    r.query(2, 'c', 10, 130_000);
    r.env.run();
    expect(fmt(r.cont.outcomes)).toBe('b@120000:multiplexer-timeout long@200002:ok c@200012:ok');
    expect(r.mux.stats.timeouts).toBe(1);
    expect(r.mux.stats.waitMs).toBe(2 + 120_000 + (200_002 - 130_000));
  });

  it('fails with error 9001 after connect_timeout_server_max (ProxySQL, 10 s)', () => {
    const r = rig(proxysql({ poolSize: 1 }), 2);
    r.query(0, 'long', 30_000);
    r.query(1, 'b', 10, 5);
    r.env.run();
    expect(fmt(r.cont.outcomes)).toBe('b@10005:multiplexer-timeout long@30002:ok');
    expect(r.mux.stats.timeouts).toBe(1);
  });

  it('lets a caller queue again from a timeout; deadlines stay exact', () => {
    const r = rig(proxysql({ poolSize: 1 }), 2);
    const seen: string[] = [];
    const cont: Continuation<Tok> = {
      resume: (t) => void seen.push(`${t.id}@${r.env.now}:ok`),
      fail: (t, cause) => {
        seen.push(`${t.id}@${r.env.now}:${cause}`);
        r.mux.execute(t, r.clients[1]!, cont); // retry at once, at the back of the queue
      },
    };
    r.mux.execute(tok('long', 0, 35_000), r.clients[0]!, cont);
    r.env.schedule(5, () => r.mux.execute(tok('b', 0, 10), r.clients[1]!, cont));
    r.env.run();
    expect(seen.join(' ')).toBe(
      'b@10005:multiplexer-timeout b@20005:multiplexer-timeout b@30005:multiplexer-timeout long@35002:ok b@35012:ok',
    );
    expect(r.mux.stats.timeouts).toBe(3);
    expect(r.mux.stats.waits).toBe(5);
  });

  it('statement mode releases the server connection after each query, like transaction mode', () => {
    const r = rig(pgbouncer({ mode: 'statement', poolSize: 1 }), 2);
    r.query(0, 'a', 10);
    r.query(1, 'b', 10, 1);
    r.query(0, 'a2', 10, 15);
    r.env.run();
    expect(fmt(r.cont.outcomes)).toBe('a@12:ok b@22:ok a2@32:ok');
    expect(r.db.stats.connections.max).toBe(1);
  });

  it('waits forever with waitTimeoutMs 0', () => {
    const r = rig(pgbouncer({ poolSize: 1, waitTimeoutMs: 0 }), 2);
    r.query(0, 'long', 1_000_000);
    r.query(1, 'b', 10);
    r.env.run();
    expect(fmt(r.cont.outcomes)).toBe('long@1000002:ok b@1000012:ok');
  });

  it('opens the reserve pool only after reservePoolTimeoutMs', () => {
    const r = rig(
      pgbouncer({ poolSize: 1, reservePoolSize: 1, reservePoolTimeoutMs: 5000, waitTimeoutMs: 0 }),
      3,
    );
    const levels: string[] = [];
    const probe = (): void => void levels.push(`${r.env.now}:${r.db.stats.connections.level}`);
    r.query(0, 'long', 60_000);
    r.query(1, 'b', 10);
    r.query(2, 'c', 10, 1000);
    for (const at of [4999, 5001, 5003]) r.env.schedule(at, probe);
    r.env.run();
    // b has waited 5 s at 5000: one reserve connection opens (2 ms) and serves it; c, behind it,
    // then uses the same connection: the reserve holds one connection, not one per waiter.
    expect(fmt(r.cont.outcomes)).toBe('b@5012:ok c@5022:ok long@60002:ok');
    expect(levels).toEqual(['4999:1', '5001:1', '5003:2']);
    expect(r.mux.stats.serverConnections.max).toBe(2);
  });

  it('never opens reserve connections with the defaults (reserve_pool_size 0)', () => {
    const r = rig(pgbouncer({ poolSize: 1, waitTimeoutMs: 0 }), 2);
    r.query(0, 'long', 20_000);
    r.query(1, 'b', 10);
    r.env.run();
    expect(r.db.stats.connections.max).toBe(1);
    expect(fmt(r.cont.outcomes)).toBe('long@20002:ok b@20012:ok');
  });
});

describe('Multiplexer session mode', () => {
  it('pins a server connection to a client from its first query until it disconnects', () => {
    const r = rig(pgbouncer({ mode: 'session', poolSize: 2 }), 3);
    r.query(0, 'a1', 10);
    r.query(1, 'b1', 10);
    r.query(2, 'c1', 10);
    r.query(0, 'a2', 10, 20); // a keeps its connection: no wait
    r.env.schedule(50, () => r.mux.disconnect(r.clients[0]!));
    r.env.run();
    // The pool (2) is pinned to a and b; c waits until a disconnects at 50 although both are idle.
    expect(fmt(r.cont.outcomes)).toBe('a1@12:ok b1@14:ok a2@30:ok c1@60:ok');
    expect(r.db.stats.connections.max).toBe(2);
    expect(r.mux.stats.serverConnections.level).toBe(2);
    expect(r.mux.stats.waits).toBe(3); // a1, b1 waited for their connects, c1 for a's
  });

  it('returns a pinned connection to the idle pool when nobody waits', () => {
    const r = rig(pgbouncer({ mode: 'session', poolSize: 1 }), 2);
    r.query(0, 'a', 10);
    r.env.schedule(20, () => r.mux.disconnect(r.clients[0]!));
    r.query(1, 'b', 10, 30);
    r.env.run();
    expect(fmt(r.cont.outcomes)).toBe('a@12:ok b@40:ok');
    expect(r.db.stats.connections.max).toBe(1);
  });
});

describe('Multiplexer when the database refuses server connections', () => {
  it('PgBouncer keeps waiters queued, fails new queries fast, and retries after server_login_retry', () => {
    const r = rig(pgbouncer({ poolSize: 5 }), 3, { maxConnections: 1 });
    const [direct] = openNow(r.env, r.db, 1); // someone else holds the database's only slot
    const t0 = r.env.now;
    r.query(0, 'a', 10); // waits; its connect is refused at t0 + 2
    r.query(1, 'b', 10, 1000); // logins failing and no server connection: fails at once
    r.env.schedule(5000, () => r.db.disconnect(direct!));
    r.env.run();
    // The retry starts 15 s after the refused attempt started; a then runs.
    expect(fmt(r.cont.outcomes, t0)).toBe('b@1000:too-many-connections a@15012:ok');
    expect(r.mux.stats.serverRefusals).toBe(1);
    expect(r.mux.stats.backendErrors).toBe(1);
    expect(r.db.stats.refusals).toBe(1);
    expect(r.mux.stats.serverConnections.level).toBe(1);
  });

  it('PgBouncer waiters still time out while logins fail', () => {
    const r = rig(pgbouncer({ poolSize: 5, waitTimeoutMs: 10_000 }), 1, { maxConnections: 1 });
    openNow(r.env, r.db, 1);
    const t0 = r.env.now;
    r.query(0, 'a', 10);
    r.env.run({ until: t0 + 60_000 });
    expect(fmt(r.cont.outcomes, t0)).toBe('a@10000:multiplexer-timeout');
    // No waiter, no retry: PgBouncer launches connections for waiting clients only.
    expect(r.mux.stats.serverRefusals).toBe(1);
  });

  it('ProxySQL retries a refused connect 10 times, 1 ms apart, then returns the error (1040)', () => {
    const r = rig(proxysql({ poolSize: 10 }), 1, { maxConnections: 1 });
    openNow(r.env, r.db, 1);
    const t0 = r.env.now;
    r.query(0, 'a', 10);
    r.env.run();
    // 11 attempts of 2 ms with 1 ms pauses: refused at t0 + 2, 5, …, 32.
    expect(fmt(r.cont.outcomes, t0)).toBe('a@32:too-many-connections');
    expect(r.mux.stats.serverRefusals).toBe(11);
    expect(r.db.stats.refusals).toBe(11);
    expect(r.mux.stats.backendErrors).toBe(1);
    expect(r.mux.stats.waiting.level).toBe(0);
  });

  it('ProxySQL serves waiters from released connections while the database is full', () => {
    const r = rig(proxysql({ poolSize: 10 }), 3, { maxConnections: 1 });
    r.query(0, 'a', 100);
    r.query(1, 'b', 10, 10);
    r.env.run();
    // b's connects are refused (the database has one slot, a's); after 11 refusals it fails at 42…
    expect(fmt(r.cont.outcomes)).toBe('b@42:too-many-connections a@102:ok');
    // …whereas a query arriving while a runs with fewer refusals left waits for a's connection.
    const r2 = rig(proxysql({ poolSize: 10, connectRetriesOnFailure: 1000 }), 2, { maxConnections: 1 });
    r2.query(0, 'a', 100);
    r2.query(1, 'b', 10, 10);
    r2.env.run();
    expect(fmt(r2.cont.outcomes)).toBe('a@102:ok b@112:ok');
    expect(r2.db.stats.connections.max).toBe(1);
  });
});

describe('Multiplexer options', () => {
  it('checks them, naming the field', () => {
    const env = new Environment();
    const db = database(env);
    const bad: [Partial<MultiplexerOptions>, RegExp][] = [
      [{ name: '' }, /name/],
      [{ kind: 'haproxy' as never }, /kind/],
      [{ mode: 'pipeline' as never }, /mode/],
      [{ maxClientConnections: 0 }, /maxClientConnections/],
      [{ poolSize: 0 }, /poolSize/],
      [{ poolSize: 2.5 }, /poolSize/],
      [{ reservePoolSize: -1 }, /reservePoolSize/],
      [{ reservePoolTimeoutMs: -1 }, /reservePoolTimeoutMs/],
      [{ waitTimeoutMs: NaN }, /waitTimeoutMs/],
      [{ waitTimeoutMs: Infinity }, /waitTimeoutMs/],
      [{ serverLoginRetryMs: -5 }, /serverLoginRetryMs/],
      [{ connectRetriesOnFailure: 0.5 }, /connectRetriesOnFailure/],
      [{ connectRetriesDelayMs: -1 }, /connectRetriesDelayMs/],
    ];
    for (const [options, message] of bad)
      expect(() => new Multiplexer<Tok>(env, pgbouncer(options), db)).toThrow(message);
    expect(() => new Multiplexer<Tok>(env, pgbouncer({ connectMs: 0 as never }), db)).toThrow(TypeError);
  });
});
