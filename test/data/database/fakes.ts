/**
 * Tiny stand-ins for the request path in data-tier tests: a token with the DataToken fields, a
 * continuation that records outcomes, and helpers to open connections on any backend.
 */
import type { Environment } from '../../../engine/index.js';
import type {
  Backend,
  BackendConnection,
  Continuation,
  DataFailureCause,
  DataToken,
} from '../../../models/data/contracts.js';

export interface Tok extends DataToken {
  readonly id: string;
  /** Free for tests: the connection a test runs the token on. */
  link: BackendConnection | null;
}

/** A token for a query of `cpuMs` CPU, `ioMs` I/O, holding lock `lock` (−1: none). */
export function tok(id: string, cpuMs: number, ioMs = 0, lock = -1): Tok {
  return {
    id,
    link: null,
    conn: null,
    serverConn: null,
    queryCpuMs: cpuMs,
    queryIoMs: ioMs,
    queryLock: lock,
    waitSinceMs: 0,
  };
}

/** An outcome: token id, time (ms), and 'ok' or the failure cause. */
export type Outcome = [string, number, 'ok' | DataFailureCause];

/** A continuation recording every outcome in `outcomes`, with the clock of `env`. */
export function recorder(env: Environment): Continuation<Tok> & { outcomes: Outcome[] } {
  const outcomes: Outcome[] = [];
  return {
    outcomes,
    resume: (t) => void outcomes.push([t.id, env.now, 'ok']),
    fail: (t, cause) => void outcomes.push([t.id, env.now, cause]),
  };
}

/** Outcomes as `id@ms:result …` in the order they happened, times relative to `t0`. */
export const fmt = (outcomes: Outcome[], t0 = 0): string =>
  outcomes.map(([id, ms, r]) => `${id}@${ms - t0}:${r}`).join(' ');

/** Result of {@link connectAll}: opened connections (in open order) and refusal causes. */
export interface Connected {
  opened: BackendConnection[];
  refused: DataFailureCause[];
}

/** Starts `n` connects on `backend` now; the arrays fill as the connect events run. */
export function connectAll(backend: Backend<Tok>, n: number): Connected {
  const result: Connected = { opened: [], refused: [] };
  for (let i = 0; i < n; i++)
    backend.connect(result, {
      opened: (r, conn) => void r.opened.push(conn),
      refused: (r, cause) => void r.refused.push(cause),
    });
  return result;
}

/** Opens `n` connections on `backend`, running `env` until they are all open (nothing else may be pending). */
export function openNow(env: Environment, backend: Backend<Tok>, n: number): BackendConnection[] {
  const r = connectAll(backend, n);
  env.run();
  if (r.opened.length !== n) throw new Error(`openNow: ${r.refused.length} of ${n} connects refused`);
  return r.opened;
}
