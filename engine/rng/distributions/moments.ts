/**
 * The exact mean and variance of a distribution, in the units of its draws (ms for durations).
 *
 * `variance` is the central second moment; E[X²] = variance + mean². Either may be Infinity when the
 * moment diverges (e.g. a Weibull with a tiny shape overflows double range).
 */
export interface Moments {
  readonly mean: number;
  readonly variance: number;
}
