/**
 * Whether a run meets a service level: shared by the API's capacity search and the presets'
 * capacity questions, so that both read "meets the SLO" the same way.
 */

/** A run's figures the level is checked against; null when nothing was measured. */
export interface SloFigures {
  /** Fraction of requests that failed. */
  readonly failureRate: number | null;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
}

/** The limits; a latency limit left out is not checked. */
export interface SloLimits {
  readonly failureRate: number;
  readonly p50Ms?: number | undefined;
  readonly p95Ms?: number | undefined;
  readonly p99Ms?: number | undefined;
}

/**
 * True when every limit holds, strictly: a failure rate below its limit, and each latency limit
 * given above its percentile. A figure that was not measured (no successful request) fails.
 */
export function meetsSlo(figures: SloFigures, limits: SloLimits): boolean {
  const under = (x: number | null, limit: number | undefined) =>
    limit === undefined || (x !== null && x < limit);
  return (
    figures.failureRate !== null &&
    figures.failureRate < limits.failureRate &&
    under(figures.p50Ms, limits.p50Ms) &&
    under(figures.p95Ms, limits.p95Ms) &&
    under(figures.p99Ms, limits.p99Ms)
  );
}
