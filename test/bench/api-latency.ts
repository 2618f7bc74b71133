// `npm run bench` part: the API's latency for a one-minute what-if of the seed 000 target
// configuration (futures-order-api step-6, its 1-minute k6 run) over a real socket: POST
// /v1/simulations until the result is in hand (polling when the server answers 202), five times
// in a row with different seeds, with the preset's 12 replications and with 1, on a server with one
// worker thread and on one with two (which splits the 12 replications 6 + 6). Prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../api/serve.js';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function whatIf(
  server: { url: string },
  seed: number,
  replications?: number,
): Promise<{ ms: number; status: number }> {
  const start = performance.now();
  const res = await fetch(`${server.url}/v1/simulations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      preset: { name: 'futures-order-api', variant: 'step-6' },
      seed,
      ...(replications === undefined ? {} : { replications }),
    }),
  });
  let body = (await res.json()) as { status: string; location?: string };
  while (body.status === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    body = (await (await fetch(`${server.url}${body.location}`)).json()) as typeof body;
  }
  if (body.status !== 'done') throw new Error(`what-if failed: ${JSON.stringify(body)}`);
  return { ms: performance.now() - start, status: res.status };
}

const result: Record<string, unknown> = { name: 'api-latency' };
for (const threads of [1, 2]) {
  const dir = mkdtempSync(join(tmpdir(), 'capsim-bench-'));
  const server = await startServer({ port: 0, dataDir: dir, threads, logger: false });
  try {
    await whatIf(server, 0, 1); // warm the workers
    const byThreads: Record<string, unknown> = {};
    for (const [label, replications] of [
      ['twelveReplications', undefined],
      ['oneReplication', 1],
    ] as const) {
      const runs = [];
      for (let seed = 1; seed <= RUNS; seed++) runs.push(await whatIf(server, seed, replications));
      byThreads[label] = {
        medianMs: median(runs.map((r) => r.ms)),
        allMs: runs.map((r) => Math.round(r.ms)),
        httpStatus: runs[0]!.status,
      };
    }
    result[`threads${threads}`] = byThreads;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(JSON.stringify(result));
