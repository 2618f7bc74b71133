import { describe, expect, it } from 'vitest';
import { EventQueue, MAX_PRIORITY, NORMAL, URGENT } from '../../engine/event-queue.js';

function drain(q: EventQueue): string[] {
  const out: string[] = [];
  for (let fn = q.takeBefore(Infinity); fn !== null; fn = q.takeBefore(Infinity)) {
    (fn as (arg: unknown) => void)(q.takenArg);
  }
  return out;
}

describe('EventQueue', () => {
  it('orders by time, then priority, then insertion sequence', () => {
    const q = new EventQueue();
    const log: string[] = [];
    const rec = (name: string) => log.push(name);
    q.push(5, NORMAL, rec, 'c');
    q.push(1, NORMAL, rec, 'a');
    q.push(5, URGENT, rec, 'b-urgent');
    q.push(5, NORMAL, rec, 'd');
    q.push(5, 7, rec, 'e-low');
    q.push(3, NORMAL, rec, 'a2');
    drain(q);
    expect(log).toEqual(['a', 'a2', 'b-urgent', 'c', 'd', 'e-low']);
  });

  it('keeps FIFO order among thousands of ties', () => {
    const q = new EventQueue();
    const log: number[] = [];
    const rec = (i: number) => log.push(i);
    for (let i = 0; i < 5000; i++) q.push(i % 3, NORMAL, rec, i);
    drain(q);
    const expected = [0, 1, 2].flatMap((t) =>
      Array.from({ length: 5000 }, (_, i) => i).filter((i) => i % 3 === t),
    );
    expect(log).toEqual(expected);
  });

  it('cancels a pending event, once, and ignores stale handles after slot reuse', () => {
    const q = new EventQueue();
    const log: string[] = [];
    const rec = (s: string) => log.push(s);
    const a = q.pushCancellable(1, NORMAL, rec, 'a');
    const b = q.pushCancellable(2, NORMAL, rec, 'b');
    expect(q.size).toBe(2);
    expect(q.cancel(a)).toBe(true);
    expect(q.cancel(a)).toBe(false);
    expect(q.isPending(a)).toBe(false);
    expect(q.size).toBe(1);
    drain(q);
    expect(log).toEqual(['b']);
    expect(q.isPending(b)).toBe(false);
    // b's slot is reused by c: cancelling the stale handle b must not touch c.
    q.push(3, NORMAL, rec, 'c');
    expect(q.cancel(b)).toBe(false);
    drain(q);
    expect(log).toEqual(['b', 'c']);
  });

  it('stays correct through compaction after mass cancellation', () => {
    const q = new EventQueue();
    const log: number[] = [];
    const rec = (i: number) => log.push(i);
    const handles = [];
    for (let i = 0; i < 1000; i++) handles.push(q.pushCancellable(1000 - i, NORMAL, rec, i));
    for (let i = 0; i < 1000; i++) if (i % 10 !== 0) q.cancel(handles[i]!);
    expect(q.size).toBe(100);
    drain(q);
    expect(log).toEqual(
      Array.from({ length: 100 }, (_, k) => 990 - 10 * k), // later i = earlier time
    );
  });

  it('takeBefore leaves events at or after `until` in place', () => {
    const q = new EventQueue();
    const rec = () => {};
    q.push(5, NORMAL, rec, undefined);
    const h = q.pushCancellable(2, NORMAL, rec, undefined);
    q.cancel(h);
    expect(q.takeBefore(5)).toBeNull();
    expect(q.size).toBe(1);
    expect(q.peekTime()).toBe(5);
    expect(q.takeBefore(6)).toBe(rec);
    expect(q.takenTime).toBe(5);
    expect(q.takeBefore(Infinity)).toBeNull();
  });

  it('rejects priorities outside [0, MAX_PRIORITY] with a code', () => {
    const q = new EventQueue();
    expect(() => q.push(0, -1, () => {}, undefined)).toThrow(
      expect.objectContaining({ code: 'SIM_ERR_INVALID_ARGUMENT' }),
    );
    expect(() => q.push(0, MAX_PRIORITY + 1, () => {}, undefined)).toThrow(/SIM_ERR_INVALID_ARGUMENT/);
    expect(() => q.push(0, 1.5, () => {}, undefined)).toThrow(/SIM_ERR_INVALID_ARGUMENT/);
  });

  it('matches a sort of random (time, priority) pairs', () => {
    // Deterministic LCG: the test must not depend on Math.random.
    let x = 7;
    const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const q = new EventQueue();
    const items: { t: number; p: number; i: number }[] = [];
    const log: number[] = [];
    const rec = (i: number) => log.push(i);
    for (let i = 0; i < 20000; i++) {
      const t = Math.floor(next() * 500);
      const p = Math.floor(next() * 3);
      items.push({ t, p, i });
      q.push(t, p, rec, i);
    }
    drain(q);
    items.sort((a, b) => a.t - b.t || a.p - b.p || a.i - b.i);
    expect(log).toEqual(items.map((it) => it.i));
  });
  it('a running event is not pending, and its handle stays inert once its slot is reused', () => {
    const q = new EventQueue();
    const log: string[] = [];
    let self: ReturnType<EventQueue['pushCancellable']> | null = null;
    const a = q.pushCancellable(
      1,
      NORMAL,
      () => {
        expect(q.isPending(a)).toBe(false);
        expect(q.cancel(a)).toBe(false);
        // Scheduled from the running callback: it takes over the slot of `a`.
        self = q.pushCancellable(2, NORMAL, (s: string) => log.push(s), 'b');
        expect(q.cancel(a)).toBe(false);
        expect(q.isPending(self)).toBe(true);
      },
      undefined,
    );
    drain(q);
    expect(log).toEqual(['b']);
    expect(self).not.toBeNull();
    expect(q.isPending(self!)).toBe(false);
  });

  it('matches a reference model under pushes and cancellations made from callbacks', () => {
    let x = 11;
    const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const q = new EventQueue();
    // Reference: the live events as (time, priority, order) with their handles, if any.
    type Live = { t: number; p: number; id: number; h: ReturnType<EventQueue['pushCancellable']> | null };
    let live: Live[] = [];
    let id = 0;
    const expected: number[] = [];
    const log: number[] = [];
    let now = 0;
    const schedule = () => {
      const t = now + Math.floor(next() * 20);
      const p = Math.floor(next() * 3);
      const myId = id++;
      const cancellable = next() < 0.5;
      const fn = (i: number) => {
        log.push(i);
        onRun();
      };
      const h = cancellable ? q.pushCancellable(t, p, fn, myId) : (q.push(t, p, fn, myId), null);
      live.push({ t, p, id: myId, h });
    };
    const onRun = () => {
      // Each event schedules 0–3 more (until 30,000 in all) and cancels one random cancellable live event.
      const n = Math.floor(next() * 4);
      for (let k = 0; k < n && id < 30000; k++) schedule();
      const withHandle = live.filter((e) => e.h !== null);
      if (withHandle.length > 0 && next() < 0.4) {
        const victim = withHandle[Math.floor(next() * withHandle.length)]!;
        expect(q.cancel(victim.h!)).toBe(true);
        expect(q.cancel(victim.h!)).toBe(false);
        live = live.filter((e) => e !== victim);
      }
    };
    for (let k = 0; k < 200; k++) schedule();
    for (let fn = q.takeBefore(Infinity); fn !== null; fn = q.takeBefore(Infinity)) {
      live.sort((a, b) => a.t - b.t || a.p - b.p || a.id - b.id);
      const head = live.shift()!;
      expected.push(head.id);
      now = q.takenTime;
      expect(now).toBe(head.t);
      if (head.h !== null) expect(q.isPending(head.h)).toBe(false);
      (fn as (arg: unknown) => void)(q.takenArg);
    }
    expect(live).toEqual([]);
    expect(log).toEqual(expected);
    expect(log.length).toBeGreaterThan(10000);
  });
});
