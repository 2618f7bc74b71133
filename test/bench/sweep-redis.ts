// `npm run bench` part: distributed sweeps. The seed 000 target configuration (futures-order-api
// step-6) over 100..2,000 VUs, 10 points × 4 replications = 40 jobs, through a local redis-server
// on 1 and then 2 `capsim worker` processes of one thread each, against the same sweep in this
// process. The overhead per job is (1-worker time − in-process time) / jobs: queueing, the
// records' encoding, the worker thread's hop, and the merges. Prints one JSON line.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { QueueRunner } from '../../api/distributed/queue-runner.js';
import { connectRedis } from '../../api/distributed/redis.js';
import { inProcessRunner } from '../../api/jobs/in-process.js';
import { runSweep } from '../../api/jobs/sweep-job.js';
import { presetScenario } from '../../models/presets/index.js';
import { planSweep } from '../../models/sweep/plan.js';
import { startRedis } from '../helpers/redis-server.js';

const base = presetScenario('futures-order-api', 'step-6');
const plan = planSweep(base, [{ load: { from: 100, to: 2000, steps: 10 } }], { replications: 4, seed: 1 });
const warm = planSweep(base, [{ load: [10] }], { replications: 2, seed: 1 });
const jobs = plan.points.length * plan.replications;
const BIN = new URL('../../bin/capsim.js', import.meta.url).pathname;

async function worker(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'worker', '--redis', url, '--threads', '1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => c.toString().includes('taking jobs') && resolve());
    child.once('exit', (code) => reject(new Error(`capsim worker exited with ${code}`)));
  });
  return child;
}

const seconds = async (f: () => Promise<string>): Promise<[number, string]> => {
  const start = performance.now();
  const text = await f();
  return [(performance.now() - start) / 1000, text];
};

const redis = await startRedis();
const client = await connectRedis(redis.url);
const runner = new QueueRunner({ redis: client });
await runner.ready();
const children: ChildProcess[] = [];
try {
  await runSweep(inProcessRunner, warm);
  const [localSeconds, local] = await seconds(() => runSweep(inProcessRunner, plan));
  const timed: number[] = [];
  const texts = new Set([local]);
  for (const count of [1, 2]) {
    while (children.length < count) children.push(await worker(redis.url));
    await runSweep(inProcessRunner, warm, {}, runner); // the new worker's modules loaded
    const [s, text] = await seconds(() => runSweep(inProcessRunner, plan, {}, runner));
    timed.push(s);
    texts.add(text);
  }
  console.log(
    JSON.stringify({
      name: 'sweep-redis',
      points: plan.points.length,
      replications: plan.replications,
      jobs,
      inProcessSeconds: localSeconds,
      oneWorkerSeconds: timed[0],
      twoWorkersSeconds: timed[1],
      speedUp: timed[0]! / timed[1]!,
      overheadMsPerJob: ((timed[0]! - localSeconds) * 1000) / jobs,
      identical: texts.size === 1,
    }),
  );
} finally {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
  await runner.close();
  client.disconnect();
  await redis.stop();
}
