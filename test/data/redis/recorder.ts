import type { Environment } from '../../../engine/index.js';
import type { Continuation, DataFailureCause } from '../../../models/data/contracts.js';

/** A test token. */
export interface Tok {
  readonly id: number;
}

/** One callback a {@link Recorder} received. */
export interface Outcome {
  readonly id: number;
  readonly atMs: number;
  readonly ok: boolean;
  readonly cause: DataFailureCause | null;
}

/**
 * A Continuation that records every call, and fails the test on a second call for the same token
 * (components must call back exactly once per operation).
 */
export class Recorder implements Continuation<Tok> {
  readonly outcomes: Outcome[] = [];
  readonly #seen = new Set<number>();
  readonly #env: Environment;
  constructor(env: Environment) {
    this.#env = env;
  }
  resume(token: Tok): void {
    this.#record(token, true, null);
  }
  fail(token: Tok, cause: DataFailureCause): void {
    this.#record(token, false, cause);
  }
  byId(id: number): Outcome | undefined {
    return this.outcomes.find((o) => o.id === id);
  }
  #record(token: Tok, ok: boolean, cause: DataFailureCause | null): void {
    if (this.#seen.has(token.id)) throw new Error(`token ${token.id} called back twice`);
    this.#seen.add(token.id);
    this.outcomes.push({ id: token.id, atMs: this.#env.now, ok, cause });
  }
}
