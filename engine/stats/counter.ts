/**
 * Named counts (e.g. failures by cause), kept in first-seen order so that every report and every
 * JSON dump of the same run is identical.
 */

/**
 * Counts per string key, iterated in the order keys were first added (an insertion-ordered Map).
 *
 * Invariants: every stored count is finite and ≥ 0; `total` equals the sum of the stored counts;
 * memory grows with the number of distinct keys, never with the number of `add` calls.
 */
export class Counter {
  readonly #counts = new Map<string, number>();
  #total = 0;

  /**
   * Adds `n` to the count of `key`, creating it (at the end of the order) if new.
   *
   * @param n - a finite amount ≥ 0; default 1.
   * @throws RangeError if `n` is negative, NaN or infinite.
   */
  add(key: string, n = 1): void {
    if (!(n >= 0 && n !== Infinity)) throw new RangeError(`Counter.add: n must be finite and >= 0, got ${n}`);
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + n);
    this.#total += n;
  }

  /** Returns the count of `key`, or 0 if it was never added. */
  get(key: string): number {
    return this.#counts.get(key) ?? 0;
  }

  /** Sum of all counts. */
  get total(): number {
    return this.#total;
  }

  /** Returns a copy of the `[key, count]` pairs in first-seen order. */
  entries(): Array<[string, number]> {
    return [...this.#counts];
  }

  /**
   * Adds another counter's counts to this one; keys new to this counter are appended in the
   * other's order.
   *
   * @returns this counter.
   */
  merge(other: Counter): this {
    // Snapshot first so that merging a counter into itself doubles it once.
    for (const [key, n] of other.entries()) this.add(key, n);
    return this;
  }

  /** Forgets every key and count (e.g. at the end of a warm-up period). */
  reset(): void {
    this.#counts.clear();
    this.#total = 0;
  }

  /**
   * Returns the counts as a plain object. Note: JavaScript lists integer-like keys ("503") first,
   * in ascending order, then the others in first-seen order; use {@link Counter.entries} when the
   * exact first-seen order matters.
   */
  toJSON(): Record<string, number> {
    // fromEntries defines own properties, so a key such as "__proto__" stays an ordinary entry.
    return Object.fromEntries(this.#counts);
  }

  /**
   * Rebuilds a counter from {@link Counter.toJSON} output, in the object's key order.
   *
   * @throws RangeError if a count is negative, NaN or infinite.
   */
  static fromJSON(json: Readonly<Record<string, number>>): Counter {
    const counter = new Counter();
    for (const [key, n] of Object.entries(json)) counter.add(key, n);
    return counter;
  }
}
