// `npm run bench` part: a 20-point × 5-replication sweep (the seed 000 target configuration,
// futures-order-api step-6, over 100..2,000 VUs) on a pool of 1 worker thread and on 2, in
// alternating pairs; the median speed-up of the pairs, and whether every answer was the same bytes.
// Prints one JSON line.
import { runSweep } from '../../api/jobs/sweep-job.js';
import { SimulationPool } from '../../api/workers/simulation-pool.js';
import { presetValues } from '../../models/presets/check.js';
import { getPreset, readStoredFits, variantDocument } from '../../models/presets/index.js';
import { planSweep } from '../../models/sweep/plan.js';

const preset = getPreset('futures-order-api');
const base = variantDocument(preset, 'step-6', presetValues(preset, readStoredFits()));
const plan = planSweep(base, [{ load: { from: 100, to: 2000, steps: 20 } }], { replications: 5, seed: 1 });

const PAIRS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Both pools live through the whole run, warmed first (the model's modules loaded in every
// thread); their runs alternate, so that the machine's noise falls on both alike.
const pools = [new SimulationPool({ threads: 1 }), new SimulationPool({ threads: 2 })];
const warm = planSweep(base, [{ load: [10] }], { replications: 1, seed: 1 });
for (const pool of pools) await Promise.all(Array.from({ length: pool.threads }, () => runSweep(pool, warm)));
const seconds: number[][] = [[], []];
const ratios: number[] = [];
const texts = new Set<string>();
for (let pair = 0; pair < PAIRS; pair++) {
  for (const [k, pool] of pools.entries()) {
    const start = performance.now();
    texts.add(await runSweep(pool, plan));
    seconds[k]!.push((performance.now() - start) / 1000);
  }
  ratios.push(seconds[0]![pair]! / seconds[1]![pair]!);
}
for (const pool of pools) await pool.close();
console.log(
  JSON.stringify({
    name: 'sweep-workers',
    points: plan.points.length,
    replications: plan.replications,
    estimatedEvents: plan.events,
    oneWorkerSeconds: seconds[0],
    twoWorkersSeconds: seconds[1],
    speedUp: median(ratios),
    identical: texts.size === 1,
  }),
);
