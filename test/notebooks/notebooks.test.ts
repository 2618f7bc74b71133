/**
 * The analysts' notebooks, executed headless as a reader would run them: `jupyter nbconvert
 * --execute` with the Deno kernel committed under `notebooks/jupyter/`. Each must run top to
 * bottom without an error and produce every chart it shows as a Vega-Lite output (with its SVG).
 * Jupyter is installed by `scripts/ensure-system-packages.sh` (run by `npm test`) and Deno is an
 * npm dependency; without them this test fails, it is never skipped.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const NOTEBOOKS = join(ROOT, 'notebooks');
const out = mkdtempSync(join(tmpdir(), 'capsim-notebooks-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Output {
  output_type: string;
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Notebook {
  cells: { cell_type: string; source: string[]; outputs?: Output[] }[];
}

async function execute(name: string): Promise<Notebook> {
  await promisify(execFile)(
    'jupyter',
    [
      'nbconvert',
      '--to',
      'notebook',
      '--execute',
      '--ExecutePreprocessor.timeout=600',
      '--output-dir',
      out,
      join(NOTEBOOKS, name),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        JUPYTER_PATH: join(NOTEBOOKS, 'jupyter'),
        PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
      },
      timeout: 900_000,
    },
  );
  return JSON.parse(readFileSync(join(out, name), 'utf8')) as Notebook;
}

const names = readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb'));

describe('notebooks', () => {
  it('are the four the README lists', () => {
    expect(names.sort()).toEqual([
      'calibration.ipynb',
      'hpa-step.ipynb',
      'quick-start.ipynb',
      'what-if-sweep.ipynb',
    ]);
  });

  it.each(names)(
    '%s runs top to bottom and shows each of its charts',
    async (name) => {
      const source = JSON.parse(readFileSync(join(NOTEBOOKS, name), 'utf8')) as Notebook;
      // Committed without outputs: what CI shows is what it ran.
      for (const cell of source.cells) expect(cell.outputs ?? []).toEqual([]);
      const nb = await execute(name);
      const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
      expect(outputs.filter((o) => o.output_type === 'error')).toEqual([]);
      const charts = outputs.filter((o) => o.data?.['application/vnd.vegalite.v5+json'] !== undefined);
      const shown = source.cells
        .filter((c) => c.cell_type === 'code')
        .reduce((n, c) => n + (c.source.join('').match(/\bshow\(/g) ?? []).length, 0);
      expect(shown).toBeGreaterThan(0);
      expect(charts).toHaveLength(shown);
      for (const chart of charts) {
        const spec = chart.data!['application/vnd.vegalite.v5+json'] as Record<string, unknown>;
        expect(spec.$schema).toMatch(/vega-lite/);
        expect(JSON.stringify(spec)).toMatch(/"values":\[\{/);
        // nbformat stores multi-line text as a list of lines.
        const svg = chart.data!['image/svg+xml'] as string | string[];
        expect(Array.isArray(svg) ? svg.join('') : svg).toMatch(/^<svg/);
      }
    },
    900_000,
  );
});
