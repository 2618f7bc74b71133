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

/** A callback with its argument, as stored in the queue. */
export type EventCallback<A> = (arg: A) => void;

/**
 * A cancellable scheduled event (see {@link EventQueue.pushCancellable}).
 * Identifies one event for ever: a handle kept after its event ran or was cancelled stays inert.
 */
export class EventHandle {
  // `declare`d and set in the constructor, so V8 sees numbers first and keeps them untagged (a
  // field declared without a value starts as `undefined` in ES2022).
  /** Simulation time (ms) at which the event runs. */
  declare readonly time: number;
  /** @internal Slot of the event in its queue. */
  declare readonly slot: number;
  /**
   * @internal The event's identity: its tie-break key, which packs its priority and insertion
   * sequence number (unique per queue).
   */
  declare readonly key: number;

  constructor(time: number, slot: number, key: number) {
    this.time = time;
    this.slot = slot;
    this.key = key;
  }
}

/**
 * A binary min-heap of callbacks ordered by (time, priority, insertion sequence), so that events
 * at the same time and priority run in the order they were scheduled.
 *
 * Performance notes: the heap lives in one typed array of (time, slot) pairs, so sifting moves
 * numbers without pointer chasing or GC write barriers; callbacks, arguments and tie-break keys
 * sit in slot arrays reused through a free list, so a plain `push` allocates nothing. Measured
 * while choosing: in a bare M/M/8 loop a typed-array heap ran about twice as fast as the same heap
 * of event objects, and keeping callbacks and arguments in heap order (moved on every sift)
 * instead of in slots cost more per event (benchmark: `npm run bench`). Removing the taken root
 * is deferred to the next `push`, which usually comes from the callback that just ran and then
 * costs one sift-down instead of a removal plus an insertion (measured 3–5 % on the benchmark);
 * that `push` also takes over the slot of the event just run, skipping the free list.
 * The tie-break key is read only when two times are equal, so it stays in the slot table rather
 * than moving with every sift; with times and slots interleaved in one array, each level of a sift
 * touches one array instead of three (see the performance notes of `Environment.run` for what
 * these measured).
 *
 * Cancellation is lazy: a cancelled event's slot is cleared and the heap entry is skipped when it
 * reaches the top; when cancelled entries outnumber live ones the heap is rebuilt without them,
 * so memory follows the live events (request deadlines are cancelled far more often than they fire).
 */
export class EventQueue {
  // Heap, in heap order: entry i is (time, slot) at [2i, 2i + 1].
  #heap: number[] = doubles(512);
  #size = 0;
  // Slot table: the payload of each scheduled event and its tie-break key. The key also
  // identifies the event for its handle: keys are unique, and a slot's key changes when the slot
  // is reused.
  // Callback and argument of slot s at [2s, 2s + 1] of one array: one array to check and index
  // instead of two on every push and take.
  #payload: unknown[] = [];
  #keyOf = new Float64Array(256);
  #free = new Int32Array(256);
  #freeCount = 0;
  #slotCount = 0;
  #seq = 0;
  #cancelled = 0;
  // True when the root entry was taken by `takeBefore` but not yet removed: the next `push`
  // usually comes from the callback that just ran, and dropping the new entry into the root
  // with one sift-down costs less than a removal followed by an insertion. Tested with
  // `=== true`: V8 does not track that the field only holds booleans, and a plain `if` on it
  // compiles to a full ToBoolean (checks for "", 0, NaN, null, ...).
  #holeAtTop = false;
  // Slot of the event last taken, or -1: the next `push` reuses it, or the next `takeBefore`
  // frees it. Its argument stays in `#payload` meanwhile (read through `takenArg`): copying it into
  // a field of the queue would store a young object into an old one on every event, which costs
  // a write-barrier slow path.
  #takenSlot = -1;
  /** Time (ms) of the event last removed by {@link EventQueue.takeBefore}. */
  takenTime = 0;
  /** Time (ms) of the event the next {@link EventQueue.pushNext} adds. */
  nextTime = 0;

  /** Number of live (not cancelled) events. */
  get size(): number {
    return this.#size - (this.#holeAtTop ? 1 : 0) - this.#cancelled;
  }

  /** Number of events ever scheduled on this queue. */
  get scheduledCount(): number {
    return this.#seq;
  }

  /**
   * Argument of the event last removed by {@link EventQueue.takeBefore}; read it before the next
   * `push`, which may reuse the event's slot.
   */
  get takenArg(): unknown {
    return this.#takenSlot < 0 ? undefined : this.#payload[2 * this.#takenSlot + 1];
  }

  /**
   * Adds an event; the caller has validated `time`.
   * @throws SimError `SIM_ERR_INVALID_ARGUMENT` for a priority that is not an integer in
   *   [0, MAX_PRIORITY]; `SIM_ERR_SEQUENCE_OVERFLOW` past 2^43 events.
   * @returns the slot of the event (internal).
   */
  push<A>(time: number, priority: number, fn: EventCallback<A>, arg: A): number {
    this.nextTime = time;
    return this.pushNext(priority, fn, arg);
  }

  /**
   * {@link EventQueue.push} at time `nextTime`. The time comes in a field rather than as an
   * argument because V8 boxes a double argument into a fresh heap number whenever it does not
   * inline the call, and this function is often too large for its inlining budget.
   */
  pushNext<A>(priority: number, fn: EventCallback<A>, arg: A): number {
    // Hot path kept small so V8 inlines it into callers; rare cases live in helpers. The literal
    // is SEQ_SPAN = NORMAL * SEQ_SPAN (NORMAL = 1): V8 loads module constants from memory every time.
    const seq = this.#seq++;
    const key = priority === 1 && seq < 8796093022208 ? 8796093022208 + seq : keyOf(priority, seq);
    let slot = this.#takenSlot;
    if (slot < 0) slot = this.#allocSlot();
    else this.#takenSlot = -1;
    const payload = this.#payload;
    payload[2 * slot] = fn;
    payload[2 * slot + 1] = arg;
    this.#keyOf[slot] = key;
    // The new entry goes into the root left by the event just taken, or at the end of the heap.
    let i = 0;
    if (this.#holeAtTop === true) this.#holeAtTop = false;
    else if (2 * (i = this.#size++) === this.#heap.length) this.#growHeap();
    const heap = this.#heap;
    const time = this.nextTime;
    if (i === 0) {
      heap[0] = time;
      heap[1] = slot;
      this.#siftDown();
      return slot;
    }
    // Sift-up, written out here: V8 would often call a separate method for it.
    const keys = this.#keyOf;
    let j = 2 * i;
    while (j > 0) {
      const p = ((j - 2) >> 2) << 1;
      const pt = heap[p]!;
      if (pt < time || (pt === time && keys[heap[(p + 1) | 0]! | 0]! < key)) break;
      heap[j] = pt;
      heap[(j + 1) | 0] = heap[(p + 1) | 0]!;
      j = p;
    }
    heap[j] = time;
    heap[(j + 1) | 0] = slot;
    return slot;
  }

  /** Like {@link EventQueue.push}, returning a handle for {@link EventQueue.cancel}. */
  pushCancellable<A>(time: number, priority: number, fn: EventCallback<A>, arg: A): EventHandle {
    const slot = this.push(time, priority, fn, arg);
    return new EventHandle(time, slot, this.#keyOf[slot]!);
  }

  /** Whether the event of `handle` is still waiting to run. */
  isPending(handle: EventHandle): boolean {
    return this.isPendingAt(handle.slot, handle.key);
  }

  /**
   * Cancels a pending event so it never runs.
   * @returns true if it was pending; false if it had already run or been cancelled.
   */
  cancel(handle: EventHandle): boolean {
    return this.cancelAt(handle.slot, handle.key);
  }

  /** @internal The tie-break key of the event in `slot` (with the slot, the event's identity). */
  keyAt(slot: number): number {
    return this.#keyOf[slot]!;
  }

  /** @internal {@link EventQueue.isPending} for the event identified by (`slot`, `key`). */
  isPendingAt(slot: number, key: number): boolean {
    // A slot's key changes when it is reused; while its event runs it is the taken slot; once
    // freed, or when its event is cancelled, its callback is null.
    return this.#keyOf[slot] === key && slot !== this.#takenSlot && this.#payload[2 * slot] !== null;
  }

  /** @internal {@link EventQueue.cancel} for the event identified by (`slot`, `key`). */
  cancelAt(slot: number, key: number): boolean {
    if (!this.isPendingAt(slot, key)) return false;
    this.#payload[2 * slot] = null;
    this.#payload[2 * slot + 1] = undefined;
    this.#cancelled++;
    if (this.#cancelled > 64 && this.#cancelled * 2 > this.#size) this.#compact();
    return true;
  }

  /** Time (ms) of the earliest live event, or `Infinity` when none is left. */
  peekTime(): number {
    this.#fillHole();
    while (this.#size > 0) {
      const slot = this.#heap[1]! | 0;
      if (this.#payload[2 * slot] !== null) return this.#heap[0]!;
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
    if (this.#holeAtTop === true) this.#fillHole();
    if (this.#takenSlot >= 0) {
      this.#freeSlot(this.#takenSlot);
      this.#takenSlot = -1;
    }
    for (;;) {
      if (this.#size === 0) return null;
      const slot = this.#heap[1]! | 0;
      const fn = this.#payload[2 * slot] as EventCallback<never> | null;
      if (fn === null) {
        this.#dropCancelledTop(slot);
        continue;
      }
      const time = this.#heap[0]!;
      if (time >= until) return null;
      this.takenTime = time;
      this.#takenSlot = slot;
      this.#holeAtTop = true;
      return fn;
    }
  }

  #dropCancelledTop(slot: number): void {
    this.#freeSlot(slot);
    this.#removeTop();
    this.#cancelled--;
  }

  // A slot from the free list, or one never used before.
  #allocSlot(): number {
    if (this.#freeCount > 0) return this.#free[--this.#freeCount]!;
    const slot = this.#slotCount++;
    if (slot === this.#keyOf.length) {
      const keyOf = new Float64Array(slot * 2);
      keyOf.set(this.#keyOf);
      this.#keyOf = keyOf;
      const free = new Int32Array(slot * 2);
      free.set(this.#free);
      this.#free = free;
    }
    this.#payload.push(null, undefined);
    return slot;
  }

  // The callback is cleared, so handles of the slot's last event read as not pending, and so
  // is the argument, so the queue does not keep dead entities alive.
  #freeSlot(slot: number): void {
    this.#payload[2 * slot] = null;
    this.#payload[2 * slot + 1] = undefined;
    this.#free[this.#freeCount++] = slot;
  }

  // The sifts take heap positions, never times: a double argument to a call V8 did not inline
  // would be boxed into a fresh heap number. They work on array indices (entry e at 2e) with
  // `| 0` on index arithmetic, which V8 compiles without overflow checks. Entry a is before entry
  // b when its time is earlier, or equal with a smaller key (keys are unique: the order is total).

  // Completes the removal deferred by `takeBefore` when no `push` came to fill the root.
  #fillHole(): void {
    if (this.#holeAtTop === true) {
      this.#holeAtTop = false;
      this.#removeTop();
    }
  }

  #removeTop(): void {
    const n = --this.#size;
    if (n === 0) return;
    const heap = this.#heap;
    heap[0] = heap[2 * n]!;
    heap[1] = heap[2 * n + 1]!;
    this.#siftDown();
  }

  // Moves the root entry down to its place ("hole" technique: one move per level).
  #siftDown(): void {
    const heap = this.#heap;
    const keyOf = this.#keyOf;
    const end = this.#size << 1;
    const t = heap[0]!;
    const s = heap[1]! | 0;
    const k = keyOf[s]!;
    let i = 0;
    for (;;) {
      let c = ((i << 1) + 2) | 0;
      if (c >= end) break;
      let ct = heap[c]!;
      const r = (c + 2) | 0;
      if (r < end) {
        const rt = heap[r]!;
        if (rt < ct || (rt === ct && keyOf[heap[(r + 1) | 0]! | 0]! < keyOf[heap[(c + 1) | 0]! | 0]!)) {
          c = r;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && k < keyOf[heap[(c + 1) | 0]! | 0]!)) break;
      heap[i] = ct;
      heap[(i + 1) | 0] = heap[(c + 1) | 0]!;
      i = c;
    }
    heap[i] = t;
    heap[(i + 1) | 0] = s;
  }

  #growHeap(): void {
    this.#heap = this.#heap.concat(doubles(this.#heap.length));
  }

  #compact(): void {
    this.#fillHole();
    const heap = this.#heap;
    const keyOf = this.#keyOf;
    const live: number[] = [];
    for (let i = 0; i < this.#size; i++) {
      const slot = heap[2 * i + 1]! | 0;
      if (this.#payload[2 * slot] === null) this.#freeSlot(slot);
      else live.push(i);
    }
    // A sorted array is a valid heap: rebuild it in (time, key) order. O(n log n) once per
    // half-heap of cancellations.
    live.sort((a, b) => heap[2 * a]! - heap[2 * b]! || keyOf[heap[2 * a + 1]!]! - keyOf[heap[2 * b + 1]!]!);
    const sorted = doubles(heap.length);
    live.forEach((from, to) => {
      sorted[2 * to] = heap[2 * from]!;
      sorted[2 * to + 1] = heap[2 * from + 1]!;
    });
    this.#heap = sorted;
    this.#size = live.length;
    this.#cancelled = 0;
  }
}

// A packed array of doubles (V8's PACKED_DOUBLE_ELEMENTS), all 0.
function doubles(n: number): number[] {
  const a = [0.5];
  for (let i = 1; i < n; i++) a.push(0.5);
  return a.fill(0);
}

/**
 * The packed tie-break key for a priority other than NORMAL, or past the sequence limit.
 * @throws SimError `SIM_ERR_INVALID_ARGUMENT` for a priority that is not an integer in
 *   [0, MAX_PRIORITY]; `SIM_ERR_SEQUENCE_OVERFLOW` past 2^43 events.
 */
function keyOf(priority: number, seq: number): number {
  if (seq >= SEQ_SPAN) throw new SimError('SIM_ERR_SEQUENCE_OVERFLOW', 'more than 2^43 events scheduled');
  checkPriority(priority);
  return priority * SEQ_SPAN + seq;
}

/**
 * @internal Checks an event priority.
 * @throws SimError `SIM_ERR_INVALID_ARGUMENT` unless it is an integer in [0, MAX_PRIORITY].
 */
export function checkPriority(priority: number): void {
  if (!Number.isInteger(priority) || priority < 0 || priority > MAX_PRIORITY) {
    throw new SimError(
      'SIM_ERR_INVALID_ARGUMENT',
      `priority must be an integer in [0, ${MAX_PRIORITY}], got ${priority}`,
    );
  }
}
