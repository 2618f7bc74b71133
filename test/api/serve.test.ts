/**
 * The server on a real socket (127.0.0.1, a free port): simulations run in the worker pool while
 * the event loop keeps answering health checks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../api/serve.js';

const SCENARIO = {
  name: 'busy',
  load: {
    executor: 'constant-arrival-rate',
    rate: 2000,
    duration: '60s',
    preAllocatedVUs: 100,
    maxVUs: 1000,
  },
  endpoints: { get: { steps: [{ cpu: { exponential: '1ms' } }] } },
  services: { api: { replicas: 4, resources: { limits: { cpu: 1 } } } },
};

describe('capsim serve', () => {
  it('answers health checks while simulations run, and stores them in its data folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'capsim-serve-'));
    const server = await startServer({ port: 0, dataDir: dir, threads: 1, logger: false });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      let running = true;
      const sims = Promise.all(
        [1, 2, 3].map((seed) =>
          fetch(`${server.url}/v1/simulations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ scenario: SCENARIO, seed }),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as { id: string } })),
        ),
      ).finally(() => (running = false));
      let healthyWhileRunning = 0;
      while (running) {
        const health = await fetch(`${server.url}/v1/health`);
        expect(health.status).toBe(200);
        if (running) healthyWhileRunning++;
        await new Promise((r) => setTimeout(r, 20));
      }
      const results = await sims;
      expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
      // The event loop was free: health checks were answered while the workers simulated.
      expect(healthyWhileRunning).toBeGreaterThan(0);
      const stored = await fetch(`${server.url}/v1/simulations/${results[0]!.body.id}`);
      expect(((await stored.json()) as { status: string }).status).toBe('done');
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
