/**
 * Exact traces of the pod CPU models: completion times and order, getters, setCores, busy-core
 * integral, argument checks; plus a randomized comparison of ProcessorSharingCpu with a naive
 * processor-sharing simulation that tracks every job's remaining work.
 */
import { describe, expect, it } from 'vitest';
import { Environment, RandomStreams } from '../../../engine/index.js';
import { EventLoopCpu, ProcessorSharingCpu } from '../../../models/pod/cpu/index.js';
import type { CpuModel } from '../../../models/pod/cpu/index.js';

type Kind = 'ps' | 'loop';
interface Job {
  atMs: number;
  name: string;
  workMs: number;
}
/** Completions: [name, finish ms] in completion order. */
type Done = [string, number][];
type Resize = { ms: number; cores: number };
interface Trace {
  env: Environment;
  cpu: CpuModel<string>;
  done: Done;
}

function setup(kind: Kind, cores: number, perJobMaxCores?: number): Trace {
  const env = new Environment();
  const done: Done = [];
  const onDone = (name: string): void => void done.push([name, env.now]);
  const cpu =
    kind === 'ps'
      ? new ProcessorSharingCpu(env, { cores, onDone, perJobMaxCores })
      : new EventLoopCpu(env, { cores, onDone });
  return { env, cpu, done };
}

/** Submits `jobs` at their times and runs to the end. */
function trace(kind: Kind, cores: number, jobs: Job[], perJobMaxCores?: number): Done {
  const t = setup(kind, cores, perJobMaxCores);
  for (const job of jobs) t.env.schedule(job.atMs, () => t.cpu.submit(job.name, job.workMs));
  t.env.run();
  return t.done;
}

/** A probe event recording `now: active queued busyCores busyCoreMs` into `seen`. */
function prober({ env, cpu }: Trace): { seen: string[]; probe: () => void } {
  const seen: string[] = [];
  const probe = (): void =>
    void seen.push(`${env.now}: ${cpu.active} ${cpu.queued} ${cpu.busyCores} ${cpu.busyCoreMs()}`);
  return { seen, probe };
}

function expectRangeError(fn: () => unknown, message: RegExp): void {
  expect(fn).toThrow(RangeError);
  expect(fn).toThrow(message);
}

/** Jobs from `name@submitMs:workMs …`. */
const parseJobs = (spec: string): Job[] =>
  spec.split(' ').map((job) => {
    const [name, atMs, workMs] = job.split(/[@:]/);
    return { name: name!, atMs: Number(atMs), workMs: Number(workMs) };
  });
const at = (atMs: number, name: string, workMs: number): Job => ({ atMs, name, workMs });
/** Completions as `name@ms …`, in completion order. */
const fmt = (done: Done): string => done.map(([n, ms]) => `${n}@${ms}`).join(' ');

describe('ProcessorSharingCpu traces', () => {
  // [what, cores, perJobMaxCores, jobs as `name@submitMs:workMs`, completions as `name@finishMs`]
  it.each([
    ['two jobs (10, 20 ms) at 0 on 1 core: 20, 30', 1, 1, 'a@0:10 b@0:20', 'a@20 b@30'],
    ['the same on 2 cores, one core each: 10, 20', 2, 1, 'a@0:10 b@0:20', 'a@10 b@20'],
    ['0.5 core: a 10 ms job alone takes 20 ms', 0.5, 1, 'a@0:10', 'a@20'],
    ['perJobMaxCores 1: one job on 4 cores takes workMs', 4, 1, 'a@0:10', 'a@10'],
    ['perJobMaxCores 2: one job on 4 cores takes workMs / 2', 4, 2, 'a@0:10', 'a@5'],
    ['perJobMaxCores 2: three jobs share 4 cores', 4, 2, 'a@0:10 b@0:10 c@0:10', 'a@7.5 b@7.5 c@7.5'],
    // At 10, a has 10 ms left; both run at 0.5: b ends at 20, then a alone has 5 ms left.
    ['a job arriving mid-service slows the one in service', 1, 1, 'a@0:20 b@10:5', 'b@20 a@25'],
    ['below the core count an arrival changes nobody’s rate', 2, 1, 'a@0:20 b@5:30', 'a@20 b@35'],
    // At 10 a and b have 10 ms left; c joins, all at 2/3 core: all end at 10 + 15, in submit order.
    ['crossing cores/perJobMaxCores slows every job', 2, 1, 'a@0:20 b@0:20 c@10:10', 'a@25 b@25 c@25'],
    ['finish order follows remaining work, not arrival', 1, 1, 'a@0:30 b@1:10 c@2:1', 'c@5 b@22 a@41'],
  ] as const)('%s', (_, cores, cap, jobs, expected) => {
    expect(fmt(trace('ps', cores, parseJobs(jobs), cap))).toBe(expected);
  });

  it('2.5 cores shared by 3 jobs: each at 2.5/3 core, ties finish in submit order', () => {
    const done = trace('ps', 2.5, [at(0, 'a', 10), at(0, 'b', 10), at(0, 'c', 10)]);
    expect(done.map(([name]) => name)).toEqual(['a', 'b', 'c']);
    for (const [, ms] of done) expect(ms).toBeCloseTo(12, 12);
  });

  it('setCores mid-run changes the rate from then on', () => {
    const t = setup('ps', 1);
    t.cpu.submit('a', 20);
    t.env.schedule(10, () => t.cpu.setCores(0.5));
    t.env.run();
    expect(fmt(t.done)).toBe('a@30');

    const u = setup('ps', 1);
    u.cpu.submit('a', 10);
    u.cpu.submit('b', 20);
    // At 10 both have done 5 ms; with 2 cores a ends at 15 and b at 25.
    u.env.schedule(10, () => u.cpu.setCores(2));
    u.env.run();
    expect(fmt(u.done)).toBe('a@15 b@25');
    expect(u.cpu.cores).toBe(2);
  });

  it('getters and busyCoreMs over a run', () => {
    const t = setup('ps', 2);
    const { seen, probe } = prober(t);
    for (const ms of [0, 5, 10, 14, 15, 40]) t.env.schedule(ms, probe);
    t.env.schedule(0, () => t.cpu.submit('a', 10));
    t.env.schedule(5, () => t.cpu.submit('b', 10));
    t.env.schedule(5, () => t.cpu.submit('c', 10));
    t.env.run();
    // a alone 0–5 at 1 core; from 5 three jobs at 2/3 core: a (5 left) ends at 12.5, when b and c
    // have 5 left, then at 1 core each they end at 17.5.
    expect(fmt(t.done)).toBe('a@12.5 b@17.5 c@17.5');
    expect(seen.join(' | ')).toBe(
      '0: 0 0 0 0 | 5: 1 0 1 5 | 10: 3 0 2 15 | 14: 2 0 2 23 | 15: 2 0 2 25 | 40: 0 0 0 30',
    );
    expect(t.cpu.completed).toBe(3);
  });

  it('a zero-work job completes at the current time, after events already due, never inside submit', () => {
    const t = setup('ps', 1);
    t.env.schedule(0, () => {
      t.cpu.submit('z1', 0);
      t.cpu.submit('z2', 0);
      expect(t.done).toEqual([]);
    });
    t.env.schedule(0, () => t.done.push(['other', t.env.now]));
    t.cpu.submit('a', 10);
    t.env.schedule(4, () => t.cpu.submit('z3', 0));
    t.env.run();
    expect(fmt(t.done)).toBe('other@0 z1@0 z2@0 z3@4 a@10');
  });

  it('onDone may submit: a closed loop of one job at a time', () => {
    const env = new Environment();
    const done: number[] = [];
    const cpu: ProcessorSharingCpu<number> = new ProcessorSharingCpu<number>(env, {
      cores: 0.5,
      onDone: (k) => {
        done.push(env.now);
        if (k < 3) cpu.submit(k + 1, 5);
      },
    });
    cpu.submit(0, 5);
    cpu.submit(100, 15); // shares the core with the loop until it ends
    env.run();
    // 0–20: two jobs at 0.25: job 0 ends at 20 (job 100 has 10 left); 20–40: job 1 and 100 at 0.25:
    // job 1 ends at 40 (100 has 5 left); 40–60: 100 and job 2 have equal tags and end together (submit
    // order); job 3 then runs alone at 0.5: 60–70 (virtual time restarts from an empty CPU).
    expect(done).toEqual([20, 40, 60, 60, 70]);
    expect(cpu.completed).toBe(5);
  });

  it('matches a naive remaining-work simulation on random arrivals and resizes', () => {
    const rand = new RandomStreams('capsim/test/pod/cpu').stream('naive');
    for (let round = 0; round < 20; round++) {
      const cores = 0.25 + 3 * rand();
      const cap = rand() < 0.5 ? 1 : 0.5 + rand();
      const jobs: Job[] = [];
      let t = 0;
      for (let i = 0; i < 60; i++) {
        t += rand() < 0.2 ? 0 : 3 * rand();
        jobs.push(at(t, `j${i}`, rand() < 0.1 ? 0 : 10 * rand()));
      }
      const resizes = [10, 40, 70].map((ms) => ({ ms, cores: 0.25 + 3 * rand() }));
      const ps = setup('ps', cores, cap);
      for (const job of jobs) ps.env.schedule(job.atMs, () => ps.cpu.submit(job.name, job.workMs));
      for (const r of resizes) ps.env.schedule(r.ms, () => ps.cpu.setCores(r.cores));
      ps.env.run();
      const expected = naivePs(cores, cap, jobs, resizes);
      expect(ps.done.length).toBe(jobs.length);
      expect(expected.length).toBe(jobs.length);
      const finish = new Map(ps.done);
      for (const [name, ms] of expected) expect(finish.get(name)).toBeCloseTo(ms, 9);
      const totalWorkMs = jobs.reduce((sum, j) => sum + j.workMs, 0);
      expect(ps.cpu.busyCoreMs()).toBeCloseTo(totalWorkMs, 9);
    }
  });

  it('refuses bad arguments with a RangeError naming them', () => {
    const env = new Environment();
    const onDone = (): void => {};
    for (const cores of [0, -1, NaN, Infinity]) {
      expectRangeError(() => new ProcessorSharingCpu(env, { cores, onDone }), /cores/);
      expectRangeError(
        () => new ProcessorSharingCpu(env, { cores: 1, onDone, perJobMaxCores: cores }),
        /perJobMaxCores/,
      );
      expectRangeError(() => new EventLoopCpu(env, { cores, onDone }), /cores/);
    }
    const cpus = [
      new ProcessorSharingCpu(env, { cores: 1, onDone }),
      new EventLoopCpu(env, { cores: 1, onDone }),
    ];
    for (const cpu of cpus) {
      for (const work of [-1, NaN, Infinity]) expectRangeError(() => cpu.submit(undefined, work), /workMs/);
      expectRangeError(() => cpu.setCores(0), /cores/);
      expect(cpu.active).toBe(0);
    }
  });
});

describe('EventLoopCpu traces', () => {
  it('runs jobs one at a time in FIFO order at one core', () => {
    expect(fmt(trace('loop', 1, [at(0, 'a', 10), at(0, 'b', 5), at(0, 'c', 0), at(3, 'd', 1)]))).toBe(
      'a@10 b@15 c@15 d@16',
    );
  });

  it('0.5 core halves the speed; 2 cores do not help the single thread', () => {
    expect(fmt(trace('loop', 0.5, [at(0, 'a', 10), at(0, 'b', 5)]))).toBe('a@20 b@30');
    expect(fmt(trace('loop', 2, [at(0, 'a', 10), at(0, 'b', 5)]))).toBe('a@10 b@15');
  });

  it('getters and busyCoreMs: busy cores are the thread speed while a job runs', () => {
    const t = setup('loop', 0.5);
    const { seen, probe } = prober(t);
    t.cpu.submit('a', 5);
    t.cpu.submit('b', 5);
    for (const ms of [0, 10, 25, 50]) t.env.schedule(ms, probe);
    t.env.schedule(30, () => t.cpu.submit('c', 5));
    t.env.run();
    expect(fmt(t.done)).toBe('a@10 b@20 c@40');
    expect(seen.join(' | ')).toBe('0: 1 1 0.5 0 | 10: 1 0 0.5 5 | 25: 0 0 0 10 | 50: 0 0 0 15');
    expect(t.cpu.completed).toBe(3);
  });

  it('setCores mid-job keeps the work done and changes the speed', () => {
    const t = setup('loop', 1);
    t.cpu.submit('a', 10);
    t.cpu.submit('b', 10);
    t.env.schedule(4, () => t.cpu.setCores(0.5)); // a: 6 ms left at 0.5 → 16; b at 0.5 → 36
    t.env.schedule(20, () => t.cpu.setCores(4)); // b: 2 done, 8 left at 1 → 28
    t.env.run();
    expect(fmt(t.done)).toBe('a@16 b@28');
    expect(t.cpu.busyCoreMs()).toBeCloseTo(20, 12);
  });

  it('a submit from onDone queues behind the jobs already waiting', () => {
    const env = new Environment();
    const done: [string, number][] = [];
    const cpu: EventLoopCpu<string> = new EventLoopCpu<string>(env, {
      cores: 1,
      onDone: (name) => {
        done.push([name, env.now]);
        if (name === 'a') cpu.submit('late', 1);
      },
    });
    cpu.submit('a', 2);
    cpu.submit('b', 3);
    env.run();
    expect(fmt(done)).toBe('a@2 b@5 late@6');
  });

  it('grows its ring buffer past the initial capacity, keeping order', () => {
    const jobs = Array.from({ length: 300 }, (_, i) => at(i % 7, `j${i}`, 1));
    const done = trace('loop', 1, jobs);
    const expected = [...jobs].sort((x, y) => x.atMs - y.atMs).map((j) => j.name);
    expect(done.map(([n]) => n)).toEqual(expected);
    expect(done.at(-1)![1]).toBe(300);
  });
});

/**
 * Reference processor sharing: steps from event to event, tracking every job's remaining work and
 * the rate min(cap, cores/n). O(n²), exact up to rounding.
 */
function naivePs(cores: number, cap: number, jobs: readonly Job[], resizes: readonly Resize[]): Done {
  const out: Done = [];
  const active: { name: string; left: number }[] = [];
  let now = 0;
  let next = 0;
  let resize = 0;
  while (next < jobs.length || active.length > 0) {
    const rate = Math.min(cap, cores / Math.max(active.length, 1));
    const tDone = now + Math.min(...active.map((j) => j.left)) / rate; // Infinity when empty
    const tArrive = next < jobs.length ? jobs[next]!.atMs : Infinity;
    const tResize = resize < resizes.length ? resizes[resize]!.ms : Infinity;
    const t = Math.min(tDone, tArrive, tResize);
    for (const j of active) j.left -= rate * (t - now);
    now = t;
    if (t === tResize) cores = resizes[resize++]!.cores;
    else if (t === tArrive) active.push({ name: jobs[next]!.name, left: jobs[next++]!.workMs });
    else {
      for (const j of active.filter((a) => a.left <= 1e-9)) out.push([j.name, now]);
      active.splice(0, active.length, ...active.filter((a) => a.left > 1e-9));
    }
  }
  return out;
}
