/**
 * The what-if page in a real browser: Debian's Chromium, headless, driven by playwright-core
 * against the API on 127.0.0.1. It loads the page, changes a knob, runs a preset, finds its
 * rendered charts, shows a validation error beside its field, and runs a sweep. A screenshot is
 * kept under `.ci/artifacts/` for CI. Chromium is installed by `scripts/ensure-system-packages.sh`
 * (run by `npm test`); without it this test fails, it is never skipped.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../../api/serve.js';
import type { RunningServer } from '../../api/serve.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../../.ci/artifacts/', import.meta.url);

let server: RunningServer;
let browser: Browser;
let page: Page;
let dir: string;
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: run scripts/ensure-system-packages.sh (npm test does) or set CHROMIUM_PATH`,
    );
  dir = mkdtempSync(join(tmpdir(), 'capsim-web-'));
  server = await startServer({ port: 0, dataDir: dir, threads: 2, logger: false });
  // The flags keep Chromium off the network it cannot reach here (see ../shared/toolchain.md).
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('the what-if page', () => {
  it('runs a preset with a changed knob and shows its charts', async () => {
    await page.selectOption('#preset', 'futures-order-api');
    await page.waitForSelector('[data-path="services.api.replicas"]');
    await page.fill('[data-path="services.api.replicas"]', '6');
    await page.fill('[name="replications"]', '1');
    await page.click('#run');
    await page.waitForSelector('figure[data-kind="utilization"] svg', { timeout: 90_000 });
    const kinds = await page.$$eval('figure', (fs) => fs.map((f) => f.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['latency', 'utilization', 'connections']));
    expect(await page.textContent('#headline')).toMatch(/p50 \/ p95 \/ p99.*ms/s);
    expect(await page.textContent('#status')).toMatch(/^Done: \/v1\/simulations\//);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL('what-if.png', ARTIFACTS).pathname, fullPage: true });
    // The run went out with the knob as a change to the preset's variant.
    const location = (await page.textContent('#status'))!.slice('Done: '.length);
    const stored = (await (await fetch(`${server.url}${location}`)).json()) as { request: unknown };
    expect(stored.request).toMatchObject({
      preset: { name: 'futures-order-api' },
      set: { 'services.api.replicas': 6 },
    });
  }, 120_000);

  it('shows a validation error beside the field', async () => {
    await page.fill('[data-path="databases.rds.maxConnections"]', '0');
    await page.click('#run');
    const error = page.locator('[data-error-for="databases.rds.maxConnections"]');
    await error.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await error.textContent()).toMatch(/≥ 1/);
    expect(await page.getAttribute('[data-path="databases.rds.maxConnections"]', 'aria-invalid')).toBe(
      'true',
    );
    await page.fill('[data-path="databases.rds.maxConnections"]', '90');
  }, 60_000);

  it('runs a sweep of the load and shows the failure curve', async () => {
    await page.fill('[name="sweepFrom"]', '100');
    await page.fill('[name="sweepTo"]', '600');
    await page.fill('[name="sweepSteps"]', '3');
    await page.click('#sweep');
    await page.waitForSelector('figure[data-kind="sweep"] svg, #problems:not(:empty)', { timeout: 90_000 });
    expect(await page.textContent('#problems')).toBe('');
    expect(await page.textContent('figure[data-kind="sweep"]')).toContain('failed requests (%)');
    expect(await page.$('figure[data-kind="throughput"] svg')).not.toBeNull();
    // Everything the page loaded came from the server itself: no CDN.
    expect(requests.filter((u) => !u.startsWith(server.url))).toEqual([]);
  }, 120_000);
});
