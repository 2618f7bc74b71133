import type { Environment } from '../environment.js';
import { SimError } from '../errors.js';
import type { EventHandle } from '../event-queue.js';
import { checkCount, checkTimeout } from './checks.js';
import { createWaitQueue, shouldCompact } from './wait-queue.js';
import type { WaitQueue } from './wait-queue.js';

/**
 * Life of a request: `waiting` → `granted` → `released`, or it ends without a slot as `rejected`
 * (the wait queue was full on arrival), `reneged` (its wait timeout expired) or `cancelled`
 * (withdrawn by its owner).
 */
export type ResourceRequestStatus = 'waiting' | 'granted' | 'released' | 'rejected' | 'reneged' | 'cancelled';

/** Configuration of a {@link Resource}. */
export interface ResourceOptions<T = undefined> {
  /** Number of slots (servers, threads, connections): an integer ≥ 0. Changeable with `setCapacity`. */
  capacity: number;
  /**
   * Most requests that may wait; a request that finds every slot busy and this many waiting is
   * rejected at once. Integer ≥ 0 or `Infinity` (default). 0 makes a loss system (Erlang B).
   */
  queueLimit?: number;
  /** Default longest wait (ms) before a waiting request gives up (reneges). Default `Infinity`. */
  waitTimeoutMs?: number;
  /** Serve waiters by request priority (lower first, FIFO among equals) instead of plain FIFO. */
  priorityQueue?: boolean;
  /** Called after every change of `inUse`, `queueLength` or `capacity` (for monitoring). */
  onChange?: (resource: Resource<T>) => void;
}

/** Per-request options of {@link Resource.request}. */
export interface ResourceRequestOptions {
  /** Priority in the wait queue when the resource has `priorityQueue` (lower first). Default 0. */
  priority?: number;
  /** Longest wait (ms) for this request; overrides the resource's `waitTimeoutMs`. */
  timeoutMs?: number;
}

/** Callback told the outcome of a request: `granted`, `rejected` or `reneged`. */
export type ResourceCallback<T> = (request: ResourceRequest<T>) => void;

/**
 * One claim on a slot of a {@link Resource}. Its owner learns the outcome through the callback
 * given to `request`, releases a granted slot with {@link ResourceRequest.release}, and may
 * withdraw a waiting one with {@link ResourceRequest.cancel}.
 */
export class ResourceRequest<T = undefined> {
  // The fields are `declare`d and set in the constructor, in this order, so that V8 sees each
  // one first with its real value: an ES2022 field declared without an initialiser is first
  // defined as `undefined`, which turns the numeric fields into tagged ones (a heap number
  // allocated per store, a type check per load) on an object made for every request.
  /** Caller's payload, carried unchanged (e.g. the customer or request entity). */
  declare readonly data: T;
  /** Wait-queue priority (lower first). */
  declare readonly priority: number;
  /** Arrival order at this resource (ties in the priority queue). */
  declare readonly seq: number;
  /** Simulation time (ms) the request was made. */
  declare readonly requestedAt: number;
  /** Simulation time (ms) it was granted, NaN until then. */
  declare grantedAt: number;
  /** Where the request is in its life; see {@link ResourceRequestStatus}. */
  declare status: ResourceRequestStatus;
  /** @internal */ declare readonly resource: Resource<T>;
  /** @internal */ declare readonly done: ResourceCallback<T>;
  /** @internal The pending renege event, if waiting with a finite timeout. */
  declare timer: EventHandle | null;

  constructor(
    resource: Resource<T>,
    done: ResourceCallback<T>,
    data: T,
    priority: number,
    seq: number,
    now: number,
  ) {
    this.data = data;
    this.priority = priority;
    this.seq = seq;
    this.requestedAt = now;
    this.grantedAt = NaN;
    this.status = 'waiting';
    this.resource = resource;
    this.done = done;
    this.timer = null;
  }

  /** Time spent waiting (ms) before the grant; NaN if not granted. */
  get waitMs(): number {
    return this.grantedAt - this.requestedAt;
  }

  /**
   * Gives the slot back, letting the next waiter in.
   * @throws SimError `SIM_ERR_NOT_HELD` unless the request is `granted`.
   */
  release(): void {
    this.resource.release(this);
  }

  /**
   * Withdraws a waiting request (the callback is not called).
   * @returns true if it was waiting; false otherwise (a granted request must be released instead).
   */
  cancel(): boolean {
    return this.resource.cancel(this);
  }
}

/**
 * Counted slots shared by requests: a thread pool, a connection pool, a set of servers.
 *
 * Semantics:
 * - A request is granted at once, before `request` returns, when a slot is free and nobody waits;
 *   otherwise it joins the wait queue, or is rejected at once (callback called before `request`
 *   returns) if `queueLimit` requests already wait.
 * - Waiters are granted at the instant a slot frees up, in queue order. Grants that a release
 *   causes run in a loop rather than by recursion, so a callback that releases at once cannot
 *   grow the stack however long the queue.
 * - A waiter whose timeout expires is removed and told `reneged`.
 * - `setCapacity` may change the slot count during a busy period: above it, waiters are granted
 *   at once; below `inUse`, holders keep their slots and no one is granted until `inUse` falls
 *   under the new capacity.
 */
export class Resource<T = undefined> {
  readonly #env: Environment;
  // Numeric fields start as numbers (not `undefined`, as a field declared without a value would
  // in ES2022) so that V8 keeps them untagged: they are read on every request.
  #capacity = 0;
  readonly #queueLimit: number = 0;
  readonly #waitTimeoutMs: number = 0;
  readonly #queue: WaitQueue<ResourceRequest<T>>;
  readonly #onChange: ((resource: Resource<T>) => void) | undefined;
  #inUse = 0;
  #waiting = 0;
  #seq = 0;
  #dispatching = false;
  #granted = 0;
  #rejected = 0;
  #reneged = 0;
  #cancelled = 0;

  /**
   * @throws SimError `SIM_ERR_INVALID_ARGUMENT` for a capacity or queue limit that is not an
   *   integer ≥ 0 (queue limit may be Infinity), or a negative/NaN wait timeout.
   */
  constructor(env: Environment, options: ResourceOptions<T>) {
    this.#env = env;
    this.#capacity = checkCount('capacity', options.capacity, false);
    this.#queueLimit = checkCount('queueLimit', options.queueLimit ?? Infinity, true);
    this.#waitTimeoutMs = checkTimeout('waitTimeoutMs', options.waitTimeoutMs ?? Infinity);
    this.#queue = createWaitQueue(options.priorityQueue === true);
    this.#onChange = options.onChange;
  }

  /** Number of slots. */
  get capacity(): number {
    return this.#capacity;
  }
  /** Slots held now (may exceed `capacity` briefly after it was lowered). */
  get inUse(): number {
    return this.#inUse;
  }
  /** Requests waiting now. */
  get queueLength(): number {
    return this.#waiting;
  }
  /** Requests granted so far. */
  get grantedCount(): number {
    return this.#granted;
  }
  /** Requests rejected because the wait queue was full. */
  get rejectedCount(): number {
    return this.#rejected;
  }
  /** Requests that gave up waiting (timeout). */
  get renegedCount(): number {
    return this.#reneged;
  }
  /** Waiting requests withdrawn by their owners. */
  get cancelledCount(): number {
    return this.#cancelled;
  }

  /**
   * Asks for a slot. `done` is called exactly once, with the request's status `granted`,
   * `rejected` or `reneged` — unless the owner cancels it first.
   * @param data payload handed back on the request (`request.data`).
   * @throws SimError `SIM_ERR_INVALID_ARGUMENT` for a negative/NaN timeout or non-finite priority.
   */
  request(done: ResourceCallback<T>, data: T, options?: ResourceRequestOptions): ResourceRequest<T> {
    // Hot path kept small so V8 inlines it into callers; options and the waiting/rejecting paths
    // live in helpers.
    const priority = options?.priority === undefined ? 0 : checkPriority(options.priority);
    const req = new ResourceRequest<T>(this, done, data, priority, this.#seq++, this.#env.now);
    if (this.#inUse < this.#capacity && this.#waiting === 0) this.#grant(req);
    else
      this.#wait(
        req,
        options?.timeoutMs === undefined ? this.#waitTimeoutMs : checkTimeout('timeoutMs', options.timeoutMs),
      );
    return req;
  }

  /**
   * Gives back the slot held by `req` and grants waiters that now fit.
   * @throws SimError `SIM_ERR_NOT_HELD` unless `req` is a granted request of this resource.
   */
  release(req: ResourceRequest<T>): void {
    if (req.status !== 'granted' || req.resource !== this) {
      throw new SimError('SIM_ERR_NOT_HELD', `cannot release a request whose status is '${req.status}'`);
    }
    req.status = 'released';
    this.#inUse--;
    if (this.#waiting > 0) this.#dispatch();
    if (this.#onChange !== undefined) this.#onChange(this);
  }

  /**
   * Withdraws a waiting request without calling its callback.
   * @returns true if it was waiting; false if it was granted, already ended, or not ours.
   */
  cancel(req: ResourceRequest<T>): boolean {
    if (req.status !== 'waiting' || req.resource !== this) return false;
    req.status = 'cancelled';
    this.#cancelled++;
    this.#withdraw(req);
    return true;
  }

  /**
   * Changes the number of slots now. Raising it grants waiters at once; lowering it below
   * `inUse` lets holders finish and grants no one until `inUse` < the new capacity.
   * @throws SimError `SIM_ERR_INVALID_ARGUMENT` unless `capacity` is an integer ≥ 0.
   */
  setCapacity(capacity: number): void {
    this.#capacity = checkCount('capacity', capacity, false);
    if (this.#waiting > 0) this.#dispatch();
    if (this.#onChange !== undefined) this.#onChange(this);
  }

  /** The waiting requests in the order they would be served (a copy; for tests and inspection). */
  waiters(): ResourceRequest<T>[] {
    return this.#queue.toArray().filter((r) => r.status === 'waiting');
  }

  /** @internal Called by the renege timer of a waiting request. */
  timeout(req: ResourceRequest<T>): void {
    req.timer = null;
    if (req.status !== 'waiting') return;
    req.status = 'reneged';
    this.#reneged++;
    this.#withdraw(req);
    req.done(req);
  }

  #withdraw(req: ResourceRequest<T>): void {
    if (req.timer !== null) {
      this.#env.cancel(req.timer);
      req.timer = null;
    }
    this.#waiting--;
    if (shouldCompact(this.#queue.length, this.#waiting)) this.#queue.retain(isWaiting<T>);
    if (this.#onChange !== undefined) this.#onChange(this);
  }

  // Queues a request that found no free slot, or rejects it when the queue is full.
  #wait(req: ResourceRequest<T>, timeoutMs: number): void {
    if (this.#waiting >= this.#queueLimit) {
      req.status = 'rejected';
      this.#rejected++;
      req.done(req);
      return;
    }
    this.#queue.push(req);
    this.#waiting++;
    if (timeoutMs !== Infinity) req.timer = this.#env.scheduleCancellable(timeoutMs, renege<T>, req);
    if (this.#onChange !== undefined) this.#onChange(this);
  }

  #grant(req: ResourceRequest<T>): void {
    req.status = 'granted';
    req.grantedAt = this.#env.now;
    this.#inUse++;
    this.#granted++;
    if (this.#onChange !== undefined) this.#onChange(this);
    req.done(req);
  }

  #dispatch(): void {
    // A grant's callback may release or request this resource again; those calls find
    // `#dispatching` set and leave the granting to this loop (no recursion).
    if (this.#dispatching === true) return;
    this.#dispatching = true;
    try {
      const queue = this.#queue;
      while (this.#waiting > 0 && this.#inUse < this.#capacity) {
        const next = queue.shift()!;
        if (next.status !== 'waiting') continue;
        this.#waiting--;
        if (next.timer !== null) {
          this.#env.cancel(next.timer);
          next.timer = null;
        }
        this.#grant(next);
      }
    } finally {
      this.#dispatching = false;
    }
  }
}

function renege<T>(req: ResourceRequest<T>): void {
  req.resource.timeout(req);
}

function isWaiting<T>(req: ResourceRequest<T>): boolean {
  return req.status === 'waiting';
}

function checkPriority(priority: number): number {
  if (Number.isFinite(priority)) return priority;
  throw new SimError('SIM_ERR_INVALID_ARGUMENT', `priority must be finite, got ${priority}`);
}
