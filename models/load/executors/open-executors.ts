/**
 * Open-model loads without a VU limit: Poisson arrivals (exponential gaps) and the replay of
 * recorded arrival times. Every arrival starts an iteration; nothing is ever dropped.
 */
import type { RandomSource } from '../../../engine/index.js';
import type { Call } from '../../request/strand.js';
import { ExecutorBase } from './executor-base.js';
import type { ExecutorContext } from './executor-base.js';

/** Poisson arrivals at `ratePerSec` until `endMs`. */
export class PoissonExecutor extends ExecutorBase {
  readonly #meanGapMs: number;
  readonly #endMs: number;
  readonly #random: RandomSource;

  constructor(ctx: ExecutorContext, ratePerSec: number, endMs: number, random: RandomSource) {
    super(ctx);
    this.#meanGapMs = 1000 / ratePerSec;
    this.#endMs = endMs;
    this.#random = random;
  }

  start(): void {
    this.#scheduleNext();
  }

  protected iterationOver(call: Call, ok: boolean): void {
    this.ended(call, ok);
  }

  #scheduleNext(): void {
    const gapMs = -Math.log(1 - this.#random()) * this.#meanGapMs;
    if (this.env.now + gapMs < this.#endMs) this.env.schedule(gapMs, this.#onArrival, undefined);
  }

  readonly #onArrival = (): void => {
    this.begin(0);
    this.#scheduleNext();
  };
}

/** One iteration at each of the given times (sorted, ms). */
export class ReplayExecutor extends ExecutorBase {
  readonly #arrivalsMs: readonly number[];
  #next = 0;

  constructor(ctx: ExecutorContext, arrivalsMs: readonly number[]) {
    super(ctx);
    this.#arrivalsMs = arrivalsMs;
  }

  start(): void {
    this.#scheduleNext();
  }

  protected iterationOver(call: Call, ok: boolean): void {
    this.ended(call, ok);
  }

  #scheduleNext(): void {
    if (this.#next < this.#arrivalsMs.length) {
      this.env.scheduleAt(this.#arrivalsMs[this.#next++]!, this.#onArrival, undefined);
    }
  }

  readonly #onArrival = (): void => {
    this.begin(0);
    this.#scheduleNext();
  };
}
