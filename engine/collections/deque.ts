/**
 * A FIFO queue on a growable ring buffer: O(1) `push` and `shift` without the O(n) cost of
 * `Array.prototype.shift` on long queues.
 *
 * Used for wait queues whose entries may be withdrawn from the middle (reneging, cancellation):
 * owners mark such entries dead and call {@link Deque.retain} once dead entries dominate, so memory
 * follows the live entries.
 */
export class Deque<T> {
  #items: (T | undefined)[] = new Array<T | undefined>(16);
  #head = 0;
  #length = 0;

  /** Number of entries. */
  get length(): number {
    return this.#length;
  }

  /** Appends at the back. */
  push(item: T): void {
    if (this.#length === this.#items.length) this.#grow();
    const items = this.#items;
    items[(this.#head + this.#length) & (items.length - 1)] = item;
    this.#length++;
  }

  /** Removes and returns the front entry, or `undefined` when empty. */
  shift(): T | undefined {
    if (this.#length === 0) return undefined;
    const items = this.#items;
    const item = items[this.#head];
    items[this.#head] = undefined;
    this.#head = (this.#head + 1) & (items.length - 1);
    this.#length--;
    return item;
  }

  /** The front entry without removing it, or `undefined` when empty. */
  peek(): T | undefined {
    return this.#length === 0 ? undefined : this.#items[this.#head];
  }

  /** Keeps only the entries for which `keep` is true, in their order. O(n). */
  retain(keep: (item: T) => boolean): void {
    const kept: T[] = [];
    for (let i = 0; i < this.#length; i++) {
      const item = this.#items[(this.#head + i) & (this.#items.length - 1)] as T;
      if (keep(item)) kept.push(item);
    }
    let capacity = 16;
    while (capacity < kept.length) capacity *= 2;
    this.#items = new Array<T | undefined>(capacity);
    for (let i = 0; i < kept.length; i++) this.#items[i] = kept[i];
    this.#head = 0;
    this.#length = kept.length;
  }

  /** Entries front to back (a copy). */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.#length; i++)
      out.push(this.#items[(this.#head + i) & (this.#items.length - 1)] as T);
    return out;
  }

  // Capacity stays a power of two so the index wraps with a mask instead of a modulo.
  #grow(): void {
    const old = this.#items;
    const items = new Array<T | undefined>(old.length * 2);
    for (let i = 0; i < this.#length; i++) items[i] = old[(this.#head + i) & (old.length - 1)];
    this.#items = items;
    this.#head = 0;
  }
}
