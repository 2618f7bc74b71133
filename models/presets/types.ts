/**
 * A preset: one of the five seed systems as a runnable scenario, with what its document measured
 * and estimated. The scenario file holds the configuration (each value citing its document
 * section) and declares the free parameters; this metadata says which variant reproduces which
 * measurement, which measurements the parameters are fitted to and which are predictions, every
 * assumption the document leaves open, and the document's own estimates for its plan steps.
 */
import type { Tolerance } from '../calibration/tolerance.js';

/** A configuration of the system: the base scenario with some fields changed. */
export interface PresetVariant {
  /** Name used in targets, the API and the report ("run-b", "step-3"). */
  readonly name: string;
  readonly description: string;
  /** Where the document describes this configuration. */
  readonly source: string;
  /** A variant whose changes come first (plan steps are cumulative). */
  readonly extends?: string;
  /**
   * Fields changed, by document path (`rateLimiters.authorize.limit`); a value may be an object
   * (a whole new component). Applied after the fitted parameters, so a variant can override one.
   */
  readonly set: Readonly<Record<string, unknown>>;
}

/**
 * What a measured number is for the calibration: `fitted` (the free parameters are chosen to match
 * it), `predicted` (the fitted model must reproduce it: the real test of the model), or
 * `unexplained` (the model cannot produce it mechanically, e.g. an application bug; shown with the
 * reason and never absorbed by a parameter).
 */
export type TargetRole = 'fitted' | 'predicted' | 'unexplained';

/** One measured number. */
export interface PresetTarget {
  readonly variant: string;
  /** A k6 summary metric as metric.stat: `http_req_duration.p(95)`, `http_reqs.count`, ... */
  readonly metric: string;
  /** The measurement, in the metric's unit: ms, per second, a count, a fraction. */
  readonly measured: number;
  readonly role: TargetRole;
  /** Document and section of the measurement. */
  readonly source: string;
  /** Overrides the default tolerance of the metric (`defaultTolerance`); required with `capacity`. */
  readonly tolerance?: Tolerance;
  /**
   * For a measured capacity (a break point): the search whose answer is the prediction, instead of
   * a metric of one run. `metric` then only names it (`break_point.vus`).
   */
  readonly capacity?: CapacityQuestion;
  /** Why the model cannot explain it (required for `unexplained`), or a remark. */
  readonly note?: string;
  /**
   * For a prediction known to fall outside its tolerance: why. The check reports it as a known
   * miss instead of failing; the reason stays in the report.
   */
  readonly knownMiss?: string;
}

/** Something the document leaves open, the value chosen, and why. */
export interface PresetAssumption {
  /** The scenario fields it sets (document paths), if any. */
  readonly paths: readonly string[];
  readonly what: string;
  readonly value: string;
  readonly reason: string;
}

/**
 * The highest constant load the variant serves within the SLO, found by bisection: an arrival rate
 * (per second; a constant-arrival-rate load), or with `over: 'vus'` a number of concurrent users
 * (a constant-vus load; `minRate`, `maxRate` and `resolution` are then users).
 */
export interface CapacityQuestion {
  readonly kind: 'capacity';
  /** What the search varies. Default rate. */
  readonly over?: 'rate' | 'vus';
  /** Service level that "sustained" means here (the document's own target). */
  readonly slo: {
    readonly failureRate: number;
    readonly medianMs?: number;
    readonly p95Ms?: number;
    readonly p99Ms?: number;
  };
  /** Search range of the rate (per second) or users. */
  readonly minRate: number;
  readonly maxRate: number;
  /** Stop when the bracket is narrower than this (per second, or users). */
  readonly resolution: number;
  /** Load settings of each trial (fields of the load besides `rate` or `vus`). */
  readonly load: Readonly<Record<string, unknown>>;
  /** Requests before this are left out (lets an HPA scale up first). */
  readonly warmup: string;
  /** Replications of each trial, if not the scenario's own (a bisection runs many trials). */
  readonly replications?: number;
}

/**
 * The question capsim answers for one of the document's estimates: a capacity (see
 * {@link CapacityQuestion}), or `metric`, one metric of the variant's run, as configured.
 */
export type EstimateQuestion = CapacityQuestion | { readonly kind: 'metric'; readonly metric: string };

/** One of the document's own estimates (a plan step's expected TPS, a sizing table row). */
export interface PresetEstimate {
  readonly variant: string;
  /** What the document expects, as written ("500 TPS", "400–500 RPS"). */
  readonly documentSays: string;
  /** The same as numbers, for the chart: the low end and (for a range) the high end. */
  readonly documentLow: number;
  readonly documentHigh?: number;
  readonly source: string;
  readonly question: EstimateQuestion;
  /** Why capsim and the document part ways, where the mechanics explain it. */
  readonly note?: string;
}

/** A seed system. */
export interface Preset {
  /** The system's name, used by the API and the CLI (`payment-system`). */
  readonly name: string;
  readonly title: string;
  /** The seed document (file name under `seeds/`). */
  readonly document: string;
  /** What the system is, in two or three sentences. */
  readonly summary: string;
  /** The scenario file, beside the preset module. */
  readonly scenarioFile: URL;
  readonly variants: readonly PresetVariant[];
  readonly assumptions: readonly PresetAssumption[];
  readonly targets: readonly PresetTarget[];
  readonly estimates: readonly PresetEstimate[];
}
