import type { Environment } from './environment.js';
import { invalidDelay, invalidTime } from './errors.js';
import type { EventCallback, EventQueue } from './event-queue.js';

/**
 * A reusable timer: at most one pending firing of `fn(arg)`, moved as often as its owner likes
 * without allocating. Made by {@link Environment.timer}.
 *
 * For deadlines that move many times before they fire, such as the next completion of a
 * processor-sharing CPU, which every arrival postpones. Moving the firing later costs nothing at
 * once: the queued event is left where it is and, when it comes up early, goes back into the queue
 * for the new time without calling `fn` (one cheap step instead of a cancel and a new event each
 * time). Moving it earlier cancels the queued event and queues a new one.
 *
 * Order: a firing set for time t runs after the events already queued for t when it was set, as a
 * `schedule` at that moment would; a firing that was moved later takes its place among the events
 * at its new time when its early event comes up, as a `schedule` made then would.
 */
export class Timer<A = undefined> {
  readonly #env: Environment;
  readonly #queue: EventQueue;
  readonly #fn: EventCallback<A>;
  readonly #arg: A;
  readonly #priority: number;
  // The queued event (slot and key), slot −1 when none is queued.
  #slot = -1;
  #key = 0;
  // Time (ms) of the queued event, and when the timer fires (≥ it); Infinity when not set.
  #queuedMs = 0;
  #dueMs = Infinity;

  /** @internal Use {@link Environment.timer}. */
  constructor(env: Environment, queue: EventQueue, fn: EventCallback<A>, arg: A, priority: number) {
    this.#env = env;
    this.#queue = queue;
    this.#fn = fn;
    this.#arg = arg;
    this.#priority = priority;
  }

  /** Whether the timer is set (it has a firing to come). */
  get isSet(): boolean {
    return this.#dueMs !== Infinity;
  }

  /** Simulation time (ms) it fires at, or Infinity when not set. */
  get dueMs(): number {
    return this.#dueMs;
  }

  /**
   * Sets the timer to fire `delayMs` from now, replacing any firing to come.
   * @throws SimError `SIM_ERR_INVALID_TIME` if `delayMs` is negative, NaN or infinite.
   */
  setIn(delayMs: number): void {
    if (!(delayMs >= 0) || delayMs === Infinity) throw invalidDelay(delayMs);
    this.#set(this.#env.now + delayMs);
  }

  /**
   * Sets the timer to fire at `timeMs`, replacing any firing to come.
   * @throws SimError `SIM_ERR_INVALID_TIME` if `timeMs` is before now, NaN or infinite.
   */
  setAt(timeMs: number): void {
    if (!(timeMs >= this.#env.now) || timeMs === Infinity) throw invalidTime(this.#env.now, timeMs);
    this.#set(timeMs);
  }

  /** Unsets the timer: the firing to come, if any, never happens. */
  clear(): void {
    this.#dueMs = Infinity;
    if (this.#slot >= 0) {
      this.#queue.cancelAt(this.#slot, this.#key);
      this.#slot = -1;
    }
  }

  #set(timeMs: number): void {
    this.#dueMs = timeMs;
    if (this.#slot >= 0) {
      if (timeMs >= this.#queuedMs) return; // the queued event will re-queue itself for timeMs
      this.#queue.cancelAt(this.#slot, this.#key);
    }
    this.#enqueue(timeMs);
  }

  #enqueue(timeMs: number): void {
    this.#queuedMs = timeMs;
    const slot = this.#queue.push(timeMs, this.#priority, Timer.#ring, this);
    this.#slot = slot;
    this.#key = this.#queue.keyAt(slot);
  }

  // The queued event: fires the timer if it is due, or queues it again for its later time.
  static #ring<U>(timer: Timer<U>): void {
    timer.#slot = -1;
    const due = timer.#dueMs;
    if (timer.#env.now < due) {
      timer.#enqueue(due);
      return;
    }
    timer.#dueMs = Infinity;
    timer.#fn(timer.#arg);
  }
}
