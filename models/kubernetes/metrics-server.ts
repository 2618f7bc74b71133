/**
 * metrics-server: the periodic scrape that feeds the resource metrics API (`kubectl top`, the HPA's
 * CPU and memory metrics), plus per-pod custom counters read the same way.
 *
 * Sources (kubernetes-sigs/metrics-server @5ed5d3a2, read in full for these files; paraphrased):
 * - `cmd/metrics-server/app/options/options.go`: `MetricResolution` defaults to 60 s; values below
 *   10 s are rejected.
 * - `manifests/base/deployment.yaml`: the project's deployment passes `--metric-resolution=15s`.
 * - `FAQ.md`: CPU is a rate over a cumulative CPU counter, with its window exposed in the API's
 *   `window` field; memory is the working set at the instant of collection; resolutions below 15 s
 *   are discouraged because the kubelet computes its metrics at that resolution.
 * - `pkg/server/server.go` (`runScrape`, `tick`): one scrape at start-up, then one per resolution on
 *   a ticker; the storage is replaced after each scrape.
 * - `pkg/storage/pod.go` (`Store`, `GetMetrics`) and `pkg/storage/types.go` (`resourceUsage`): the
 *   storage keeps the last and the previous point per container; usage = (last cumulative CPU −
 *   previous) / (last timestamp − previous timestamp), window = that difference, timestamp = the
 *   last point's; a pod has no metrics until it has both points. A freshly started container is
 *   the exception: if the new point is at least `freshContainerMinMetricsResolution` (10 s) and less
 *   than the resolution after the container's start time, the start time with zero CPU stands in
 *   for the previous point, so the first scrape after the start already yields a sample.
 * - `pkg/scraper/scraper.go`: each node's scrape is delayed by a random 0–8 ms per node (at most
 *   4 s) to spread the load; not modelled.
 */
import type { Environment } from '../../engine/index.js';

/**
 * metrics-server binary default `--metric-resolution` (ms): 60 s (`options.go`, `MetricResolution:
 * 60 * time.Second`; FAQ "How often metrics are scraped?").
 */
export const METRIC_RESOLUTION_BINARY_DEFAULT_MS = 60_000;

/**
 * `--metric-resolution` of the project's own manifest (ms): 15 s (`manifests/base/deployment.yaml`).
 * The default of {@link MetricsServer}, since clusters install metrics-server from that manifest or
 * a chart derived from it.
 */
export const METRIC_RESOLUTION_MANIFEST_MS = 15_000;

/**
 * Shortest span (ms) from a container's start to its first scraped point for which metrics-server
 * uses the start as the previous point (`freshContainerMinMetricsResolution`, `pkg/storage/pod.go`).
 */
export const FRESH_CONTAINER_MIN_WINDOW_MS = 10_000;

/** A pod-provided reading at simulation time `nowMs` (called only with the current time). */
export type MetricReader = (nowMs: number) => number;

/** What a pod exposes to {@link MetricsServer.register}. */
export interface PodMetricSources {
  /**
   * Cumulative CPU time used by the pod up to `nowMs` (core·ms): ∫ cores in use dt, as cgroup
   * `cpuacct`/`cpu.stat` counts it. Finite and non-decreasing over successive calls.
   */
  cpuCoreMsAt: MetricReader;
  /** Memory working set at `nowMs` (bytes); finite and ≥ 0. */
  memoryBytesAt: MetricReader;
  /**
   * Custom cumulative counters by name (e.g. `requests`: requests received so far). Each sample
   * reports its rate **per second** over the sample's window. Finite and non-decreasing.
   */
  counters?: Readonly<Record<string, MetricReader>>;
}

/** One pod's metrics, as the resource metrics API would serve them between two scrapes. */
export interface PodMetricsSample {
  /** Simulation time (ms) of the scrape that produced the sample: the window's end. */
  readonly timestampMs: number;
  /** Length (ms) of the window the rates were taken over; > 0. */
  readonly windowMs: number;
  /** Mean CPU usage over the window (millicores; 500 = half a core). Not rounded. */
  readonly cpuMillicores: number;
  /** Working set at `timestampMs` (bytes). */
  readonly memoryBytes: number;
  /** Mean rate of each custom counter over the window (units per second), by counter name. */
  readonly custom: Readonly<Record<string, number>>;
}

/** Options of a {@link MetricsServer}; all optional. */
export interface MetricsServerOptions {
  /**
   * Time (ms) between scrapes (`--metric-resolution`); finite and > 0. Default 15 000
   * ({@link METRIC_RESOLUTION_MANIFEST_MS}). metrics-server itself rejects values below 10 s; this
   * class does not, but the fresh-container rule never applies at or below 10 s.
   */
  resolutionMs?: number;
  /**
   * Time (ms) of the first scrape; later scrapes follow every `resolutionMs`. Finite and ≥ the
   * construction time, which is the default (metrics-server scrapes once at start-up). The
   * simulation passes a sampled phase.
   */
  offsetMs?: number;
  /**
   * Rate window (ms); a positive integer multiple of `resolutionMs`, default `resolutionMs`. The
   * default is metrics-server's behaviour: a rate between two consecutive scrapes. A longer window
   * (k scrapes) is a capsim extension, e.g. for a custom metric computed by a Prometheus-style
   * rate over several scrapes; with fewer than k earlier points the oldest point available is used
   * and `windowMs` reports the shorter span.
   */
  windowMs?: number;
}

// A pod's counters read at one time.
interface Reading {
  readonly t: number;
  readonly cpu: number;
  readonly counters: readonly number[];
}

interface PodEntry {
  readonly id: number;
  readonly sources: PodMetricSources;
  readonly names: readonly string[];
  readonly readers: readonly MetricReader[];
  /** Reading at registration (container start). */
  readonly start: Reading;
  /** Readings of the last scrapes, oldest first, at most `windowMs / resolutionMs`. */
  readonly history: Reading[];
  latest: PodMetricsSample | undefined;
}

/**
 * A metrics-server scraping the registered pods every `resolutionMs`, from `offsetMs` on.
 *
 * At each scrape at time T, for every registered pod (in registration order): the pod's
 * cumulative CPU and custom counters and its working set are read at T; the sample's rates are
 * (value at T − value at the window's start) / window, the window's start being the pod's reading
 * k = `windowMs / resolutionMs` scrapes earlier. A pod without such a reading gets:
 * - the **container-start point** (its reading at `register`) if 10 s ≤ T − start < `windowMs`: the
 *   fresh-container rule (`pkg/storage/pod.go`), so with the default window the first scrape after
 *   the start yields a sample when it comes at least 10 s after the start, over the window
 *   [start, T];
 * - else its oldest reading, if any (only when k > 1);
 * - else **no sample**: {@link MetricsServer.latest} returns undefined until the next scrape. With
 *   the 15 s default, a container started less than 10 s before the first scrape has its first
 *   sample one scrape later, over a full window.
 *
 * A sample replaces the previous one and is what the metrics API serves until the next scrape.
 * `register` at the very instant of a scrape behaves the same whether the scrape event runs before
 * or after it: the start point is then that scrape's point (a zero-length span, so no sample yet).
 *
 * Simplifications: the kubelet's own sampling (cAdvisor housekeeping or CRI stats, which may make a
 * point up to ~10–15 s older than the scrape [not verified here]), the scrape's duration and its
 * per-node stagger are not modelled: every point is taken at the scrape instant and served at once.
 * Values are not rounded (metrics-server truncates CPU to whole nanocores; consumers such as the
 * HPA round to millicores themselves).
 *
 * Events: scrapes are scheduled only while some pod is registered (the grid is kept while idle, so
 * the phase never drifts), and never after {@link MetricsServer.stop}.
 *
 * Errors: `register` throws `Error` for an id already registered, `TypeError` for a missing reader;
 * a scrape throws `Error` if a reader returns a non-finite value or a cumulative counter decreases.
 */
export class MetricsServer {
  readonly #env: Environment;
  readonly #resolutionMs: number;
  readonly #offsetMs: number;
  readonly #windowMs: number;
  readonly #k: number;
  readonly #pods = new Map<number, PodEntry>();
  #scrapes = 0;
  #lastScrapeMs = -Infinity;
  #armed = false;
  #stopped = false;
  readonly #onScrape = (): void => this.#scrape();

  /** @throws RangeError naming the field if an option is out of range. */
  constructor(env: Environment, options: MetricsServerOptions = {}) {
    const resolutionMs = options.resolutionMs ?? METRIC_RESOLUTION_MANIFEST_MS;
    const offsetMs = options.offsetMs ?? env.now;
    const windowMs = options.windowMs ?? resolutionMs;
    if (!(resolutionMs > 0) || resolutionMs === Infinity)
      throw new RangeError(`MetricsServer: resolutionMs must be a finite number > 0, got ${resolutionMs}`);
    if (!(offsetMs >= env.now) || offsetMs === Infinity)
      throw new RangeError(
        `MetricsServer: offsetMs must be finite and ≥ now (${env.now} ms), got ${offsetMs}`,
      );
    const k = Math.round(windowMs / resolutionMs);
    if (!(k >= 1) || Math.abs(k * resolutionMs - windowMs) > 1e-9 * windowMs)
      throw new RangeError(
        `MetricsServer: windowMs must be a positive integer multiple of resolutionMs (${resolutionMs}), got ${windowMs}`,
      );
    this.#env = env;
    this.#resolutionMs = resolutionMs;
    this.#offsetMs = offsetMs;
    this.#windowMs = windowMs;
    this.#k = k;
  }

  /** Time between scrapes (ms). */
  get resolutionMs(): number {
    return this.#resolutionMs;
  }

  /** Rate window (ms). */
  get windowMs(): number {
    return this.#windowMs;
  }

  /** Scrapes run so far. */
  get scrapes(): number {
    return this.#scrapes;
  }

  /**
   * Starts scraping pod `podId`, whose container starts now: its counters are read at once as the
   * start point. No sample exists before the next scrape (see the class notes for when the first
   * one appears).
   * @throws Error if `podId` is already registered; TypeError if a reader is not a function.
   */
  register(podId: number, sources: PodMetricSources): void {
    if (this.#pods.has(podId)) throw new Error(`MetricsServer: pod ${podId} is already registered`);
    if (typeof sources.cpuCoreMsAt !== 'function')
      throw new TypeError(`MetricsServer: pod ${podId}: cpuCoreMsAt must be a function`);
    if (typeof sources.memoryBytesAt !== 'function')
      throw new TypeError(`MetricsServer: pod ${podId}: memoryBytesAt must be a function`);
    const counters = sources.counters ?? {};
    const names = Object.keys(counters);
    const readers = names.map((name) => {
      const reader = counters[name];
      if (typeof reader !== 'function')
        throw new TypeError(`MetricsServer: pod ${podId}: counter ${name} must be a function`);
      return reader;
    });
    const now = this.#env.now;
    const pod = { id: podId, sources, names, readers };
    const start = readPod(pod, now);
    const entry: PodEntry = { ...pod, start, history: [], latest: undefined };
    // A scrape already ran at this instant: count the start point as that scrape's point.
    if (this.#lastScrapeMs === now) entry.history.push(start);
    this.#pods.set(podId, entry);
    this.#arm();
  }

  /**
   * Stops scraping pod `podId` (container stopped or pod deleted); its sample is dropped at once.
   * @returns false if the pod was not registered.
   */
  unregister(podId: number): boolean {
    return this.#pods.delete(podId);
  }

  /** The most recent sample of pod `podId`, or undefined if it has none (see the class notes). */
  latest(podId: number): PodMetricsSample | undefined {
    return this.#pods.get(podId)?.latest;
  }

  /** Stops scraping for good; samples already taken stay readable. */
  stop(): void {
    this.#stopped = true;
  }

  // Schedules the next scrape on the grid (strictly after any scrape that already ran at this
  // instant) unless one is pending, scraping is stopped, or no pod is registered.
  #arm(): void {
    if (this.#armed || this.#stopped || this.#pods.size === 0) return;
    const now = this.#env.now;
    const res = this.#resolutionMs;
    let n = Math.max(0, Math.ceil((now - this.#offsetMs) / res));
    let t = this.#offsetMs + n * res;
    while (t < now || t <= this.#lastScrapeMs) t = this.#offsetMs + ++n * res;
    this.#armed = true;
    this.#env.scheduleAt(t, this.#onScrape);
  }

  #scrape(): void {
    this.#armed = false;
    if (this.#stopped) return;
    const now = this.#env.now;
    this.#lastScrapeMs = now;
    this.#scrapes++;
    for (const entry of this.#pods.values()) this.#sample(entry, now);
    this.#arm();
  }

  #sample(entry: PodEntry, now: number): void {
    const reading = readPod(entry, now);
    const history = entry.history;
    let base: Reading | undefined;
    if (history.length >= this.#k) base = history[history.length - this.#k];
    else {
      const age = now - entry.start.t;
      if (age >= FRESH_CONTAINER_MIN_WINDOW_MS && age < this.#windowMs) base = entry.start;
      else base = history[0];
    }
    history.push(reading);
    if (history.length > this.#k) history.shift();
    const windowMs = base === undefined ? 0 : now - base.t;
    if (base === undefined || !(windowMs > 0)) {
      entry.latest = undefined;
      return;
    }
    const custom: Record<string, number> = {};
    for (let i = 0; i < entry.names.length; i++) {
      const delta = reading.counters[i]! - base.counters[i]!;
      if (delta < 0)
        throw new Error(
          `MetricsServer: pod ${entry.id}: counter ${entry.names[i]} decreased (${base.counters[i]} → ${reading.counters[i]})`,
        );
      custom[entry.names[i]!] = (delta * 1000) / windowMs;
    }
    const cpuDelta = reading.cpu - base.cpu;
    if (cpuDelta < 0)
      throw new Error(`MetricsServer: pod ${entry.id}: cpuCoreMsAt decreased (${base.cpu} → ${reading.cpu})`);
    const memoryBytes = entry.sources.memoryBytesAt(now);
    if (!(memoryBytes >= 0) || memoryBytes === Infinity)
      throw new Error(`MetricsServer: pod ${entry.id}: memoryBytesAt returned ${memoryBytes}`);
    entry.latest = {
      timestampMs: now,
      windowMs,
      cpuMillicores: (cpuDelta * 1000) / windowMs,
      memoryBytes,
      custom,
    };
  }
}

// Reads a pod's cumulative counters at `now`.
function readPod(pod: Pick<PodEntry, 'id' | 'sources' | 'names' | 'readers'>, now: number): Reading {
  const cpu = pod.sources.cpuCoreMsAt(now);
  if (!Number.isFinite(cpu)) throw new Error(`MetricsServer: pod ${pod.id}: cpuCoreMsAt returned ${cpu}`);
  const counters = pod.readers.map((reader, i) => {
    const value = reader(now);
    if (!Number.isFinite(value))
      throw new Error(`MetricsServer: pod ${pod.id}: counter ${pod.names[i]} returned ${value}`);
    return value;
  });
  return { t: now, cpu, counters };
}
