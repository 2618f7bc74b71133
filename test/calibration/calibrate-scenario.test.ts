/**
 * `capsim calibrate --scenario --k6` on a user's scenario: fitting recovers a parameter whose true
 * value is known (the "measurement" is a simulated k6 summary with another seed), writes it into
 * the YAML without losing comments, and reports the unfitted metrics as predictions.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { calibrateScenario } from '../../models/calibration/calibrate-scenario.js';
import { fitParameters } from '../../models/calibration/fit.js';
import { calibrationPlanOf, withParameters } from '../../models/calibration/free-parameters.js';
import { toK6Summary } from '../../models/report/k6-export.js';
import { runScenario } from '../../models/scenario/run.js';

const SCENARIO = `# my checkout API
name: checkout
seed: 1
load: { executor: constant-arrival-rate, rate: 40, duration: 30s, preAllocatedVUs: 50 }
endpoints:
  pay:
    steps:
      - cpu: 2ms
      # the payment provider; its mean is what we want to learn
      - wait: { lognormal: { mean: 100, cv: 0.5 } }
services:
  api: { resources: { limits: { cpu: 1 } } }
calibration:
  parameters:
    providerMs: { path: 'endpoints.pay.steps[1].wait.lognormal.mean', min: 5, max: 500 }
`;

/** The k6 summary a real system with the provider at `providerMs` would give (another seed). */
function measuredSummary(providerMs: number) {
  const doc = parse(SCENARIO);
  const truth = withParameters({ ...doc, seed: 99 }, calibrationPlanOf(doc).parameters, { providerMs });
  return toK6Summary(runScenario(truth));
}

describe('calibrateScenario', () => {
  const result = calibrateScenario(SCENARIO, measuredSummary(40));

  it('recovers the true value within a few percent', () => {
    expect(result.fit.values.providerMs).toBeGreaterThan(38);
    expect(result.fit.values.providerMs).toBeLessThan(42);
  });

  it('fits avg and p95 by default and predicts the rest of the summary', () => {
    expect(result.rows.filter((r) => r.role === 'fitted').map((r) => r.metric)).toEqual([
      'http_req_duration.avg',
      'http_req_duration.p(95)',
    ]);
    const predicted = result.rows.filter((r) => r.role === 'predicted').map((r) => r.metric);
    expect(predicted).toContain('http_req_duration.p(99)');
    expect(predicted).toContain('http_reqs.rate');
    for (const r of result.rows) expect(r.withinTolerance, r.metric).toBe(true);
  });

  it('writes the fitted value into the scenario and keeps its comments', () => {
    expect(result.fittedText).toContain('# the payment provider; its mean is what we want to learn');
    const doc = parse(result.fittedText);
    expect(doc.endpoints.pay.steps[1].wait.lognormal.mean).toBe(result.fit.values.providerMs);
  });

  it('names a fitted metric the summary lacks, with the ones it has', () => {
    const text = SCENARIO.replace('calibration:\n', "calibration:\n  fit: ['http_req_duration.p(97)']\n");
    expect(() => calibrateScenario(text, measuredSummary(40))).toThrow(/http_req_duration.*p\(95\)/);
  });
});

describe('calibration section errors', () => {
  const doc = () => parse(SCENARIO);

  it('asks for a calibration section when there is none', () => {
    const d = doc();
    delete d.calibration;
    expect(() => calibrationPlanOf(d)).toThrow(/^calibration: the scenario declares no free parameters/);
  });

  it('gives the path of a bound problem and of a path that names nothing', () => {
    const d = doc();
    d.calibration.parameters.providerMs.min = 600;
    expect(() => calibrationPlanOf(d)).toThrow(
      /^calibration\.parameters\.providerMs\.min: min \(600\) must be < max/,
    );
    const e = doc();
    e.calibration.parameters.providerMs.path = 'endpoints.pay.steps[5].wait';
    expect(() => calibrationPlanOf(e)).toThrow(/^calibration\.parameters\.providerMs\.path: .*steps\[5\]/);
    const f = doc();
    f.calibration.parameters.providerMs = { path: 'seed', min: -1, max: 1, scale: 'log' };
    expect(() => calibrationPlanOf(f)).toThrow(/scale: a log scale needs min > 0/);
  });

  it('starts from the document value when it is a number in range, else from the middle', () => {
    expect(calibrationPlanOf(doc()).parameters[0]!.start).toBe(100);
    const d = doc();
    d.endpoints.pay.steps[1].wait.lognormal.mean = '100ms';
    expect(calibrationPlanOf(d).parameters[0]!.start).toBeCloseTo(50, 6); // √(5 · 500)
  });

  it('writes one value at every path of a parameter', () => {
    const d = doc();
    d.calibration.parameters.providerMs.path = [
      'endpoints.pay.steps[1].wait.lognormal.mean',
      'endpoints.pay.steps[0].cpu',
    ];
    const out = withParameters(d, calibrationPlanOf(d).parameters, { providerMs: 7 });
    expect(out.endpoints.pay.steps[0].cpu).toBe(7);
    expect(out.endpoints.pay.steps[1].wait.lognormal.mean).toBe(7);
    expect(d.endpoints.pay.steps[0].cpu).toBe('2ms');
  });
});

describe('whole-number parameters', () => {
  const doc = {
    load: { executor: 'constant-vus', vus: 50, duration: '10s' },
    calibration: { parameters: { vus: { path: 'load.vus', min: 1, max: 1000, integer: true } } },
  };

  it('are evaluated and reported as whole numbers', () => {
    const plan = calibrationPlanOf(doc);
    expect(plan.parameters[0]!.integer).toBe(true);
    const seen: number[] = [];
    const fit = fitParameters(plan.parameters, (v) => {
      seen.push(v.vus!);
      return [(v.vus! - 123.4) / 10];
    });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((x) => Number.isInteger(x))).toBe(true);
    expect(fit.values.vus).toBe(123);
  });

  it('are continuous unless declared', () => {
    const plain = structuredClone(doc);
    delete (plain.calibration.parameters.vus as { integer?: boolean }).integer;
    const fit = fitParameters(calibrationPlanOf(plain).parameters, (v) => [(v.vus! - 123.4) / 10]);
    expect(fit.values.vus).toBeCloseTo(123.4, 0);
    expect(Number.isInteger(fit.values.vus)).toBe(false);
  });
});
