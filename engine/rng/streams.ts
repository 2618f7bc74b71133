import { xor4096Source } from './xor4096.js';
import type { RandomSource } from './source.js';

/**
 * A tree of named, independently seeded random sources derived from one master seed.
 *
 * Each source is seeded from `(masterSeed, fork path, name)` only, so creating or drawing from one
 * stream never shifts the numbers of another: scenario variants keep common random numbers as long
 * as each component keeps its stream names. Sources use Brent's xor4096 (period 2^4128 − 2^32) from
 * `seedrandom`, which is integer-based and therefore byte-identical on every machine.
 *
 * Invariants: `stream(name)` and `fork(name)` return the same cached object for the same name, so
 * callers sharing a name share generator state; numeric seeds are converted with `String`, so `42`
 * and `'42'` give identical streams.
 */
export class RandomStreams {
  /** The master seed as a string (a numeric seed is converted with `String`). */
  readonly masterSeed: string;
  // Fork names from the root to this namespace; set by `fork` on a freshly built child.
  #path: readonly string[] = [];
  readonly #streams = new Map<string, RandomSource>();
  readonly #children = new Map<string, RandomStreams>();

  /**
   * Creates the root namespace for a master seed.
   *
   * @param masterSeed - any non-empty string, or a finite number.
   * @throws RangeError if the seed is a non-finite number or an empty string.
   * @throws TypeError if the seed is neither a number nor a string.
   */
  constructor(masterSeed: number | string) {
    if (typeof masterSeed === 'number') {
      if (!Number.isFinite(masterSeed)) {
        throw new RangeError(`RandomStreams: masterSeed must be a finite number, got ${masterSeed}`);
      }
    } else if (typeof masterSeed !== 'string') {
      throw new TypeError(`RandomStreams: masterSeed must be a number or a string, got ${typeof masterSeed}`);
    } else if (masterSeed === '') {
      // An empty seed is almost always an unset variable, not a deliberate choice.
      throw new RangeError('RandomStreams: masterSeed must not be an empty string');
    }
    this.masterSeed = String(masterSeed);
  }

  /**
   * Returns the uniform [0, 1) source named `name` in this namespace, creating it on first use.
   *
   * Draws have 32-bit resolution. The same name always returns the same function object.
   * @throws RangeError if `name` is empty; TypeError if it is not a string.
   */
  stream(name: string): RandomSource {
    checkName('stream', name);
    let source = this.#streams.get(name);
    if (source === undefined) {
      // JSON array encoding keeps (path, name) unambiguous even when names contain separators.
      // A bare closure, not a wrapper object: it sits on every simulation hot path.
      source = xor4096Source(JSON.stringify([this.masterSeed, ...this.#path, name]));
      this.#streams.set(name, source);
    }
    return source;
  }

  /**
   * Returns the child namespace `name` (a component, a replication), creating it on first use.
   *
   * `fork('a').stream('s')` is independent of `stream('s')` and of `fork('b').stream('s')`.
   * @throws RangeError if `name` is empty; TypeError if it is not a string.
   */
  fork(name: string): RandomStreams {
    checkName('fork', name);
    let child = this.#children.get(name);
    if (child === undefined) {
      child = new RandomStreams(this.masterSeed);
      child.#path = [...this.#path, name];
      this.#children.set(name, child);
    }
    return child;
  }

  /**
   * Returns the namespace of replication `index`, i.e. `fork('replication:' + index)`.
   *
   * Replications of one master seed are independent, and replication `i` is the same whatever the
   * number of replications run. Avoid naming another fork `replication:<n>`.
   * @param index - a non-negative safe integer.
   * @throws RangeError if `index` is not a non-negative safe integer.
   */
  replication(index: number): RandomStreams {
    if (!Number.isSafeInteger(index) || index < 0) {
      throw new RangeError(`RandomStreams.replication: index must be a non-negative integer, got ${index}`);
    }
    return this.fork(`replication:${index}`);
  }
}

function checkName(method: string, name: string): void {
  if (typeof name !== 'string') {
    throw new TypeError(`RandomStreams.${method}: name must be a string, got ${typeof name}`);
  }
  if (name === '') {
    throw new RangeError(`RandomStreams.${method}: name must not be empty`);
  }
}
