/**
 * Everything one replication measures about requests and iterations, streamed into constant
 * memory: histograms, counters, latency breakdown sums, and per-interval time-series rows.
 * Headline figures leave out what started before the warm-up ended; time series keep everything.
 */
import { LatencyHistogram } from '../../engine/index.js';
import type { LatencyHistogramJSON } from '../../engine/index.js';
import { FAILURE_CAUSES, REQUEST_FAILURE_CAUSES } from '../client/failure-cause.js';
import type { FailureCause, RequestFailureCause } from '../client/failure-cause.js';
import type { Call, Strand } from '../request/strand.js';

/** Coarser histograms for time-series rows: 2 % accuracy, ≈ 4 KB each. */
export const ROW_HISTOGRAM = { relativeAccuracy: 0.02, minValue: 0.01, maxValue: 1e7 } as const;

const causeIndex = new Map<FailureCause, number>(FAILURE_CAUSES.map((c, i) => [c, i]));

/** Per-interval counts and latency histograms. */
export class TimeSeriesRows {
  readonly iterationsStarted: Float64Array;
  readonly requestsSent: Float64Array;
  readonly requestsSucceeded: Float64Array;
  /** failures[causeIndex][row], causes in {@link FAILURE_CAUSES} order. */
  readonly failures: Float64Array[];
  /** Latency of successful requests, by the row in which they completed. */
  readonly latency: LatencyHistogram[];

  constructor(
    readonly intervalMs: number,
    readonly rowCount: number,
  ) {
    const counts = () => new Float64Array(rowCount);
    this.iterationsStarted = counts();
    this.requestsSent = counts();
    this.requestsSucceeded = counts();
    this.failures = FAILURE_CAUSES.map(counts);
    this.latency = Array.from({ length: rowCount }, () => new LatencyHistogram(ROW_HISTOGRAM));
  }

  /** The row holding time `tMs` (the last row also holds the horizon itself). */
  row(tMs: number): number {
    const r = Math.floor(tMs / this.intervalMs);
    return r < this.rowCount ? r : this.rowCount - 1;
  }
}

/** Sums over successful requests of where their time went (ms). */
export interface LatencyBreakdownSums {
  count: number;
  totalMs: number;
  connectMs: number;
  backlogMs: number;
  queueMs: number;
  cpuWorkMs: number;
  cpuElapsedMs: number;
  poolWaitMs: number;
  databaseMs: number;
  redisMs: number;
  kafkaMs: number;
  rabbitmqMs: number;
}

/**
 * A {@link Recorder}'s whole state as data: plain objects, numbers and typed arrays, which pass
 * between worker threads (structured clone) unchanged. {@link Recorder.fromRecord} restores it exactly.
 */
export interface RecorderRecord {
  readonly warmupMs: number;
  readonly intervalMs: number;
  readonly rowCount: number;
  readonly latencyFailed: LatencyHistogramJSON;
  readonly iterationDuration: LatencyHistogramJSON;
  readonly latencyByEndpoint: readonly LatencyHistogramJSON[];
  readonly requestsSent: number;
  readonly requestsSucceeded: number;
  readonly requestFailures: Float64Array;
  readonly timeoutsByPhase: Float64Array;
  readonly iterationsStarted: number;
  readonly iterationsSucceeded: number;
  readonly iterationsFailed: number;
  readonly iterationsDropped: number;
  readonly breakdown: Readonly<LatencyBreakdownSums>;
  readonly rows: {
    readonly iterationsStarted: Float64Array;
    readonly requestsSent: Float64Array;
    readonly requestsSucceeded: Float64Array;
    readonly failures: readonly Float64Array[];
    readonly latency: readonly LatencyHistogramJSON[];
  };
}

/** The measurements of one replication. */
export class Recorder {
  /** Failed requests, up to their failure. */
  readonly latencyFailed = new LatencyHistogram();
  /** Completed iterations, retries and think time included (k6 `iteration_duration`). */
  readonly iterationDuration = new LatencyHistogram();
  /** Successful requests by endpoint index. */
  readonly latencyByEndpoint: LatencyHistogram[];
  requestsSent = 0;
  requestsSucceeded = 0;
  /** Failed requests, by cause in {@link REQUEST_FAILURE_CAUSES} order. */
  readonly requestFailures = new Float64Array(REQUEST_FAILURE_CAUSES.length);
  /** Client timeouts by the phase the request was in (PHASE_* index). */
  readonly timeoutsByPhase = new Float64Array(5);
  iterationsStarted = 0;
  iterationsSucceeded = 0;
  iterationsFailed = 0;
  iterationsDropped = 0;
  readonly breakdown: LatencyBreakdownSums = {
    count: 0,
    totalMs: 0,
    connectMs: 0,
    backlogMs: 0,
    queueMs: 0,
    cpuWorkMs: 0,
    cpuElapsedMs: 0,
    poolWaitMs: 0,
    databaseMs: 0,
    redisMs: 0,
    kafkaMs: 0,
    rabbitmqMs: 0,
  };
  readonly rows: TimeSeriesRows;
  readonly #warmupMs: number;

  constructor(warmupMs: number, intervalMs: number, rowCount: number, endpointCount: number) {
    this.#warmupMs = warmupMs;
    this.rows = new TimeSeriesRows(intervalMs, rowCount);
    this.latencyByEndpoint = Array.from({ length: endpointCount }, () => new LatencyHistogram());
  }

  /** This recorder's state as data (copies; the recorder may go on recording). */
  toRecord(): RecorderRecord {
    const r = this.rows;
    return {
      warmupMs: this.#warmupMs,
      intervalMs: r.intervalMs,
      rowCount: r.rowCount,
      latencyFailed: this.latencyFailed.toJSON(),
      iterationDuration: this.iterationDuration.toJSON(),
      latencyByEndpoint: this.latencyByEndpoint.map((h) => h.toJSON()),
      requestsSent: this.requestsSent,
      requestsSucceeded: this.requestsSucceeded,
      requestFailures: this.requestFailures.slice(),
      timeoutsByPhase: this.timeoutsByPhase.slice(),
      iterationsStarted: this.iterationsStarted,
      iterationsSucceeded: this.iterationsSucceeded,
      iterationsFailed: this.iterationsFailed,
      iterationsDropped: this.iterationsDropped,
      breakdown: { ...this.breakdown },
      rows: {
        iterationsStarted: r.iterationsStarted.slice(),
        requestsSent: r.requestsSent.slice(),
        requestsSucceeded: r.requestsSucceeded.slice(),
        failures: r.failures.map((f) => f.slice()),
        latency: r.latency.map((h) => h.toJSON()),
      },
    };
  }

  /**
   * The recorder whose {@link Recorder.toRecord} gave `record`: every count, sum and histogram equal.
   * @throws RangeError when the record's arrays do not fit its own row and cause counts, or a
   *   histogram is malformed (see `LatencyHistogram.fromJSON`).
   */
  static fromRecord(record: RecorderRecord): Recorder {
    const r = new Recorder(
      record.warmupMs,
      record.intervalMs,
      record.rowCount,
      record.latencyByEndpoint.length,
    );
    const into = (target: Float64Array, source: Float64Array, what: string): void => {
      if (source.length !== target.length)
        throw new RangeError(
          `Recorder.fromRecord: ${what} has ${source.length} entries, expected ${target.length}`,
        );
      target.set(source);
    };
    const histogram = (target: LatencyHistogram, json: LatencyHistogramJSON): void => {
      target.merge(LatencyHistogram.fromJSON(json));
    };
    histogram(r.latencyFailed, record.latencyFailed);
    histogram(r.iterationDuration, record.iterationDuration);
    record.latencyByEndpoint.forEach((json, i) => histogram(r.latencyByEndpoint[i]!, json));
    r.requestsSent = record.requestsSent;
    r.requestsSucceeded = record.requestsSucceeded;
    into(r.requestFailures, record.requestFailures, 'requestFailures');
    into(r.timeoutsByPhase, record.timeoutsByPhase, 'timeoutsByPhase');
    r.iterationsStarted = record.iterationsStarted;
    r.iterationsSucceeded = record.iterationsSucceeded;
    r.iterationsFailed = record.iterationsFailed;
    r.iterationsDropped = record.iterationsDropped;
    Object.assign(r.breakdown, record.breakdown);
    const rows = r.rows;
    into(rows.iterationsStarted, record.rows.iterationsStarted, 'rows.iterationsStarted');
    into(rows.requestsSent, record.rows.requestsSent, 'rows.requestsSent');
    into(rows.requestsSucceeded, record.rows.requestsSucceeded, 'rows.requestsSucceeded');
    if (record.rows.failures.length !== rows.failures.length || record.rows.latency.length !== rows.rowCount)
      throw new RangeError('Recorder.fromRecord: rows.failures or rows.latency has the wrong length');
    record.rows.failures.forEach((f, i) => into(rows.failures[i]!, f, `rows.failures[${i}]`));
    record.rows.latency.forEach((json, i) => histogram(rows.latency[i]!, json));
    return r;
  }

  // Each latency is recorded once, by endpoint; the totals are merged when asked for, which
  // saves two logarithms per request on the hot path.
  /** Successful requests (k6 `http_req_duration{expected_response:true}`). */
  latencyOk(): LatencyHistogram {
    const h = new LatencyHistogram();
    for (const e of this.latencyByEndpoint) h.merge(e);
    return h;
  }

  /** All requests, failed ones up to their failure (k6 `http_req_duration`). */
  latencyAll(): LatencyHistogram {
    return this.latencyOk().merge(this.latencyFailed);
  }

  iterationStarted(nowMs: number): void {
    this.rows.iterationsStarted[this.rows.row(nowMs)]!++;
    if (nowMs >= this.#warmupMs) this.iterationsStarted++;
  }

  iterationDropped(nowMs: number): void {
    this.rows.failures[causeIndex.get('dropped-iteration')!]![this.rows.row(nowMs)]!++;
    if (nowMs >= this.#warmupMs) this.iterationsDropped++;
  }

  iterationEnded(call: Call, ok: boolean, nowMs: number): void {
    if (call.startMs < this.#warmupMs) return;
    if (ok) this.iterationsSucceeded++;
    else this.iterationsFailed++;
    this.iterationDuration.record(nowMs - call.startMs);
  }

  attemptSent(root: Strand): void {
    this.rows.requestsSent[this.rows.row(root.sentAtMs)]!++;
    if (root.sentAtMs >= this.#warmupMs) this.requestsSent++;
  }

  attemptSucceeded(root: Strand, nowMs: number): void {
    const latencyMs = nowMs - root.sentAtMs;
    const row = this.rows.row(nowMs);
    this.rows.requestsSucceeded[row]!++;
    this.rows.latency[row]!.record(latencyMs);
    if (root.sentAtMs < this.#warmupMs) return;
    this.requestsSucceeded++;
    this.latencyByEndpoint[root.call!.endpoint.index]!.record(latencyMs);
    const b = this.breakdown;
    b.count++;
    b.totalMs += latencyMs;
    b.connectMs += root.connectMs;
    b.backlogMs += root.backlogMs;
    b.queueMs += root.queueMs;
    b.cpuWorkMs += root.cpuWorkMs;
    b.cpuElapsedMs += root.cpuElapsedMs;
    b.poolWaitMs += root.poolWaitMs;
    b.databaseMs += root.databaseMs;
    b.redisMs += root.redisMs;
    b.kafkaMs += root.kafkaMs;
    b.rabbitmqMs += root.rabbitmqMs;
  }

  attemptFailed(root: Strand, cause: RequestFailureCause, nowMs: number): void {
    const index = causeIndex.get(cause)!;
    this.rows.failures[index]![this.rows.row(nowMs)]!++;
    if (root.sentAtMs < this.#warmupMs) return;
    this.requestFailures[index]!++;
    this.latencyFailed.record(nowMs - root.sentAtMs);
    if (cause === 'client-timeout') this.timeoutsByPhase[root.phase]!++;
  }
}
