/**
 * Reads a real k6 end-of-test summary into a flat map keyed `metric.stat` (`http_req_duration.p(95)`,
 * `http_reqs.count`, `http_req_failed.rate`), the form calibration compares a simulated run with.
 *
 * k6 writes two shapes; both are read, and so is our own `K6Summary` (shape b):
 *  (a) `k6 run --summary-export=file.json`: `metrics.NAME` is the stats object itself. A rate
 *      metric's `rate` is renamed `value` there (kept as `passes`, `fails`), and thresholds appear
 *      as `thresholds: {source: failed}` among the stats. Source: grafana/k6 js/summary-wrapper.js,
 *      `oldJSONSummary`.
 *  (b) the summary data `handleSummary(data)` receives: `metrics.NAME = {type, contains, values,
 *      thresholds?}`. Counters have `values.count` and `values.rate` (per second), gauges `value`,
 *      `min`, `max`, rates `rate`, `passes`, `fails`, trends one value per `summaryTrendStats`
 *      column (`avg`, `min`, `med`, `max`, `p(90)`, `p(95)`...). Source: grafana/k6 js/summary.go,
 *      `summarizeMetricsToObject` and `metricValueGetter`.
 * Units are k6's: trend times in milliseconds, counter rates per second, rates as fractions in
 * [0, 1].
 */
import { formatPath, type PathSegments } from '../scenario/diagnostics.js';
import { CalibrationError } from './errors.js';

/** Stat names k6 writes; a non-number under one of these is malformed, not an extra to skip. */
const KNOWN_STAT = /^(avg|min|med|max|count|rate|value|passes|fails|p\([0-9.]+\))$/;
/** A percentile stat at the end of a key; matched first because `p(99.9)` contains a dot. */
const PERCENTILE_SUFFIX = /\.(p\([^()]*\))$/;

type PlainObject = Record<string, unknown>;

function isObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(at: PathSegments, detail: string): never {
  throw new CalibrationError('CAL_ERR_K6_SUMMARY', detail, formatPath(at));
}

/**
 * Copies the numeric stats of one metric into `out` as `name.stat`. `rateAsValue`: the metric is
 * a rate in shape (a), whose `value` is the rate.
 */
function readStats(
  name: string,
  stats: PlainObject,
  at: PathSegments,
  rateAsValue: boolean,
  out: Map<string, number>,
): void {
  for (const [stat, value] of Object.entries(stats)) {
    // Thresholds are pass/fail flags (shape a), not statistics of the metric.
    if (stat === 'thresholds') continue;
    // k6 serializes NaN (a trend with no samples) as null, and our K6Summary uses null for "no data".
    if (value === null) continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) fail([...at, stat], `must be a finite number, not ${value}`);
      out.set(`${name}.${rateAsValue && stat === 'value' ? 'rate' : stat}`, value);
    } else if (KNOWN_STAT.test(stat)) {
      fail([...at, stat], `must be a number, not ${JSON.stringify(value)}`);
    }
    // Other non-numeric extras (added by later k6 versions or by hand) are not ours to judge.
  }
}

/**
 * Reads a k6 summary (parsed JSON, either shape; see the module comment) into a map from
 * `metric.stat` to its number: `http_req_duration.med`, `http_req_duration.p(95)` (ms),
 * `http_reqs.count`, `http_reqs.rate` (per s), `http_req_failed.rate` (fraction), `vus.value`...
 * Sub-metrics keep their full name: `http_req_duration{expected_response:true}.avg`.
 *
 * Null values are skipped (no data), and so are `thresholds` and non-numeric values under names
 * that are not k6 stats; everything else at the top level (`root_group`, `options`, `state`) is
 * ignored.
 *
 * @throws CalibrationError `CAL_ERR_K6_SUMMARY` with the path of the problem: no `metrics` object,
 *   a metric that is not an object, `values` that is not an object, or a known stat that is not a
 *   finite number (`metrics.http_reqs.count: must be a number, not "12"`).
 */
export function readK6Summary(json: unknown): Map<string, number> {
  if (!isObject(json)) {
    throw new CalibrationError(
      'CAL_ERR_K6_SUMMARY',
      `not a k6 summary: expected an object with a "metrics" object (parsed JSON), not ${typeof json}`,
      '',
    );
  }
  const metrics = json.metrics;
  if (!isObject(metrics)) {
    fail(['metrics'], metrics === undefined ? 'missing: not a k6 summary' : 'must be an object');
  }
  const out = new Map<string, number>();
  for (const [name, metric] of Object.entries(metrics)) {
    const at = ['metrics', name];
    if (!isObject(metric)) fail(at, 'must be an object');
    if (Object.hasOwn(metric, 'values')) {
      // Shape (b): rates already say `rate`.
      const values = metric.values;
      if (!isObject(values)) fail([...at, 'values'], 'must be an object');
      readStats(name, values, [...at, 'values'], false, out);
    } else {
      // Shape (a) has no `type`: a rate is known by its `passes`/`fails` (a gauge's `value` stays).
      const isRate = Object.hasOwn(metric, 'passes') || Object.hasOwn(metric, 'fails');
      readStats(name, metric, at, isRate, out);
    }
  }
  return out;
}

/** Splits `metric.stat` into its parts; the stat is after the last dot, or a trailing `p(...)`. */
function splitKey(key: string): { metric: string; stat: string } {
  const percentile = PERCENTILE_SUFFIX.exec(key);
  if (percentile) return { metric: key.slice(0, percentile.index), stat: percentile[1]! };
  const dot = key.lastIndexOf('.');
  return dot < 0 ? { metric: key, stat: '' } : { metric: key.slice(0, dot), stat: key.slice(dot + 1) };
}

/**
 * The value of `key` (`metric.stat`, e.g. `http_req_duration.p(95)`) in a map from
 * {@link readK6Summary}, in k6's units.
 *
 * @throws CalibrationError `CAL_ERR_K6_SUMMARY` (its `path` is `key`) when absent, listing the
 *   stats the metric has, or the metrics the summary has if the metric itself is absent.
 */
export function summaryMetric(map: ReadonlyMap<string, number>, key: string): number {
  const value = map.get(key);
  if (value !== undefined) return value;
  const { metric } = splitKey(key);
  const stats: string[] = [];
  const metrics = new Set<string>();
  for (const k of map.keys()) {
    const parts = splitKey(k);
    metrics.add(parts.metric);
    if (parts.metric === metric) stats.push(parts.stat);
  }
  if (stats.length > 0) {
    throw new CalibrationError(
      'CAL_ERR_K6_SUMMARY',
      `no such value (${metric} has ${stats.join(', ')})`,
      key,
    );
  }
  const names = [...metrics].sort();
  throw new CalibrationError(
    'CAL_ERR_K6_SUMMARY',
    `no metric ${JSON.stringify(metric)} in the summary (it has ${names.length === 0 ? 'none' : names.join(', ')})`,
    key,
  );
}
