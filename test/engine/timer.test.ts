import { describe, expect, it } from 'vitest';
import { Environment } from '../../engine/environment.js';
import type { EventHandle } from '../../engine/event-queue.js';
import { RandomStreams } from '../../engine/rng/streams.js';
import { SimError } from '../../engine/errors.js';

describe('Timer', () => {
  it('starts unset, fires once at the time set, with its argument, and is unset again', () => {
    const env = new Environment();
    const fired: [number, string][] = [];
    const timer = env.timer((tag: string) => fired.push([env.now, tag]), 'x');
    expect(timer.isSet).toBe(false);
    expect(timer.dueMs).toBe(Infinity);
    timer.setIn(5);
    expect(timer.isSet).toBe(true);
    expect(timer.dueMs).toBe(5);
    env.run();
    expect(fired).toEqual([[5, 'x']]);
    expect(timer.isSet).toBe(false);
    timer.setAt(12);
    env.run();
    expect(fired).toEqual([
      [5, 'x'],
      [12, 'x'],
    ]);
  });

  it('moved later, fires only at the new time, with one queued event at a time', () => {
    const env = new Environment();
    const fired: number[] = [];
    const timer = env.timer(() => fired.push(env.now));
    timer.setIn(10);
    for (let t = 1; t < 100; t++) env.scheduleAt(t, () => timer.setIn(10)); // postponed at every ms
    env.run({ until: 50 });
    expect(fired).toEqual([]);
    expect(env.pendingEvents).toBeLessThanOrEqual(51); // the 50 setters left, and the timer's one
    env.run();
    expect(fired).toEqual([109]);
  });

  it('moved earlier, fires at the earlier time only', () => {
    const env = new Environment();
    const fired: number[] = [];
    const timer = env.timer(() => fired.push(env.now));
    timer.setIn(100);
    env.scheduleAt(10, () => timer.setAt(20));
    env.run();
    expect(fired).toEqual([20]);
    expect(env.pendingEvents).toBe(0);
  });

  it('cleared, never fires, and can be set again', () => {
    const env = new Environment();
    const fired: number[] = [];
    const timer = env.timer(() => fired.push(env.now));
    timer.setIn(10);
    timer.setIn(30); // the queued event at 10 stays, to be re-queued
    env.scheduleAt(15, () => timer.clear());
    env.run();
    expect(fired).toEqual([]);
    expect(timer.isSet).toBe(false);
    timer.clear(); // clearing an unset timer does nothing
    timer.setIn(1);
    env.run();
    expect(fired).toEqual([16]); // the run ended at 15, with the clear
  });

  it('may be set again from its own callback', () => {
    const env = new Environment();
    const fired: number[] = [];
    const timer = env.timer(() => {
      fired.push(env.now);
      if (fired.length < 3) timer.setIn(7);
    });
    timer.setIn(7);
    env.run();
    expect(fired).toEqual([7, 14, 21]);
  });

  it('orders a firing among the events of its time as a schedule made when it was (last) queued', () => {
    const env = new Environment();
    const log: string[] = [];
    const timer = env.timer(() => log.push('timer'));
    env.scheduleAt(10, () => log.push('before'));
    timer.setAt(10);
    env.scheduleAt(10, () => log.push('after'));
    // Postponed to 20: its event at 10 re-queues it when it comes up, after 'early' was scheduled.
    env.scheduleAt(5, () => timer.setAt(20));
    env.scheduleAt(20, () => log.push('early'));
    env.run();
    expect(log).toEqual(['before', 'after', 'early', 'timer']);
  });

  it('fires exactly when a cancel-and-reschedule reference does, under random moves and clears', () => {
    const random = new RandomStreams('timer-reference').stream('ops');
    const env = new Environment();
    const ours: number[] = [];
    const theirs: number[] = [];
    const timer = env.timer(() => ours.push(env.now));
    let handle: EventHandle | null = null;
    const reference = () => {
      handle = null;
      theirs.push(env.now);
    };
    const act = () => {
      const u = random();
      if (u < 0.1) {
        timer.clear();
        if (handle !== null) env.cancel(handle);
        handle = null;
      } else {
        // Whole milliseconds, so some moves land exactly on the time already set.
        const delayMs = Math.floor(random() * 20);
        timer.setIn(delayMs);
        if (handle !== null) env.cancel(handle);
        handle = env.scheduleCancellable(delayMs, reference);
      }
    };
    for (let i = 0; i < 5000; i++) env.scheduleAt(Math.floor(random() * 50_000), act);
    env.run();
    expect(ours.length).toBeGreaterThan(100);
    expect(ours).toEqual(theirs);
  });

  it('rejects a bad delay, a time in the past and a bad priority with SIM_ERR_ codes', () => {
    const env = new Environment(10);
    const timer = env.timer(() => {});
    for (const delay of [-1, NaN, Infinity])
      expect(() => timer.setIn(delay)).toThrow(expect.objectContaining({ code: 'SIM_ERR_INVALID_TIME' }));
    for (const time of [9, NaN, Infinity])
      expect(() => timer.setAt(time)).toThrow(expect.objectContaining({ code: 'SIM_ERR_INVALID_TIME' }));
    expect(timer.isSet).toBe(false);
    for (const priority of [-1, 1.5, 1024])
      expect(() => env.timer(() => {}, undefined, priority)).toThrow(SimError);
  });
});
