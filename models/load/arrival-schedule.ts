/**
 * Iteration start times of k6's open-model executors (`constant-arrival-rate`, `ramping-arrival-rate`),
 * reproduced exactly: same float64 operations in the same order, same nanosecond truncation.
 *
 * Sources (grafana/k6 @87883075): `lib/executor/ramping_arrival_rate.go` (`cal`, `Run`),
 * `lib/executor/constant_arrival_rate.go` (`Run`), `lib/executor/helpers.go` (`getTickerPeriod`,
 * `getDurationContexts`). See `README-k6-notes.md` next to this file.
 *
 * k6 keeps times as int64 nanoseconds; we do the same internally (integers stored in `number`, exact below
 * 2^53 ns ≈ 104 days) and only convert to milliseconds on output.
 */

/** One ramping-arrival-rate stage: the rate moves linearly to `target` over `durationMs`. */
export interface RateStage {
  /** Stage length in ms (≥ 0; 0 = instant jump to `target`). */
  readonly durationMs: number;
  /** Rate reached at the end of the stage, in iterations per `timeUnitMs` (≥ 0). */
  readonly target: number;
}

/** Successive iteration start times of one schedule. */
export interface StartTimes {
  /**
   * Next start time in ms since the executor started. Non-decreasing; once the schedule is exhausted it
   * returns `Infinity` on this and every later call. O(1) time and memory per call.
   */
  next(): number;
}

/** Options of k6's `constant-arrival-rate` (units in the names). */
export interface ConstantArrivalOptions {
  /** Iterations per `timeUnitMs` (> 0). k6 only accepts integers; other values use the same float math. */
  readonly rate: number;
  /** k6 `timeUnit` in ms (> 0; k6 default 1000). */
  readonly timeUnitMs: number;
  /** k6 `duration` in ms (> 0; k6 itself requires ≥ 1000). */
  readonly durationMs: number;
}

/** Options of k6's `ramping-arrival-rate` (units in the names). */
export interface RampingArrivalOptions {
  /** Rate at t = 0 in iterations per `timeUnitMs` (≥ 0; k6 default 0). */
  readonly startRate: number;
  /** k6 `timeUnit` in ms (> 0; k6 default 1000). */
  readonly timeUnitMs: number;
  /** At least one stage, as k6 requires. */
  readonly stages: readonly RateStage[];
}

/**
 * How many starts a schedule contains.
 * `scheduled` counts every start k6 computes, including one due exactly at the end of the executor's
 * duration; that one races with the end-of-duration context in k6 and is usually not started (see the
 * README). `dueBeforeEnd` counts starts strictly before the end: exactly what {@link StartTimes} yields.
 */
export interface ArrivalCount {
  readonly scheduled: number;
  readonly dueBeforeEnd: number;
}

const NS_PER_MS = 1e6;

/** ms → integer ns as k6's `time.Duration`; rounding absorbs the binary error of fractional ms. */
function toNs(ms: number, field: string, allowZero: boolean): number {
  if (!Number.isFinite(ms) || ms < 0 || (!allowZero && ms === 0)) {
    throw new RangeError(`${field} must be a finite number ${allowZero ? '≥ 0' : '> 0'} (ms), got ${ms}`);
  }
  const ns = Math.round(ms * NS_PER_MS);
  if (!Number.isSafeInteger(ns)) throw new RangeError(`${field} is too large: ${ms} ms`);
  if (!allowZero && ns === 0) throw new RangeError(`${field} must be at least 1 ns, got ${ms} ms`);
  return ns;
}

function checkRate(value: number, field: string, allowZero: boolean): void {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RangeError(`${field} must be a finite number ${allowZero ? '≥ 0' : '> 0'}, got ${value}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// constant-arrival-rate

/**
 * k6's tick period in integer ns: the float64 nearest to timeUnit/rate (what `big.Rat.Float64` returns,
 * and what one IEEE division of two exactly representable integers returns), truncated by `time.Duration`.
 */
function constantPeriodNs(o: ConstantArrivalOptions): { periodNs: number; durationNs: number } {
  checkRate(o.rate, 'rate', false);
  const timeUnitNs = toNs(o.timeUnitMs, 'timeUnitMs', false);
  const durationNs = toNs(o.durationMs, 'durationMs', false);
  const periodNs = Math.trunc(timeUnitNs / o.rate);
  if (periodNs < 1) {
    throw new RangeError(`rate ${o.rate} per ${o.timeUnitMs} ms gives a k6 tick period under 1 ns`);
  }
  return { periodNs, durationNs };
}

/**
 * Start times of k6's `constant-arrival-rate`: k·period for k = 0, 1, … while k·period < duration, where
 * period = trunc(timeUnit/rate) in ns. The first start is at t = 0. A start due exactly at `durationMs`
 * is not yielded (k6 races it against the end of the duration). Times are in ms.
 * @throws RangeError if `rate`, `timeUnitMs` or `durationMs` is not a finite number > 0, or the period is
 *   below 1 ns.
 */
export function constantArrivalStarts(o: ConstantArrivalOptions): StartTimes {
  const { periodNs, durationNs } = constantPeriodNs(o);
  let k = 0;
  return {
    next(): number {
      const tNs = k * periodNs;
      if (tNs >= durationNs) return Infinity;
      k += 1;
      return tNs / NS_PER_MS;
    },
  };
}

/**
 * Number of `constant-arrival-rate` starts: `scheduled` = #{k ≥ 0 : k·period ≤ duration},
 * `dueBeforeEnd` = #{k ≥ 0 : k·period < duration} (what {@link constantArrivalStarts} yields).
 * @throws RangeError as {@link constantArrivalStarts}.
 */
export function constantArrivalIterationCount(o: ConstantArrivalOptions): ArrivalCount {
  const { periodNs, durationNs } = constantPeriodNs(o);
  let periods = Math.floor(durationNs / periodNs);
  // The float quotient can round up to the next integer; fix it with exact integer products.
  if (periods * periodNs > durationNs) periods -= 1;
  const scheduled = periods + 1;
  return { scheduled, dueBeforeEnd: durationNs % periodNs === 0 ? scheduled - 1 : scheduled };
}

// ---------------------------------------------------------------------------------------------------------
// ramping-arrival-rate

/** One stage with k6's float64 state, precomputed once (rates are per ns, as in `cal`). */
interface RampStage {
  readonly startNs: number;
  readonly durNs: number; // float64(stage.Duration) in k6; an exact integer here
  readonly from: number;
  readonly to: number;
  readonly doneSoFar: number; // area (iterations) before this stage, k6's float accumulation
  readonly endCount: number; // area up to the end of this stage
}

interface RampPlan {
  readonly stages: readonly RampStage[];
  readonly totalNs: number;
  readonly scheduled: number;
}

function planRamp(o: RampingArrivalOptions): RampPlan {
  checkRate(o.startRate, 'startRate', true);
  const timeUnit = toNs(o.timeUnitMs, 'timeUnitMs', false);
  if (o.stages.length === 0) throw new RangeError('stages must contain at least one stage');
  const stages: RampStage[] = [];
  let startNs = 0;
  let from = o.startRate / timeUnit;
  let endCount = 0;
  o.stages.forEach((s, idx) => {
    checkRate(s.target, `stages[${idx}].target`, true);
    const durNs = toNs(s.durationMs, `stages[${idx}].durationMs`, true);
    const to = s.target / timeUnit;
    const doneSoFar = endCount;
    // Same expressions as k6's `cal`, so the float64 rounding (and hence the count) is identical.
    endCount += from !== to ? durNs * ((to - from) / 2 + from) : durNs * to;
    stages.push({ startNs, durNs, from, to, doneSoFar, endCount });
    from = to;
    startNs += durNs;
  });
  if (!Number.isSafeInteger(startNs)) throw new RangeError('sum of stages[].durationMs is too large');
  // `cal` emits every integer i = 1, 2, … with i ≤ endCount (endCount never decreases).
  const scheduled = Math.max(0, Math.floor(endCount));
  if (!Number.isSafeInteger(scheduled)) throw new RangeError('the schedule has too many iterations');
  return { stages, totalNs: startNs, scheduled };
}

/**
 * Start of iteration `i` (1-based) within stage `s`, in integer ns, exactly as `cal`: the time at which the
 * area under the rate reaches i, truncated toward zero (`time.Duration(x)`), plus the stage start.
 */
function startNsOf(s: RampStage, i: number): number {
  const { from, to, durNs: dur } = s;
  if (from === to) return Math.trunc((i - s.doneSoFar) / to) + s.startNs;
  // k6's `noNegativeSqrt` maps tiny negative rounding residues to 0.
  const inner = dur * (from * from * dur + 2 * (i - s.doneSoFar) * (to - from));
  const x = (from * dur - (inner > 0 ? Math.sqrt(inner) : 0)) / (from - to);
  return Math.trunc(x) + s.startNs;
}

class RampingStarts implements StartTimes {
  private stageIdx = 0;
  private i = 1; // k6 counts areas from 1: iteration i starts when the area reaches i
  private lastNs = 0;
  private done = false;

  constructor(private readonly plan: RampPlan) {}

  next(): number {
    if (this.done) return Infinity;
    const { stages } = this.plan;
    let s = stages[this.stageIdx];
    while (s !== undefined && this.i > s.endCount) s = stages[++this.stageIdx];
    if (s === undefined) return this.finish();
    // k6's Run loop starts a time that is already past immediately, so a 1-ns float regression between
    // consecutive starts behaves as "same time"; clamping keeps the output non-decreasing the same way.
    const tNs = Math.max(this.lastNs, startNsOf(s, this.i));
    if (tNs >= this.plan.totalNs) return this.finish();
    this.i += 1;
    this.lastNs = tNs;
    return tNs / NS_PER_MS;
  }

  private finish(): number {
    this.done = true;
    return Infinity;
  }
}

/**
 * Start times of k6's `ramping-arrival-rate` (`RampingArrivalRateConfig.cal`), in ms.
 * Iteration i = 1, 2, … starts when the integral of the piecewise-linear rate reaches i, so the first start
 * is after t = 0 even when `startRate` > 0 (at 1/startRate for a flat start). Starts due at or after the
 * end of the last stage are not yielded: k6 stops starting iterations when the duration ends and a start
 * due exactly then usually loses that race. Hence the generator yields
 * {@link rampingArrivalIterationCount}`(o).dueBeforeEnd` times, then `Infinity`.
 * @throws RangeError if `startRate` or a `target` is negative or not finite, `timeUnitMs` is not > 0, a
 *   `durationMs` is negative or not finite, or `stages` is empty.
 */
export function rampingArrivalStarts(o: RampingArrivalOptions): StartTimes {
  return new RampingStarts(planRamp(o));
}

/**
 * Number of `ramping-arrival-rate` starts. `scheduled` = ⌊area⌋ with k6's float64 accumulation (what `cal`
 * emits); `dueBeforeEnd` drops the trailing starts computed at or after the end (normally 0 or 1 start),
 * i.e. what {@link rampingArrivalStarts} yields. O(number of stages).
 * @throws RangeError as {@link rampingArrivalStarts}.
 */
export function rampingArrivalIterationCount(o: RampingArrivalOptions): ArrivalCount {
  const plan = planRamp(o);
  let dueBeforeEnd = plan.scheduled;
  let idx = plan.stages.length - 1;
  // Times within a stage are non-decreasing, so starts at/after the end form a suffix: walk it backwards.
  while (dueBeforeEnd > 0) {
    let s = plan.stages[idx];
    while (s !== undefined && dueBeforeEnd <= s.doneSoFar) s = plan.stages[--idx];
    if (s === undefined || startNsOf(s, dueBeforeEnd) < plan.totalNs) break;
    dueBeforeEnd -= 1;
  }
  return { scheduled: plan.scheduled, dueBeforeEnd };
}

/**
 * Instantaneous planned rate of a ramping schedule at `tMs`, in iterations per second (linear within a
 * stage; a zero-length stage is an instant jump). Returns 0 outside [0, total duration).
 * @throws RangeError on invalid options (as {@link rampingArrivalStarts}) or a non-finite `tMs`.
 */
export function arrivalRateAt(o: RampingArrivalOptions, tMs: number): number {
  if (!Number.isFinite(tMs)) throw new RangeError(`tMs must be finite, got ${tMs}`);
  planRamp(o); // validation only
  if (tMs < 0) return 0;
  // Interpolate in the user's units (not k6's per-ns floats) so that e.g. 100/s reads back as exactly 100.
  let startMs = 0;
  let from = o.startRate;
  for (const s of o.stages) {
    if (tMs < startMs + s.durationMs) {
      const rate = from + ((s.target - from) * (tMs - startMs)) / s.durationMs;
      return (rate * 1000) / o.timeUnitMs;
    }
    startMs += s.durationMs;
    from = s.target;
  }
  return 0;
}
