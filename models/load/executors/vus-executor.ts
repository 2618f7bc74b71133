/**
 * k6's `constant-vus` and `ramping-vus` (closed model): each active VU loops over iterations (the
 * request, then its think time) back to back, so throughput falls when the system slows down.
 * VU v (1-based) is active while the planned count is ≥ v; a VU above a lowered count finishes its
 * current iteration and starts no new one, and resumes if the count rises again (k6's graceful
 * ramp-down). Cutting an iteration that outlives `gracefulRampDown` is not modelled: it finishes.
 */
import type { Sampler } from '../../../engine/index.js';
import type { Call } from '../../request/strand.js';
import type { VuStep } from '../vu-schedule.js';
import { ExecutorBase } from './executor-base.js';
import type { ExecutorContext } from './executor-base.js';

/** A closed-model executor following a planned VU count. */
export class VusExecutor extends ExecutorBase {
  /** VUs the plan allows now. */
  planned = 0;
  readonly #steps: readonly VuStep[];
  // busy[v]: VU v is inside an iteration (request or think time); index 0 unused.
  readonly #busy: Uint8Array;
  #nextStep = 0;

  constructor(ctx: ExecutorContext, steps: readonly VuStep[], think: Sampler | null) {
    super(ctx, think);
    this.#steps = steps;
    this.#busy = new Uint8Array(Math.max(0, ...steps.map((s) => s.vus)) + 1);
  }

  start(): void {
    this.#scheduleStep();
  }

  protected iterationOver(call: Call, ok: boolean): void {
    this.ended(call, ok);
    const vu = call.vu;
    this.#busy[vu] = 0;
    if (vu <= this.planned) this.#startVu(vu);
  }

  #startVu(vu: number): void {
    this.#busy[vu] = 1;
    this.begin(vu);
  }

  #scheduleStep(): void {
    const step = this.#steps[this.#nextStep];
    if (step !== undefined) this.env.scheduleAt(step.timeMs, this.#onStep, undefined);
  }

  readonly #onStep = (): void => {
    // Apply every step due now; same-time steps leave the last one in effect.
    const now = this.env.now;
    let step = this.#steps[this.#nextStep];
    while (step !== undefined && step.timeMs <= now) {
      this.planned = step.vus;
      step = this.#steps[++this.#nextStep];
    }
    for (let vu = 1; vu <= this.planned; vu++) if (this.#busy[vu] === 0) this.#startVu(vu);
    this.#scheduleStep();
  };
}
