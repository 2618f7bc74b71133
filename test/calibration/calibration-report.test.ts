/**
 * The report and its chart, built from a check of the presets (no capacity searches: those run in
 * `npm run calibrate`): the chart compiles with Vega-Lite, and the Markdown shows every target.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { main } from '../../api/cli.js';
import { calibrationChart, calibrationPoints } from '../../models/presets/calibration-chart.js';
import { calibrationReport } from '../../models/presets/calibration-report.js';
import { CALIBRATION_STATUS_FILE, calibrationStatus } from '../../models/presets/calibration-status.js';
import { checkPresets } from '../../models/presets/check.js';
import { PRESETS, readStoredFits } from '../../models/presets/index.js';

const checks = checkPresets(PRESETS);

describe('calibration chart', () => {
  it('compiles with Vega-Lite and plots every target that has a positive prediction', () => {
    const spec = calibrationChart(checks);
    expect(() => compile(spec as unknown as TopLevelSpec)).not.toThrow();
    const points = calibrationPoints(checks);
    expect(points.length).toBeGreaterThan(5);
    expect(new Set(points.map((p) => p.unit))).toEqual(
      new Set(['ms', 'per second', 'count', 'failure rate']),
    );
  });
});

describe('calibration report', () => {
  const md = calibrationReport(checks, [], readStoredFits(), 'calibration.vl.json');

  it('has a row per target with its role and status, and the reasons of misses', () => {
    for (const c of checks) {
      expect(md).toContain(`## ${c.preset.name}: ${c.preset.title}`);
      for (const r of c.evaluation.results) {
        expect(md).toContain(`| ${r.target.variant} | \`${r.target.metric}\` |`);
        if (r.target.knownMiss !== undefined) expect(md).toContain(r.target.knownMiss);
      }
      for (const a of c.preset.assumptions) expect(md).toContain(a.reason);
    }
  });

  it('gives each estimate note once, naming every disagreeing row it explains, and none for agreeing rows', () => {
    const preset = PRESETS.find((p) => p.name === 'futures-order-api')!;
    const check = checks.find((c) => c.preset === preset)!;
    const [s3, s4, s5] = ['step-3', 'step-4', 'step-5'].map((v) =>
      preset.estimates.find((e) => e.variant === v)!,
    );
    const answer = (estimate: typeof s3, value: number, comparison: 'agrees' | 'higher') => ({
      preset,
      estimate: estimate!,
      capacity: { ratePerSec: value, atUpperBound: false, failingRatePerSec: null, trials: [] },
      bottleneck: null,
      value,
      comparison,
    });
    const withEstimates = calibrationReport(
      [check],
      [answer(s3, 1800, 'higher'), answer(s4, 1800, 'higher'), answer(s5, 1800, 'agrees')],
      readStoredFits(),
      'calibration.vl.json',
    );
    expect(s3!.note).toBe(s4!.note);
    expect(withEstimates.split(s3!.note!).length - 1).toBe(1);
    expect(withEstimates).toContain(`- step-3 (higher), step-4 (higher): ${s3!.note!}`);
  });
});

describe('calibration status (docs/calibration.json, served with each preset)', () => {
  it('is what the stored parameters give now: the committed file is up to date', () => {
    const committed = JSON.parse(readFileSync(CALIBRATION_STATUS_FILE, 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(calibrationStatus(checks))));
    const futures = (committed as Record<string, { targets: unknown[] }>)['futures-order-api']!;
    expect(futures.targets).toHaveLength(
      checks.find((c) => c.preset.name === 'futures-order-api')!.evaluation.results.length,
    );
  });
});

describe('capsim calibrate (CLI)', () => {
  const sink = () => {
    let text = '';
    return {
      stream: { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream,
      text: () => text,
    };
  };

  it('--check exits 0 and prints one line per target', () => {
    const out = sink();
    const err = sink();
    expect(main(['calibrate', '--check', '--preset', 'payment-system'], out.stream, err.stream)).toBe(0);
    expect(out.text()).toMatch(
      /calibration: \d+ within tolerance, \d+ known misses, 0 unexplained, 0 failed/,
    );
  });

  it('rejects bad usage with exit code 2 and an unknown preset with 1', () => {
    const err = sink();
    expect(main(['calibrate', '--scenario', 'x.yaml'], sink().stream, err.stream)).toBe(2);
    expect(err.text()).toContain('--scenario and --k6 go together');
    const err2 = sink();
    expect(main(['calibrate', '--check', '--preset', 'nope'], sink().stream, err2.stream)).toBe(1);
    expect(err2.text()).toContain('no preset "nope"');
  });

  it('reports an unreadable k6 summary with exit code 1', () => {
    const err = sink();
    expect(
      main(
        ['calibrate', '--scenario', 'examples/mmc-erlang.yaml', '--k6', '/nonexistent.json'],
        sink().stream,
        err.stream,
      ),
    ).toBe(1);
    expect(err.text()).toContain('cannot read /nonexistent.json');
  });
});
