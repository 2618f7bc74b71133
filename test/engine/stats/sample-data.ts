// Deterministic sample generators for the statistics tests (never Math.random).

/** mulberry32 (Tommy Ettinger): a tiny 32-bit PRNG returning uniforms in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller (one of the pair is discarded; speed is irrelevant here). */
export function standardNormal(uniform: () => number): number {
  const u1 = 1 - uniform(); // (0, 1]: keeps log finite
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * uniform());
}

/** `n` values produced by `draw`. */
export function sample(n: number, draw: () => number): number[] {
  return Array.from({ length: n }, draw);
}

/** Exact nearest-rank quantile, the rank definition LatencyHistogram documents: rank max(1, ceil(q·n)). */
export function exactQuantile(sorted: readonly number[], q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

/** |estimate − exact| / exact, with 0 when both are 0 (and Infinity if only the exact value is 0). */
export function relativeError(estimate: number, exact: number): number {
  if (exact === 0) return estimate === 0 ? 0 : Infinity;
  return Math.abs(estimate - exact) / Math.abs(exact);
}
