/**
 * VU-count schedules of k6's closed-model executors (`constant-vus`, `ramping-vus`), reproduced exactly.
 *
 * Sources (grafana/k6 @87883075): `lib/executor/ramping_vus.go` (`getRawExecutionSteps`,
 * `reserveVUsForGracefulRampDowns`, `GetExecutionRequirements`, `Run`), `lib/executor/vu_handle.go`,
 * `lib/executor/constant_vus.go`, `lib/executor/base_config.go`. See `README-k6-notes.md`.
 *
 * Times are computed in integer nanoseconds as in k6 and returned in ms.
 */

/** The planned number of VUs from `timeMs` (ms since the executor started) until the next step. */
export interface VuStep {
  readonly timeMs: number;
  readonly vus: number;
}

/** One ramping-vus stage: the VU count moves linearly to `target` over `durationMs`. */
export interface VuStage {
  /** ms, ≥ 0 (0 = instant jump). */
  readonly durationMs: number;
  /** VUs at the end of the stage, integer ≥ 0. */
  readonly target: number;
}

/** Options of k6's `ramping-vus` (k6 defaults: startVUs 1). */
export interface RampingVusOptions {
  /** VUs at t = 0, integer ≥ 0. */
  readonly startVUs: number;
  /** At least one stage, as k6 requires. */
  readonly stages: readonly VuStage[];
}

/** k6's `DefaultGracefulStopValue` (base_config.go), in ms. */
export const K6_DEFAULT_GRACEFUL_STOP_MS = 30_000;
/** k6's default `gracefulRampDown` of ramping-vus (ramping_vus.go), in ms. */
export const K6_DEFAULT_GRACEFUL_RAMP_DOWN_MS = 30_000;

const NS_PER_MS = 1e6;

interface StepNs {
  readonly tNs: number;
  readonly vus: number;
}

function toNs(ms: number, field: string): number {
  const ns = Math.round(ms * NS_PER_MS);
  if (!Number.isFinite(ms) || ms < 0 || !Number.isSafeInteger(ns)) {
    throw new RangeError(`${field} must be a finite number of ms ≥ 0 (and < 2^53 ns), got ${ms}`);
  }
  return ns;
}

function checkVus(n: number, field: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${field} must be an integer ≥ 0, got ${n}`);
}

/** ⌊a·b/n⌋ for non-negative integers, exact even when a·b exceeds 2^53 (k6 uses int64 here). */
function floorMulDiv(a: number, b: number, n: number): number {
  const x = a * b;
  if (!Number.isSafeInteger(x)) return Number((BigInt(a) * BigInt(b)) / BigInt(n));
  let q = Math.floor(x / n);
  const r = x - q * n; // exact: both terms are safe integers; corrects a rounded-up quotient
  if (r < 0) q -= 1;
  else if (r >= n) q += 1;
  return q;
}

const toMs = (steps: readonly StepNs[]): VuStep[] =>
  steps.map((s) => ({ timeMs: s.tNs / NS_PER_MS, vus: s.vus }));

/**
 * k6's raw steps in ns, without the end point. Within a linear stage of length d changing the count by
 * n = |target − from| ≠ 0, the j-th change (j = 1..n) happens at stageStart + d − ⌊d·(n−j)/n⌋
 * (= stageStart + ⌈j·d/n⌉): the first change comes d/n after the stage start and the last one exactly at its
 * end, for ramp-ups and ramp-downs alike. A 0-length stage jumps at its start. Equal-count stages add nothing.
 */
function rawStepsNs(o: RampingVusOptions): { steps: StepNs[]; totalNs: number } {
  checkVus(o.startVUs, 'startVUs');
  if (o.stages.length === 0) throw new RangeError('stages must contain at least one stage');
  const steps: StepNs[] = [{ tNs: 0, vus: o.startVUs }];
  let from = o.startVUs;
  let stageStartNs = 0;
  o.stages.forEach((s, idx) => {
    checkVus(s.target, `stages[${idx}].target`);
    const durNs = toNs(s.durationMs, `stages[${idx}].durationMs`);
    const stageEndNs = stageStartNs + durNs;
    const n = Math.abs(s.target - from);
    if (n > 0 && durNs === 0) {
      steps.push({ tNs: stageEndNs, vus: s.target });
    } else if (n > 0) {
      const dir = Math.sign(s.target - from);
      for (let j = 1; j <= n; j++) {
        steps.push({ tNs: stageEndNs - floorMulDiv(durNs, n - j, n), vus: from + dir * j });
      }
    }
    from = s.target;
    stageStartNs = stageEndNs;
  });
  if (!Number.isSafeInteger(stageStartNs)) throw new RangeError('sum of stages[].durationMs is too large');
  return { steps, totalNs: stageStartNs };
}

/**
 * k6's planned number of active VUs of `ramping-vus` over time (`getRawExecutionSteps(et, zeroEnd=true)`
 * for an unsegmented run): first step at t = 0 with `startVUs`, then one step per ±1 change (see the module
 * notes for the exact times), then `{ totalMs, 0 }` unless the count is already 0.
 *
 * Invariants: `timeMs` is non-decreasing and starts at 0; consecutive `vus` differ; several steps may share
 * a `timeMs` (0-length stages, or a ramp shorter than its VU change in ns), the last one is in effect. The
 * last step (0 VUs) marks the end of k6's regular duration, which is earlier than the sum of the stage
 * durations when the VUs reach 0 before the last stage ends. Running VUs above the planned count get a
 * graceful stop (highest VU numbers first); see {@link rampingVusMaxAllowedSteps} for when they are cut.
 * @throws RangeError if `startVUs` or a `target` is not an integer ≥ 0, a `durationMs` is negative or not
 *   finite, or `stages` is empty.
 */
export function rampingVusSteps(o: RampingVusOptions): VuStep[] {
  const { steps, totalNs } = rawStepsNs(o);
  const last = steps[steps.length - 1];
  if (last !== undefined && last.vus !== 0) steps.push({ tNs: totalNs, vus: 0 });
  return toMs(steps);
}

/**
 * The number of VUs k6 still lets run (finishing an iteration) over time, for `ramping-vus`: the planned
 * count extended by `gracefulRampDownMs` after every decrease, cut to 0 at total + `gracefulStopMs`
 * (`GetExecutionRequirements`). A VU numbered v (1-based) is gracefully stopped when the planned count drops
 * below v: it finishes its current iteration and starts no new one, and resumes without interruption if the
 * planned count is back to ≥ v first. Its iteration is interrupted when this allowed count drops below v.
 *
 * Computed as allowed(t) = max of the planned count (without the end point) over [t − gracefulRampDown, t],
 * for t < total + gracefulStop. This equals k6's steps as a step function in ordinary schedules (checked on
 * k6's own example); it merges same-time steps, and it differs from k6 when a sharp drop is followed within
 * gracefulRampDown by a partial rise, where k6's lookahead emits steps out of time order (see README).
 * The last step is the executor's hard end (0 VUs), possibly before total + gracefulStop.
 * @throws RangeError as {@link rampingVusSteps}, or if a grace period is negative or not finite.
 */
export function rampingVusMaxAllowedSteps(
  o: RampingVusOptions & { readonly gracefulRampDownMs?: number; readonly gracefulStopMs?: number },
): VuStep[] {
  const { steps: raw, totalNs } = rawStepsNs(o);
  const graceNs = toNs(o.gracefulRampDownMs ?? K6_DEFAULT_GRACEFUL_RAMP_DOWN_MS, 'gracefulRampDownMs');
  const endNs = totalNs + toNs(o.gracefulStopMs ?? K6_DEFAULT_GRACEFUL_STOP_MS, 'gracefulStopMs');
  // Raw step k holds on [t_k, t_{k+1}); it counts at time T while t_k ≤ T < t_{k+1} + grace (the last step
  // never expires). Sliding-window maximum with a monotonic deque of indices (values decreasing).
  const deque: number[] = [];
  let head = 0;
  let entered = 0; // raw steps [0, entered) have entered the window
  let expired = 0; // raw steps [0, expired) have left it
  const out: StepNs[] = [];
  const vusOf = (k: number): number => raw[k]?.vus ?? 0;
  const expiryOf = (k: number): number => (raw[k + 1]?.tNs ?? Infinity) + graceNs;
  for (;;) {
    const tNs = Math.min(raw[entered]?.tNs ?? Infinity, expiryOf(expired));
    if (tNs >= endNs) break;
    for (let t = raw[entered]?.tNs; t !== undefined && t <= tNs; t = raw[entered]?.tNs) {
      while (deque.length > head && vusOf(deque[deque.length - 1] ?? 0) <= vusOf(entered)) deque.pop();
      deque.push(entered++);
    }
    while (expired < entered && expiryOf(expired) <= tNs) expired++;
    while (head < deque.length && (deque[head] ?? 0) < expired) head++;
    const vus = head < deque.length ? vusOf(deque[head] ?? 0) : 0;
    if (out[out.length - 1]?.vus !== vus) out.push({ tNs, vus });
  }
  if (out[out.length - 1]?.vus !== 0) out.push({ tNs: endNs, vus: 0 });
  return toMs(out);
}

/**
 * `constant-vus` plan: all `vus` start at t = 0 and loop until `durationMs`
 * (`[{0, vus}, {durationMs, 0}]`); iterations still running then get `gracefulStopMs` more before they are
 * interrupted (see {@link constantVusMaxAllowedSteps}).
 * @throws RangeError if `vus` is not an integer ≥ 0 or `durationMs` is negative or not finite.
 */
export function constantVusSteps(o: { readonly vus: number; readonly durationMs: number }): VuStep[] {
  checkVus(o.vus, 'vus');
  const durNs = toNs(o.durationMs, 'durationMs');
  return toMs([
    { tNs: 0, vus: o.vus },
    { tNs: durNs, vus: 0 },
  ]);
}

/**
 * `constant-vus` VUs allowed to run: `vus` until `durationMs + gracefulStopMs` (k6 default 30 000), then 0.
 * @throws RangeError as {@link constantVusSteps}, or if `gracefulStopMs` is negative or not finite.
 */
export function constantVusMaxAllowedSteps(o: {
  readonly vus: number;
  readonly durationMs: number;
  readonly gracefulStopMs?: number;
}): VuStep[] {
  checkVus(o.vus, 'vus');
  const endNs =
    toNs(o.durationMs, 'durationMs') +
    toNs(o.gracefulStopMs ?? K6_DEFAULT_GRACEFUL_STOP_MS, 'gracefulStopMs');
  return toMs([
    { tNs: 0, vus: o.vus },
    { tNs: endNs, vus: 0 },
  ]);
}

/**
 * Value of a step function at `tMs`: the `vus` of the last step with `timeMs ≤ tMs` (0 before the first).
 * Binary search, O(log n). `steps` must have non-decreasing `timeMs` (as every function here returns).
 * @throws RangeError if `tMs` is NaN.
 */
export function vusAt(steps: readonly VuStep[], tMs: number): number {
  if (Number.isNaN(tMs)) throw new RangeError('tMs must be a number, got NaN');
  let lo = 0;
  let hi = steps.length; // invariant: steps[< lo].timeMs ≤ tMs < steps[≥ hi].timeMs
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((steps[mid]?.timeMs ?? Infinity) <= tMs) lo = mid + 1;
    else hi = mid;
  }
  return steps[lo - 1]?.vus ?? 0;
}
