/** readyAtMs: the readiness-probe timeline after a container starts. */
import { describe, expect, it } from 'vitest';
import { PROBE_DEFAULTS, readyAtMs } from '../../models/kubernetes/readiness.js';

describe('readyAtMs', () => {
  it('waits for the first probe at or after the app is ready', () => {
    // Probes at 0, 10, 20 s: the app answers from 12 s, so the 20 s probe succeeds.
    expect(
      readyAtMs({ containerStartedMs: 0, appStartMs: 12_000, initialDelayMs: 0, periodMs: 10_000 }),
    ).toBe(20_000);
    // A probe exactly when the app becomes ready succeeds.
    expect(readyAtMs({ containerStartedMs: 0, appStartMs: 10_000 })).toBe(10_000);
    // App ready at once: the first probe, at the container start, succeeds.
    expect(readyAtMs({ containerStartedMs: 0, appStartMs: 0 })).toBe(0);
  });

  it('does not probe before the initial delay', () => {
    expect(
      readyAtMs({ containerStartedMs: 0, appStartMs: 12_000, initialDelayMs: 15_000, periodMs: 10_000 }),
    ).toBe(15_000);
    // Delay 15 s, app ready at 16 s: probes at 15 s (fails) and 25 s.
    expect(readyAtMs({ containerStartedMs: 0, appStartMs: 16_000, initialDelayMs: 15_000 })).toBe(25_000);
  });

  it('needs successThreshold consecutive successes', () => {
    expect(
      readyAtMs({ containerStartedMs: 0, appStartMs: 12_000, periodMs: 10_000, successThreshold: 2 }),
    ).toBe(30_000);
    expect(readyAtMs({ containerStartedMs: 0, appStartMs: 0, successThreshold: 3 })).toBe(20_000);
  });

  it('measures appStartMs from the container start', () => {
    expect(readyAtMs({ containerStartedMs: 100_000, appStartMs: 12_000 })).toBe(120_000);
    // Probes are anchored at the container start (7.5, 8.5, …), not at multiples of the period:
    // the app answers from 10 s, so the 10.5 s probe is the first to succeed.
    expect(readyAtMs({ containerStartedMs: 7_500, appStartMs: 2_500, periodMs: 1_000 })).toBe(10_500);
  });

  it('uses the Probe API defaults', () => {
    expect(PROBE_DEFAULTS).toEqual({
      initialDelaySeconds: 0,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
      timeoutSeconds: 1,
    });
    expect(Object.isFrozen(PROBE_DEFAULTS)).toBe(true);
    expect(readyAtMs({ containerStartedMs: 0, appStartMs: 1 })).toBe(10_000);
  });

  it('is not fooled by float noise at a probe instant', () => {
    // (0.3 − 0.1) / 0.1 is 1.9999999999999998 in floating point: the probe at 0.3 counts.
    expect(
      readyAtMs({ containerStartedMs: 0, appStartMs: 0.3, initialDelayMs: 0.1, periodMs: 0.1 }),
    ).toBeCloseTo(0.3, 12);
  });

  it('never readies an app that never starts', () => {
    expect(readyAtMs({ containerStartedMs: 0, appStartMs: Infinity })).toBe(Infinity);
  });

  it('rejects bad inputs with a RangeError naming the field', () => {
    const ok = { containerStartedMs: 0, appStartMs: 0 };
    expect(() => readyAtMs({ ...ok, containerStartedMs: NaN })).toThrow(/containerStartedMs/);
    expect(() => readyAtMs({ ...ok, appStartMs: -1 })).toThrow(/appStartMs/);
    expect(() => readyAtMs({ ...ok, initialDelayMs: -1 })).toThrow(/initialDelayMs/);
    expect(() => readyAtMs({ ...ok, periodMs: 0 })).toThrow(/periodMs/);
    expect(() => readyAtMs({ ...ok, successThreshold: 0 })).toThrow(/successThreshold/);
    expect(() => readyAtMs({ ...ok, successThreshold: 1.5 })).toThrow(RangeError);
  });
});
