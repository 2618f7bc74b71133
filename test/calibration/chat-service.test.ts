/**
 * Seed 003's one measurement (the break point, ~630 users) is fitted; what the document says about
 * where the limit lies is the prediction: past the break point the MongoDB secondaries' CPU is
 * saturated while the twelve backends and the primary have room.
 */
import { describe, expect, it } from 'vitest';
import { getPreset, readStoredFits, variantDocument } from '../../models/presets/index.js';
import { presetValues } from '../../models/presets/check.js';
import { runScenario } from '../../models/scenario/run.js';

describe('chat-service (seed 003) at the fitted read cost, 700 users', () => {
  const preset = getPreset('chat-service');
  const doc = variantDocument(preset, 'final', presetValues(preset, readStoredFits()));
  doc.load = { executor: 'constant-vus', vus: 700, duration: '2m', thinkTime: '1s' };
  doc.warmup = '30s';
  const s = runScenario(doc);
  const utilization = (name: string) =>
    s.components.find((c) => c.kind === 'database' && c.name === name)!.utilization!.value!;

  it('is limited by the secondaries, both saturated, not by the backends or the primary', () => {
    expect(s.bottleneck.component).toMatch(/^database\/mongo\/replica-[12]\/cpu$/);
    expect(utilization('mongo/replica-1')).toBeGreaterThan(0.95);
    expect(utilization('mongo/replica-2')).toBeGreaterThan(0.95);
    expect(utilization('mongo')).toBeLessThan(0.5);
    expect(s.services[0]!.cpuUtilization!.value).toBeLessThan(0.2);
  });
});
