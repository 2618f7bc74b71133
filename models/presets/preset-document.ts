/**
 * The scenario documents of a preset: its base file, and each variant with the free parameters
 * written in.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { withValues } from '../calibration/document-path.js';
import { calibrationPlanOf, withParameters } from '../calibration/free-parameters.js';
import { CalibrationError } from '../calibration/errors.js';
import type { Preset, PresetVariant } from './types.js';

/** A scenario document as parsed YAML. */
export type ScenarioDocument = Record<string, unknown>;

const baseCache = new Map<string, ScenarioDocument>();

/** The preset's scenario file, parsed (cached; callers get their own deep copy). */
export function baseDocument(preset: Preset): ScenarioDocument {
  const key = preset.scenarioFile.href;
  let doc = baseCache.get(key);
  if (doc === undefined) {
    doc = parse(readFileSync(preset.scenarioFile, 'utf8')) as ScenarioDocument;
    baseCache.set(key, doc);
  }
  return structuredClone(doc);
}

/**
 * The variant's chain of changes, first the one it extends.
 * @throws CalibrationError `CAL_ERR_INVALID` for an unknown variant or a cycle.
 */
export function variantChain(preset: Preset, name: string): PresetVariant[] {
  const chain: PresetVariant[] = [];
  for (let at: string | undefined = name; at !== undefined;) {
    const variant = preset.variants.find((v) => v.name === at);
    if (variant === undefined) {
      const known = preset.variants.map((v) => v.name).join(', ');
      throw new CalibrationError('CAL_ERR_INVALID', `${preset.name} has no variant ${at} (it has ${known})`);
    }
    if (chain.includes(variant)) {
      throw new CalibrationError('CAL_ERR_INVALID', `${preset.name}: variant ${name} extends itself`);
    }
    chain.unshift(variant);
    at = variant.extends;
  }
  return chain;
}

/**
 * The scenario of one variant: the base document, the parameter values written in (when given and
 * the document declares free parameters), then the variant's changes (and those of the variants it
 * extends, first).
 * @throws CalibrationError for an unknown variant, a parameter without a value, or a bad path.
 */
export function variantDocument(
  preset: Preset,
  variant: string,
  values?: Readonly<Record<string, number>>,
): ScenarioDocument {
  let doc = baseDocument(preset);
  if (values !== undefined && doc.calibration !== undefined)
    doc = withParameters(doc, calibrationPlanOf(doc).parameters, values);
  for (const v of variantChain(preset, variant)) doc = withValues(doc, Object.entries(v.set));
  return doc;
}
