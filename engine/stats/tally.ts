/**
 * Streaming count, mean and variance of observations, in constant memory.
 *
 * Updates follow Welford 1962 ("Note on a method for calculating corrected sums of squares and
 * products", Technometrics 4(3)), which avoids the cancellation of the naive sum-of-squares
 * formula; {@link Tally.merge} uses the pairwise combination of Chan, Golub & LeVeque 1979
 * ("Updating formulae and a pairwise algorithm for computing sample variances").
 */

/**
 * Plain-JSON summary of a {@link Tally}. Statistics that are undefined for the current count
 * (mean and extremes when empty, `stdDev` below two observations) are null. `m2` is the sum of
 * squared deviations from the mean, kept so {@link Tally.fromJSON} restores the exact state.
 */
export interface TallyJSON {
  readonly count: number;
  readonly sum: number;
  readonly mean: number | null;
  readonly m2: number;
  readonly stdDev: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

/**
 * Streaming count / mean / variance / min / max of a series of observations (any unit).
 *
 * Variance naming: {@link Tally.variance} is the population variance (divisor n);
 * {@link Tally.sampleVariance} uses divisor n − 1, and {@link Tally.stdDev} is its square root
 * (the sample standard deviation, as used for confidence intervals).
 *
 * Invariants: memory is constant; `count` is exact; undefined statistics are NaN (mean, min, max
 * and variance when empty; sample variance and stdDev below two observations).
 */
export class Tally {
  #count = 0;
  #sum = 0;
  #mean = 0;
  #m2 = 0;
  #min = Infinity;
  #max = -Infinity;

  /**
   * Records one observation.
   *
   * @throws RangeError if `value` is NaN or infinite (it would poison every statistic).
   */
  record(value: number): void {
    if (!Number.isFinite(value)) throw new RangeError(`Tally.record: value must be finite, got ${value}`);
    this.#count += 1;
    this.#sum += value;
    const delta = value - this.#mean;
    this.#mean += delta / this.#count;
    this.#m2 += delta * (value - this.#mean);
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
  }

  /** Number of observations. */
  get count(): number {
    return this.#count;
  }

  /** Sum of the observations; 0 when empty. */
  get sum(): number {
    return this.#sum;
  }

  /** Mean of the observations; NaN when empty. */
  get mean(): number {
    return this.#count === 0 ? NaN : this.#mean;
  }

  /** Population variance (divisor n); NaN when empty. */
  get variance(): number {
    return this.#count === 0 ? NaN : this.#m2 / this.#count;
  }

  /** Sample variance (divisor n − 1, unbiased); NaN below two observations. */
  get sampleVariance(): number {
    return this.#count < 2 ? NaN : this.#m2 / (this.#count - 1);
  }

  /** Sample standard deviation: `sqrt(sampleVariance)`; NaN below two observations. */
  get stdDev(): number {
    return Math.sqrt(this.sampleVariance);
  }

  /** Smallest observation; NaN when empty. */
  get min(): number {
    return this.#count === 0 ? NaN : this.#min;
  }

  /** Largest observation; NaN when empty. */
  get max(): number {
    return this.#count === 0 ? NaN : this.#max;
  }

  /**
   * Adds another tally's observations to this one (Chan et al. 1979), as if recorded here.
   *
   * @returns this tally.
   */
  merge(other: Tally): this {
    const nA = this.#count;
    const nB = other.#count;
    if (nB === 0) return this;
    if (nA === 0) {
      this.#copyFrom(other);
      return this;
    }
    const n = nA + nB;
    const delta = other.#mean - this.#mean;
    this.#mean += (delta * nB) / n;
    this.#m2 += other.#m2 + (delta * delta * nA * nB) / n;
    this.#count = n;
    this.#sum += other.#sum;
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
    return this;
  }

  /** Forgets every observation (e.g. at the end of a warm-up period). */
  reset(): void {
    this.#count = 0;
    this.#sum = 0;
    this.#mean = 0;
    this.#m2 = 0;
    this.#min = Infinity;
    this.#max = -Infinity;
  }

  /** Returns a plain-JSON summary that {@link Tally.fromJSON} restores exactly. */
  toJSON(): TallyJSON {
    const empty = this.#count === 0;
    const stdDev = this.stdDev;
    return {
      count: this.#count,
      sum: this.#sum,
      mean: empty ? null : this.#mean,
      m2: this.#m2,
      stdDev: Number.isNaN(stdDev) ? null : stdDev,
      min: empty ? null : this.#min,
      max: empty ? null : this.#max,
    };
  }

  /**
   * Rebuilds a tally from {@link Tally.toJSON} output (e.g. sent back by a worker thread).
   *
   * @throws RangeError if `count` is not a non-negative integer or the fields are inconsistent.
   */
  static fromJSON(json: TallyJSON): Tally {
    const t = new Tally();
    const { count, sum, mean, m2, min, max } = json;
    const empty = count === 0;
    const consistent =
      Number.isSafeInteger(count) &&
      count >= 0 &&
      Number.isFinite(sum) &&
      m2 >= 0 &&
      Number.isFinite(m2) &&
      (mean === null) === empty &&
      (min === null) === empty &&
      (max === null) === empty;
    if (!consistent) throw new RangeError('Tally.fromJSON: inconsistent count/mean/m2/min/max');
    t.#count = count;
    t.#sum = sum;
    t.#mean = mean ?? 0;
    t.#m2 = m2;
    t.#min = min ?? Infinity;
    t.#max = max ?? -Infinity;
    return t;
  }

  #copyFrom(other: Tally): void {
    this.#count = other.#count;
    this.#sum = other.#sum;
    this.#mean = other.#mean;
    this.#m2 = other.#m2;
    this.#min = other.#min;
    this.#max = other.#max;
  }
}
