/** ReaderEndpoint: connections rotate over the replicas; queries and disconnects follow the connection. */
import { describe, expect, it } from 'vitest';
import { Environment } from '../../../engine/index.js';
import { DatabaseServer, ReaderEndpoint } from '../../../models/data/database/index.js';
import { connectAll, fmt, openNow, recorder, tok } from './fakes.js';
import type { Tok } from './fakes.js';

function replicaSet(env: Environment, n: number, maxConnections = 100): DatabaseServer<Tok>[] {
  return Array.from(
    { length: n },
    (_, i) =>
      new DatabaseServer<Tok>(env, {
        name: `replica-${i + 1}`,
        maxConnections,
        cores: 1,
        connectMs: () => 1,
        lockCount: 0,
        lockWaitTimeoutMs: 50_000,
      }),
  );
}

describe('ReaderEndpoint', () => {
  it('sends each connect to the next replica in turn', () => {
    const env = new Environment();
    const replicas = replicaSet(env, 3);
    const reader = new ReaderEndpoint<Tok>({ name: 'reader', replicas });
    const conns = openNow(env, reader, 7);
    expect(replicas.map((r) => r.stats.connections.level)).toEqual([3, 2, 2]);
    expect(conns.map((c) => (c.backend as unknown as DatabaseServer<Tok>).name)).toEqual([
      'replica-1',
      'replica-2',
      'replica-3',
      'replica-1',
      'replica-2',
      'replica-3',
      'replica-1',
    ]);
  });

  it('runs queries and disconnects on the replica that opened the connection', () => {
    const env = new Environment();
    const replicas = replicaSet(env, 2);
    const reader = new ReaderEndpoint<Tok>({ name: 'reader', replicas });
    const [a, b, c] = openNow(env, reader, 3); // replica-1, replica-2, replica-1
    const cont = recorder(env);
    const t0 = env.now;
    reader.execute(tok('a', 10), a!, cont);
    reader.execute(tok('b', 10), b!, cont);
    reader.execute(tok('c', 10), c!, cont);
    env.run();
    // a and c share replica-1's single core; b has replica-2 to itself.
    expect(fmt(cont.outcomes)).toBe(`b@${t0 + 10}:ok a@${t0 + 20}:ok c@${t0 + 20}:ok`);
    expect(replicas.map((r) => r.stats.queries)).toEqual([2, 1]);
    reader.disconnect(a!);
    reader.disconnect(b!);
    expect(replicas.map((r) => r.stats.connections.level)).toEqual([1, 0]);
  });

  it('passes a replica refusal through and rejects connections it did not open', () => {
    const env = new Environment();
    const replicas = replicaSet(env, 2, 1);
    const reader = new ReaderEndpoint<Tok>({ name: 'reader', replicas });
    const r = connectAll(reader, 3);
    env.run();
    expect(r.opened).toHaveLength(2);
    expect(r.refused).toEqual(['too-many-connections']);
    const [stranger] = openNow(env, replicaSet(env, 1)[0]!, 1);
    expect(() => reader.execute(tok('x', 1), stranger!, recorder(env))).toThrow(
      /not opened by one of its replicas/,
    );
    expect(() => reader.disconnect(stranger!)).toThrow(/not opened by one of its replicas/);
  });

  it('checks its options', () => {
    const env = new Environment();
    const [one] = replicaSet(env, 1);
    expect(() => new ReaderEndpoint<Tok>({ name: '', replicas: [one!] })).toThrow(/name/);
    expect(() => new ReaderEndpoint<Tok>({ name: 'r', replicas: [] })).toThrow(/replicas/);
    expect(() => new ReaderEndpoint<Tok>({ name: 'r', replicas: [one!, one!] })).toThrow(/repeat/);
  });
});
