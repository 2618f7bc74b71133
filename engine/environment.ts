import { SimError, invalidDelay, invalidTime } from './errors.js';
import { EventQueue, NORMAL, checkPriority } from './event-queue.js';
import type { EventCallback, EventHandle } from './event-queue.js';
import { Timer } from './timer.js';

/** Limits for {@link Environment.run}. Both are optional; with neither, the run empties the queue. */
export interface RunOptions {
  /**
   * Stop before the first event at or after this simulation time (ms); the clock is then set to
   * `until` (also when the queue empties earlier). Events scheduled exactly at `until` stay queued
   * and run first on the next `run`, as in SimPy.
   */
  until?: number;
  /** Stop after this many events have run in this call. */
  maxEvents?: number;
}

/**
 * Why {@link Environment.run} returned: the clock reached `until`, `maxEvents` events ran, no
 * event was left (and no `until` was given), or a callback called {@link Environment.stop}.
 */
export type RunStopReason = 'until' | 'maxEvents' | 'empty' | 'stopped';

/**
 * The simulation clock and its event loop: callbacks on a heap ordered by
 * (time, priority, insertion sequence).
 *
 * Time is in milliseconds as a double and only moves forward, when an event runs. Callbacks run
 * synchronously, one at a time; an exception thrown by a callback propagates out of `run`/`step`
 * with the clock at that event's time (errors are never swallowed).
 */
export class Environment {
  // Initialised here, not only in the constructor: a field declared without a value is first
  // defined as `undefined` (ES2022 class fields), which makes V8 store it as a tagged pointer and
  // allocate a fresh heap number on every clock update; a numeric start keeps it an unboxed double.
  #now = 0;
  #queue = new EventQueue();
  #processed = 0;
  #stopRequested = false;

  /** @param startMs initial clock value (ms), default 0. */
  constructor(startMs = 0) {
    if (!Number.isFinite(startMs))
      throw new SimError('SIM_ERR_INVALID_TIME', `start time must be finite, got ${startMs}`);
    this.#now = startMs;
  }

  /** Current simulation time (ms). */
  get now(): number {
    return this.#now;
  }

  /** Number of events run so far (all calls of `run`/`step`). */
  get eventsProcessed(): number {
    return this.#processed;
  }

  /** Number of events waiting to run (cancelled ones excluded). */
  get pendingEvents(): number {
    return this.#queue.size;
  }

  /** Time (ms) of the next event to run, or `Infinity` when none is scheduled. */
  peek(): number {
    return this.#queue.peekTime();
  }

  /**
   * Schedules `fn(arg)` to run `delayMs` from now. Allocates nothing: use
   * {@link Environment.scheduleCancellable} when the event may need to be cancelled.
   *
   * Passing the state as `arg` instead of capturing it in a closure avoids allocating a closure
   * per event on hot paths.
   * @param priority integer in [0, 1023]; lower runs first among events at the same time
   *   (`URGENT` = 0, `NORMAL` = 1, the default).
   * @throws SimError `SIM_ERR_INVALID_TIME` if `delayMs` is negative, NaN or infinite;
   *   `SIM_ERR_INVALID_ARGUMENT` for a bad priority.
   */
  schedule(delayMs: number, fn: () => void): void;
  schedule<A>(delayMs: number, fn: EventCallback<A>, arg: A, priority?: number): void;
  schedule<A>(delayMs: number, fn: EventCallback<A>, arg?: A, priority: number = NORMAL): void {
    // One comparison rejects negatives and NaN; the second rejects +Infinity.
    if (!(delayMs >= 0) || delayMs === Infinity) throw invalidDelay(delayMs);
    const queue = this.#queue;
    queue.nextTime = this.#now + delayMs;
    queue.pushNext(priority, fn, arg as A);
  }

  /**
   * Schedules `fn(arg)` at absolute simulation time `timeMs` (≥ now).
   * @throws SimError `SIM_ERR_INVALID_TIME` if `timeMs` is in the past, NaN or infinite.
   */
  scheduleAt(timeMs: number, fn: () => void): void;
  scheduleAt<A>(timeMs: number, fn: EventCallback<A>, arg: A, priority?: number): void;
  scheduleAt<A>(timeMs: number, fn: EventCallback<A>, arg?: A, priority: number = NORMAL): void {
    if (!(timeMs >= this.#now) || timeMs === Infinity) {
      throw invalidTime(this.#now, timeMs);
    }
    this.#queue.push(timeMs, priority, fn, arg as A);
  }

  /**
   * Like {@link Environment.schedule}, returning a handle for {@link Environment.cancel}
   * (deadlines, timeouts). Costs one small allocation more than `schedule`.
   */
  scheduleCancellable(delayMs: number, fn: () => void): EventHandle;
  scheduleCancellable<A>(delayMs: number, fn: EventCallback<A>, arg: A, priority?: number): EventHandle;
  scheduleCancellable<A>(
    delayMs: number,
    fn: EventCallback<A>,
    arg?: A,
    priority: number = NORMAL,
  ): EventHandle {
    if (!(delayMs >= 0) || delayMs === Infinity) throw invalidDelay(delayMs);
    return this.#queue.pushCancellable(this.#now + delayMs, priority, fn, arg as A);
  }

  /**
   * A reusable {@link Timer} that calls `fn(arg)` when it fires; it starts unset. For a deadline
   * that moves often (later for free): cheaper than a cancel and a `scheduleCancellable` per move.
   * @param priority as for {@link Environment.schedule}.
   * @throws SimError `SIM_ERR_INVALID_ARGUMENT` for a priority that is not an integer in [0, 1023].
   */
  timer(fn: () => void): Timer;
  timer<A>(fn: EventCallback<A>, arg: A, priority?: number): Timer<A>;
  timer<A>(fn: EventCallback<A>, arg?: A, priority: number = NORMAL): Timer<A> {
    checkPriority(priority);
    return new Timer<A>(this, this.#queue, fn, arg as A, priority);
  }

  /**
   * Cancels a scheduled event so it never runs.
   * @returns true if it was still pending; false if it had run or was already cancelled.
   */
  cancel(handle: EventHandle): boolean {
    return this.#queue.cancel(handle);
  }

  /** Whether the event of `handle` has neither run nor been cancelled. */
  isPending(handle: EventHandle): boolean {
    return this.#queue.isPending(handle);
  }

  /** Asks the running `run` call to return after the current callback ('stopped'). */
  stop(): void {
    this.#stopRequested = true;
  }

  /**
   * Runs the next event, if any.
   * @returns false when no event was left to run.
   */
  step(): boolean {
    const queue = this.#queue;
    const fn = queue.takeBefore(Infinity);
    if (fn === null) return false;
    this.#now = queue.takenTime;
    this.#processed++;
    fn(queue.takenArg as never);
    return true;
  }

  /**
   * Runs events in order until a limit in `options` is reached, the queue empties, or a callback
   * calls {@link Environment.stop}.
   * @throws SimError `SIM_ERR_INVALID_TIME` if `until` is before now;
   *   `SIM_ERR_INVALID_ARGUMENT` if `maxEvents` is negative or NaN.
   */
  run(options: RunOptions = {}): RunStopReason {
    const until = options.until ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    checkRunLimits(this.#now, until, maxEvents);
    this.#stopRequested = false;
    const queue = this.#queue;
    let count = 0;
    for (;;) {
      if (count >= maxEvents) return 'maxEvents';
      const fn = queue.takeBefore(until);
      if (fn === null) {
        if (until === Infinity) return 'empty';
        this.#now = until;
        return 'until';
      }
      this.#now = queue.takenTime;
      this.#processed++;
      fn(queue.takenArg as never);
      count++;
      if (this.#stopRequested) {
        this.#stopRequested = false;
        return 'stopped';
      }
    }
  }
}

// Kept out of `run` so the loop's own bytecode stays small enough for V8 to inline its callees.
function checkRunLimits(now: number, until: number, maxEvents: number): void {
  if (!(until >= now))
    throw new SimError('SIM_ERR_INVALID_TIME', `until must be ≥ now (${now} ms), got ${until}`);
  if (!(maxEvents >= 0))
    throw new SimError('SIM_ERR_INVALID_ARGUMENT', `maxEvents must be ≥ 0, got ${maxEvents}`);
}
