/**
 * What every executor shares: choosing an endpoint from the mix, starting an iteration, and
 * counting iterations that are still running when the run ends (k6 counts them as interrupted).
 */
import type { Environment, RandomSource, Sampler } from '../../../engine/index.js';
import type { Client } from '../../client/client.js';
import type { Recorder } from '../../report/recorder.js';
import { Call } from '../../request/strand.js';
import type { EndpointRuntime, IterationOwner } from '../../request/strand.js';

/** Picks endpoints by their shares with one draw (none when there is a single endpoint). */
export class EndpointMix {
  readonly #endpoints: readonly EndpointRuntime[];
  readonly #cumulative: Float64Array;
  readonly #random: RandomSource;

  constructor(endpoints: readonly EndpointRuntime[], shares: readonly number[], random: RandomSource) {
    this.#endpoints = endpoints;
    this.#random = random;
    this.#cumulative = new Float64Array(shares.length);
    let total = 0;
    shares.forEach((s, i) => (this.#cumulative[i] = total += s));
  }

  /** The endpoint for the next iteration. */
  pick(): EndpointRuntime {
    const n = this.#endpoints.length;
    if (n === 1) return this.#endpoints[0]!;
    const u = this.#random() * this.#cumulative[n - 1]!;
    let i = 0;
    while (i < n - 1 && u >= this.#cumulative[i]!) i++;
    return this.#endpoints[i]!;
  }
}

/** The parts every executor is built from. */
export interface ExecutorContext {
  readonly env: Environment;
  readonly client: Client;
  readonly recorder: Recorder;
  readonly mix: EndpointMix;
}

/** Base of the executors: iteration start and bookkeeping. */
export abstract class ExecutorBase implements IterationOwner {
  /** Iterations started and not yet finished. */
  running = 0;
  protected readonly env: Environment;
  readonly #ctx: ExecutorContext;
  readonly #think: Sampler | null;

  /** @param think - the sleep (ms) at the end of each iteration, or null for none. */
  constructor(ctx: ExecutorContext, think: Sampler | null = null) {
    this.env = ctx.env;
    this.#ctx = ctx;
    this.#think = think;
  }

  /** Schedules the executor's first events. */
  abstract start(): void;

  /** The request of an iteration has ended: the VU sleeps its think time, then the iteration is over. */
  iterationDone(call: Call, ok: boolean): void {
    const thinkMs = this.#think === null ? 0 : this.#think();
    if (thinkMs > 0) this.env.schedule(thinkMs, ok ? this.#thoughtOk : this.#thoughtFailed, call);
    else this.iterationOver(call, ok);
  }

  readonly #thoughtOk = (call: Call): void => this.iterationOver(call, true);
  readonly #thoughtFailed = (call: Call): void => this.iterationOver(call, false);

  /** The iteration (request and think time) is over: free its VU. */
  protected abstract iterationOver(call: Call, ok: boolean): void;

  /** Starts an iteration now for VU `vu` (0 for executors without VUs). */
  protected begin(vu: number): void {
    const now = this.env.now;
    this.running++;
    this.#ctx.recorder.iterationStarted(now);
    this.#ctx.client.send(new Call(this.#ctx.mix.pick(), now, this, vu));
  }

  /** Records the end of an iteration (after its think time, for VU executors). */
  protected ended(call: Call, ok: boolean): void {
    this.running--;
    this.#ctx.recorder.iterationEnded(call, ok, this.env.now);
  }

  /** Records a scheduled start that found no idle VU. */
  protected dropped(): void {
    this.#ctx.recorder.iterationDropped(this.env.now);
  }
}
