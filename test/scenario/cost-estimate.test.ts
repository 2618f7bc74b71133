/** The cost estimate against the engine's own event counts, on the five presets. */
import { describe, expect, it } from 'vitest';
import { loadScenario, runScenario } from '../../models/index.js';
import { presetValues } from '../../models/presets/check.js';
import { PRESETS, readStoredFits, variantDocument } from '../../models/presets/index.js';
import { estimateCost } from '../../models/scenario/cost-estimate.js';

describe.each(PRESETS.map((p) => [p.name, p] as const))('estimateCost, preset %s', (_name, preset) => {
  it('is within 0.8× and 4× of the events the run makes, and counts its requests', () => {
    const doc = variantDocument(preset, preset.variants[0]!.name, presetValues(preset, readStoredFits()));
    const s = loadScenario(doc).scenario;
    const estimate = estimateCost(s);
    const run = runScenario(doc);
    expect(estimate.events / run.events).toBeGreaterThan(0.8);
    expect(estimate.events / run.events).toBeLessThan(4);
    // Requests per replication are exact for open loops and bounded by CPU for closed ones.
    expect(estimate.requests / s.replications).toBeGreaterThanOrEqual(run.requests.sent.value! * 0.9);
  });
});
