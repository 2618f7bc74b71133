/**
 * Fitting a preset's free parameters to its `fitted` targets, and the stored result that the check
 * and the report use (`fitted-parameters.json`, written by `npm run calibrate`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fitParameters } from '../calibration/fit.js';
import type { FitOptions } from '../calibration/fit.js';
import { calibrationPlanOf } from '../calibration/free-parameters.js';
import { CalibrationError } from '../calibration/errors.js';
import { evaluateTargets } from './evaluate-targets.js';
import { baseDocument } from './preset-document.js';
import type { Preset } from './types.js';

/** One fitted residual as stored. */
export interface StoredResidual {
  readonly variant: string;
  readonly metric: string;
  readonly measured: number;
  readonly predicted: number | null;
  /** (predicted − measured) / tolerance band. */
  readonly normalizedError: number | null;
}

/** A preset's fit as stored. */
export interface StoredFit {
  readonly values: Record<string, number>;
  readonly objective: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly residuals: readonly StoredResidual[];
}

/** Where `npm run calibrate` writes the fits. */
export const FITTED_PARAMETERS_FILE = new URL('./fitted-parameters.json', import.meta.url);

/**
 * Fits the preset's declared free parameters to its `fitted` targets.
 * @throws CalibrationError when the preset has no fitted targets or its calibration section is bad.
 */
export function fitPreset(preset: Preset, options: FitOptions = {}): StoredFit {
  const plan = calibrationPlanOf(baseDocument(preset));
  if (!preset.targets.some((t) => t.role === 'fitted')) {
    throw new CalibrationError('CAL_ERR_INVALID', `${preset.name} has free parameters but no fitted targets`);
  }
  const fit = fitParameters(
    plan.parameters,
    (values) => evaluateTargets(preset, values, ['fitted']).results.map((r) => r.normalizedError),
    options,
  );
  const residuals = evaluateTargets(preset, fit.values, ['fitted']).results.map((r) => ({
    variant: r.target.variant,
    metric: r.target.metric,
    measured: r.target.measured,
    predicted: r.predicted,
    normalizedError: r.normalizedError,
  }));
  return { ...fit, residuals };
}

/** Every stored fit, by preset name ({} when the file does not exist yet). */
export function readStoredFits(file: URL = FITTED_PARAMETERS_FILE): Record<string, StoredFit> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, StoredFit>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

/** Writes the fits, keys sorted, so that the file only changes when a fit does. */
export function writeStoredFits(fits: Record<string, StoredFit>, file: URL = FITTED_PARAMETERS_FILE): void {
  const sorted = Object.fromEntries(Object.entries(fits).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
}

/**
 * The fitted values of a preset's parameters.
 * @throws CalibrationError `CAL_ERR_INVALID` when the preset has not been fitted (run `npm run calibrate`).
 */
export function fittedValues(preset: Preset, fits = readStoredFits()): Record<string, number> {
  const fit = fits[preset.name];
  if (fit === undefined) {
    throw new CalibrationError(
      'CAL_ERR_INVALID',
      `${preset.name} has no fitted parameters in fitted-parameters.json: run npm run calibrate`,
    );
  }
  return fit.values;
}
