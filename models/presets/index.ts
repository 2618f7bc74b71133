/**
 * The seed systems as presets: runnable scenarios calibrated against their documents'
 * measurements. See `docs/calibration.md` for the fitted parameters and how each target fares.
 */
import { CalibrationError } from '../calibration/errors.js';
import { chatService } from './chat-service/preset.js';
import { concertReservation } from './concert-reservation/preset.js';
import { futuresOrderApi } from './futures-order-api/preset.js';
import { paymentSystem } from './payment-system/preset.js';
import { tradingPlatform } from './trading-platform/preset.js';
import type { Preset } from './types.js';

/** Every preset, in the order of their seed documents. */
export const PRESETS: readonly Preset[] = [
  futuresOrderApi,
  concertReservation,
  tradingPlatform,
  chatService,
  paymentSystem,
];

/**
 * The preset of that name.
 * @throws CalibrationError `CAL_ERR_INVALID` naming the presets that exist.
 */
export function getPreset(name: string): Preset {
  const preset = PRESETS.find((p) => p.name === name);
  if (preset === undefined) {
    throw new CalibrationError(
      'CAL_ERR_INVALID',
      `no preset ${JSON.stringify(name)} (presets: ${PRESETS.map((p) => p.name).join(', ')})`,
    );
  }
  return preset;
}

export type { Preset, PresetAssumption, PresetEstimate, PresetTarget, PresetVariant } from './types.js';
export { baseDocument, variantDocument } from './preset-document.js';
export { evaluateTargets } from './evaluate-targets.js';
export type { PresetEvaluation, TargetResult, TargetStatus } from './evaluate-targets.js';
export { fitPreset, fittedValues, readStoredFits, writeStoredFits } from './fit-preset.js';
export type { StoredFit } from './fit-preset.js';
export { capacityOf } from './capacity.js';
export { presetScenario } from './preset-scenario.js';
export type { CapacityResult, CapacityTrial } from './capacity.js';
