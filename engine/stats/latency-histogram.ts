/**
 * Log-bucketed latency histogram with bounded relative error on quantiles (DDSketch-style).
 *
 * Method: Masson, Rim & Lee 2019, "DDSketch: A Fast and Fully-Mergeable Quantile Sketch with
 * Relative-Error Guarantees" (PVLDB 12(12)). With γ = (1 + α) / (1 − α), bucket k holds the values
 * in (γ^(k−1), γ^k]; reporting 2γ^k / (γ + 1) for any value of the bucket is off by at most α
 * relative. Unlike the paper's collapsing store, the bucket array here is allocated once over a
 * fixed dynamic range, so memory is constant and two histograms with the same options always merge
 * exactly (no bucket was ever collapsed on one side only).
 */

import { highBits, logBucketTable } from './log-bucket-table.js';
import type { LogBucketTable } from './log-bucket-table.js';

/** Options fixing a histogram's bucket layout. Histograms merge only when their layouts are equal. */
export interface LatencyHistogramOptions {
  /** Relative accuracy α of each bucket, in (0, 1). Default 0.005 (0.5 %). */
  readonly relativeAccuracy?: number;
  /** Smallest value (ms) resolved with relative accuracy; smaller values, including 0, underflow. Default 1e-3. */
  readonly minValue?: number;
  /** Largest value (ms) resolved with relative accuracy; larger values overflow. Default 1e9. */
  readonly maxValue?: number;
}

/**
 * Compact serializable form of a {@link LatencyHistogram} (plain JSON, safe to post between workers).
 *
 * `buckets` lists only non-empty buckets as `[index, count]` pairs in ascending index order; index 0
 * is the underflow bucket and index `bucketCount − 1` the overflow bucket. `min`/`max` are null when
 * `count` is 0.
 */
export interface LatencyHistogramJSON {
  readonly relativeAccuracy: number;
  readonly minValue: number;
  readonly maxValue: number;
  readonly count: number;
  readonly sum: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly buckets: ReadonlyArray<readonly [number, number]>;
}

const DEFAULT_RELATIVE_ACCURACY = 0.005;
const DEFAULT_MIN_VALUE_MS = 1e-3;
const DEFAULT_MAX_VALUE_MS = 1e9;
// A guard against options that would silently allocate hundreds of megabytes.
const MAX_BUCKETS = 1_000_000;

/**
 * Streaming latency histogram: constant memory, mergeable, quantiles within a relative error.
 *
 * Units: values are milliseconds (any non-negative unit works; the defaults assume ms).
 *
 * Layout (defaults α = 0.005, range [1e-3 ms, 1e9 ms]): 2,766 buckets in one Float64Array
 * (≈ 22 KB): an underflow bucket for values below `minValue` (including 0), 2,764 log buckets,
 * and an overflow bucket for values above `maxValue`. Counts are float64 so merged totals may
 * exceed 2^32 (exact up to 2^53).
 *
 * Invariants: memory never grows with the number of recorded values; `count` equals the sum of
 * all bucket counts; `count`, `min` and `max` are exact; `sum` is the float64 sum of the values in
 * recording order (so merging can differ from one-pass recording in the last bits unless the
 * values sum exactly).
 *
 * Quantiles use the nearest-rank definition: `quantile(q)` estimates the value of rank
 * `max(1, ceil(q · count))` in the sorted sample. For values inside [minValue, maxValue] the
 * estimate is within `relativeAccuracy` of that value; results are clamped to [min, max];
 * ranks that fall in the underflow bucket return `min`, ranks in the overflow bucket return `max`.
 */
export class LatencyHistogram {
  // The numeric fields are `declare`d or start as numbers, so that V8 keeps them untagged (an
  // ES2022 field declared without a value starts as `undefined`): `record` reads them.
  /** Relative accuracy α of the log buckets. */
  declare readonly relativeAccuracy: number;
  /** Smallest value (ms) resolved with relative accuracy. */
  declare readonly minValue: number;
  /** Largest value (ms) resolved with relative accuracy. */
  declare readonly maxValue: number;

  // ceil(ln(v) · multiplier) is the DDSketch bucket key of v; multiplier = 1 / ln γ.
  readonly #multiplier: number = 0;
  // Subtracted from a key to get its slot; slot 1 is the key of minValue.
  readonly #keyOffset: number = 0;
  readonly #overflowIndex: number = 0;
  // Value reported for a key k is exp(k / multiplier) · #representativeFactor = 2γ^k / (γ + 1).
  readonly #representativeFactor: number = 0;
  readonly #counts: Float64Array;
  // The log-free index lookup for this layout (shared by every histogram with it), or null.
  readonly #table: LogBucketTable | null;
  #count = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;

  /**
   * Creates an empty histogram.
   *
   * @param options - bucket layout; see {@link LatencyHistogramOptions} for defaults.
   * @throws RangeError if `relativeAccuracy` is not in (0, 1), `minValue` is not finite and > 0,
   *   `maxValue` is not finite and > `minValue`, or the layout needs more than 1,000,000 buckets.
   */
  constructor(options: LatencyHistogramOptions = {}) {
    const relativeAccuracy = options.relativeAccuracy ?? DEFAULT_RELATIVE_ACCURACY;
    const minValue = options.minValue ?? DEFAULT_MIN_VALUE_MS;
    const maxValue = options.maxValue ?? DEFAULT_MAX_VALUE_MS;
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new RangeError(`LatencyHistogram: relativeAccuracy must be in (0, 1), got ${relativeAccuracy}`);
    }
    if (!(minValue > 0 && Number.isFinite(minValue))) {
      throw new RangeError(`LatencyHistogram: minValue must be finite and > 0, got ${minValue}`);
    }
    if (!(maxValue > minValue && Number.isFinite(maxValue))) {
      throw new RangeError(`LatencyHistogram: maxValue must be finite and > minValue, got ${maxValue}`);
    }
    const gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    const multiplier = 1 / Math.log(gamma);
    const minKey = Math.ceil(Math.log(minValue) * multiplier);
    const maxKey = Math.ceil(Math.log(maxValue) * multiplier);
    const bucketCount = maxKey - minKey + 3;
    if (bucketCount > MAX_BUCKETS) {
      throw new RangeError(
        `LatencyHistogram: layout needs ${bucketCount} buckets (limit ${MAX_BUCKETS}); ` +
          'raise relativeAccuracy or narrow [minValue, maxValue]',
      );
    }
    this.relativeAccuracy = relativeAccuracy;
    this.minValue = minValue;
    this.maxValue = maxValue;
    this.#multiplier = multiplier;
    this.#keyOffset = minKey - 1;
    this.#overflowIndex = bucketCount - 1;
    this.#representativeFactor = 2 / (gamma + 1);
    this.#counts = new Float64Array(bucketCount);
    this.#table = logBucketTable(multiplier, minKey - 1, minValue, maxValue, bucketCount - 1);
  }

  /**
   * Records one value. Hot path: no allocation, and no `Math.log` but for very fine layouts.
   *
   * @param valueMs - a finite value ≥ 0 (ms).
   * @throws RangeError if `valueMs` is negative, NaN or infinite.
   */
  record(valueMs: number): void {
    // `!(v >= 0)` rejects NaN and negatives with one comparison.
    if (!(valueMs >= 0) || valueMs === Infinity) throw invalidValue(valueMs);
    this.#count += 1;
    this.#sum += valueMs;
    if (valueMs < this.#min) this.#min = valueMs;
    if (valueMs > this.#max) this.#max = valueMs;
    this.#counts[this.#indexOf(valueMs)]! += 1;
  }

  /**
   * Records the same value `count` times (e.g. replaying a pre-aggregated histogram).
   *
   * @param valueMs - a finite value ≥ 0 (ms).
   * @param count - a non-negative integer; 0 records nothing.
   * @throws RangeError if `valueMs` is invalid (see {@link LatencyHistogram.record}) or `count`
   *   is not a non-negative safe integer.
   */
  recordMany(valueMs: number, count: number): void {
    if (!(valueMs >= 0) || valueMs === Infinity) throw invalidValue(valueMs);
    if (!(Number.isSafeInteger(count) && count >= 0)) {
      throw new RangeError(`LatencyHistogram.recordMany: count must be a non-negative integer, got ${count}`);
    }
    if (count === 0) return;
    this.#count += count;
    this.#sum += valueMs * count;
    if (valueMs < this.#min) this.#min = valueMs;
    if (valueMs > this.#max) this.#max = valueMs;
    this.#counts[this.#indexOf(valueMs)]! += count;
  }

  /** Number of recorded values (exact). */
  get count(): number {
    return this.#count;
  }

  /** Sum of recorded values (ms); 0 when empty. */
  get sum(): number {
    return this.#sum;
  }

  /** Mean of recorded values (ms): `sum / count`; NaN when empty. */
  get mean(): number {
    return this.#count === 0 ? NaN : this.#sum / this.#count;
  }

  /** Smallest recorded value (ms, exact); NaN when empty. */
  get min(): number {
    return this.#count === 0 ? NaN : this.#min;
  }

  /** Largest recorded value (ms, exact, even above `maxValue`); NaN when empty. */
  get max(): number {
    return this.#count === 0 ? NaN : this.#max;
  }

  /** Number of bucket slots, including underflow and overflow. Fixed at construction. */
  get bucketCount(): number {
    return this.#counts.length;
  }

  /**
   * Estimates the nearest-rank quantile: the value of rank `max(1, ceil(q · count))`.
   *
   * @param q - a probability in [0, 1]; 0 returns `min` and 1 returns `max` exactly.
   * @returns the estimate (ms), within `relativeAccuracy` of the exact sample quantile for values
   *   in [minValue, maxValue] and clamped to [min, max]; NaN when empty.
   * @throws RangeError if `q` is not in [0, 1].
   */
  quantile(q: number): number {
    return this.quantiles([q])[0]!;
  }

  /**
   * Estimates several quantiles in one pass over the buckets.
   *
   * @param qs - probabilities in [0, 1], in any order.
   * @returns the estimates (ms) in the order of `qs`; see {@link LatencyHistogram.quantile}.
   * @throws RangeError if any `q` is not in [0, 1].
   */
  quantiles(qs: readonly number[]): number[] {
    for (const q of qs) {
      if (!(q >= 0 && q <= 1))
        throw new RangeError(`LatencyHistogram.quantile: q must be in [0, 1], got ${q}`);
    }
    const n = this.#count;
    if (n === 0) return qs.map(() => NaN);
    // Visit the requested ranks in ascending order (a stable sort keeps ties deterministic).
    const ranks = qs.map((q) => Math.max(1, Math.ceil(q * n)));
    const order = qs.map((_, i) => i).sort((a, b) => ranks[a]! - ranks[b]!);
    const out = new Array<number>(qs.length);
    const counts = this.#counts;
    let index = 0;
    let cumulative = counts[0]!;
    for (const i of order) {
      const q = qs[i]!;
      if (q === 0 || q === 1) {
        out[i] = q === 0 ? this.#min : this.#max;
        continue;
      }
      const rank = ranks[i]!;
      while (cumulative < rank) cumulative += counts[++index]!;
      out[i] = this.#valueOfIndex(index);
    }
    return out;
  }

  /**
   * Adds another histogram's observations to this one (replications, worker threads).
   *
   * @returns this histogram.
   * @throws RangeError if the two bucket layouts differ.
   */
  merge(other: LatencyHistogram): this {
    if (
      other.relativeAccuracy !== this.relativeAccuracy ||
      other.minValue !== this.minValue ||
      other.maxValue !== this.maxValue
    ) {
      throw new RangeError(
        'LatencyHistogram.merge: bucket layouts differ (relativeAccuracy/minValue/maxValue)',
      );
    }
    const mine = this.#counts;
    const theirs = other.#counts;
    for (let i = 0; i < mine.length; i++) mine[i]! += theirs[i]!;
    this.#count += other.#count;
    this.#sum += other.#sum;
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
    return this;
  }

  /** Forgets every observation, keeping the layout (e.g. at the end of a warm-up period). */
  reset(): void {
    this.#counts.fill(0);
    this.#count = 0;
    this.#sum = 0;
    this.#min = Infinity;
    this.#max = -Infinity;
  }

  /** Returns the compact form: layout, exact summary and the non-empty buckets in index order. */
  toJSON(): LatencyHistogramJSON {
    const buckets: Array<readonly [number, number]> = [];
    const counts = this.#counts;
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] !== 0) buckets.push([i, counts[i]!]);
    }
    const empty = this.#count === 0;
    return {
      relativeAccuracy: this.relativeAccuracy,
      minValue: this.minValue,
      maxValue: this.maxValue,
      count: this.#count,
      sum: this.#sum,
      min: empty ? null : this.#min,
      max: empty ? null : this.#max,
      buckets,
    };
  }

  /**
   * Rebuilds a histogram from {@link LatencyHistogram.toJSON} output; the round trip is exact.
   *
   * @throws RangeError if the layout is invalid, a bucket index is out of range or repeated, a
   *   count is not a positive integer, or the bucket counts do not add up to `count`.
   */
  static fromJSON(json: LatencyHistogramJSON): LatencyHistogram {
    const h = new LatencyHistogram(json);
    let total = 0;
    let previous = -1;
    for (const [index, count] of json.buckets) {
      if (!(Number.isInteger(index) && index > previous && index < h.#counts.length)) {
        throw new RangeError(`LatencyHistogram.fromJSON: bad or unordered bucket index ${index}`);
      }
      if (!(Number.isInteger(count) && count > 0)) {
        throw new RangeError(`LatencyHistogram.fromJSON: bad count ${count} for bucket ${index}`);
      }
      h.#counts[index] = count;
      total += count;
      previous = index;
    }
    const { count, sum, min, max } = json;
    const empty = count === 0;
    if (total !== count || !Number.isFinite(sum) || (min === null) !== empty || (max === null) !== empty) {
      throw new RangeError('LatencyHistogram.fromJSON: count/sum/min/max do not match the buckets');
    }
    h.#count = count;
    h.#sum = sum;
    h.#min = min ?? Infinity;
    h.#max = max ?? -Infinity;
    return h;
  }

  #indexOf(valueMs: number): number {
    if (valueMs < this.minValue) return 0;
    if (valueMs > this.maxValue) return this.#overflowIndex;
    const table = this.#table;
    if (table !== null) {
      const index = table.startIndex[(highBits(valueMs) >>> table.shift) - table.base]!;
      return valueMs >= table.lowest[index + 1]! ? index + 1 : index;
    }
    return Math.ceil(Math.log(valueMs) * this.#multiplier) - this.#keyOffset;
  }

  #valueOfIndex(index: number): number {
    // Below minValue nothing is resolved; min is exact when the underflow holds only one value (e.g. 0).
    if (index === 0) return this.#min;
    if (index === this.#overflowIndex) return this.#max;
    const estimate = Math.exp((index + this.#keyOffset) / this.#multiplier) * this.#representativeFactor;
    return Math.min(this.#max, Math.max(this.#min, estimate));
  }
}

function invalidValue(valueMs: number): RangeError {
  return new RangeError(`LatencyHistogram.record: value must be finite and >= 0, got ${valueMs}`);
}
