import { describe, expect, it } from 'vitest';
import { defaultTolerance, formatTolerance, toleranceBand } from '../../models/calibration/tolerance.js';

describe('default tolerances (the calibration policy)', () => {
  it.each([
    ['http_reqs.rate', 284.57, { relative: 0.03 }],
    ['http_reqs.count', 136799, { relative: 0.03 }],
    ['iterations.rate', 10, { relative: 0.03 }],
    ['http_req_failed.rate', 0.0001, { absolute: 0.01 }],
    ['http_req_failed.rate', 0.2, { absolute: 0.01 }],
    ['http_req_failed.rate', 0.3974, { relative: 0.05 }],
    ['http_req_duration.med', 154, { relative: 0.1 }],
    ['http_req_duration.p(95)', 152, { relative: 0.1 }],
    ['http_req_duration{expected_response:true}.p(95)', 152, { relative: 0.1 }],
    ['http_req_duration.p(99)', 237, { relative: 0.15 }],
    ['http_req_duration.avg', 107, { relative: 0.1 }],
    ['iteration_duration.avg', 1100, { relative: 0.1 }],
  ])('%s at %d', (metric, measured, expected) => {
    expect(defaultTolerance(metric, measured)).toEqual(expected);
  });

  it('refuses a metric without a default', () => {
    expect(() => defaultTolerance('vus.value', 10)).toThrow(/no default tolerance for vus.value/);
  });

  it('gives the band in the metric unit and prints percentage points for failure rates', () => {
    expect(toleranceBand({ relative: 0.1 }, 150)).toBeCloseTo(15);
    expect(toleranceBand({ absolute: 0.01 }, 0.5)).toBe(0.01);
    expect(formatTolerance({ absolute: 0.01 }, 'http_req_failed.rate')).toBe('± 1 pp');
    expect(formatTolerance({ relative: 0.15 }, 'http_req_duration.p(99)')).toBe('± 15 %');
  });
});
