/** Redis Cluster key distribution: CRC16 XMODEM, hash tags, and redis-cli's slot ranges. */
import { describe, expect, it } from 'vitest';
import { HASH_SLOTS, crc16, keyHashSlot, slotOwners } from '../../../models/data/redis/index.js';

describe('keyHashSlot', () => {
  it('is CRC16 XMODEM mod 16384 (the cluster specification check value 0x31C3 for "123456789")', () => {
    expect(crc16('123456789')).toBe(0x31c3);
    expect(keyHashSlot('123456789')).toBe(0x31c3 % HASH_SLOTS);
    // Values `CLUSTER KEYSLOT` answers: foo 12182, bar 5061, hello 866.
    expect(keyHashSlot('foo')).toBe(12182);
    expect(keyHashSlot('bar')).toBe(5061);
    expect(keyHashSlot('hello')).toBe(866);
  });

  it('hashes only a non-empty {tag}: keys sharing a tag share a slot', () => {
    expect(keyHashSlot('user:{1000}:cart')).toBe(keyHashSlot('1000'));
    expect(keyHashSlot('{user1000}.following')).toBe(keyHashSlot('{user1000}.followers'));
    // An empty tag hashes the whole key; only the first `{` and the next `}` count.
    expect(keyHashSlot('foo{}{bar}')).toBe(crc16('foo{}{bar}') % HASH_SLOTS);
    expect(keyHashSlot('foo{}{bar}')).not.toBe(keyHashSlot('bar'));
    expect(keyHashSlot('foo{{bar}}zap')).toBe(keyHashSlot('{bar'));
    expect(keyHashSlot('foo{bar}{zap}')).toBe(keyHashSlot('bar'));
  });
});

describe('slotOwners', () => {
  const ranges = (masters: number) => {
    const owners = slotOwners(masters);
    const out: [number, number][] = [];
    for (let s = 0; s < HASH_SLOTS; s++) {
      const m = owners[s]!;
      if (out[m] === undefined) out[m] = [s, s];
      else out[m]![1] = s;
    }
    return out;
  };

  it('gives 3 masters the ranges redis-cli --cluster create gives them', () => {
    expect(ranges(3)).toEqual([
      [0, 5460],
      [5461, 10922],
      [10923, 16383],
    ]);
  });

  it('covers every slot with contiguous ranges differing by at most one slot', () => {
    for (const masters of [1, 2, 5, 6, 7, 100]) {
      const r = ranges(masters);
      expect(r).toHaveLength(masters);
      expect(r[0]![0]).toBe(0);
      expect(r[masters - 1]![1]).toBe(HASH_SLOTS - 1);
      for (let i = 1; i < masters; i++) expect(r[i]![0]).toBe(r[i - 1]![1] + 1);
      const sizes = r.map(([a, b]) => b - a + 1);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('rejects a master count outside [1, 16384]', () => {
    for (const bad of [0, 1.5, HASH_SLOTS + 1]) expect(() => slotOwners(bad)).toThrow(/masters/);
  });
});
