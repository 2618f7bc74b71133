/**
 * Charts rendered on the server: a Vega-Lite spec compiled to Vega, drawn to SVG by a headless
 * Vega view (no canvas, no browser), and rasterized to PNG by resvg. Text uses the system's
 * sans-serif fonts (Debian's DejaVu); without any font the PNG has no labels but still renders.
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/** The formats a chart comes in. */
export const CHART_FORMATS = ['vega-lite', 'svg', 'png'] as const;
/** One of {@link CHART_FORMATS}. */
export type ChartFormat = (typeof CHART_FORMATS)[number];

/** The SVG text of a Vega-Lite spec (with inline data). */
export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec as unknown as TopLevelSpec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A PNG of a Vega-Lite spec, at `scale` times its SVG size (2: sharp on high-density screens). */
export async function renderPng(spec: Record<string, unknown>, scale = 2): Promise<Buffer> {
  const svg = await renderSvg(spec);
  // Loaded when first needed: a native addon, which SVG alone (and Deno notebooks) can do without.
  const { Resvg } = await import('@resvg/resvg-js');
  return new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
}
