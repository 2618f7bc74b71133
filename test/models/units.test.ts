import { describe, expect, it } from 'vitest';
import {
  parseCpuCores,
  parseDurationMs,
  parseFraction,
  parseMemoryBytes,
  parseQuantity,
  parseRatePerSec,
} from '../../models/scenario/units.js';
import type { UnitResult } from '../../models/scenario/units.js';

const value = (r: UnitResult) => (r.ok ? r.value : `error: ${r.message}`);

describe('parseDurationMs (k6/Go durations, numbers are ms)', () => {
  it.each([
    ['30s', 30_000],
    ['2m', 120_000],
    ['1m30s', 90_000],
    ['250ms', 250],
    ['1.5h', 5_400_000],
    ['2d', 172_800_000],
    ['100us', 0.1],
    ['0', 0],
    [' 10s ', 10_000],
    [60_000, 60_000],
    [0, 0],
  ])('%j → %d ms', (input, ms) => expect(value(parseDurationMs(input))).toBeCloseTo(ms as number, 9));

  it.each(['30', '30x', 's', '', '-5s', '1m 30s', '10s5', 'abc', -1, NaN, null, {}])(
    'refuses %j',
    (input) => {
      const r = parseDurationMs(input);
      expect(r.ok).toBe(false);
    },
  );

  it('says what to write', () => {
    const r = parseDurationMs('30');
    expect(r.ok ? '' : r.message).toMatch(/unit .*"30s"/);
  });
});

describe('parseRatePerSec', () => {
  it.each([
    ['600/s', 600],
    ['600/1s', 600],
    ['36000/m', 600],
    ['100/100ms', 1000],
    ['7200/h', 2],
    [' 5 / 2s ', 2.5],
    [42, 42],
  ])('%j → %d/s', (input, perSec) => expect(value(parseRatePerSec(input))).toBeCloseTo(perSec as number, 9));

  it.each(['600', '600/0s', '/s', 'x/s', '600/x', -3, '-5/s'])('refuses %j', (input) => {
    expect(parseRatePerSec(input).ok).toBe(false);
  });
});

describe('Kubernetes quantities', () => {
  it.each([
    ['250m', 0.25],
    ['100m', 0.1],
    ['2', 2],
    ['1.5', 1.5],
    ['256Mi', 268_435_456],
    ['1Gi', 1_073_741_824],
    ['512Ki', 524_288],
    ['1G', 1e9],
    ['500M', 5e8],
    ['1e3', 1000],
    ['2E-3', 0.002],
    [0.5, 0.5],
  ])('%j → %d', (input, n) => expect(value(parseQuantity(input))).toBeCloseTo(n as number, 9));

  it.each(['250 m', 'Mi', '1.2.3', '10mi', '1KiB', '', true])('refuses %j', (input) => {
    expect(parseQuantity(input).ok).toBe(false);
  });

  it('CPU and memory refuse negatives', () => {
    expect(value(parseCpuCores('500m'))).toBe(0.5);
    expect(parseCpuCores('-1').ok).toBe(false);
    expect(value(parseMemoryBytes('512Mi'))).toBe(536_870_912);
    expect(parseMemoryBytes('-1Mi').ok).toBe(false);
  });
});

describe('parseFraction', () => {
  it.each([
    ['70%', 0.7],
    ['100%', 1],
    ['0.5%', 0.005],
    [' 60 % ', 0.6],
    [0.7, 0.7],
    [1, 1],
  ])('%j → %d', (input, f) => expect(value(parseFraction(input))).toBeCloseTo(f as number, 12));

  it.each([70, -0.1, '70', 'abc%', '-5%', Infinity])('refuses %j', (input) => {
    expect(parseFraction(input).ok).toBe(false);
  });

  it('explains the ambiguity of a bare 70', () => {
    const r = parseFraction(70);
    expect(r.ok ? '' : r.message).toMatch(/"70%"/);
  });
});
