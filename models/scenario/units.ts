/**
 * Parsers for the quantities scenario authors write the way k6 and Kubernetes users do:
 * durations (`30s`, `1m30s`, `250ms`), rates (`600/s`, `100/100ms`), CPU (`250m`), memory
 * (`256Mi`) and percentages (`70%`). Each returns a {@link UnitResult} instead of throwing, so
 * the schema layer can attach the field's path to the message.
 */

/** A parsed value, or the reason the input is not one. */
export type UnitResult = { ok: true; value: number } | { ok: false; message: string };

const ok = (value: number): UnitResult => ({ ok: true, value });
const fail = (message: string): UnitResult => ({ ok: false, message });

// k6 parses durations with Go's time.ParseDuration plus its own `d` (days) suffix
// (k6 lib/types: ParseExtendedDuration); a bare JSON number is milliseconds.
const DURATION_UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};
const DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h|d)/y;

/**
 * A duration in milliseconds: a k6/Go duration string (`500ms`, `30s`, `1m30s`, `1.5h`, `2d`)
 * or a number of milliseconds. Negative durations are refused.
 */
export function parseDurationMs(input: unknown): UnitResult {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input >= 0 ? ok(input) : fail(`must be a duration ≥ 0, got ${input}`);
  }
  if (typeof input !== 'string')
    return fail(`must be a duration such as "30s" or a number of ms, got ${typeof input}`);
  const text = input.trim();
  if (text === '0') return ok(0);
  let total = 0;
  let at = 0;
  DURATION_PART.lastIndex = 0;
  while (at < text.length) {
    DURATION_PART.lastIndex = at;
    const m = DURATION_PART.exec(text);
    if (m === null) break;
    total += Number(m[1]) * DURATION_UNIT_MS[m[2]!]!;
    at = DURATION_PART.lastIndex;
  }
  if (at === 0 || at !== text.length) {
    return fail(
      `"${input}" is not a duration: write a number with a unit (ns, us, ms, s, m, h, d), e.g. "30s" or "1m30s"`,
    );
  }
  return ok(total);
}

/**
 * A rate in events per second: `"600/s"`, `"36000/m"`, `"100/100ms"` (k6's `rate` over a
 * `timeUnit`, default 1 s), or a number meaning per second.
 */
export function parseRatePerSec(input: unknown): UnitResult {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input >= 0
      ? ok(input)
      : fail(`must be a rate ≥ 0 per second, got ${input}`);
  }
  if (typeof input !== 'string')
    return fail(`must be a rate such as "600/s" or a number per second, got ${typeof input}`);
  const slash = input.indexOf('/');
  if (slash < 0) return fail(`"${input}" is not a rate: write count/unit, e.g. "600/s" or "100/100ms"`);
  const count = Number(input.slice(0, slash).trim());
  let unit = input.slice(slash + 1).trim();
  if (/^(ns|us|µs|ms|s|m|h|d)$/.test(unit)) unit = `1${unit}`;
  const per = parseDurationMs(unit);
  if (!Number.isFinite(count) || count < 0 || input.slice(0, slash).trim() === '') {
    return fail(`"${input}" is not a rate: the count before "/" must be a number ≥ 0`);
  }
  if (!per.ok || per.value <= 0)
    return fail(`"${input}" is not a rate: the time unit after "/" must be a duration > 0`);
  return ok((count * 1000) / per.value);
}

// Kubernetes resource.Quantity suffixes (apimachinery pkg/api/resource/quantity.go): binary SI,
// decimal SI (m = milli), or a decimal exponent.
const QUANTITY_SUFFIX: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?)$/;

/** A Kubernetes quantity (`250m`, `1.5`, `256Mi`, `1G`, `1e3`) as a plain number; numbers pass through. */
export function parseQuantity(input: unknown): UnitResult {
  if (typeof input === 'number')
    return Number.isFinite(input) ? ok(input) : fail(`must be a finite quantity, got ${input}`);
  if (typeof input !== 'string')
    return fail(`must be a Kubernetes quantity such as "250m" or "256Mi", got ${typeof input}`);
  const m = QUANTITY.exec(input.trim());
  if (m === null) return fail(`"${input}" is not a Kubernetes quantity (e.g. "250m", "2", "256Mi", "1Gi")`);
  const base = Number(m[1]);
  if (m[2] !== undefined) return ok(base * 10 ** Number(m[2].slice(1)));
  return ok(base * QUANTITY_SUFFIX[m[3] ?? '']!);
}

/** CPU in cores from a Kubernetes CPU quantity: `"250m"` → 0.25, `"2"` → 2. Must be ≥ 0. */
export function parseCpuCores(input: unknown): UnitResult {
  const q = parseQuantity(input);
  if (q.ok && q.value < 0) return fail(`CPU must be ≥ 0 cores, got ${String(input)}`);
  return q;
}

/** Memory in bytes from a Kubernetes quantity: `"256Mi"` → 268435456. Must be ≥ 0. */
export function parseMemoryBytes(input: unknown): UnitResult {
  const q = parseQuantity(input);
  if (q.ok && q.value < 0) return fail(`memory must be ≥ 0 bytes, got ${String(input)}`);
  return q;
}

/**
 * A percentage as a fraction: `"70%"` → 0.7; a number is taken as a fraction in [0, 1]. A bare
 * number above 1 is refused rather than guessed at (did `70` mean 70 % or 7000 %?).
 */
export function parseFraction(input: unknown): UnitResult {
  if (typeof input === 'number') {
    if (Number.isFinite(input) && input >= 0 && input <= 1) return ok(input);
    return fail(`must be a fraction in [0, 1] or a percentage such as "70%", got ${input}`);
  }
  if (typeof input !== 'string') return fail(`must be a percentage such as "70%", got ${typeof input}`);
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*%\s*$/.exec(input);
  if (m === null) return fail(`"${input}" is not a percentage (e.g. "70%")`);
  return ok(Number(m[1]) / 100);
}
