/**
 * The calibration check: every preset run with its stored fitted parameters, every measured
 * target compared with its tolerance. `npm run calibrate:check` prints it; the test suite runs it,
 * so a model change that breaks the calibration fails CI.
 */
import { calibrationPlanOf } from '../calibration/free-parameters.js';
import { formatTolerance } from '../calibration/tolerance.js';
import { evaluateTargets } from './evaluate-targets.js';
import type { PresetEvaluation, TargetResult, TargetStatus } from './evaluate-targets.js';
import { fittedValues, readStoredFits } from './fit-preset.js';
import type { StoredFit } from './fit-preset.js';
import { baseDocument } from './preset-document.js';
import type { Preset } from './types.js';

/** One preset's check. */
export interface PresetCheck {
  readonly preset: Preset;
  /** The parameter values used (fitted, or as overridden). */
  readonly values: Readonly<Record<string, number>>;
  readonly evaluation: PresetEvaluation;
}

/**
 * The values a preset runs with: its stored fit, or none when it declares no free parameters.
 * @throws CalibrationError when it declares parameters that were never fitted.
 */
export function presetValues(preset: Preset, fits: Record<string, StoredFit>): Record<string, number> {
  const doc = baseDocument(preset) as { calibration?: unknown };
  if (doc.calibration === undefined) return {};
  calibrationPlanOf(doc);
  return fittedValues(preset, fits);
}

/**
 * Checks presets with their stored fits (or with `override` values, e.g. a perturbed parameter).
 * @throws CalibrationError for a preset that was never fitted; ScenarioError for a broken preset.
 */
export function checkPresets(
  presets: readonly Preset[],
  fits: Record<string, StoredFit> = readStoredFits(),
  override: Readonly<Record<string, Readonly<Record<string, number>>>> = {},
): PresetCheck[] {
  return presets.map((preset) => {
    const values = { ...presetValues(preset, fits), ...override[preset.name] };
    return { preset, values, evaluation: evaluateTargets(preset, values) };
  });
}

/** The results that fail the check: fitted or predicted targets outside tolerance (known misses excepted). */
export function failures(checks: readonly PresetCheck[]): TargetResult[] {
  return checks.flatMap((c) => c.evaluation.results.filter((r) => r.status === 'fail'));
}

/** A plain-text table of the check, one line per target, for the terminal and CI logs. */
export function formatCheck(checks: readonly PresetCheck[]): string {
  const lines: string[] = [];
  for (const c of checks) {
    const params = Object.entries(c.values).map(([k, v]) => `${k}=${formatNumber(v)}`);
    lines.push(`${c.preset.name}${params.length > 0 ? ` (${params.join(', ')})` : ''}`);
    for (const r of c.evaluation.results) {
      const t = r.target;
      const error = r.relativeError === null ? '' : ` (${formatSigned(r.relativeError * 100)} %)`;
      lines.push(
        `  ${STATUS_MARK[r.status]} ${t.variant} ${t.metric} [${t.role}]: measured ${formatNumber(t.measured)}, ` +
          `predicted ${r.predicted === null ? 'none' : formatNumber(r.predicted)}${error}, ` +
          `tolerance ${formatTolerance(r.tolerance, t.metric)}`,
      );
    }
  }
  const all = checks.flatMap((c) => c.evaluation.results);
  const count = (status: TargetStatus) => all.filter((r) => r.status === status).length;
  lines.push(
    `calibration: ${count('pass')} within tolerance, ${count('known-miss')} known misses, ` +
      `${count('unexplained')} unexplained, ${count('fail')} failed`,
  );
  return lines.join('\n');
}

const STATUS_MARK = { pass: 'ok  ', fail: 'FAIL', 'known-miss': 'miss', unexplained: 'n/a ' } as const;

/** A number with 4 significant digits, without exponent for everyday magnitudes. */
export function formatNumber(x: number): string {
  if (x !== 0 && Math.abs(x) < 0.001) return x.toExponential(2);
  return Number(x.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 4 });
}

const formatSigned = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;
