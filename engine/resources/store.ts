import { Deque } from '../collections/deque.js';
import type { Environment } from '../environment.js';
import type { EventHandle } from '../event-queue.js';
import { checkCount, checkTimeout } from './checks.js';
import { shouldCompact } from './wait-queue.js';

/** Configuration of a {@link Store}. */
export interface StoreOptions<T> {
  /** Most items held at once: an integer ≥ 0 or `Infinity` (default). */
  capacity?: number;
  /** Called after every change of `size`, `waitingGetters` or `waitingPutters` (for monitoring). */
  onChange?: (store: Store<T>) => void;
}

/** Life of a get: `waiting` → `fulfilled`, or `reneged` (timeout) or `cancelled` (by its owner). */
export type StoreGetStatus = 'waiting' | 'fulfilled' | 'reneged' | 'cancelled';
/** Life of a blocking put: `waiting` → `accepted`, or `reneged` (timeout) or `cancelled`. */
export type StorePutStatus = 'waiting' | 'accepted' | 'reneged' | 'cancelled';

/** A consumer's wait for an item. `item` is set once `status` is `fulfilled`. */
export class StoreGet<T> {
  /** The item received, once fulfilled. */
  item: T | undefined = undefined;
  /** See {@link StoreGetStatus}. */
  status: StoreGetStatus = 'waiting';
  /** Simulation time (ms) of the get. */
  readonly requestedAt: number;
  /** Simulation time (ms) it was fulfilled, NaN until then. */
  fulfilledAt = NaN;
  /** @internal */ readonly store: Store<T>;
  /** @internal */ readonly done: (get: StoreGet<T>) => void;
  /** @internal */ timer: EventHandle | null = null;

  constructor(store: Store<T>, done: (get: StoreGet<T>) => void, now: number) {
    this.store = store;
    this.done = done;
    this.requestedAt = now;
  }

  /** Withdraws a waiting get (its callback is not called). @returns true if it was waiting. */
  cancel(): boolean {
    return this.store.cancelGet(this);
  }
}

/** A producer's wait for room in a full store. */
export class StorePut<T> {
  /** The item offered. */
  readonly item: T;
  /** See {@link StorePutStatus}. */
  status: StorePutStatus = 'waiting';
  /** Simulation time (ms) of the put. */
  readonly requestedAt: number;
  /** @internal */ readonly store: Store<T>;
  /** @internal */ readonly done: ((put: StorePut<T>) => void) | undefined;
  /** @internal */ timer: EventHandle | null = null;

  constructor(store: Store<T>, item: T, done: ((put: StorePut<T>) => void) | undefined, now: number) {
    this.store = store;
    this.item = item;
    this.done = done;
    this.requestedAt = now;
  }

  /** Withdraws a waiting put (its callback is not called). @returns true if it was waiting. */
  cancel(): boolean {
    return this.store.cancelPut(this);
  }
}

/**
 * A FIFO queue of items between producers and consumers: a message partition, a work queue.
 *
 * Semantics:
 * - `offer` stores an item if there is room, or hands it straight to the longest-waiting consumer
 *   (so capacity 0 is a rendezvous), and returns false, storing nothing, when the store is full.
 * - `put` does the same but, when full, makes the producer wait for room (optionally with a
 *   timeout); `get` makes a consumer wait for an item (optionally with a timeout).
 * - Consumers and blocked producers are served FIFO at the instant an item or room appears;
 *   callbacks run synchronously, and the hand-offs they cause run in a loop, not by recursion.
 */
export class Store<T> {
  readonly #env: Environment;
  readonly #capacity: number;
  readonly #onChange: ((store: Store<T>) => void) | undefined;
  readonly #items = new Deque<T>();
  readonly #getters = new Deque<StoreGet<T>>();
  readonly #putters = new Deque<StorePut<T>>();
  #waitingGetters = 0;
  #waitingPutters = 0;
  #dispatching = false;

  /** @throws SimError `SIM_ERR_INVALID_ARGUMENT` unless capacity is an integer ≥ 0 or Infinity. */
  constructor(env: Environment, options: StoreOptions<T> = {}) {
    this.#env = env;
    this.#capacity = checkCount('capacity', options.capacity ?? Infinity, true);
    this.#onChange = options.onChange;
  }

  /** Most items held at once. */
  get capacity(): number {
    return this.#capacity;
  }
  /** Items held now. */
  get size(): number {
    return this.#items.length;
  }
  /** Consumers waiting for an item. */
  get waitingGetters(): number {
    return this.#waitingGetters;
  }
  /** Producers waiting for room. */
  get waitingPutters(): number {
    return this.#waitingPutters;
  }

  /** The items held, oldest first (a copy). */
  items(): T[] {
    return this.#items.toArray();
  }

  /**
   * Adds an item if there is room now.
   * @returns false, storing nothing, when the store is full (or producers already wait).
   */
  offer(item: T): boolean {
    if (this.#waitingPutters > 0 || !this.#hasRoom()) return false;
    this.#items.push(item);
    this.#settle();
    return true;
  }

  /**
   * Adds an item, waiting for room if the store is full. `done`, if given, is called once with
   * status `accepted` (synchronously when there is room) or `reneged` after `timeoutMs`.
   * @throws SimError `SIM_ERR_INVALID_ARGUMENT` for a negative or NaN timeout.
   */
  put(item: T, done?: (put: StorePut<T>) => void, timeoutMs = Infinity): StorePut<T> {
    checkTimeout('timeoutMs', timeoutMs);
    const put = new StorePut<T>(this, item, done, this.#env.now);
    if (this.#waitingPutters === 0 && this.#hasRoom()) {
      put.status = 'accepted';
      this.#items.push(item);
      done?.(put);
      this.#settle();
      return put;
    }
    this.#putters.push(put);
    this.#waitingPutters++;
    if (timeoutMs !== Infinity) put.timer = this.#env.scheduleCancellable(timeoutMs, putTimeout<T>, put);
    this.#notify();
    return put;
  }

  /** Removes and returns the oldest item now, or `undefined` when empty. */
  poll(): T | undefined {
    if (this.#items.length === 0 || this.#waitingGetters > 0) return undefined;
    const item = this.#items.shift();
    this.#settle();
    return item;
  }

  /**
   * Takes the oldest item, waiting for one if the store is empty. `done` is called once with
   * status `fulfilled` (synchronously if an item is there) or `reneged` after `timeoutMs`.
   * @throws SimError `SIM_ERR_INVALID_ARGUMENT` for a negative or NaN timeout.
   */
  get(done: (get: StoreGet<T>) => void, timeoutMs = Infinity): StoreGet<T> {
    checkTimeout('timeoutMs', timeoutMs);
    const get = new StoreGet<T>(this, done, this.#env.now);
    this.#getters.push(get);
    this.#waitingGetters++;
    if (this.#items.length > 0 || this.#waitingPutters > 0) {
      this.#settle();
    } else {
      if (timeoutMs !== Infinity) get.timer = this.#env.scheduleCancellable(timeoutMs, getTimeout<T>, get);
      this.#notify();
    }
    return get;
  }

  /** @internal */
  cancelGet(get: StoreGet<T>): boolean {
    if (get.status !== 'waiting' || get.store !== this) return false;
    get.status = 'cancelled';
    this.#dropGetter(get);
    return true;
  }

  /** @internal */
  cancelPut(put: StorePut<T>): boolean {
    if (put.status !== 'waiting' || put.store !== this) return false;
    put.status = 'cancelled';
    this.#dropPutter(put);
    this.#settle();
    return true;
  }

  /** @internal Renege of a waiting get. */
  expireGet(get: StoreGet<T>): void {
    get.timer = null;
    if (get.status !== 'waiting') return;
    get.status = 'reneged';
    this.#dropGetter(get);
    get.done(get);
  }

  /** @internal Renege of a waiting put. */
  expirePut(put: StorePut<T>): void {
    put.timer = null;
    if (put.status !== 'waiting') return;
    put.status = 'reneged';
    this.#dropPutter(put);
    put.done?.(put);
  }

  #dropGetter(get: StoreGet<T>): void {
    if (get.timer !== null) this.#env.cancel(get.timer);
    get.timer = null;
    this.#waitingGetters--;
    if (shouldCompact(this.#getters.length, this.#waitingGetters))
      this.#getters.retain((g) => g.status === 'waiting');
    this.#notify();
  }

  #dropPutter(put: StorePut<T>): void {
    if (put.timer !== null) this.#env.cancel(put.timer);
    put.timer = null;
    this.#waitingPutters--;
    if (shouldCompact(this.#putters.length, this.#waitingPutters))
      this.#putters.retain((p) => p.status === 'waiting');
    this.#notify();
  }

  // Moves items to waiting consumers and waiting producers' items into free room until neither
  // can progress. Callbacks may put or get again; they find `#dispatching` set and this loop picks
  // their effects up.
  #settle(): void {
    if (this.#dispatching) return;
    this.#dispatching = true;
    try {
      let progressed = true;
      while (progressed) {
        progressed = false;
        while (this.#waitingGetters > 0 && this.#items.length > 0) {
          const get = this.#getters.shift()!;
          if (get.status !== 'waiting') continue;
          this.#waitingGetters--;
          if (get.timer !== null) this.#env.cancel(get.timer);
          get.timer = null;
          get.status = 'fulfilled';
          get.item = this.#items.shift();
          get.fulfilledAt = this.#env.now;
          progressed = true;
          get.done(get);
        }
        while (this.#waitingPutters > 0 && this.#hasRoom()) {
          const put = this.#putters.shift()!;
          if (put.status !== 'waiting') continue;
          this.#waitingPutters--;
          if (put.timer !== null) this.#env.cancel(put.timer);
          put.timer = null;
          put.status = 'accepted';
          this.#items.push(put.item);
          progressed = true;
          put.done?.(put);
        }
      }
    } finally {
      this.#dispatching = false;
    }
    this.#notify();
  }

  // An item fits if it can be stored or handed straight to a waiting consumer (consumers wait
  // only while the store is empty), so a store of capacity 0 works as a rendezvous.
  #hasRoom(): boolean {
    return this.#items.length < this.#capacity + this.#waitingGetters;
  }

  #notify(): void {
    if (this.#onChange !== undefined) this.#onChange(this);
  }
}

function getTimeout<T>(get: StoreGet<T>): void {
  get.store.expireGet(get);
}

function putTimeout<T>(put: StorePut<T>): void {
  put.store.expirePut(put);
}
