/**
 * The single-threaded Redis server: saturation at 1/serviceMs, FIFO order, the network halves, and
 * the M/M/1 mean wait over replications.
 */
import { describe, expect, it } from 'vitest';
import {
  Environment,
  RandomStreams,
  confidenceInterval,
  deterministic,
  exponential,
  mm1,
} from '../../../engine/index.js';
import { RedisServer } from '../../../models/data/redis/index.js';
import type { RedisReplyHandler } from '../../../models/data/redis/index.js';

/** Collects replies: (cmd, tag, time). */
class Replies implements RedisReplyHandler<number> {
  readonly ids: number[] = [];
  readonly tags: number[] = [];
  readonly atMs: number[] = [];
  constructor(private readonly env: Environment) {}
  onRedisReply(cmd: number, tag: number): void {
    this.ids.push(cmd);
    this.tags.push(tag);
    this.atMs.push(this.env.now);
  }
}

describe('RedisServer', () => {
  it('a lone command takes rtt/2 + service + rtt/2', () => {
    const env = new Environment();
    const server = new RedisServer(env, { name: 'cache', rttMs: deterministic(0.2) });
    const replies = new Replies(env);
    server.submit(7, 3, 0.01, replies);
    expect(replies.ids).toEqual([]); // never synchronous
    env.run();
    expect(replies.ids).toEqual([7]);
    expect(replies.tags).toEqual([3]);
    expect(replies.atMs[0]).toBeCloseTo(0.21, 12);
    expect(server.stats.commands).toBe(1);
    expect(server.stats.waitMs).toBe(0);
    expect(server.stats.busy.areaAt(env.now)).toBeCloseTo(0.01, 12);
  });

  it('runs commands one at a time, in arrival order (FIFO)', () => {
    const env = new Environment();
    const server = new RedisServer(env, { name: 'cache', rttMs: deterministic(1) });
    const replies = new Replies(env);
    const svc = new RandomStreams(1).stream('svc');
    // 50 commands with random service times, sent 0.1 ms apart: all but the first queue.
    const sends: number[] = [];
    for (let i = 0; i < 50; i++) {
      env.scheduleAt(i * 0.1, () => server.submit(i, 0, 1 + 4 * svc(), replies));
      sends.push(i);
    }
    env.run();
    expect(replies.ids).toEqual(sends);
    expect(server.stats.queue.max).toBeGreaterThan(40);
    expect(server.stats.queue.level).toBe(0);
    expect(server.pending).toBe(0);
  });

  it('saturates at 1/serviceMs: throughput 1/serviceMs and utilization → 1 when offered twice that', () => {
    const env = new Environment();
    const serviceMs = 0.5;
    const server = new RedisServer(env, { name: 'cache', rttMs: deterministic(0.2) });
    const replies = new Replies(env);
    // Offered 4 commands/ms (twice the capacity of 2/ms) for 1 s.
    let sent = 0;
    const send = (): void => {
      server.submit(sent++, 0, serviceMs, replies);
      if (env.now < 1000) env.schedule(0.25, send);
    };
    env.schedule(0, send);
    const fromMs = 100;
    env.run({ until: fromMs });
    const busyBefore = server.stats.busy.areaAt(fromMs);
    env.run({ until: 1000 });
    const utilization = (server.stats.busy.areaAt(1000) - busyBefore) / (1000 - fromMs);
    const done = replies.atMs.filter((t) => t >= fromMs).length;
    expect(done / (1000 - fromMs)).toBeCloseTo(1 / serviceMs, 1);
    expect(utilization).toBeCloseTo(1, 9);
    expect(server.stats.queue.level).toBeGreaterThan(1500); // the backlog grows by 2 per ms
  });

  it('M/M/1: mean wait matches ρ/(μ − λ) within a 95 % confidence interval over replications', () => {
    const lambda = 0.7; // per ms
    const mu = 1; // per ms: mean service 1 ms
    const expected = mm1(lambda, mu).meanWait;
    const streams = new RandomStreams('redis-mm1');
    const means: number[] = [];
    for (let r = 0; r < 30; r++) {
      const rep = streams.fork(`rep-${r}`);
      const env = new Environment();
      const server = new RedisServer(env, { name: 'cache', rttMs: deterministic(0) });
      const service = exponential(rep.stream('service'), 1 / mu);
      const gap = exponential(rep.stream('arrivals'), 1 / lambda);
      const sink: RedisReplyHandler<number> = { onRedisReply: () => undefined };
      let n = 0;
      const arrive = (): void => {
        server.submit(n, 0, service(), sink);
        if (++n < 20_000) env.schedule(gap(), arrive);
      };
      env.schedule(gap(), arrive);
      env.run();
      means.push(server.stats.waitMs / server.stats.commands);
    }
    const ci = confidenceInterval(means, 0.95);
    expect(ci.lower).toBeLessThanOrEqual(expected);
    expect(ci.upper).toBeGreaterThanOrEqual(expected);
    expect(ci.halfWidth / expected).toBeLessThan(0.05);
  });

  it('validates its options and service times', () => {
    const env = new Environment();
    expect(() => new RedisServer(env, { name: '', rttMs: deterministic(0) })).toThrow(/name/);
    expect(() => new RedisServer(env, { name: 'x', rttMs: 3 as never })).toThrow(/rttMs/);
    const server = new RedisServer(env, { name: 'x', rttMs: deterministic(0) });
    const sink: RedisReplyHandler<number> = { onRedisReply: () => undefined };
    expect(() => server.submit(1, 0, -1, sink)).toThrow(RangeError);
    expect(() => server.submit(1, 0, NaN, sink)).toThrow(/serviceMs/);
  });
});
