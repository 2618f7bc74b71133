/**
 * The results store: simulation runs in an embedded SQLite database (better-sqlite3), one row per
 * run. Every change is one statement, so a row is never half written; a run left queued or running
 * by a stopped server is marked failed when the store opens again, never lost silently.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** Where a run is. */
export type RunStatus = 'queued' | 'running' | 'done' | 'failed';

/** What a run is: a simulation, a sweep, or a capacity search. */
export type RunKind = 'simulation' | 'sweep' | 'capacity';

/** A stored run. `result` and `error` are JSON text, kept as produced (byte-identical results). */
export interface StoredRun {
  readonly id: string;
  readonly kind: RunKind;
  readonly status: RunStatus;
  /** ISO 8601 (UTC) times. */
  readonly createdAt: string;
  readonly finishedAt: string | null;
  /** What was asked: the request as JSON text. */
  readonly request: string;
  readonly result: string | null;
  readonly error: string | null;
}

/** The interrupted-run error written at start-up. */
export const INTERRUPTED_ERROR = JSON.stringify({
  code: 'API_ERR_INTERRUPTED',
  message: 'the server stopped while this run was queued or running',
});

/**
 * Runs in a SQLite file (or `:memory:`).
 * @throws Error (from better-sqlite3) if the file cannot be opened or is not a database.
 */
export class RunStore {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  readonly #setStatus: Database.Statement;
  readonly #finish: Database.Statement;
  readonly #get: Database.Statement;

  /** @param file a path (its folder is created) or `:memory:`. */
  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS runs (
      id TEXT PRIMARY KEY,
      status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
      created_at TEXT NOT NULL,
      finished_at TEXT,
      request TEXT NOT NULL,
      result TEXT,
      error TEXT
    )`);
    // Stores written before sweeps existed hold simulations only.
    const columns = this.#db.prepare(`PRAGMA table_info(runs)`).all() as { name: string }[];
    if (!columns.some((c) => c.name === 'kind'))
      this.#db.exec(`ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'simulation'`);
    this.#insert = this.#db.prepare(
      `INSERT INTO runs (id, kind, status, created_at, request) VALUES (?, ?, 'queued', ?, ?)`,
    );
    this.#setStatus = this.#db.prepare(
      `UPDATE runs SET status = ? WHERE id = ? AND status IN ('queued', 'running')`,
    );
    this.#finish = this.#db.prepare(
      `UPDATE runs SET status = ?, finished_at = ?, result = ?, error = ? WHERE id = ? AND status IN ('queued', 'running')`,
    );
    this.#get = this.#db.prepare(
      `SELECT id, kind, status, created_at AS createdAt, finished_at AS finishedAt, request, result, error FROM runs WHERE id = ?`,
    );
    // Whatever a previous server left unfinished can no longer finish.
    this.#db
      .prepare(
        `UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE status IN ('queued', 'running')`,
      )
      .run(new Date().toISOString(), INTERRUPTED_ERROR);
  }

  /** Records a new queued run. */
  create(id: string, kind: RunKind, request: string): void {
    this.#insert.run(id, kind, new Date().toISOString(), request);
  }

  /** Marks a queued run running. */
  started(id: string): void {
    this.#setStatus.run('running', id);
  }

  /** Stores a run's result. */
  succeeded(id: string, result: string): void {
    this.#finish.run('done', new Date().toISOString(), result, null, id);
  }

  /** Stores a run's failure (JSON text with a code and a message). */
  failed(id: string, error: string): void {
    this.#finish.run('failed', new Date().toISOString(), null, error, id);
  }

  /** A run, or undefined. */
  get(id: string): StoredRun | undefined {
    return this.#get.get(id) as StoredRun | undefined;
  }

  /** Whether the database answers. */
  healthy(): boolean {
    return (this.#db.prepare('SELECT 1 AS ok').get() as { ok: number }).ok === 1;
  }

  close(): void {
    this.#db.close();
  }
}
