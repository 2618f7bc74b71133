import { describe, expect, it } from 'vitest';
import {
  constantVusMaxAllowedSteps,
  constantVusSteps,
  K6_DEFAULT_GRACEFUL_RAMP_DOWN_MS,
  K6_DEFAULT_GRACEFUL_STOP_MS,
  rampingVusMaxAllowedSteps,
  rampingVusSteps,
  vusAt,
} from '../../../models/load/vu-schedule.js';
import type { VuStep } from '../../../models/load/vu-schedule.js';

/** Stages from [seconds, target] pairs. */
const stages = (...pairs: [number, number][]) =>
  pairs.map(([sec, target]) => ({ durationMs: sec * 1000, target }));
/** Steps as [seconds, vus] pairs, for compact expectations. */
const bySec = (steps: readonly VuStep[]) => steps.map((st) => [st.timeMs / 1000, st.vus]);

// k6's TestRampingVUsConfigExecutionPlanExample (ramping_vus_test.go): startVUs 4, eight stages.
const k6Example = {
  startVUs: 4,
  stages: stages([2, 6], [5, 1], [4, 5], [4, 1], [3, 4], [2, 4], [0, 1], [3, 1]),
};

describe('rampingVusSteps (k6 getRawExecutionSteps with the end point)', () => {
  it('reproduces k6 example: one ±1 step per d/n, a 0-length drop, and the end point at 23 s', () => {
    // prettier-ignore
    expect(bySec(rampingVusSteps(k6Example))).toEqual([
      [0, 4], [1, 5], [2, 6], // 4 → 6 over 2 s
      [3, 5], [4, 4], [5, 3], [6, 2], [7, 1], // 6 → 1 over 5 s
      [8, 2], [9, 3], [10, 4], [11, 5], // 1 → 5 over 4 s
      [12, 4], [13, 3], [14, 2], [15, 1], // 5 → 1 over 4 s
      [16, 2], [17, 3], [18, 4], // 1 → 4 over 3 s, then 4 held 2 s
      [20, 1], // 0-length stage: instant drop at 20 s
      [23, 0], // end of the last stage (1 held 3 s)
    ]);
  });

  it('ramp up: 0 → 10 over 10 s adds a VU at 1, 2, …, 10 s (not at 0)', () => {
    const steps = rampingVusSteps({ startVUs: 0, stages: stages([10, 10]) });
    expect(bySec(steps)).toEqual([[0, 0], ...Array.from({ length: 10 }, (_, j) => [j + 1, j + 1]), [10, 0]]);
  });

  it('ramp down: 10 → 0 over 10 s removes a VU at 1, 2, …, 10 s; no extra end point', () => {
    const steps = rampingVusSteps({ startVUs: 10, stages: stages([10, 0]) });
    expect(bySec(steps)).toEqual([[0, 10], ...Array.from({ length: 10 }, (_, j) => [j + 1, 9 - j])]);
  });

  it('uneven ramps: the j-th change is at stageStart + ⌈j·d/n⌉ ns, both directions', () => {
    // d = 10 s = 1e10 ns, n = 3: ⌈1e10/3⌉ = 3,333,333,334 ns, ⌈2e10/3⌉ = 6,666,666,667 ns.
    const up = rampingVusSteps({ startVUs: 0, stages: stages([10, 3], [10, 0]) });
    expect(up).toEqual([
      { timeMs: 0, vus: 0 },
      { timeMs: 3333.333334, vus: 1 },
      { timeMs: 6666.666667, vus: 2 },
      { timeMs: 10_000, vus: 3 },
      { timeMs: 13_333.333334, vus: 2 },
      { timeMs: 16_666.666667, vus: 1 },
      { timeMs: 20_000, vus: 0 },
    ]);
  });

  it('0-length stages: jumps at the stage start; k6 keeps both steps when they share a time', () => {
    // k6 corner case "going up then down straight away" (startVUs 2), plus our end point at 2 s.
    const steps = rampingVusSteps({ startVUs: 2, stages: stages([0, 5], [2, 3]) });
    expect(bySec(steps)).toEqual([
      [0, 2],
      [0, 5],
      [1, 4],
      [2, 3],
      [2, 0],
    ]);
    expect(vusAt(steps, 0)).toBe(5);
    expect(vusAt(steps, 1999.999)).toBe(4);
    expect(vusAt(steps, 2000)).toBe(0);
  });

  it('hold stages add nothing; the regular end is when VUs reach 0, even before the last stage ends', () => {
    expect(bySec(rampingVusSteps({ startVUs: 3, stages: stages([5, 3]) }))).toEqual([
      [0, 3],
      [5, 0],
    ]);
    const early = rampingVusSteps({ startVUs: 0, stages: stages([2, 2], [2, 0], [10, 0]) });
    expect(bySec(early)).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 1],
      [4, 0],
    ]);
  });

  it('computes long ramps exactly (products above 2^53 ns)', () => {
    // 0 → 7 VUs over 1 h: ⌈j·3.6e12/7⌉ ns.
    const steps = rampingVusSteps({ startVUs: 0, stages: stages([3600, 7]) });
    const expected = [1, 2, 3, 4, 5, 6, 7].map((j) => {
      const ns = (BigInt(j) * 3_600_000_000_000n + 6n) / 7n;
      return Number(ns) / 1e6;
    });
    expect(steps.slice(1, 8).map((st) => st.timeMs)).toEqual(expected);
    const many = rampingVusSteps({ startVUs: 0, stages: stages([3600, 5000]) });
    expect(many[1]).toEqual({ timeMs: 720, vus: 1 });
    expect(many[5000]).toEqual({ timeMs: 3_600_000, vus: 5000 });
  });

  it('throws RangeError naming the offending field', () => {
    expect(() => rampingVusSteps({ startVUs: -1, stages: stages([1, 1]) })).toThrow(/startVUs/);
    expect(() => rampingVusSteps({ startVUs: 1.5, stages: stages([1, 1]) })).toThrow(/startVUs/);
    expect(() => rampingVusSteps({ startVUs: 1, stages: [] })).toThrow(/stages/);
    expect(() => rampingVusSteps({ startVUs: 1, stages: stages([1, 1], [1, -2]) })).toThrow(
      /stages\[1\]\.target/,
    );
    expect(() => rampingVusSteps({ startVUs: 1, stages: [{ durationMs: NaN, target: 1 }] })).toThrow(
      /stages\[0\]\.durationMs/,
    );
  });
});

describe('rampingVusMaxAllowedSteps (gracefulRampDown / gracefulStop)', () => {
  it('uses k6 defaults of 30 s and 30 s', () => {
    expect([K6_DEFAULT_GRACEFUL_STOP_MS, K6_DEFAULT_GRACEFUL_RAMP_DOWN_MS]).toEqual([30_000, 30_000]);
  });

  it.each([
    // [gracefulStop s, expected] from k6's TestRampingVUsConfigExecutionPlanExample (gracefulRampDown 30 s)
    [
      30,
      [
        [0, 4],
        [1, 5],
        [2, 6],
        [33, 5],
        [42, 4],
        [50, 1],
        [53, 0],
      ],
    ],
    [
      80,
      [
        [0, 4],
        [1, 5],
        [2, 6],
        [33, 5],
        [42, 4],
        [50, 1],
        [103, 0],
      ],
    ],
    [
      3,
      [
        [0, 4],
        [1, 5],
        [2, 6],
        [26, 0],
      ],
    ],
    [
      0,
      [
        [0, 4],
        [1, 5],
        [2, 6],
        [23, 0],
      ],
    ],
  ])('k6 example with gracefulStop %d s', (stopSec, expected) => {
    const steps = rampingVusMaxAllowedSteps({ ...k6Example, gracefulStopMs: stopSec * 1000 });
    expect(bySec(steps)).toEqual(expected);
  });

  it('with gracefulRampDown and gracefulStop both 0 it equals the raw steps with the end point', () => {
    const steps = rampingVusMaxAllowedSteps({ ...k6Example, gracefulStopMs: 0, gracefulRampDownMs: 0 });
    expect(steps).toEqual(rampingVusSteps(k6Example));
  });

  it('each decrease takes effect gracefulRampDown later; the hard end can precede Σd + gracefulStop', () => {
    // Raw: +1 at 1..10 s, −1 at 11..20 s (0 at 20 s), then 10 s more at 0. Defaults: 30 s / 30 s.
    const steps = rampingVusMaxAllowedSteps({ startVUs: 0, stages: stages([10, 10], [10, 0], [10, 0]) });
    expect(bySec(steps)).toEqual([
      [0, 0],
      ...Array.from({ length: 10 }, (_, j) => [j + 1, j + 1]),
      ...Array.from({ length: 10 }, (_, j) => [41 + j, 9 - j]), // 11..20 s + 30 s; ends at 50 s < 60 s
    ]);
    // A shorter gracefulRampDown shortens every reservation (k6 gives the same steps).
    const short = { startVUs: 3, stages: stages([3, 0]), gracefulRampDownMs: 5000 };
    expect(bySec(rampingVusMaxAllowedSteps(short))).toEqual([
      [0, 3],
      [6, 2],
      [7, 1],
      [8, 0],
    ]);
  });

  it('a rise back to the previous count within gracefulRampDown cancels the reservation', () => {
    // Instant drop 5 → 1 at 0 s, instant rise to 5 at 2 s: k6's lookahead skips to the rise, as we do.
    const o = { startVUs: 5, stages: stages([0, 1], [2, 1], [0, 5], [10, 5]), gracefulRampDownMs: 5000 };
    expect(bySec(rampingVusMaxAllowedSteps({ ...o, gracefulStopMs: 1000 }))).toEqual([
      [0, 5],
      [13, 0],
    ]);
  });

  it('documented divergence: a partial rise within the window keeps the window maximum', () => {
    // Drop 5 → 1 at 0 s, rise to 4 at 2 s. k6 emits {0,5},{5,1},{2,4},{13,0} (out of time order), which
    // at run time hard-stops VUs 2–4 at 5 s although they are planned; we keep 4 allowed (see README).
    const o = { startVUs: 5, stages: stages([0, 1], [2, 1], [0, 4], [10, 4]), gracefulRampDownMs: 5000 };
    expect(bySec(rampingVusMaxAllowedSteps({ ...o, gracefulStopMs: 1000 }))).toEqual([
      [0, 5],
      [5, 4],
      [13, 0],
    ]);
  });

  it('throws RangeError for negative grace periods', () => {
    const o = { startVUs: 1, stages: stages([1, 1]) };
    expect(() => rampingVusMaxAllowedSteps({ ...o, gracefulRampDownMs: -1 })).toThrow(/gracefulRampDownMs/);
    expect(() => rampingVusMaxAllowedSteps({ ...o, gracefulStopMs: Infinity })).toThrow(/gracefulStopMs/);
  });
});

describe('constant-vus', () => {
  it('all VUs from t = 0 until the duration, allowed to finish until duration + gracefulStop', () => {
    expect(constantVusSteps({ vus: 20, durationMs: 60_000 })).toEqual([
      { timeMs: 0, vus: 20 },
      { timeMs: 60_000, vus: 0 },
    ]);
    expect(constantVusMaxAllowedSteps({ vus: 20, durationMs: 60_000 })).toEqual([
      { timeMs: 0, vus: 20 },
      { timeMs: 90_000, vus: 0 },
    ]);
    expect(constantVusMaxAllowedSteps({ vus: 2, durationMs: 1000, gracefulStopMs: 0 })[1]?.timeMs).toBe(1000);
    expect(() => constantVusSteps({ vus: -3, durationMs: 1000 })).toThrow(/vus/);
  });
});

describe('vusAt', () => {
  it('reads a step function (0 before the first step)', () => {
    const steps = rampingVusSteps(k6Example);
    expect([-1, 0, 999, 1000, 2500, 20_000, 22_999, 23_000, 1e9].map((t) => vusAt(steps, t))).toEqual([
      0, 4, 4, 5, 6, 1, 1, 0, 0,
    ]);
    expect(vusAt([], 5)).toBe(0);
    expect(() => vusAt(steps, NaN)).toThrow(RangeError);
  });
});
