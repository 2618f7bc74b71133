import { describe, expect, it } from 'vitest';
import {
  arrivalRateAt,
  constantArrivalIterationCount,
  constantArrivalStarts,
  rampingArrivalIterationCount,
  rampingArrivalStarts,
} from '../../../models/load/arrival-schedule.js';
import type { RampingArrivalOptions, StartTimes } from '../../../models/load/arrival-schedule.js';

const s = (sec: number) => sec * 1000;

/** Drains a generator (bounded, so a bug cannot hang the test). */
function drain(g: StartTimes, max = 10_000_000): number[] {
  const out: number[] = [];
  for (let t = g.next(); t !== Infinity; t = g.next()) {
    out.push(t);
    if (out.length > max) throw new Error('generator did not end');
  }
  return out;
}

const isNonDecreasing = (xs: readonly number[]) => xs.every((x, k) => k === 0 || x >= xs[k - 1]!);

// Stages of semantics.md §9: area 1,500 + 9,000 + 30,000 + 42,000 + 48,000 + 6,000 = 136,500.
const sixStages: RampingArrivalOptions = {
  startRate: 0,
  timeUnitMs: 1000,
  stages: [
    { durationMs: s(30), target: 100 },
    { durationMs: s(60), target: 200 },
    { durationMs: s(120), target: 300 },
    { durationMs: s(120), target: 400 },
    { durationMs: s(120), target: 400 },
    { durationMs: s(30), target: 0 },
  ],
};

describe('rampingArrivalStarts: the six-stage 8-minute schedule', () => {
  const times = drain(rampingArrivalStarts(sixStages));

  it('k6 schedules 136,500 starts; the generator yields 136,499', () => {
    // k6's cal emits every i ≤ endCount; endCount is exactly 136500.0, so the 136,500th start is computed
    // at exactly 480 s = the end of the last stage. k6's Run stops at the regular-duration deadline, which
    // that start's timer reaches at the same instant or later, so it is (usually) never started. We yield
    // only the starts strictly before the end.
    expect(rampingArrivalIterationCount(sixStages)).toEqual({ scheduled: 136_500, dueBeforeEnd: 136_499 });
    expect(times).toHaveLength(136_499);
    // The last yielded start: 1 iteration of area remains at 400/s → 0 over 30 s, Δ = sqrt(2·30/400) s.
    expect(times[times.length - 1]).toBeCloseTo(480_000 - 1000 * Math.sqrt(0.15), 6);
  });

  it('starts from 0: the i-th start is at sqrt(2i / (100/30)) s, truncated to ns', () => {
    expect(times[0]).toBe(774.596669); // sqrt(0.6) s = 0.774596669241… s
    for (let i = 1; i <= 20; i++) {
      expect(times[i - 1]).toBeCloseTo(1000 * Math.sqrt((2 * i) / (100 / 30)), 5); // within 10 ns
    }
  });

  it('stage boundaries fall where the cumulative area is an integer', () => {
    expect(times[1500 - 1]).toBe(30_000);
    expect(times[10_500 - 1]).toBe(90_000);
    expect(times[40_500 - 1]).toBe(210_000);
    expect(times[82_500 - 1]).toBe(330_000);
    expect(times[130_500 - 1]).toBe(450_000);
    // Flat 400/s stage: exactly 2.5 ms apart.
    expect(times[82_501 - 1]).toBe(330_002.5);
    expect(times[82_502 - 1]).toBe(330_005);
  });

  it('is non-decreasing, inside [0, 480 s), and stays Infinity once exhausted', () => {
    expect(isNonDecreasing(times)).toBe(true);
    expect(times[0]! > 0 && times[times.length - 1]! < 480_000).toBe(true);
    const g = rampingArrivalStarts({
      startRate: 0,
      timeUnitMs: 1000,
      stages: [{ durationMs: 1000, target: 4 }],
    });
    expect(g.next()).toBe(707.106781); // area 2: i = 1 at sqrt(0.5) s
    // i = 2 is due at 1 s in exact arithmetic, but k6's float64 formula gives 999,999,999.9… ns, truncated
    // to 1 ns before the end: k6 would start it, and so do we.
    expect(g.next()).toBe(999.999999);
    expect([g.next(), g.next(), g.next()]).toEqual([Infinity, Infinity, Infinity]);
  });
});

describe('rampingArrivalStarts: k6 TestRampingArrivalRateCal cases', () => {
  const stages = [
    { durationMs: 5000, target: 1 },
    { durationMs: 1000, target: 1 },
    { durationMs: 5000, target: 0 },
  ];

  it('timeUnit 1 s: k6 expects ≈ 3162, 4472, 5500, 6527, 7837, 11000 ms', () => {
    const o = { startRate: 0, timeUnitMs: 1000, stages };
    expect(rampingArrivalIterationCount(o)).toEqual({ scheduled: 6, dueBeforeEnd: 5 });
    const times = drain(rampingArrivalStarts(o));
    expect(times).toEqual([3162.27766, 4472.135954, 5499.999999, 6527.864045, 7837.722339]);
  });

  it('timeUnit 1/3 s: the 18th start falls 0.245 ms before the end, so all 18 are yielded', () => {
    // k6 expects the last one at ≈ 10999 ms; Go's time.Second/3 is 333,333,333 ns, as 1000/3 ms rounds to.
    const o = { startRate: 0, timeUnitMs: 1000 / 3, stages };
    expect(rampingArrivalIterationCount(o)).toEqual({ scheduled: 18, dueBeforeEnd: 18 });
    const times = drain(rampingArrivalStarts(o));
    expect(times).toHaveLength(18);
    expect(times[0]).toBeCloseTo(1825.741857, 6);
    expect(times[17]).toBeCloseTo(10_999.755051, 6);
  });
});

describe('rampingArrivalStarts: other shapes', () => {
  it('startRate > 0 does not start at t = 0: a flat 10/s starts at 100, 200, …, 9900 ms', () => {
    const o = { startRate: 10, timeUnitMs: 1000, stages: [{ durationMs: s(10), target: 10 }] };
    const times = drain(rampingArrivalStarts(o));
    expect(times).toHaveLength(99);
    expect(times.slice(0, 3)).toEqual([100, 200, 300]);
    expect(times[98]).toBe(9900);
    expect(rampingArrivalIterationCount(o)).toEqual({ scheduled: 100, dueBeforeEnd: 99 }); // 100th at 10 s
  });

  it('startRate > 0 with a ramp: the first start is where the area reaches 1', () => {
    // 60/min → 120/min over 60 s: rate(t) = 1 + t/60 per s; area t + t²/120 = 1.
    const o = { startRate: 60, timeUnitMs: s(60), stages: [{ durationMs: s(60), target: 120 }] };
    const first = rampingArrivalStarts(o).next();
    expect(first).toBeCloseTo(1000 * (-60 + Math.sqrt(3600 + 120)), 5);
    expect(rampingArrivalIterationCount(o)).toEqual({ scheduled: 90, dueBeforeEnd: 89 });
  });

  it('a 0-length stage is an instant jump; zero-rate stages produce nothing', () => {
    const o = {
      startRate: 0,
      timeUnitMs: 1000,
      stages: [
        { durationMs: 0, target: 10 },
        { durationMs: 1000, target: 10 },
        { durationMs: 0, target: 0 },
        { durationMs: 5000, target: 0 },
      ],
    };
    const times = drain(rampingArrivalStarts(o));
    // The 10th start (1000 ms) is not at the executor's end (6 s), so it is yielded.
    expect(times).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(rampingArrivalIterationCount(o)).toEqual({ scheduled: 10, dueBeforeEnd: 10 });
  });

  it.each([
    [{ startRate: 7, timeUnitMs: 1000, stages: [{ durationMs: 3333, target: 0 }] }],
    [{ startRate: 0, timeUnitMs: 250, stages: [{ durationMs: 10_000, target: 33 }] }],
    [
      {
        startRate: 50,
        timeUnitMs: 1000,
        stages: [
          { durationMs: 1000, target: 49 },
          { durationMs: 1000, target: 50 },
          { durationMs: 0, target: 3 },
          { durationMs: 7777, target: 3000 },
          { durationMs: 1234, target: 1 },
        ],
      },
    ],
  ])('generator length equals dueBeforeEnd and times are monotonic (%#)', (o) => {
    const times = drain(rampingArrivalStarts(o));
    expect(times).toHaveLength(rampingArrivalIterationCount(o).dueBeforeEnd);
    const endMs = o.stages.reduce((a, st) => a + st.durationMs, 0);
    expect(isNonDecreasing(times)).toBe(true);
    expect(times.every((t) => t >= 0 && t < endMs)).toBe(true);
  });

  it('throws RangeError naming the offending field', () => {
    const ok = { startRate: 0, timeUnitMs: 1000, stages: [{ durationMs: 1000, target: 1 }] };
    expect(() => rampingArrivalStarts({ ...ok, startRate: -1 })).toThrow(/startRate/);
    expect(() => rampingArrivalStarts({ ...ok, timeUnitMs: 0 })).toThrow(/timeUnitMs/);
    expect(() => rampingArrivalStarts({ ...ok, stages: [] })).toThrow(/stages/);
    expect(() => rampingArrivalStarts({ ...ok, stages: [{ durationMs: -1, target: 1 }] })).toThrow(
      /stages\[0\]\.durationMs/,
    );
    expect(() => rampingArrivalIterationCount({ ...ok, stages: [{ durationMs: 1, target: NaN }] })).toThrow(
      RangeError,
    );
  });
});

describe('arrivalRateAt', () => {
  it('interpolates linearly per stage, in iterations per second', () => {
    expect(arrivalRateAt(sixStages, 0)).toBe(0);
    expect(arrivalRateAt(sixStages, s(15))).toBe(50);
    expect(arrivalRateAt(sixStages, s(30))).toBe(100);
    expect(arrivalRateAt(sixStages, s(60))).toBe(150);
    expect(arrivalRateAt(sixStages, s(400))).toBe(400);
    expect(arrivalRateAt(sixStages, s(465))).toBe(200);
    expect(arrivalRateAt(sixStages, s(480))).toBe(0);
    expect(arrivalRateAt(sixStages, -1)).toBe(0);
  });

  it('converts from the time unit', () => {
    const perMinute = { startRate: 60, timeUnitMs: s(60), stages: [{ durationMs: s(60), target: 120 }] };
    expect(arrivalRateAt(perMinute, s(30))).toBe(1.5);
    expect(() => arrivalRateAt(perMinute, NaN)).toThrow(/tMs/);
  });
});

describe('constantArrivalStarts', () => {
  it('starts at 0 and every timeUnit/rate: 10/s for 10 s → 100 starts, 0 … 9900 ms', () => {
    const o = { rate: 10, timeUnitMs: 1000, durationMs: s(10) };
    const times = drain(constantArrivalStarts(o));
    expect(times).toHaveLength(100);
    times.forEach((t, k) => expect(t).toBe(k * 100));
    // k6's loop has no count; a 101st start falls exactly on the 10 s deadline and races with it.
    expect(constantArrivalIterationCount(o)).toEqual({ scheduled: 101, dueBeforeEnd: 100 });
  });

  it('uses the truncated ns period: 3/s for 1 s gives 4 starts (the last at 999.999999 ms)', () => {
    const o = { rate: 3, timeUnitMs: 1000, durationMs: 1000 };
    expect(drain(constantArrivalStarts(o))).toEqual([0, 333.333333, 666.666666, 999.999999]);
    expect(constantArrivalIterationCount(o)).toEqual({ scheduled: 4, dueBeforeEnd: 4 });
  });

  it('handles per-minute rates and long runs exactly', () => {
    const o = { rate: 2, timeUnitMs: s(60), durationMs: s(300) };
    expect(drain(constantArrivalStarts(o))).toEqual([
      0, 30_000, 60_000, 90_000, 120_000, 150_000, 180_000, 210_000, 240_000, 270_000,
    ]);
    const big = { rate: 7, timeUnitMs: 1000, durationMs: s(3600) };
    const times = drain(constantArrivalStarts(big));
    expect(times).toHaveLength(constantArrivalIterationCount(big).dueBeforeEnd);
    expect(times).toHaveLength(25_201); // period 142,857,142 ns; 25,200 periods = 3,599.999978 s < 1 h
    const g = constantArrivalStarts({ rate: 1, timeUnitMs: 1000, durationMs: 1500 });
    expect([g.next(), g.next(), g.next(), g.next()]).toEqual([0, 1000, Infinity, Infinity]);
  });

  it('throws RangeError naming the offending field', () => {
    expect(() => constantArrivalStarts({ rate: 0, timeUnitMs: 1000, durationMs: 1000 })).toThrow(/rate/);
    expect(() => constantArrivalStarts({ rate: 1, timeUnitMs: -5, durationMs: 1000 })).toThrow(/timeUnitMs/);
    expect(() => constantArrivalIterationCount({ rate: 1, timeUnitMs: 1000, durationMs: Infinity })).toThrow(
      /durationMs/,
    );
    expect(() => constantArrivalStarts({ rate: 2e9, timeUnitMs: 1000, durationMs: 1000 })).toThrow(/rate/);
  });
});
