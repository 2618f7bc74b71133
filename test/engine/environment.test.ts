import { describe, expect, it } from 'vitest';
import { Environment } from '../../engine/environment.js';
import { URGENT } from '../../engine/event-queue.js';

describe('Environment', () => {
  it('advances the clock to each event and traces callbacks in (time, priority, seq) order', () => {
    const env = new Environment();
    const log: [string, number][] = [];
    const at = (name: string) => () => log.push([name, env.now]);
    env.schedule(10, at('b'));
    env.schedule(5, at('a'));
    env.schedule(10, at('c'));
    env.schedule(10, at('urgent'), undefined, URGENT);
    env.schedule(0, () => {
      log.push(['zero', env.now]);
      env.schedule(0, at('zero-child')); // same instant, after everything already queued at 0
    });
    expect(env.run()).toBe('empty');
    expect(log).toEqual([
      ['zero', 0],
      ['zero-child', 0],
      ['a', 5],
      ['urgent', 10],
      ['b', 10],
      ['c', 10],
    ]);
    expect(env.eventsProcessed).toBe(6);
  });

  it('passes the argument to the callback', () => {
    const env = new Environment();
    const seen: number[] = [];
    env.schedule(1, (n: number) => seen.push(n), 42);
    env.scheduleAt(2, (n: number) => seen.push(n), 43);
    env.run();
    expect(seen).toEqual([42, 43]);
  });

  it('run({until}) stops before events at `until`, sets the clock, and resumes', () => {
    const env = new Environment();
    const log: number[] = [];
    for (const t of [1, 5, 10, 15]) env.scheduleAt(t, () => log.push(env.now));
    expect(env.run({ until: 10 })).toBe('until');
    expect(env.now).toBe(10);
    expect(log).toEqual([1, 5]);
    expect(env.pendingEvents).toBe(2);
    expect(env.run({ until: 100 })).toBe('until');
    expect(log).toEqual([1, 5, 10, 15]);
    expect(env.now).toBe(100); // the clock moves to `until` even when the queue empties first
  });

  it('run({maxEvents}) runs exactly that many events', () => {
    const env = new Environment();
    let n = 0;
    const tick = () => {
      n++;
      env.schedule(1, tick);
    };
    env.schedule(0, tick);
    expect(env.run({ maxEvents: 7 })).toBe('maxEvents');
    expect(n).toBe(7);
    expect(env.now).toBe(6);
    // The tick at 7 runs; the one at 8 is at `until`, so it waits: `until` wins before maxEvents.
    expect(env.run({ maxEvents: 3, until: 8 })).toBe('until');
    expect(n).toBe(8);
  });

  it('stop() ends the run after the current callback', () => {
    const env = new Environment();
    const log: number[] = [];
    env.schedule(1, () => log.push(1));
    env.schedule(2, () => {
      log.push(2);
      env.stop();
    });
    env.schedule(3, () => log.push(3));
    expect(env.run()).toBe('stopped');
    expect(log).toEqual([1, 2]);
    expect(env.run()).toBe('empty');
    expect(log).toEqual([1, 2, 3]);
  });

  it('step() runs one event at a time', () => {
    const env = new Environment();
    const log: number[] = [];
    env.schedule(3, () => log.push(env.now));
    env.schedule(1, () => log.push(env.now));
    expect(env.peek()).toBe(1);
    expect(env.step()).toBe(true);
    expect(log).toEqual([1]);
    expect(env.step()).toBe(true);
    expect(env.step()).toBe(false);
    expect(env.peek()).toBe(Infinity);
  });

  it('cancels a scheduled event (a request deadline that is not needed)', () => {
    const env = new Environment();
    const log: string[] = [];
    const deadline = env.scheduleCancellable(100, () => log.push('timeout'));
    env.schedule(40, () => {
      log.push('done');
      expect(env.isPending(deadline)).toBe(true);
      expect(env.cancel(deadline)).toBe(true);
    });
    env.run();
    expect(log).toEqual(['done']);
    expect(env.now).toBe(40);
    expect(env.cancel(deadline)).toBe(false);
    expect(env.isPending(deadline)).toBe(false);
  });

  it('cannot cancel an event that already ran', () => {
    const env = new Environment();
    const h = env.scheduleCancellable(1, () => {});
    env.run();
    expect(env.cancel(h)).toBe(false);
  });

  it('rejects bad times with SIM_ERR_INVALID_TIME', () => {
    const env = new Environment();
    env.schedule(5, () => {});
    env.run();
    for (const bad of [-1, NaN, Infinity]) {
      expect(() => env.schedule(bad, () => {})).toThrow(
        expect.objectContaining({ code: 'SIM_ERR_INVALID_TIME' }),
      );
      expect(() => env.scheduleCancellable(bad, () => {})).toThrow(/SIM_ERR_INVALID_TIME/);
    }
    expect(() => env.scheduleAt(4, () => {})).toThrow(/SIM_ERR_INVALID_TIME/);
    expect(() => env.run({ until: 1 })).toThrow(/SIM_ERR_INVALID_TIME/);
    expect(() => env.run({ maxEvents: -1 })).toThrow(/SIM_ERR_INVALID_ARGUMENT/);
    expect(() => new Environment(NaN)).toThrow(/SIM_ERR_INVALID_TIME/);
  });

  it('lets a callback error propagate with the clock at its event', () => {
    const env = new Environment();
    env.schedule(7, () => {
      throw new Error('boom');
    });
    env.schedule(9, () => {});
    expect(() => env.run()).toThrow('boom');
    expect(env.now).toBe(7);
    expect(env.run()).toBe('empty');
    expect(env.now).toBe(9);
  });
});
