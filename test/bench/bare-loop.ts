/**
 * The same M/M/8 model as a bare hand-written loop: a typed-array heap, Math.random, no engine,
 * no seeded streams, no histogram. It is the ceiling the engine is compared against in the same
 * run, so the ratio engine/bare is meaningful on a noisy shared machine.
 */
export function runBareMm8(customers: number): { seconds: number; meanWaitS: number } {
  const cap = 1 << 12;
  const times = new Float64Array(cap);
  const kinds = new Uint8Array(cap);
  let size = 0;
  const push = (t: number, k: number): void => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (times[p]! <= t) break;
      times[i] = times[p]!;
      kinds[i] = kinds[p]!;
      i = p;
    }
    times[i] = t;
    kinds[i] = k;
  };
  const removeTop = (): void => {
    const n = --size;
    const t = times[n]!;
    const k = kinds[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && times[c + 1]! < times[c]!) c++;
      if (t <= times[c]!) break;
      times[i] = times[c]!;
      kinds[i] = kinds[c]!;
      i = c;
    }
    times[i] = t;
    kinds[i] = k;
  };
  const qMask = (1 << 20) - 1;
  const queue = new Float64Array(qMask + 1);
  let qHead = 0;
  let qTail = 0;
  let busy = 0;
  let arrived = 0;
  let waited = 0;
  let sumWait = 0;
  const meanArrival = 1000 / 7.2;
  const meanService = 1000;
  push(0, 0);
  const started = process.hrtime.bigint();
  while (size > 0) {
    const now = times[0]!;
    const kind = kinds[0]!;
    removeTop();
    if (kind === 0) {
      if (busy < 8) {
        busy++;
        waited++;
        push(now - meanService * Math.log(1 - Math.random()), 1);
      } else {
        queue[qTail] = now;
        qTail = (qTail + 1) & qMask;
      }
      if (++arrived < customers) push(now - meanArrival * Math.log(1 - Math.random()), 0);
    } else if (qHead !== qTail) {
      sumWait += now - queue[qHead]!;
      waited++;
      qHead = (qHead + 1) & qMask;
      push(now - meanService * Math.log(1 - Math.random()), 1);
    } else {
      busy--;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, meanWaitS: sumWait / waited / 1000 };
}
