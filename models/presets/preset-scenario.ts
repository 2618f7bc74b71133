/**
 * A preset as a scenario to run: the document of one of its variants with the fitted parameters
 * stored in `fitted-parameters.json`, which is what the API runs for `{preset: {name, variant}}`
 * and what notebooks start from.
 */
import { CalibrationError } from '../calibration/errors.js';
import { presetValues } from './check.js';
import { readStoredFits } from './fit-preset.js';
import { getPreset } from './index.js';
import { variantDocument } from './preset-document.js';

/**
 * The scenario document of preset `name`, variant `variant` (default: its first).
 * @throws CalibrationError `CAL_ERR_INVALID` for an unknown preset or variant, naming those that exist.
 */
export function presetScenario(name: string, variant?: string): Record<string, unknown> {
  const preset = getPreset(name);
  const chosen = variant ?? preset.variants[0]!.name;
  if (!preset.variants.some((v) => v.name === chosen))
    throw new CalibrationError(
      'CAL_ERR_INVALID',
      `preset ${preset.name} has no variant ${JSON.stringify(chosen)} (it has ${preset.variants.map((v) => v.name).join(', ')})`,
    );
  return variantDocument(preset, chosen, presetValues(preset, readStoredFits())) as Record<string, unknown>;
}
