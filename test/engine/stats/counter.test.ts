import { describe, expect, it } from 'vitest';
import { Counter } from '../../../engine/stats/counter.js';

describe('Counter', () => {
  it('counts per key in first-seen order', () => {
    const c = new Counter();
    c.add('timeout');
    c.add('rejected', 3);
    c.add('timeout', 2);
    c.add('error');
    expect(c.entries()).toEqual([
      ['timeout', 3],
      ['rejected', 3],
      ['error', 1],
    ]);
    expect(c.get('timeout')).toBe(3);
    expect(c.get('never')).toBe(0);
    expect(c.total).toBe(7);
  });

  it('merge adds counts and appends new keys in the other counter order', () => {
    const a = new Counter();
    a.add('b', 1);
    a.add('a', 2);
    const b = new Counter();
    b.add('z', 5);
    b.add('a', 1);
    b.add('c', 1);
    expect(a.merge(b).entries()).toEqual([
      ['b', 1],
      ['a', 3],
      ['z', 5],
      ['c', 1],
    ]);
    expect(a.total).toBe(10);
    expect(b.entries()).toEqual([
      ['z', 5],
      ['a', 1],
      ['c', 1],
    ]);
  });

  it('merging into itself doubles every count once', () => {
    const c = new Counter();
    c.add('x', 2);
    c.add('y');
    c.merge(c);
    expect(c.entries()).toEqual([
      ['x', 4],
      ['y', 2],
    ]);
    expect(c.total).toBe(6);
  });

  it('reset forgets keys and counts', () => {
    const c = new Counter();
    c.add('x');
    c.reset();
    expect(c.entries()).toEqual([]);
    expect(c.total).toBe(0);
    c.add('y');
    expect(c.entries()).toEqual([['y', 1]]);
  });

  it('serializes to a plain object that round-trips, even for a "__proto__" key', () => {
    const c = new Counter();
    c.add('timeout', 2);
    c.add('__proto__');
    const text = JSON.stringify(c.toJSON());
    expect(text).toBe('{"timeout":2,"__proto__":1}');
    expect(Counter.fromJSON(JSON.parse(text) as Record<string, number>).entries()).toEqual(c.entries());
  });

  it('entries() returns a copy', () => {
    const c = new Counter();
    c.add('x');
    c.entries().push(['y', 9]);
    expect(c.entries()).toEqual([['x', 1]]);
  });

  it('rejects negative, NaN and infinite amounts', () => {
    const c = new Counter();
    expect(() => c.add('x', -1)).toThrow(RangeError);
    expect(() => c.add('x', NaN)).toThrow(RangeError);
    expect(() => c.add('x', Infinity)).toThrow(RangeError);
    expect(c.total).toBe(0);
    expect(c.entries()).toEqual([]);
  });
});
