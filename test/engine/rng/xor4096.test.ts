import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { xor4096Source } from '../../../engine/rng/xor4096.js';

describe('xor4096Source', () => {
  it('reproduces seedrandom.xor4096 bit for bit', () => {
    for (const seed of [
      '42',
      '["42","a"]',
      'a much longer seed string that exceeds 128 characters '.repeat(4),
      '',
    ]) {
      const ours = xor4096Source(seed);
      const reference = seedrandom.xor4096(seed);
      for (let k = 0; k < 20_000; k++) expect(ours()).toBe(reference());
    }
  });

  it('draws in [0, 1)', () => {
    const source = xor4096Source('range');
    for (let k = 0; k < 100_000; k++) {
      const u = source();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});
