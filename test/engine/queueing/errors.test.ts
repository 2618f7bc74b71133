import { describe, expect, it } from 'vitest';
import {
  erlangB,
  erlangC,
  interactiveResponseTime,
  littleL,
  littleW,
  littlesLawGap,
  md1MeanWait,
  mg1,
  mg1MeanWait,
  mm1,
  mmc,
  mmck,
  mvaClosed,
} from '../../../engine/queueing/index.js';
import type { MvaClosedInput } from '../../../engine/queueing/index.js';

/** Each case must throw a RangeError whose message matches `message` (parameter name and value). */
const cases: { name: string; call: () => unknown; message: RegExp }[] = [
  { name: 'erlangB c = 0', call: () => erlangB(0, 1), message: /servers.*got 0/ },
  { name: 'erlangB c non-integer', call: () => erlangB(2.5, 1), message: /servers.*integer.*got 2\.5/ },
  { name: 'erlangB c NaN', call: () => erlangB(NaN, 1), message: /servers.*got NaN/ },
  { name: 'erlangB a < 0', call: () => erlangB(3, -1), message: /offeredLoad.*got -1/ },
  { name: 'erlangB a = ∞', call: () => erlangB(3, Infinity), message: /offeredLoad.*got Infinity/ },
  { name: 'erlangC a = c', call: () => erlangC(8, 8), message: /rho=1.*offeredLoad=8, servers=8/ },
  { name: 'erlangC a > c', call: () => erlangC(2, 3), message: /rho=1\.5/ },
  { name: 'erlangC c = -1', call: () => erlangC(-1, 0.5), message: /servers.*got -1/ },
  { name: 'mmc λ < 0', call: () => mmc(-1, 1, 2), message: /arrivalRate.*got -1/ },
  { name: 'mmc μ = 0', call: () => mmc(1, 0, 2), message: /serviceRate.*> 0.*got 0/ },
  { name: 'mmc μ < 0', call: () => mmc(1, -2, 2), message: /serviceRate.*got -2/ },
  { name: 'mmc c = 1.5', call: () => mmc(1, 2, 1.5), message: /servers.*got 1\.5/ },
  { name: 'mmc unstable', call: () => mmc(9, 1, 8), message: /unstable.*rho=1\.125.*arrivalRate=9/ },
  { name: 'mmc ρ = 1', call: () => mmc(8, 1, 8), message: /rho=1 / },
  { name: 'mmc waitQuantile q > 1', call: () => mmc(7.2, 1, 8).waitQuantile(1.5), message: /q.*got 1\.5/ },
  { name: 'mmc waitQuantile q < 0', call: () => mmc(7.2, 1, 8).waitQuantile(-0.1), message: /q.*got -0\.1/ },
  { name: 'mmc probWaitExceeds NaN', call: () => mmc(7.2, 1, 8).probWaitExceeds(NaN), message: /t.*got NaN/ },
  { name: 'mm1 λ = μ', call: () => mm1(2, 2), message: /unstable.*rho=1/ },
  { name: 'mmck K < c', call: () => mmck(1, 1, 4, 3), message: /capacity.*>= 4.*got 3/ },
  { name: 'mmck K non-integer', call: () => mmck(1, 1, 4, 5.5), message: /capacity.*got 5\.5/ },
  { name: 'mmck c = 0', call: () => mmck(1, 1, 0, 3), message: /servers.*got 0/ },
  { name: 'mmck λ NaN', call: () => mmck(NaN, 1, 1, 3), message: /arrivalRate.*got NaN/ },
  { name: 'mmck μ = 0', call: () => mmck(1, 0, 1, 3), message: /serviceRate.*got 0/ },
  { name: 'mg1MeanWait unstable', call: () => mg1MeanWait(1, 1, 0), message: /unstable.*rho=1/ },
  { name: 'mg1MeanWait var < 0', call: () => mg1MeanWait(0.5, 1, -1), message: /serviceVariance.*got -1/ },
  { name: 'mg1MeanWait mean = 0', call: () => mg1MeanWait(0.5, 0, 1), message: /meanService.*got 0/ },
  { name: 'mg1 λ < 0', call: () => mg1(-0.5, 1, 1), message: /arrivalRate.*got -0\.5/ },
  { name: 'mg1 unstable', call: () => mg1(2, 1, 1), message: /rho=2/ },
  { name: 'md1 unstable', call: () => md1MeanWait(0.5, 3), message: /rho=1\.5.*serviceTime=3/ },
  { name: 'md1 S < 0', call: () => md1MeanWait(0.5, -1), message: /serviceTime.*got -1/ },
  { name: 'littleL λ < 0', call: () => littleL(-1, 2), message: /arrivalRate.*got -1/ },
  { name: 'littleL W < 0', call: () => littleL(1, -2), message: /meanTime.*got -2/ },
  { name: 'littleW λ = 0', call: () => littleW(3, 0), message: /arrivalRate.*> 0.*got 0/ },
  { name: 'littleW L < 0', call: () => littleW(-3, 1), message: /meanNumber.*got -3/ },
  {
    name: 'littlesLawGap W NaN',
    call: () => littlesLawGap({ meanNumber: 1, arrivalRate: 1, meanTime: NaN }),
    message: /meanTime.*got NaN/,
  },
  {
    name: 'interactiveResponseTime X = 0',
    call: () => interactiveResponseTime(10, 0, 1),
    message: /throughput.*got 0/,
  },
  {
    name: 'interactiveResponseTime N = 0',
    call: () => interactiveResponseTime(0, 1, 1),
    message: /population.*got 0/,
  },
  {
    name: 'interactiveResponseTime Z < 0',
    call: () => interactiveResponseTime(1, 1, -1),
    message: /thinkTime.*got -1/,
  },
  {
    name: 'mvaClosed N = 0',
    call: () => mvaClosed({ population: 0, thinkTime: 1, stations: [{ demand: 1 }] }),
    message: /population.*>= 1.*got 0/,
  },
  {
    name: 'mvaClosed N non-integer',
    call: () => mvaClosed({ population: 2.5, thinkTime: 1, stations: [{ demand: 1 }] }),
    message: /population.*got 2\.5/,
  },
  {
    name: 'mvaClosed Z < 0',
    call: () => mvaClosed({ population: 2, thinkTime: -1, stations: [{ demand: 1 }] }),
    message: /thinkTime.*got -1/,
  },
  {
    name: 'mvaClosed demand < 0',
    call: () => mvaClosed({ population: 2, thinkTime: 1, stations: [{ demand: 1 }, { demand: -0.5 }] }),
    message: /stations\[1\]\.demand.*got -0\.5/,
  },
  {
    name: 'mvaClosed bad kind',
    call: () =>
      mvaClosed({
        population: 2,
        thinkTime: 1,
        stations: [{ demand: 1, kind: 'fifo' }],
      } as unknown as MvaClosedInput),
    message: /stations\[0\]\.kind.*got fifo/,
  },
  {
    name: 'mvaClosed zero cycle',
    call: () => mvaClosed({ population: 2, thinkTime: 0, stations: [{ demand: 0 }] }),
    message: /thinkTime plus.*demand/,
  },
];

describe('invalid input throws RangeError naming the parameter and value', () => {
  it.each(cases)('$name', ({ call, message }) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
