/**
 * Display helpers for the notebooks (Deno kernel): a chart as Vega-Lite, which JupyterLab draws,
 * with its SVG beside it for viewers without Vega; a table as Markdown; an estimate as the CLI
 * prints it. No simulation here.
 */
import { renderSvg } from '../api/charts/render.ts';
import type { VegaLiteSpec } from '../models/charts/index.ts';

/** Shows a chart. */
export async function show(spec: VegaLiteSpec): Promise<void> {
  await Deno.jupyter.display(
    { 'application/vnd.vegalite.v5+json': spec, 'image/svg+xml': await renderSvg(spec) },
    { raw: true },
  );
}

/** Shows rows as a Markdown table, columns in the first row's key order. */
export async function table(rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]!);
  const cell = (v: unknown) => String(v ?? '—').replaceAll('|', '\\|');
  const md = [
    `| ${keys.join(' | ')} |`,
    `| ${keys.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${keys.map((k) => cell(r[k])).join(' | ')} |`),
  ].join('\n');
  await Deno.jupyter.display({ 'text/markdown': md }, { raw: true });
}

/** An estimate as "value [low, high]", as `capsim run` prints it. */
export { formatEstimate as est } from '../api/cli-format.ts';
