/**
 * `capsim calibrate`: fit the presets (or a user's scenario) to measurements, check them, and
 * write the calibration report. Exit codes: 0 done (check passed), 1 a target out of tolerance or
 * bad input, 2 bad usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { calibrateScenario } from '../models/calibration/calibrate-scenario.js';
import { CalibrationError } from '../models/calibration/errors.js';
import { calibrationChart } from '../models/presets/calibration-chart.js';
import { answerEstimates, calibrationReport } from '../models/presets/calibration-report.js';
import { CALIBRATION_STATUS_FILE, calibrationStatus } from '../models/presets/calibration-status.js';
import { predictVariants } from '../models/presets/variant-predictions.js';
import { checkPresets, failures, formatCheck, formatNumber } from '../models/presets/check.js';
import { fitPreset, getPreset, PRESETS, readStoredFits, writeStoredFits } from '../models/presets/index.js';
import type { Preset } from '../models/presets/index.js';
import { ScenarioError } from '../models/scenario/errors.js';

export const CALIBRATE_USAGE = `usage: capsim calibrate [--preset NAME]... [--check | --report]
       capsim calibrate --scenario FILE --k6 SUMMARY.json [--out FILE]

  (no option)       fit every preset's free parameters to its fitted targets, store them in
                    models/presets/fitted-parameters.json, check, and write docs/calibration.md
  --preset NAME     only this preset (repeatable)
  --check           run the presets with their stored parameters; exit 1 if a target is out of tolerance
  --report          write docs/calibration.md, its chart and docs/calibration.json from the stored
                    parameters (no fitting)
  --scenario FILE   fit the free parameters declared in FILE's calibration section...
  --k6 SUMMARY      ...to this k6 summary (k6 run --summary-export=FILE, or handleSummary data)
  --out FILE        write the scenario with the fitted values there (default: print it)`;

const REPORT_FILE = new URL('../docs/calibration.md', import.meta.url);
const CHART_NAME = 'calibration.vl.json';
const CHART_FILE = new URL(`../docs/${CHART_NAME}`, import.meta.url);

/** Runs `capsim calibrate` with its arguments (after the word `calibrate`); returns the exit code. */
export function calibrateMain(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        preset: { type: 'string', multiple: true },
        check: { type: 'boolean', default: false },
        report: { type: 'boolean', default: false },
        scenario: { type: 'string' },
        k6: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (e) {
    err.write(`${(e as Error).message}\n${CALIBRATE_USAGE}\n`);
    return 2;
  }
  const v = parsed.values;
  try {
    if (v.scenario !== undefined || v.k6 !== undefined) {
      if (v.scenario === undefined || v.k6 === undefined || v.check || v.report || v.preset) {
        err.write(
          `--scenario and --k6 go together, without --preset, --check or --report\n${CALIBRATE_USAGE}\n`,
        );
        return 2;
      }
      return calibrateUserScenario(v.scenario, v.k6, v.out, out, err);
    }
    if (v.check && v.report) {
      err.write(`--check and --report exclude each other\n${CALIBRATE_USAGE}\n`);
      return 2;
    }
    const presets = v.preset === undefined ? PRESETS : v.preset.map(getPreset);
    if (v.check) return check(presets, out);
    if (!v.report) fit(presets, err);
    return report(presets, out);
  } catch (e) {
    if (e instanceof CalibrationError || e instanceof ScenarioError) {
      err.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

function check(presets: readonly Preset[], out: NodeJS.WritableStream): number {
  const checks = checkPresets(presets);
  out.write(`${formatCheck(checks)}\n`);
  return failures(checks).length === 0 ? 0 : 1;
}

function fit(presets: readonly Preset[], err: NodeJS.WritableStream): void {
  const fits = readStoredFits();
  for (const preset of presets) {
    // A preset without fitted targets (seed 002 has no measurements) has nothing to fit.
    if (!preset.targets.some((t) => t.role === 'fitted')) continue;
    err.write(`fitting ${preset.name}...`);
    let n = 0;
    fits[preset.name] = fitPreset(preset, { onEvaluation: () => void (++n % 10 === 0 && err.write('.')) });
    const values = Object.entries(fits[preset.name]!.values).map(([k, x]) => `${k}=${formatNumber(x)}`);
    err.write(` ${values.join(', ')}\n`);
  }
  writeStoredFits(fits);
}

function report(presets: readonly Preset[], out: NodeJS.WritableStream): number {
  const fits = readStoredFits();
  // The report covers every preset, so that it never lists only the ones just fitted.
  const checks = checkPresets(PRESETS, fits);
  const estimates = answerEstimates(checks);
  const predictions = predictVariants(checks);
  writeFileSync(REPORT_FILE, calibrationReport(checks, estimates, fits, CHART_NAME, predictions));
  writeFileSync(CHART_FILE, `${JSON.stringify(calibrationChart(checks), null, 2)}\n`);
  writeFileSync(CALIBRATION_STATUS_FILE, `${JSON.stringify(calibrationStatus(checks), null, 2)}\n`);
  const shown = checks.filter((c) => presets.includes(c.preset));
  out.write(
    `${formatCheck(shown)}\nwrote docs/calibration.md, docs/${CHART_NAME} and docs/calibration.json\n`,
  );
  return failures(shown).length === 0 ? 0 : 1;
}

function calibrateUserScenario(
  scenarioFile: string,
  k6File: string,
  outFile: string | undefined,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): number {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      throw new CalibrationError('CAL_ERR_INVALID', `cannot read ${file}: ${(e as Error).message}`);
    }
  };
  let summary: unknown;
  try {
    summary = JSON.parse(read(k6File));
  } catch (e) {
    if (e instanceof CalibrationError) throw e;
    throw new CalibrationError('CAL_ERR_K6_SUMMARY', `${k6File} is not JSON: ${(e as Error).message}`);
  }
  const result = calibrateScenario(read(scenarioFile), summary);
  const params = Object.entries(result.fit.values).map(([k, x]) => `${k} = ${formatNumber(x)}`);
  err.write(
    `fitted ${params.join(', ')} after ${result.fit.evaluations} simulations` +
      `${result.fit.converged ? '' : ' (stopped by the evaluation budget)'}\n`,
  );
  for (const r of result.rows) {
    const error = r.relativeError === null ? '' : ` (${(r.relativeError * 100).toFixed(1)} %)`;
    err.write(
      `  ${r.withinTolerance ? 'ok  ' : 'FAIL'} ${r.metric} [${r.role}]: measured ${formatNumber(r.measured)}, ` +
        `predicted ${r.predicted === null ? 'none' : formatNumber(r.predicted)}${error}\n`,
    );
  }
  if (outFile === undefined) out.write(result.fittedText);
  else writeFileSync(outFile, result.fittedText);
  return result.rows.every((r) => r.withinTolerance) ? 0 : 1;
}
