/**
 * The calibration status of each preset as data (`docs/calibration.json`, written with the report
 * by `capsim calibrate`): the fitted values and every target's measurement, prediction and
 * status. The API serves it with the preset, so a client sees how far to trust a what-if without
 * running the minutes-long check.
 */
import { readFileSync } from 'node:fs';
import type { PresetCheck } from './check.js';
import { round } from '../report/estimate.js';

/** One target as checked. */
export interface TargetStatusRow {
  readonly variant: string;
  readonly metric: string;
  /** fitted (the fit used it), predicted (a check), or unexplained. */
  readonly role: string;
  readonly measured: number;
  readonly predicted: number | null;
  readonly relativeError: number | null;
  readonly status: string;
  readonly source: string;
}

/** A preset's status. */
export interface CalibrationStatus {
  readonly values: Readonly<Record<string, number>>;
  /** Targets by status: `pass`, `fail`, `known-miss`, `unexplained`. */
  readonly counts: Readonly<Record<string, number>>;
  readonly targets: readonly TargetStatusRow[];
}

/** Every preset's status, by name. */
export function calibrationStatus(checks: readonly PresetCheck[]): Record<string, CalibrationStatus> {
  return Object.fromEntries(
    checks.map((c) => {
      const targets = c.evaluation.results.map((r) => ({
        variant: r.target.variant,
        metric: r.target.metric,
        role: r.target.role,
        measured: r.target.measured,
        predicted: r.predicted === null ? null : round(r.predicted),
        relativeError: r.relativeError === null ? null : round(r.relativeError),
        status: r.status,
        source: r.target.source,
      }));
      const counts: Record<string, number> = {};
      for (const t of targets) counts[t.status] = (counts[t.status] ?? 0) + 1;
      return [c.preset.name, { values: c.values, counts, targets }];
    }),
  );
}

/** The committed status file. */
export const CALIBRATION_STATUS_FILE = new URL('../../docs/calibration.json', import.meta.url);

/** The committed status of one preset, or null when the file or the preset is missing. */
export function readCalibrationStatus(preset: string): CalibrationStatus | null {
  try {
    const all = JSON.parse(readFileSync(CALIBRATION_STATUS_FILE, 'utf8')) as Record<
      string,
      CalibrationStatus
    >;
    return all[preset] ?? null;
  } catch {
    return null;
  }
}
