import { confidenceInterval } from '../../engine/index.js';

/**
 * A headline figure: its value and, with two or more replications, a 95 % confidence interval
 * from the replications' own values (Student t). `ci95` is null with one replication.
 */
export interface Estimate {
  /** null when nothing was measured (a percentile of zero requests). */
  readonly value: number | null;
  readonly ci95: readonly [number, number] | null;
}

// Six significant digits keep results readable and byte-stable; they are far finer than the
// sampling error of any simulation.
export const round = (x: number): number => (Number.isFinite(x) ? Number(x.toPrecision(6)) : x);

/**
 * An estimate from per-replication values. `value` is their mean unless a pooled value is given
 * (percentiles from merged histograms).
 */
export function estimate(perReplication: readonly number[], pooled?: number): Estimate {
  const finite = perReplication.filter(Number.isFinite);
  const mean = finite.length > 0 ? finite.reduce((t, v) => t + v, 0) / finite.length : NaN;
  const raw = pooled ?? mean;
  const value = Number.isFinite(raw) ? round(raw) : null;
  if (finite.length < 2 || value === null) return { value, ci95: null };
  const ci = confidenceInterval(finite);
  return { value, ci95: [round(ci.lower), round(ci.upper)] };
}
