import seedrandom from 'seedrandom';
import type { RandomSource } from './source.js';

/**
 * A uniform [0, 1) source running Brent's xorgens4096 exactly as seedrandom's `xor4096` does —
 * same seeding, same output sequence, bit for bit — but stepping its 128-word state in an
 * Int32Array inside one closure.
 *
 * Why not call seedrandom's generator directly: it keeps the state in a plain array of 32-bit
 * integers (which V8 stores as doubles, since most exceed the small-integer range) and goes
 * through two calls per draw; the random streams sit on every simulation hot path, and this
 * form is about twice as fast. seedrandom still does the seeding (its string-mixing
 * initialisation), so streams stay defined by seedrandom's algorithm.
 * @param seed the seed string, as given to `seedrandom.xor4096`.
 */
export function xor4096Source(seed: string): RandomSource {
  const initial = (
    seedrandom.xor4096(seed, { state: true }) as seedrandom.PRNG & { state(): Xor4096State }
  ).state();
  // The 128 state words, then the step index i at [128] and the Weyl counter w at [129]: in the
  // typed array they are untagged 32-bit integers, where closure variables would be tagged
  // values that V8 checks and converts on every draw.
  const x = new Int32Array(130);
  x.set(initial.X);
  x[128] = initial.i;
  x[129] = initial.w;
  return () => {
    // One step of xorgens4096 (r = 128, s = 95, shifts 13/15 and 17/12) plus a Weyl sequence.
    const w = (x[129]! + 0x61c88647) | 0;
    x[129] = w;
    const i = (x[128]! + 1) & 127;
    x[128] = i;
    let v = x[(i + 33) & 127]!;
    let t = x[i]!;
    v ^= v << 13;
    t ^= t << 17;
    v ^= v >>> 15;
    t ^= t >>> 12;
    v ^= t;
    x[i] = v;
    // seedrandom returns ((v + (w ^ (w >>> 16))) | 0) >>> 0 over 2^32; `>>> 0` alone is the same
    // number, since both apply ToUint32 to an exact sum of two 32-bit integers.
    return ((v + (w ^ (w >>> 16))) >>> 0) / 0x100000000;
  };
}

/** The state seedrandom exports for xor4096 with `{ state: true }`. */
interface Xor4096State {
  X: number[];
  i: number;
  w: number;
}
