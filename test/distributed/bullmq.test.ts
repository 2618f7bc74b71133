/**
 * Sweeps on BullMQ: a real redis-server and two `capsim worker` processes. One worker is killed
 * mid-sweep and its job is handed to the other (stalled-job handling); Redis is paused mid-sweep
 * and the sweep resumes; Redis loses its data mid-sweep and the lost jobs are queued again; an
 * unreachable Redis is a clear error at start. Every merged result is
 * the local run's, byte for byte.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { QueueRunner } from '../../api/distributed/queue-runner.js';
import { DEFAULT_QUEUE, connectRedis } from '../../api/distributed/redis.js';
import { inProcessRunner } from '../../api/jobs/in-process.js';
import { runCapacitySearch, runSweep } from '../../api/jobs/sweep-job.js';
import { main } from '../../api/cli.js';
import { buildApp } from '../../api/server/app.js';
import { startServer } from '../../api/serve.js';
import { RunStore } from '../../api/store/run-store.js';
import { SimulationPool } from '../../api/workers/simulation-pool.js';
import { planCapacity, planSweep } from '../../models/sweep/plan.js';
import { startRedis } from '../helpers/redis-server.js';
import type { TestRedis } from '../helpers/redis-server.js';

// A few hundred milliseconds a replication: long enough to kill a worker in the middle of one.
const SCENARIO = {
  name: 'distributed',
  load: { executor: 'constant-arrival-rate', rate: 300, duration: '30s', preAllocatedVUs: 20, maxVUs: 400 },
  endpoints: { get: { steps: [{ cpu: { exponential: '5ms' } }, { wait: { exponential: '10ms' } }] } },
  services: { api: { replicas: 2, resources: { limits: { cpu: 1 } } } },
};
const PLAN = planSweep(SCENARIO, [{ load: { from: 100, to: 500, steps: 5 } }], { replications: 4, seed: 9 });
const LOCK_MS = 1500;
const BIN = new URL('../../bin/capsim.js', import.meta.url).pathname;

let redis: TestRedis;
let client: Redis;
let local: string;
const workers: ChildProcess[] = [];

async function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [BIN, 'worker', '--redis', url, '--threads', '1', '--lock-ms', String(LOCK_MS)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  workers.push(child);
  await new Promise<void>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('taking jobs')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`capsim worker exited with ${code}: ${text}`)));
  });
  return child;
}

beforeAll(async () => {
  redis = await startRedis();
  client = await connectRedis(redis.url);
  local = await runSweep(inProcessRunner, PLAN);
  await Promise.all([startWorker(redis.url), startWorker(redis.url)]);
}, 120_000);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
  await Promise.all(
    workers.map((w) =>
      w.exitCode === null && w.signalCode === null ? new Promise((r) => w.once('exit', r)) : null,
    ),
  );
  client?.disconnect();
  await redis?.stop();
});

describe('sweeps on BullMQ workers', () => {
  it('survive a worker killed mid-sweep: its job is retried, the result is the local one', async () => {
    const events = new QueueEvents(DEFAULT_QUEUE, { connection: client.duplicate() });
    await events.waitUntilReady();
    let stalled = 0;
    events.on('stalled', () => stalled++);
    const runner = new QueueRunner({ redis: client });
    await runner.ready();
    let done = 0;
    let killed = false;
    const result = await runSweep(
      inProcessRunner,
      PLAN,
      {
        onProgress: () => {
          done++;
          // Both workers are busy by now: the first dies in the middle of a job.
          if (done === 3 && !killed) {
            killed = true;
            workers[0]!.kill('SIGKILL');
          }
        },
      },
      runner,
    );
    expect(killed).toBe(true);
    expect(done).toBe(PLAN.points.length * PLAN.replications);
    expect(result).toBe(local);
    // The dead worker's job was found stalled and run again by the other.
    expect(stalled).toBeGreaterThanOrEqual(1);
    await runner.close();
    await events.close();
  }, 180_000);

  it('pause while Redis does not answer, then finish with the same result', async () => {
    const runner = new QueueRunner({ redis: client });
    await runner.ready();
    let paused = false;
    const sweep = runSweep(
      inProcessRunner,
      PLAN,
      {
        onProgress: () => {
          if (paused) return;
          paused = true;
          redis.process.kill('SIGSTOP');
          setTimeout(() => redis.process.kill('SIGCONT'), 2500);
        },
      },
      runner,
    );
    expect(await sweep).toBe(local);
    expect(paused).toBe(true);
    await runner.close();
  }, 180_000);

  it('queue again the jobs Redis lost (a restart without its data), with the same result', async () => {
    const runner = new QueueRunner({ redis: client, checkMs: 300 });
    await runner.ready();
    let flushed = false;
    const result = await runSweep(
      inProcessRunner,
      PLAN,
      {
        onProgress: () => {
          if (flushed) return;
          flushed = true;
          void client.flushall();
        },
      },
      runner,
    );
    expect(flushed).toBe(true);
    expect(runner.requeued).toBeGreaterThan(0);
    expect(result).toBe(local);
    await runner.close();
  }, 180_000);

  it('run a capacity search on the workers: the same answer as locally', async () => {
    const runner = new QueueRunner({ redis: client });
    await runner.ready();
    const search = { over: 'load', min: 50, max: 800, resolution: 50, slo: { p95Ms: 60, failureRate: 0.01 } };
    const plan = planCapacity(SCENARIO, search, { replications: 2, seed: 3 });
    expect(await runCapacitySearch(runner, SCENARIO, search, plan)).toBe(
      await runCapacitySearch(inProcessRunner, SCENARIO, search, plan),
    );
    await runner.close();
  }, 180_000);

  it('run through the API with --redis: the same bytes as the local sweep', async () => {
    const runner = new QueueRunner({ redis: client });
    await runner.ready();
    const pool = new SimulationPool({ threads: 1 });
    const app = buildApp({ store: new RunStore(':memory:'), pool, remote: runner });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/sweeps',
        payload: {
          scenario: SCENARIO,
          vary: [{ load: { from: 100, to: 500, steps: 5 } }],
          replications: 4,
          seed: 9,
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.body).toContain(`"result":${local}`);
    } finally {
      await app.close();
      await pool.close();
      await runner.close();
    }
  }, 180_000);

  it('run from capsim sweep --redis and capsim serve --redis, as locally', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'capsim-redis-'));
    try {
      const file = join(dir, 'sweep.json');
      writeFileSync(file, JSON.stringify(SCENARIO));
      const out: string[] = [];
      const stream = { write: (c: string) => (out.push(c), true) } as unknown as NodeJS.WritableStream;
      const args = ['sweep', file, '--load', '100:500:5', '--replications', '4', '--seed', '9', '--json'];
      expect(await main([...args, '--redis', redis.url], stream, stream)).toBe(0);
      expect(JSON.parse(out.join(''))).toEqual(JSON.parse(local));

      const server = await startServer({
        port: 0,
        dataDir: dir,
        threads: 1,
        redisUrl: redis.url,
        logger: false,
      });
      try {
        const res = await fetch(`${server.url}/v1/sweeps`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            scenario: SCENARIO,
            vary: [{ load: { from: 100, to: 500, steps: 5 } }],
            replications: 4,
            seed: 9,
          }),
        });
        expect(res.status).toBe(201);
        expect(await res.text()).toContain(`"result":${local}`);
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('refuse to start without a reachable Redis, saying where they looked', async () => {
    await expect(connectRedis('redis://127.0.0.1:1', 2000)).rejects.toThrow(
      /cannot reach Redis at redis:\/\/127\.0\.0\.1:1 within 2000 ms: connect ECONNREFUSED/,
    );
    await expect(connectRedis('http://example')).rejects.toThrow(/not a Redis URL/);
    await expect(startServer({ port: 0, redisUrl: 'redis://127.0.0.1:1', logger: false })).rejects.toThrow(
      /cannot reach Redis/,
    );
    const err: string[] = [];
    const stream = { write: (c: string) => (err.push(c), true) } as unknown as NodeJS.WritableStream;
    expect(await main(['worker', '--redis', 'redis://127.0.0.1:1'], stream, stream)).toBe(1);
    expect(err.join('')).toMatch(/capsim worker: cannot reach Redis/);
    expect(await main(['worker'], stream, stream)).toBe(2);
  }, 60_000);
});
