/**
 * `capsim chart RESULT.json... --kind K --out FILE.svg|.png|.vl.json`: a chart of a stored result
 * drawn without a browser. A result is what `capsim run --json` or `capsim sweep --json` print,
 * the API's answer for a run or a sweep, or `docs/calibration.json`; a failure curve takes one
 * sweep per variant.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import {
  CHART_KIND_NAMES,
  CHART_KINDS,
  ChartError,
  DEFAULT_CHART_KIND,
  chart,
  chartInputOf,
} from '../models/charts/index.js';
import type { ChartInput, ChartKindName } from '../models/charts/index.js';
import { renderPng, renderSvg } from './charts/render.js';
import { parseCommand } from './cli-args.js';

/** `capsim chart`'s usage text. */
export const CHART_USAGE = `usage: capsim chart RESULT.json... [--kind K] [--label NAME]... [--out FILE]

  RESULT.json   a run (capsim run --json), a sweep (capsim sweep --json), the API's answer for
                one, or docs/calibration.json; a failure curve takes one sweep per variant
  --kind K      the chart (default: latency for a run, sweep for a sweep):
${CHART_KIND_NAMES.map((k) => `                  ${k.padEnd(14)}${CHART_KINDS[k].description}`).join('\n')}
  --label NAME  a name per RESULT, in order (default: the file's name)
  --out FILE    .svg or .png (rendered here), or .json (the Vega-Lite spec); default: the spec on
                standard output`;

/**
 * Runs `capsim chart` with its arguments; resolves with the exit code: 0 written, 1 an
 * unreadable or unchartable result, 2 bad usage.
 */
export async function chartMain(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const parsed = parseCommand(
    argv,
    {
      kind: { type: 'string' },
      label: { type: 'string', multiple: true, default: [] },
      out: { type: 'string' },
    },
    CHART_USAGE,
    out,
    err,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals, usage } = parsed;
  if (positionals.length === 0) return usage('give a result file');
  if (values.kind !== undefined && !(CHART_KIND_NAMES as string[]).includes(values.kind))
    return usage(`--kind must be one of ${CHART_KIND_NAMES.join(', ')}; got ${values.kind}`);
  if (values.label.length > 0 && values.label.length !== positionals.length)
    return usage(`give one --label per result (${positionals.length}), or none`);
  const format = values.out === undefined ? 'json' : extname(values.out).slice(1).toLowerCase();
  if (!['svg', 'png', 'json'].includes(format))
    return usage(`--out must end in .svg, .png or .json: ${values.out}`);

  const inputs: { label: string; input: ChartInput }[] = [];
  for (const [i, file] of positionals.entries()) {
    try {
      inputs.push({
        label: values.label[i] ?? basename(file, extname(file)),
        input: chartInputOf(JSON.parse(readFileSync(file, 'utf8'))),
      });
    } catch (e) {
      err.write(`${file}: ${(e as Error).message}\n`);
      return 1;
    }
  }
  const kind = (values.kind ?? DEFAULT_CHART_KIND[inputs[0]!.input.type]) as ChartKindName;
  let spec;
  try {
    spec = chart(kind, inputs);
  } catch (e) {
    if (e instanceof ChartError) {
      err.write(`capsim chart --kind ${kind}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const body =
    format === 'svg'
      ? await renderSvg(spec)
      : format === 'png'
        ? await renderPng(spec)
        : `${JSON.stringify(spec, null, 2)}\n`;
  if (values.out === undefined) out.write(body);
  else writeFileSync(values.out, body);
  return 0;
}
