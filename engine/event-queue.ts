import { SimError } from './errors.js';

/** Priority of events that must run before ordinary ones scheduled for the same instant. */
export const URGENT = 0;
/** Priority of ordinary events. Lower numbers run first among events at the same time. */
export const NORMAL = 1;
/** The largest priority accepted (priorities are integers in [0, MAX_PRIORITY]). */
export const MAX_PRIORITY = 1023;

// The tie-break key packs (priority, sequence) into one double so that the heap compares two
// numbers instead of three: key = priority * 2^43 + seq. With priority ≤ 1023 the key stays
// below 2^53, so it is exact; 2^43 (8.8e12) events per queue is far beyond any run.
const SEQ_SPAN = 2 ** 43;
const NORMAL_BASE = NORMAL * SEQ_SPAN;

/** A callback with its argument, as stored in the queue. */
export type EventCallback<A> = (arg: A) => void;

/**
 * A cancellable scheduled event (see {@link EventQueue.pushCancellable}).
 * Identifies one event for ever: a handle kept after its event ran or was cancelled stays inert.
 */
export class EventHandle {
  /** Simulation time (ms) at which the event runs. */
  readonly time: number;
  /** @internal Slot of the event in its queue. */
  readonly slot: number;
  /** @internal Insertion sequence number: the event's identity. */
  readonly seq: number;

  constructor(time: number, slot: number, seq: number) {
    this.time = time;
    this.slot = slot;
    this.seq = seq;
  }
}

/**
 * A binary min-heap of callbacks ordered by (time, priority, insertion sequence), so that events
 * at the same time and priority run in the order they were scheduled.
 *
 * Performance notes: the heap lives in typed arrays (time, key, slot), so sifting moves numbers
 * without pointer chasing or GC write barriers; callbacks and arguments sit in slot arrays reused
 * through a free list, so a plain `push` allocates nothing. Measured while choosing: in a bare
 * M/M/8 loop a typed-array heap ran about twice as fast as the same heap of event objects, and
 * keeping callbacks and arguments in heap order (moved on every sift) instead of in slots cost
 * more per event (benchmark: `npm run bench`). Removing the taken root is deferred to the next
 * `push`, which usually comes from the callback that just ran and then costs one sift-down
 * instead of a removal plus an insertion (measured 3–5 % on the benchmark).
 *
 * Cancellation is lazy: a cancelled event's slot is cleared and the heap entry is skipped when it
 * reaches the top; when cancelled entries outnumber live ones the heap is rebuilt without them,
 * so memory follows the live events (request deadlines are cancelled far more often than they fire).
 */
export class EventQueue {
  // Heap, in heap order.
  #times = new Float64Array(256);
  #keys = new Float64Array(256);
  #slots = new Int32Array(256);
  #size = 0;
  // Slot table: the payload of each scheduled event. `#seqOf[slot]` is -1 when the slot is free.
  #fns: (EventCallback<never> | null)[] = [];
  #args: unknown[] = [];
  #seqOf = new Float64Array(256).fill(-1);
  #free = new Int32Array(256);
  #freeCount = 0;
  #slotCount = 0;
  #seq = 0;
  #cancelled = 0;
  // True when the root entry was taken by `takeBefore` but not yet removed: the next `push`
  // usually comes from the callback that just ran, and dropping the new entry into the root
  // with one sift-down costs less than a removal followed by an insertion.
  #holeAtTop = false;
  /** Time (ms) of the event last removed by {@link EventQueue.takeBefore}. */
  takenTime = 0;
  /** Argument of the event last removed by {@link EventQueue.takeBefore}. */
  takenArg: unknown = undefined;

  /** Number of live (not cancelled) events. */
  get size(): number {
    return this.#size - (this.#holeAtTop ? 1 : 0) - this.#cancelled;
  }

  /** Number of events ever scheduled on this queue. */
  get scheduledCount(): number {
    return this.#seq;
  }

  /**
   * Adds an event; the caller has validated `time`.
   * @throws SimError `SIM_ERR_INVALID_ARGUMENT` for a priority that is not an integer in
   *   [0, MAX_PRIORITY]; `SIM_ERR_SEQUENCE_OVERFLOW` past 2^43 events.
   * @returns the slot of the event (internal).
   */
  push<A>(time: number, priority: number, fn: EventCallback<A>, arg: A): number {
    // Hot path kept small so V8 inlines it into callers; rare cases live in helpers.
    const seq = this.#seq++;
    const key = priority === NORMAL && seq < SEQ_SPAN ? NORMAL_BASE + seq : keyOf(priority, seq);
    const slot = this.#freeCount > 0 ? this.#free[--this.#freeCount]! : this.#newSlot();
    this.#fns[slot] = fn as EventCallback<never>;
    this.#args[slot] = arg;
    if (this.#holeAtTop) {
      this.#holeAtTop = false;
      this.#siftDown(time, key, slot, this.#size);
    } else {
      this.#siftUp(time, key, slot);
    }
    return slot;
  }

  /** Like {@link EventQueue.push}, returning a handle for {@link EventQueue.cancel}. */
  pushCancellable<A>(time: number, priority: number, fn: EventCallback<A>, arg: A): EventHandle {
    const slot = this.push(time, priority, fn, arg);
    // Only cancellable events record their sequence number: a plain event's slot keeps -1, so a
    // stale handle can never match it.
    const seq = this.#seq - 1;
    this.#seqOf[slot] = seq;
    return new EventHandle(time, slot, seq);
  }

  /** Whether the event of `handle` is still waiting to run. */
  isPending(handle: EventHandle): boolean {
    return this.#seqOf[handle.slot] === handle.seq && this.#fns[handle.slot] !== null;
  }

  /**
   * Cancels a pending event so it never runs.
   * @returns true if it was pending; false if it had already run or been cancelled.
   */
  cancel(handle: EventHandle): boolean {
    const slot = handle.slot;
    if (this.#seqOf[slot] !== handle.seq || this.#fns[slot] === null) return false;
    this.#fns[slot] = null;
    this.#args[slot] = undefined;
    this.#cancelled++;
    if (this.#cancelled > 64 && this.#cancelled * 2 > this.#size) this.#compact();
    return true;
  }

  /** Time (ms) of the earliest live event, or `Infinity` when none is left. */
  peekTime(): number {
    this.#fillHole();
    while (this.#size > 0) {
      const slot = this.#slots[0]!;
      if (this.#fns[slot] !== null) return this.#times[0]!;
      this.#dropCancelledTop(slot);
    }
    return Infinity;
  }

  /**
   * Removes the earliest live event if it is due before `until` (ms) and returns its callback,
   * leaving its time in `takenTime` and its argument in `takenArg`; returns null (removing
   * nothing) when no live event is due before `until`. One call per event keeps the run loop's
   * work to a single pass over the top of the heap.
   */
  takeBefore(until: number): EventCallback<never> | null {
    if (this.#holeAtTop) this.#fillHole();
    for (;;) {
      if (this.#size === 0) return null;
      const slot = this.#slots[0]!;
      const fn = this.#fns[slot]!;
      if (fn === null) {
        this.#dropCancelledTop(slot);
        continue;
      }
      const time = this.#times[0]!;
      if (time >= until) return null;
      this.takenTime = time;
      this.takenArg = this.#args[slot];
      this.#freeSlot(slot);
      this.#holeAtTop = true;
      return fn;
    }
  }

  #dropCancelledTop(slot: number): void {
    this.#freeSlot(slot);
    this.#removeTop();
    this.#cancelled--;
  }

  // A slot never used before; the free list is empty.
  #newSlot(): number {
    const slot = this.#slotCount++;
    if (slot === this.#seqOf.length) {
      const seqOf = new Float64Array(slot * 2).fill(-1);
      seqOf.set(this.#seqOf);
      this.#seqOf = seqOf;
      const free = new Int32Array(slot * 2);
      free.set(this.#free);
      this.#free = free;
    }
    this.#fns.push(null);
    this.#args.push(undefined);
    return slot;
  }

  // The callback is left in place (a free slot is never read before reuse: `#seqOf` marks it
  // free), but the argument is dropped so the queue does not keep dead entities alive.
  #freeSlot(slot: number): void {
    this.#args[slot] = undefined;
    this.#seqOf[slot] = -1;
    this.#free[this.#freeCount++] = slot;
  }

  #siftUp(t: number, k: number, slot: number): void {
    if (this.#size === this.#times.length) this.#growHeap();
    const times = this.#times;
    const keys = this.#keys;
    const slots = this.#slots;
    let i = this.#size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (pt < t || (pt === t && keys[p]! < k)) break;
      times[i] = pt;
      keys[i] = keys[p]!;
      slots[i] = slots[p]!;
      i = p;
    }
    times[i] = t;
    keys[i] = k;
    slots[i] = slot;
  }

  // Completes the removal deferred by `takeBefore` when no `push` came to fill the root.
  #fillHole(): void {
    if (this.#holeAtTop) {
      this.#holeAtTop = false;
      this.#removeTop();
    }
  }

  #removeTop(): void {
    const n = --this.#size;
    if (n === 0) return;
    this.#siftDown(this.#times[n]!, this.#keys[n]!, this.#slots[n]!, n);
  }

  // Places (t, k, s) at the root of a heap of `n` entries whose root is free, moving it down
  // ("hole" technique: one move per level).
  #siftDown(t: number, k: number, s: number, n: number): void {
    const times = this.#times;
    const keys = this.#keys;
    const slots = this.#slots;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = times[c]!;
      const r = c + 1;
      if (r < n) {
        const rt = times[r]!;
        if (rt < ct || (rt === ct && keys[r]! < keys[c]!)) {
          c = r;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && k < keys[c]!)) break;
      times[i] = ct;
      keys[i] = keys[c]!;
      slots[i] = slots[c]!;
      i = c;
    }
    times[i] = t;
    keys[i] = k;
    slots[i] = s;
  }

  #growHeap(): void {
    const n = this.#times.length * 2;
    const times = new Float64Array(n);
    const keys = new Float64Array(n);
    const slots = new Int32Array(n);
    times.set(this.#times);
    keys.set(this.#keys);
    slots.set(this.#slots);
    this.#times = times;
    this.#keys = keys;
    this.#slots = slots;
  }

  #compact(): void {
    this.#fillHole();
    const live: number[] = [];
    for (let i = 0; i < this.#size; i++) {
      const slot = this.#slots[i]!;
      if (this.#fns[slot] === null) this.#freeSlot(slot);
      else live.push(i);
    }
    // A sorted array is a valid heap: rebuild it in (time, key) order. O(n log n) once per
    // half-heap of cancellations.
    const times = this.#times;
    const keys = this.#keys;
    live.sort((a, b) => times[a]! - times[b]! || keys[a]! - keys[b]!);
    const t2 = new Float64Array(times.length);
    const k2 = new Float64Array(times.length);
    const s2 = new Int32Array(times.length);
    live.forEach((from, to) => {
      t2[to] = times[from]!;
      k2[to] = keys[from]!;
      s2[to] = this.#slots[from]!;
    });
    this.#times = t2;
    this.#keys = k2;
    this.#slots = s2;
    this.#size = live.length;
    this.#cancelled = 0;
  }
}

/**
 * The packed tie-break key for a priority other than NORMAL, or past the sequence limit.
 * @throws SimError `SIM_ERR_INVALID_ARGUMENT` for a priority that is not an integer in
 *   [0, MAX_PRIORITY]; `SIM_ERR_SEQUENCE_OVERFLOW` past 2^43 events.
 */
function keyOf(priority: number, seq: number): number {
  if (seq >= SEQ_SPAN) throw new SimError('SIM_ERR_SEQUENCE_OVERFLOW', 'more than 2^43 events scheduled');
  if (!Number.isInteger(priority) || priority < 0 || priority > MAX_PRIORITY) {
    throw new SimError(
      'SIM_ERR_INVALID_ARGUMENT',
      `priority must be an integer in [0, ${MAX_PRIORITY}], got ${priority}`,
    );
  }
  return priority * SEQ_SPAN + seq;
}
