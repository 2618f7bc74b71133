/** The SQLite store: runs survive a restart, and a run a stopped server left unfinished is marked failed. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
    first.create('done', '{"seed":1}');
    first.started('done');
    first.succeeded('done', '{"x":1}');
    first.create('queued', '{}');
    first.create('running', '{}');
    first.started('running');
    first.close();

    const second = new RunStore(file);
    expect(second.get('done')).toMatchObject({
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
});
