/** The SQLite store: runs survive a restart, and a run a stopped server left unfinished is marked failed. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { INTERRUPTED_ERROR, RunStore } from '../../api/store/run-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('RunStore', () => {
  it('keeps finished runs across a reopen and fails the ones left queued or running', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capsim-store-'));
    dirs.push(dir);
    const file = join(dir, 'data', 'capsim.db');
    const first = new RunStore(file);
    first.create('done', 'simulation', '{"seed":1}');
    first.started('done');
    first.succeeded('done', '{"x":1}');
    first.create('queued', 'sweep', '{}');
    first.create('running', 'capacity', '{}');
    first.started('running');
    first.close();

    const second = new RunStore(file);
    expect(second.get('done')).toMatchObject({
      kind: 'simulation',
      status: 'done',
      result: '{"x":1}',
      request: '{"seed":1}',
      error: null,
    });
    for (const id of ['queued', 'running']) {
      expect(second.get(id)).toMatchObject({ status: 'failed', error: INTERRUPTED_ERROR, result: null });
      expect(second.get(id)!.finishedAt).not.toBeNull();
    }
    // A finished run is final: a late result for it changes nothing.
    second.succeeded('queued', '{"late":true}');
    expect(second.get('queued')!.status).toBe('failed');
    expect(second.get('nope')).toBeUndefined();
    expect(second.healthy()).toBe(true);
    second.close();
  });

  it('opens a store written before runs had a kind: its runs are simulations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capsim-store-'));
    dirs.push(dir);
    const file = join(dir, 'capsim.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE runs (id TEXT PRIMARY KEY, status TEXT NOT NULL, created_at TEXT NOT NULL,
      finished_at TEXT, request TEXT NOT NULL, result TEXT, error TEXT)`);
    old
      .prepare(`INSERT INTO runs VALUES ('a', 'done', '2026-01-01T00:00:00Z', NULL, '{}', '{"x":1}', NULL)`)
      .run();
    old.close();
    const store = new RunStore(file);
    expect(store.get('a')).toMatchObject({ kind: 'simulation', status: 'done', result: '{"x":1}' });
    store.create('b', 'sweep', '{}');
    expect(store.get('b')!.kind).toBe('sweep');
    store.close();
  });
});
