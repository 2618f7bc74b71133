import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../api/cli.js';
import { progressBar } from '../../api/cli-progress.js';
import { inProcessRunner } from '../../api/jobs/in-process.js';
import { runSweep } from '../../api/jobs/sweep-job.js';
import { parseScenarioText } from '../../models/index.js';
import { planSweep } from '../../models/sweep/plan.js';

function capture(): { stream: NodeJS.WritableStream; text: () => string } {
  const chunks: string[] = [];
  const stream = { write: (c: string) => (chunks.push(c), true) } as unknown as NodeJS.WritableStream;
  return { stream, text: () => chunks.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'capsim-cli-'));
const file = join(dir, 'ok.yaml');
writeFileSync(
  file,
  `name: cli
load: { executor: poisson, rate: 50/s, duration: 10s }
endpoints: { ping: { steps: [ { cpu: 2ms } ] } }
services: { api: { resources: { limits: { cpu: 1 } } } }
`,
);

async function run(...argv: string[]) {
  const out = capture();
  const err = capture();
  const code = await main(argv, out.stream as never, err.stream as never);
  return { code, out: out.text(), err: err.text() };
}

describe('capsim CLI', () => {
  it('prints a readable summary', async () => {
    const r = await run('run', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^scenario cli {2}seed 1/);
    expect(r.out).toContain('latency (ms)');
    expect(r.out).toContain('bottleneck:');
  });

  it('--json prints the result, with --seed and --replications applied', async () => {
    const r = await run('run', file, '--json', '--seed', '9', '--replications', '2');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.seed).toBe(9);
    expect(summary.replications).toBe(2);
    expect(summary.requests.sent.ci95).not.toBeNull();
  });

  it('--k6 prints k6-shaped metrics', async () => {
    const r = await run('run', file, '--k6');
    const k6 = JSON.parse(r.out);
    expect(Object.keys(k6.metrics)).toEqual(
      expect.arrayContaining(['http_req_duration', 'http_req_failed', 'iterations', 'dropped_iterations']),
    );
    expect(k6.metrics.http_req_failed.values.rate).toBe(0);
  });

  it('reports an invalid scenario with every problem and exits 1', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'name: x\nload: { executor: poisson, rate: -1/s, duration: 1s }\nendpoints: {}\nservices: {}\n',
    );
    const r = await run('run', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('load.rate');
    expect(r.err).toContain('endpoints');
    expect(r.err).toContain('services');
  });

  it('exits 2 on bad usage and 1 on an unreadable file', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('run', file, '--replications', '0')).code).toBe(2);
    expect((await run('run', file, '--threads', '0')).code).toBe(2);
    expect((await run('run', file, 'extra')).code).toBe(2);
    expect((await run('run', join(dir, 'missing.yaml'))).code).toBe(1);
    expect((await run('run', '--help')).out).toContain('--threads T');
  });

  it('--threads splits the replications over worker threads: the same JSON as in this process', async () => {
    const args = ['run', file, '--json', '--seed', '4', '--replications', '3'];
    const alone = await run(...args);
    const split = await run(...args, '--threads', '2');
    expect(split.code).toBe(0);
    expect(split.out).toBe(alone.out);
    expect(JSON.parse(split.out).replications).toBe(3);
  });
});

describe('capsim sweep', () => {
  const sweepFile = join(dir, 'sweep.yaml');
  writeFileSync(
    sweepFile,
    `name: cli-sweep
load: { executor: constant-arrival-rate, rate: 50, duration: 10s, preAllocatedVUs: 10, maxVUs: 100 }
endpoints: { get: { steps: [ { cpu: { exponential: 5ms } } ] } }
services: { api: { replicas: 2, resources: { limits: { cpu: 1 } } } }
`,
  );
  const sweep = async (...argv: string[]) => {
    const out = capture();
    const err = capture();
    const code = await main(['sweep', ...argv], out.stream as never, err.stream as never);
    return { code, out: out.text(), err: err.text() };
  };

  it('prints a table per point and the knee; --json gives the API result', async () => {
    const r = await sweep(sweepFile, '--load', '100:400:4', '--replications', '2', '--threads', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^load \(iterations\/s\) +offered\/s +ok\/s +p50 ms +p95 ms +p99 ms +failed % +dropped %/m,
    );
    expect(r.out.match(/^(100|200|300|400) /gm)).toHaveLength(4);
    expect(r.out).toMatch(/^knee: /m);
    // Not a terminal: no progress bar.
    expect(r.err).toBe('');
    const json = await sweep(
      sweepFile,
      '--load',
      '100,200',
      '--vary',
      'services.api.replicas=1,2',
      '--json',
      '--threads',
      '1',
    );
    const plan = planSweep(parseScenarioText(readFileSync(sweepFile, 'utf8')) as Record<string, unknown>, [
      { load: [100, 200] },
      { path: 'services.api.replicas', values: [1, 2] },
    ]);
    expect(JSON.parse(json.out)).toEqual(JSON.parse(await runSweep(inProcessRunner, plan)));
  });

  it('reports bad values with the point and field, and bad usage with exit code 2', async () => {
    const bad = await sweep(sweepFile, '--vary', 'services.api.replicas=1,x', '--threads', '1');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(
      /points\[1\] \(services.api.replicas="x"\): services.api.replicas: must be a number/,
    );
    expect((await sweep(sweepFile)).code).toBe(2);
    expect((await sweep(sweepFile, '--load', '1:2:1')).err).toMatch(/vary\.0/);
    expect((await sweep(sweepFile, '--vary', 'noequals')).code).toBe(2);
    expect((await sweep(join(dir, 'missing.yaml'), '--load', '1,2')).code).toBe(1);
  });

  it('draws a progress bar on a terminal and clears it at the end', () => {
    const err = capture();
    const bar = progressBar(err.stream, 4, 'replications', true);
    bar.tick();
    bar.tick();
    bar.end();
    expect(err.text()).toContain('[###############---------------] 2/4 replications  0:00');
    expect(err.text().endsWith('\r')).toBe(true);
    const quiet = capture();
    progressBar(quiet.stream, 4, 'replications', false).tick();
    expect(quiet.text()).toBe('');
  });
});

describe('capsim chart', () => {
  it('renders a run, two sweeps as failure curves, and says what it cannot draw', async () => {
    const runJson = join(dir, 'run.json');
    writeFileSync(runJson, (await run('run', file, '--json')).out);
    const svg = join(dir, 'run.svg');
    expect((await run('chart', runJson, '--kind', 'utilization', '--out', svg)).code).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[\s\S]*service\/api\/cpu/);
    const png = join(dir, 'run.png');
    expect((await run('chart', runJson, '--out', png)).code).toBe(0);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    // Without --out, the spec: the default chart of a run is its latency over time.
    expect(JSON.parse((await run('chart', runJson)).out).vconcat[0].title).toBe(
      'latency of successful requests (ms)',
    );

    const sweepJson = (name: string, replicas: number) => {
      const plan = planSweep(
        {
          ...(parseScenarioText(readFileSync(file, 'utf8')) as Record<string, unknown>),
          services: { api: { replicas, resources: { limits: { cpu: 1 } } } },
        },
        [{ load: [100, 300, 500] }],
        { replications: 2 },
      );
      return runSweep(inProcessRunner, plan).then(
        (text) => (writeFileSync(join(dir, name), text), join(dir, name)),
      );
    };
    const [one, two] = [await sweepJson('one.json', 1), await sweepJson('two.json', 2)];
    const curves = await run(
      'chart',
      one,
      two,
      '--kind',
      'failure-curve',
      '--label',
      '1 pod',
      '--label',
      '2 pods',
    );
    expect(curves.code).toBe(0);
    const variants = new Set(
      (JSON.parse(curves.out).data.values as { variant: string }[]).map((v) => v.variant),
    );
    expect(variants).toEqual(new Set(['1 pod', '2 pods']));

    const noHpa = await run('chart', runJson, '--kind', 'autoscaling');
    expect(noHpa.code).toBe(1);
    expect(noHpa.err).toMatch(/no service is autoscaled/);
    expect((await run('chart', file)).code).toBe(1); // YAML, not a result
    expect((await run('chart', runJson, '--kind', 'pie')).code).toBe(2);
    expect((await run('chart', runJson, '--out', join(dir, 'x.gif'))).code).toBe(2);
    expect((await run('chart', one, two, '--kind', 'failure-curve', '--label', 'a')).code).toBe(2);
  });
});
