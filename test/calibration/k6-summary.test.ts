/**
 * Reading k6 summaries: the `--summary-export` file and the `handleSummary` data (and our own
 * K6Summary, which has the latter's shape) give the same flat `metric.stat` map. Fixtures are small
 * hand-written files in the shapes of grafana/k6 js/summary.go and js/summary-wrapper.js.
 */
import { describe, expect, it } from 'vitest';
import { readK6Summary, summaryMetric } from '../../models/calibration/k6-summary.js';
import type { K6Summary } from '../../models/report/k6-export.js';
import { errorOf } from './error-of.js';

/** A `k6 run --summary-export=file.json` file (shape a). */
const SUMMARY_EXPORT = {
  root_group: {
    name: '',
    path: '',
    id: 'd41d8cd98f00b204e9800998ecf8427e',
    groups: {},
    checks: { 'status is 200': { name: 'status is 200', path: '::status is 200', passes: 178, fails: 2 } },
  },
  metrics: {
    checks: { passes: 178, fails: 2, value: 0.9888888888888889 },
    http_req_duration: {
      avg: 144.56,
      min: 104.11,
      med: 110.47,
      max: 1140.2,
      'p(90)': 203.54,
      'p(95)': 215.95,
      thresholds: { 'p(95)<500': false },
    },
    'http_req_duration{expected_response:true}': {
      avg: 140.1,
      min: 104.11,
      med: 110.2,
      max: 990.5,
      'p(90)': 200.1,
      'p(95)': 210.3,
    },
    http_req_failed: {
      passes: 2,
      fails: 178,
      value: 0.011111111111111112,
      thresholds: { 'rate<0.05': false },
    },
    http_reqs: { count: 180, rate: 4.36938 },
    iterations: { count: 45, rate: 1.092345 },
    iteration_duration: { avg: 12910, min: 12530, med: 12770, max: 14350, 'p(90)': 13360, 'p(95)': 13370 },
    dropped_iterations: { count: 3, rate: 0.0728 },
    vus: { value: 1, min: 1, max: 19 },
  },
};

/** The `handleSummary(data)` argument for the same run (shape b). */
const SUMMARY_DATA = {
  root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: [], checks: [] },
  options: { summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'], summaryTimeUnit: '' },
  state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: 41196.2 },
  metrics: {
    checks: {
      type: 'rate',
      contains: 'default',
      values: { rate: 0.9888888888888889, passes: 178, fails: 2 },
    },
    http_req_duration: {
      type: 'trend',
      contains: 'time',
      values: { avg: 144.56, min: 104.11, med: 110.47, max: 1140.2, 'p(90)': 203.54, 'p(95)': 215.95 },
      thresholds: { 'p(95)<500': { ok: true } },
    },
    'http_req_duration{expected_response:true}': {
      type: 'trend',
      contains: 'time',
      values: { avg: 140.1, min: 104.11, med: 110.2, max: 990.5, 'p(90)': 200.1, 'p(95)': 210.3 },
    },
    http_req_failed: {
      type: 'rate',
      contains: 'default',
      values: { rate: 0.011111111111111112, passes: 2, fails: 178 },
      thresholds: { 'rate<0.05': { ok: true } },
    },
    http_reqs: { type: 'counter', contains: 'default', values: { count: 180, rate: 4.36938 } },
    iterations: { type: 'counter', contains: 'default', values: { count: 45, rate: 1.092345 } },
    iteration_duration: {
      type: 'trend',
      contains: 'time',
      values: { avg: 12910, min: 12530, med: 12770, max: 14350, 'p(90)': 13360, 'p(95)': 13370 },
    },
    dropped_iterations: { type: 'counter', contains: 'default', values: { count: 3, rate: 0.0728 } },
    vus: { type: 'gauge', contains: 'default', values: { value: 1, min: 1, max: 19 } },
  },
};

/**
 * What `k6 --summary-export` writes for summary data, as js/summary-wrapper.js `oldJSONSummary`
 * does: each metric becomes its values, a rate's `rate` becomes `value`.
 */
function toSummaryExport(summary: K6Summary): unknown {
  const metrics: Record<string, unknown> = {};
  for (const [name, metric] of Object.entries(summary.metrics)) {
    const values: Record<string, unknown> = { ...metric.values };
    if (metric.type === 'rate' && 'rate' in values) {
      values.value = values.rate;
      delete values.rate;
    }
    metrics[name] = values;
  }
  return { metrics };
}

describe('readK6Summary', () => {
  it('reads a --summary-export file', () => {
    const map = readK6Summary(SUMMARY_EXPORT);
    expect(map.get('http_req_duration.avg')).toBe(144.56);
    expect(map.get('http_req_duration.med')).toBe(110.47);
    expect(map.get('http_req_duration.p(95)')).toBe(215.95);
    expect(map.get('http_reqs.count')).toBe(180);
    expect(map.get('http_reqs.rate')).toBe(4.36938);
    expect(map.get('http_req_failed.rate')).toBeCloseTo(2 / 180, 12);
    expect(map.get('http_req_failed.passes')).toBe(2);
    expect(map.get('checks.rate')).toBeCloseTo(178 / 180, 12);
    expect(map.get('iterations.count')).toBe(45);
    expect(map.get('iteration_duration.avg')).toBe(12910);
    expect(map.get('dropped_iterations.count')).toBe(3);
    expect(map.get('http_req_duration{expected_response:true}.avg')).toBe(140.1);
  });

  it('keeps a gauge value as value (only rates rename it)', () => {
    const map = readK6Summary(SUMMARY_EXPORT);
    expect(map.get('vus.value')).toBe(1);
    expect(map.has('vus.rate')).toBe(false);
  });

  it('ignores thresholds, and has no .value for rates', () => {
    const keys = [...readK6Summary(SUMMARY_EXPORT).keys()];
    expect(keys.some((k) => k.includes('threshold'))).toBe(false);
    expect(keys).not.toContain('http_req_failed.value');
  });

  it('reads handleSummary data to the same map', () => {
    expect(readK6Summary(SUMMARY_DATA)).toEqual(readK6Summary(SUMMARY_EXPORT));
  });

  it('reads our K6Summary, and its summary-export form, to the same map', () => {
    const ours: K6Summary = {
      metrics: {
        http_req_duration: {
          type: 'trend',
          contains: 'time',
          values: { avg: 12.5, min: 3, med: 11, max: 80, 'p(90)': 20, 'p(95)': 25, 'p(99)': 40 },
        },
        'http_req_duration{expected_response:true}': {
          type: 'trend',
          contains: 'time',
          values: { avg: 12, min: 3, med: 11, max: 60, 'p(90)': 19, 'p(95)': 24, 'p(99)': 39 },
        },
        http_req_failed: {
          type: 'rate',
          contains: 'default',
          values: { rate: 0.01, passes: 10, fails: 990 },
        },
        http_reqs: { type: 'counter', contains: 'default', values: { count: 1000, rate: 16.67 } },
        iterations: { type: 'counter', contains: 'default', values: { count: 500, rate: 8.33 } },
        dropped_iterations: { type: 'counter', contains: 'default', values: { count: 0, rate: 0 } },
        iteration_duration: {
          type: 'trend',
          contains: 'time',
          values: { avg: 30, min: null, med: 28, max: null, 'p(90)': 45, 'p(95)': 50, 'p(99)': 70 },
        },
      },
    };
    const map = readK6Summary(ours);
    expect(map.get('http_req_duration.p(99)')).toBe(40);
    expect(map.get('http_req_failed.rate')).toBe(0.01);
    expect(map.get('http_reqs.rate')).toBe(16.67);
    expect(map.get('dropped_iterations.count')).toBe(0);
    // null means "no data": left out rather than read as 0.
    expect(map.has('iteration_duration.min')).toBe(false);
    expect(map.size).toBe(7 + 7 + 3 + 2 + 2 + 2 + 5);
    expect(readK6Summary(toSummaryExport(ours))).toEqual(map);
  });

  it('keeps a percentile with a decimal point', () => {
    const map = readK6Summary({ metrics: { http_req_duration: { 'p(99.9)': 310 } } });
    expect(summaryMetric(map, 'http_req_duration.p(99.9)')).toBe(310);
  });

  it('ignores non-numeric values under names that are not k6 stats', () => {
    const map = readK6Summary({ metrics: { http_reqs: { count: 3, note: 'by hand', extra: [1] } } });
    expect([...map.keys()]).toEqual(['http_reqs.count']);
  });

  it.each<[string, unknown, string]>([
    ['a string', '{"metrics":{}}', ''],
    ['null', null, ''],
    ['no metrics', { root_group: {} }, 'metrics'],
    ['metrics not an object', { metrics: [1, 2] }, 'metrics'],
    ['a metric not an object', { metrics: { http_reqs: 180 } }, 'metrics.http_reqs'],
    ['values not an object', { metrics: { vus: { type: 'gauge', values: 3 } } }, 'metrics.vus.values'],
    ['a count as a string', { metrics: { http_reqs: { count: '180' } } }, 'metrics.http_reqs.count'],
    ['a rate as a boolean', { metrics: { x: { values: { rate: true } } } }, 'metrics.x.values.rate'],
    ['a percentile as an object', { metrics: { d: { 'p(95)': {} } } }, 'metrics.d["p(95)"]'],
    ['an infinite average', { metrics: { d: { values: { avg: Infinity } } } }, 'metrics.d.values.avg'],
    [
      'a sub-metric with a bad value',
      { metrics: { 'http_req_duration{expected_response:true}': { med: 'x' } } },
      'metrics["http_req_duration{expected_response:true}"].med',
    ],
  ])('rejects %s at %j', (_what, json, path) => {
    const error = errorOf(() => readK6Summary(json));
    expect(error.code).toBe('CAL_ERR_K6_SUMMARY');
    expect(error.path).toBe(path);
  });

  it('names the path and the problem in the message', () => {
    const error = errorOf(() => readK6Summary({ metrics: { http_reqs: { count: '12' } } }));
    expect(error.message).toMatch(/^metrics\.http_reqs\.count: must be a number/);
  });
});

describe('summaryMetric', () => {
  const map = readK6Summary(SUMMARY_EXPORT);

  it('returns a present value', () => {
    expect(summaryMetric(map, 'http_req_duration.p(95)')).toBe(215.95);
    expect(summaryMetric(map, 'http_req_duration{expected_response:true}.med')).toBe(110.2);
  });

  it('lists the stats of the metric when one is missing', () => {
    const error = errorOf(() => summaryMetric(map, 'http_req_duration.p(99)'));
    expect(error.code).toBe('CAL_ERR_K6_SUMMARY');
    expect(error.path).toBe('http_req_duration.p(99)');
    expect(error.message).toContain('avg, min, med, max, p(90), p(95)');
    expect(error.message).not.toContain('expected_response');
  });

  it('lists the metrics when the metric is missing', () => {
    const error = errorOf(() => summaryMetric(map, 'grpc_req_duration.avg'));
    expect(error.code).toBe('CAL_ERR_K6_SUMMARY');
    expect(error.message).toContain('http_reqs');
    expect(error.message).toContain('iteration_duration');
  });
});
