/**
 * The calibration check as part of `npm test`: every preset, run with its stored fitted parameters,
 * must reproduce its measured targets within tolerance (known misses excepted, with their reasons).
 * And the check must be able to fail: a perturbed parameter breaks it.
 */
import { describe, expect, it } from 'vitest';
import { checkPresets, failures, formatCheck } from '../../models/presets/check.js';
import { getPreset, PRESETS, readStoredFits } from '../../models/presets/index.js';

describe('calibration check (npm run calibrate:check)', () => {
  const checks = checkPresets(PRESETS);

  it('every preset reproduces its fitted and predicted targets within tolerance', () => {
    const failed = failures(checks);
    expect(failed, formatCheck(checks)).toEqual([]);
  });

  it('every preset with free parameters has a stored fit for exactly those parameters', () => {
    const fits = readStoredFits();
    for (const c of checks) {
      if (Object.keys(c.values).length === 0) continue;
      expect(Object.keys(fits[c.preset.name]!.values).sort()).toEqual(Object.keys(c.values).sort());
    }
  });

  it('fails when a fitted parameter is perturbed by 30 %', () => {
    const preset = getPreset('payment-system');
    const fitted = readStoredFits()[preset.name]!.values;
    const perturbed = checkPresets([preset], undefined, {
      [preset.name]: { gatewayMeanMs: fitted.gatewayMeanMs! * 1.3 },
    });
    const failed = failures(perturbed).map((r) => `${r.target.variant} ${r.target.metric}`);
    expect(failed).toContain('run-b http_req_duration.avg');
    expect(failed).toContain('run-b http_req_duration.p(95)');
  });
});
