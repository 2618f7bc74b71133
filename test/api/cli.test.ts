import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../api/cli.js';

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

function run(...argv: string[]) {
  const out = capture();
  const err = capture();
  const code = main(argv, out.stream as never, err.stream as never);
  return { code, out: out.text(), err: err.text() };
}

describe('capsim CLI', () => {
  it('prints a readable summary', () => {
    const r = run('run', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^scenario cli {2}seed 1/);
    expect(r.out).toContain('latency (ms)');
    expect(r.out).toContain('bottleneck:');
  });

  it('--json prints the result, with --seed and --replications applied', () => {
    const r = run('run', file, '--json', '--seed', '9', '--replications', '2');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.seed).toBe(9);
    expect(summary.replications).toBe(2);
    expect(summary.requests.sent.ci95).not.toBeNull();
  });

  it('--k6 prints k6-shaped metrics', () => {
    const r = run('run', file, '--k6');
    const k6 = JSON.parse(r.out);
    expect(Object.keys(k6.metrics)).toEqual(
      expect.arrayContaining(['http_req_duration', 'http_req_failed', 'iterations', 'dropped_iterations']),
    );
    expect(k6.metrics.http_req_failed.values.rate).toBe(0);
  });

  it('reports an invalid scenario with every problem and exits 1', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'name: x\nload: { executor: poisson, rate: -1/s, duration: 1s }\nendpoints: {}\nservices: {}\n',
    );
    const r = run('run', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('load.rate');
    expect(r.err).toContain('endpoints');
    expect(r.err).toContain('services');
  });

  it('exits 2 on bad usage and 1 on an unreadable file', () => {
    expect(run().code).toBe(2);
    expect(run('run', file, '--replications', '0').code).toBe(2);
    expect(run('run', join(dir, 'missing.yaml')).code).toBe(1);
  });
});
