import { describe, it, expect } from 'vitest';
import { RandomStreams } from '../../../engine/rng/index.js';
import type { RandomSource } from '../../../engine/rng/index.js';

function take(source: RandomSource, n: number): number[] {
  return Array.from({ length: n }, () => source());
}

describe('RandomStreams', () => {
  it('pins the first draws of stream "a" under seed 42 (catches a change of algorithm or seeding)', () => {
    const a = new RandomStreams(42).stream('a');
    expect(take(a, 3)).toEqual([0.9519482247997075, 0.42758729960769415, 0.9807616965845227]);
  });

  it('gives identical sequences for the same seed and name', () => {
    const first = take(new RandomStreams(7).stream('arrivals'), 1000);
    const second = take(new RandomStreams(7).stream('arrivals'), 1000);
    expect(second).toEqual(first);
  });

  it('treats a numeric seed and its String form as the same seed', () => {
    expect(new RandomStreams(42).masterSeed).toBe('42');
    expect(take(new RandomStreams('42').stream('a'), 10)).toEqual(
      take(new RandomStreams(42).stream('a'), 10),
    );
  });

  it('gives different sequences for different names or seeds', () => {
    const base = take(new RandomStreams(7).stream('arrivals'), 100);
    expect(take(new RandomStreams(7).stream('service'), 100)).not.toEqual(base);
    expect(take(new RandomStreams(8).stream('arrivals'), 100)).not.toEqual(base);
  });

  it('draws uniformly in [0, 1) with uncorrelated neighbouring streams', () => {
    const streams = new RandomStreams('uniformity');
    const a = streams.stream('a');
    const b = streams.stream('b');
    const n = 100_000;
    let sumA = 0;
    let sumB = 0;
    let sumAB = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = a();
      const y = b();
      if (!(x >= 0 && x < 1)) outside++;
      sumA += x;
      sumB += y;
      sumAB += (x - 0.5) * (y - 0.5);
    }
    expect(outside).toBe(0);
    // U(0,1) has sd 1/√12; the correlation estimate has sd ≈ 1/√n.
    expect(Math.abs(sumA / n - 0.5)).toBeLessThan(5 / Math.sqrt(12 * n));
    expect(Math.abs(sumB / n - 0.5)).toBeLessThan(5 / Math.sqrt(12 * n));
    expect(Math.abs((12 * sumAB) / n)).toBeLessThan(5 / Math.sqrt(n));
  });

  it('keeps a stream unchanged when other streams are created and used (common random numbers)', () => {
    const alone = take(new RandomStreams(3).stream('arrivals'), 500);
    const busy = new RandomStreams(3);
    take(busy.stream('cache'), 123);
    take(busy.fork('db').stream('arrivals'), 77);
    const arrivals = busy.stream('arrivals');
    const interleaved: number[] = [];
    const other = busy.stream('other');
    for (let i = 0; i < 500; i++) {
      other();
      interleaved.push(arrivals());
    }
    expect(interleaved).toEqual(alone);
  });

  it('returns the same cached source for the same name, sharing its state', () => {
    const streams = new RandomStreams(1);
    const s = streams.stream('s');
    expect(streams.stream('s')).toBe(s);
    const reference = take(new RandomStreams(1).stream('s'), 2);
    expect([s(), streams.stream('s')()]).toEqual(reference);
  });

  it('makes forks independent namespaces, cached by name', () => {
    const streams = new RandomStreams(9);
    const api = streams.fork('api');
    expect(streams.fork('api')).toBe(api);
    expect(api.masterSeed).toBe('9');
    const root = take(new RandomStreams(9).stream('service'), 50);
    expect(take(api.stream('service'), 50)).not.toEqual(root);
    expect(take(streams.fork('db').stream('service'), 50)).not.toEqual(root);
    expect(take(new RandomStreams(9).fork('api').stream('service'), 1)).not.toEqual(
      take(new RandomStreams(9).fork('db').stream('service'), 1),
    );
  });

  it('cannot be confused by names containing separators', () => {
    const streams = new RandomStreams(5);
    const joined = take(streams.fork('a').stream('b/c'), 20);
    expect(take(streams.fork('a/b').stream('c'), 20)).not.toEqual(joined);
    expect(take(streams.fork('a').fork('b').stream('c'), 20)).not.toEqual(joined);
    expect(take(streams.stream('a,b'), 20)).not.toEqual(take(streams.fork('a').stream('b'), 20));
  });

  it('derives replications as forks named "replication:<i>"', () => {
    const streams = new RandomStreams(11);
    expect(streams.replication(2)).toBe(streams.fork('replication:2'));
    expect(take(streams.replication(0).stream('a'), 20)).not.toEqual(
      take(streams.replication(1).stream('a'), 20),
    );
    expect(take(new RandomStreams(11).replication(4).stream('a'), 20)).toEqual(
      take(streams.replication(4).stream('a'), 20),
    );
  });

  it('rejects empty names, bad seeds and bad replication indices', () => {
    const streams = new RandomStreams(1);
    expect(() => streams.stream('')).toThrow(RangeError);
    expect(() => streams.fork('')).toThrow(RangeError);
    expect(() => streams.stream(3 as unknown as string)).toThrow(TypeError);
    expect(() => new RandomStreams(NaN)).toThrow(RangeError);
    expect(() => new RandomStreams(Infinity)).toThrow(RangeError);
    expect(() => new RandomStreams('')).toThrow(RangeError);
    expect(() => new RandomStreams({} as unknown as string)).toThrow(TypeError);
    expect(() => streams.replication(-1)).toThrow(RangeError);
    expect(() => streams.replication(1.5)).toThrow(RangeError);
  });
});
