/**
 * A binary min-heap over a strict "less than" ordering, for cold paths such as priority wait
 * queues (the event queue has its own specialised heap).
 */
export class BinaryHeap<T> {
  #items: T[] = [];
  readonly #less: (a: T, b: T) => boolean;

  /** @param less strict ordering; ties must be broken by the caller (e.g. by a sequence number). */
  constructor(less: (a: T, b: T) => boolean) {
    this.#less = less;
  }

  /** Number of entries. */
  get length(): number {
    return this.#items.length;
  }

  /** Adds an entry. O(log n). */
  push(item: T): void {
    const items = this.#items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.#less(item, items[p]!)) break;
      items[i] = items[p]!;
      i = p;
    }
    items[i] = item;
  }

  /** The least entry without removing it, or `undefined`. */
  peek(): T | undefined {
    return this.#items[0];
  }

  /** Removes and returns the least entry, or `undefined` when empty. O(log n). */
  shift(): T | undefined {
    const items = this.#items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    const n = items.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && this.#less(items[c + 1]!, items[c]!)) c++;
        if (!this.#less(items[c]!, last)) break;
        items[i] = items[c]!;
        i = c;
      }
      items[i] = last;
    }
    return top;
  }

  /** Keeps only the entries for which `keep` is true. O(n log n). */
  retain(keep: (item: T) => boolean): void {
    const kept = this.#items.filter(keep);
    this.#items = [];
    for (const item of kept) this.push(item);
  }

  /** Entries in ascending order (a sorted copy). */
  toArray(): T[] {
    return [...this.#items].sort((a, b) => (this.#less(a, b) ? -1 : this.#less(b, a) ? 1 : 0));
  }
}
