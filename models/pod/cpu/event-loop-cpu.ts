import type { Environment, Timer } from '../../../engine/index.js';
import type { CpuModel } from './index.js';

/** Options of {@link EventLoopCpu}. */
export interface EventLoopCpuOptions<T> {
  /** CPU limit of the pod, in cores (may be fractional); finite and > 0. */
  cores: number;
  /**
   * Called synchronously from the completion event, at the completion time, with each finished item
   * (the next queued job has already started). It may call `submit` and `setCores` on the same CPU.
   */
  onDone: (item: T) => void;
}

const INITIAL_CAPACITY = 64;

/**
 * A Node.js pod's CPU: one JavaScript thread runs CPU work one job at a time, first in first out,
 * at speed min(1, cores) CPU-ms per ms. A limit below one core slows the single thread (CFS
 * throttling averaged out); cores above one are left unused by it. A job's `workMs` is its CPU time
 * (ms) at one full core, so it runs for workMs / speed ms.
 *
 * The waiting jobs sit in a ring buffer of reused slots (items and work in parallel arrays), so a
 * submit allocates nothing; one reusable timer marks the running job's completion.
 *
 * Invariants: `active` is 1 while a job runs, else 0; `queued` jobs wait behind it; `busyCores` is
 * the speed while a job runs, else 0; `active + queued` = jobs submitted − `completed`.
 */
export class EventLoopCpu<T> implements CpuModel<T> {
  readonly #env: Environment;
  readonly #onDone: (item: T) => void;
  #cores: number;
  #speed: number;
  // Ring buffer of power-of-two capacity; the running job stays at the head until it completes.
  #items: (T | undefined)[] = new Array<T | undefined>(INITIAL_CAPACITY);
  #work = new Float64Array(INITIAL_CAPACITY);
  #head = 0;
  #length = 0;
  #running = false;
  // Work (ms at one core) the running job still had at #segmentStartMs, when its speed last changed.
  #remainingMs = 0;
  #segmentStartMs = 0;
  readonly #timer: Timer<EventLoopCpu<T>>;
  #busyCoreMs = 0;
  #lastMs: number;
  #completed = 0;

  /**
   * @throws RangeError if `cores` is not a finite number > 0.
   * @throws TypeError if `onDone` is not a function.
   */
  constructor(env: Environment, options: EventLoopCpuOptions<T>) {
    checkCores(options.cores);
    if (typeof options.onDone !== 'function') throw new TypeError('EventLoopCpu: onDone must be a function');
    this.#env = env;
    this.#onDone = options.onDone;
    this.#cores = options.cores;
    this.#speed = Math.min(1, options.cores);
    this.#lastMs = env.now;
    this.#timer = env.timer<EventLoopCpu<T>>(EventLoopCpu.#fire, this);
  }

  /** 1 while a job runs on the thread, else 0. */
  get active(): number {
    return this.#running ? 1 : 0;
  }

  /** Jobs waiting behind the running one. */
  get queued(): number {
    return this.#running ? this.#length - 1 : this.#length;
  }

  /** Cores in use now: the thread's speed min(1, cores) while a job runs, else 0. */
  get busyCores(): number {
    return this.#running ? this.#speed : 0;
  }

  /** Current CPU limit (cores). */
  get cores(): number {
    return this.#cores;
  }

  /** Jobs completed so far (their `onDone` has been called or is running). */
  get completed(): number {
    return this.#completed;
  }

  /** Integral of `busyCores` over time up to `env.now` (core·ms); utilization = this / (cores · elapsed ms). */
  busyCoreMs(): number {
    return this.#busyCoreMs + this.busyCores * (this.#env.now - this.#lastMs);
  }

  /**
   * Queues `item`, which needs `workMs` of CPU time at one full core; it starts at once when the
   * thread is idle. A job of 0 ms finishes at the current time through the completion event (never
   * synchronously inside `submit`), in FIFO order.
   * @throws RangeError if `workMs` is not a finite number ≥ 0.
   */
  submit(item: T, workMs: number): void {
    if (!(workMs >= 0) || workMs === Infinity)
      throw new RangeError(`EventLoopCpu.submit: workMs must be a finite number ≥ 0, got ${workMs}`);
    if (this.#length === this.#work.length) this.#grow();
    const index = (this.#head + this.#length) & (this.#work.length - 1);
    this.#items[index] = item;
    this.#work[index] = workMs;
    this.#length++;
    if (!this.#running) {
      this.#accrue(this.#env.now);
      this.#startHead();
    }
  }

  /**
   * Changes the CPU limit from now on; the running job keeps the work already done and continues at
   * the new speed min(1, cores).
   * @throws RangeError if `cores` is not a finite number > 0.
   */
  setCores(cores: number): void {
    checkCores(cores);
    const now = this.#env.now;
    this.#accrue(now);
    this.#cores = cores;
    const speed = Math.min(1, cores);
    if (speed === this.#speed) return;
    if (this.#running) {
      const left = this.#remainingMs - this.#speed * (now - this.#segmentStartMs);
      this.#remainingMs = left > 0 ? left : 0;
      this.#segmentStartMs = now;
      this.#timer.setIn(this.#remainingMs / speed);
    }
    this.#speed = speed;
  }

  // Completion of the head job: start the next one first, so that a submit from onDone queues
  // behind the jobs already waiting.
  static #fire<U>(cpu: EventLoopCpu<U>): void {
    cpu.#accrue(cpu.#env.now);
    const head = cpu.#head;
    const item = cpu.#items[head];
    cpu.#items[head] = undefined;
    cpu.#head = (head + 1) & (cpu.#work.length - 1);
    cpu.#length--;
    cpu.#completed++;
    if (cpu.#length > 0) cpu.#startHead();
    else cpu.#running = false;
    cpu.#onDone(item as U);
  }

  // Starts the head job; the busy integral must be accrued up to now.
  #startHead(): void {
    const work = this.#work[this.#head]!;
    this.#running = true;
    this.#remainingMs = work;
    this.#segmentStartMs = this.#env.now;
    this.#timer.setIn(work / this.#speed);
  }

  #accrue(now: number): void {
    const dt = now - this.#lastMs;
    if (dt > 0) {
      if (this.#running) this.#busyCoreMs += this.#speed * dt;
      this.#lastMs = now;
    }
  }

  // Capacity stays a power of two so indices wrap with a mask.
  #grow(): void {
    const size = this.#work.length;
    const items = new Array<T | undefined>(size * 2);
    const work = new Float64Array(size * 2);
    for (let i = 0; i < this.#length; i++) {
      const from = (this.#head + i) & (size - 1);
      items[i] = this.#items[from];
      work[i] = this.#work[from]!;
    }
    this.#items = items;
    this.#work = work;
    this.#head = 0;
  }
}

function checkCores(cores: number): void {
  if (!(cores > 0) || cores === Infinity)
    throw new RangeError(`EventLoopCpu: cores must be a finite number > 0, got ${cores}`);
}
