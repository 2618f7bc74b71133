import { BinaryHeap } from '../collections/binary-heap.js';
import { Deque } from '../collections/deque.js';

/** A waiter as wait queues see it: its priority (lower first) and arrival sequence. */
export interface Waiter {
  readonly priority: number;
  readonly seq: number;
}

/** The operations resources need from a wait queue (FIFO or priority). */
export interface WaitQueue<T extends Waiter> {
  readonly length: number;
  push(item: T): void;
  shift(): T | undefined;
  retain(keep: (item: T) => boolean): void;
  toArray(): T[];
}

/**
 * Creates the wait queue of a resource: plain FIFO, or ordered by (priority, arrival) when
 * `byPriority` is set (lower priority numbers are served first, FIFO among equals).
 */
export function createWaitQueue<T extends Waiter>(byPriority: boolean): WaitQueue<T> {
  if (!byPriority) return new Deque<T>();
  return new BinaryHeap<T>((a, b) => a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq));
}

/**
 * Whether a wait queue holding `physical` entries of which `live` still wait should drop its
 * withdrawn entries now. Compacting only when the dead outnumber the living (and past a small
 * floor) keeps the cost amortised O(1) per withdrawal and memory proportional to live waiters.
 */
export function shouldCompact(physical: number, live: number): boolean {
  const dead = physical - live;
  return dead > 32 && dead > live;
}
