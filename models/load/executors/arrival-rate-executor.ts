/**
 * k6's `constant-arrival-rate` and `ramping-arrival-rate`: iterations start on the schedule
 * whether or not earlier ones have finished. A start that finds no idle VU is dropped
 * (`dropped_iterations`), and k6 then initializes one more VU, up to `maxVUs`
 * (`semantics.md` §9, `models/load/README-k6-notes.md`). A think time (the script's `sleep()`) keeps
 * the VU busy after the request, so it raises the VUs in use, not the rate.
 */
import type { Sampler } from '../../../engine/index.js';
import type { Call } from '../../request/strand.js';
import type { StartTimes } from '../arrival-schedule.js';
import { ExecutorBase } from './executor-base.js';
import type { ExecutorContext } from './executor-base.js';

/** An open-model executor with a VU pool. */
export class ArrivalRateExecutor extends ExecutorBase {
  /** VUs that exist (pre-allocated plus those added after drops). */
  vus: number;
  /** VUs without an iteration. */
  idle: number;
  readonly #starts: StartTimes;
  readonly #maxVUs: number;

  constructor(
    ctx: ExecutorContext,
    starts: StartTimes,
    preAllocatedVUs: number,
    maxVUs: number,
    think: Sampler | null = null,
  ) {
    super(ctx, think);
    this.#starts = starts;
    this.vus = preAllocatedVUs;
    this.idle = preAllocatedVUs;
    this.#maxVUs = maxVUs;
  }

  start(): void {
    this.#scheduleNext();
  }

  protected iterationOver(call: Call, ok: boolean): void {
    this.ended(call, ok);
    this.idle++;
  }

  #scheduleNext(): void {
    const t = this.#starts.next();
    if (t !== Infinity) this.env.scheduleAt(t, this.#onStart, undefined);
  }

  readonly #onStart = (): void => {
    if (this.idle > 0) {
      this.idle--;
      this.begin(this.vus - this.idle);
    } else {
      this.dropped();
      if (this.vus < this.#maxVUs) {
        // The new VU is ready for the next start; its initialization time is not modelled.
        this.vus++;
        this.idle++;
      }
    }
    this.#scheduleNext();
  };
}
