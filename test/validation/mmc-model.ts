/**
 * Validation helper: an open single-station queue (M/G/c, optionally M/G/c/K) built only from the
 * engine's public API, measuring the per-replication means that queueing theory predicts.
 *
 * Model: Poisson arrivals (exponential inter-arrival times from the replication's `arrivals` stream),
 * one FCFS {@link Resource} with c slots and `queueLimit` = K − c waiting places, service times drawn
 * from the `service` stream by a {@link DistributionSpec}. A customer asks for a slot on arrival, holds
 * it for one service time, then releases it; a customer finding K present is rejected (blocked).
 *
 * Observation window: statistics start empty at the end of the warm-up (a customer count or a time;
 * every statistic is reset then, TimeWeighted with `reset(now)`) and the run stops when the arrival
 * after the `customers`-th arrival of the window occurs (that arrival is not processed), so each
 * replication observes exactly `customers` arrivals. Within the window:
 * - wait in queue: recorded when a slot is granted (Tally, and a LatencyHistogram when asked);
 * - response time: recorded at departure (Tally), for admitted customers only;
 * - number in system / in queue: TimeWeighted, updated from the Resource's `onChange`;
 * - arrivals, blocked arrivals, arrivals that had to wait (found every slot busy: PASTA makes that
 *   fraction the time-stationary probability, e.g. Erlang C).
 */
import {
  Environment,
  LatencyHistogram,
  Resource,
  Tally,
  TimeWeighted,
  createSampler,
  exponential,
  littlesLawGap,
} from '../../engine/index.js';
import type {
  DistributionSpec,
  LatencyHistogramOptions,
  RandomStreams,
  ResourceRequest,
} from '../../engine/index.js';

/** Warm-up: the statistics are reset when this many customers have arrived, or at this time (ms). */
export type Warmup = { readonly customers: number } | { readonly timeMs: number };

/** One open single-station model; times in ms, rates per ms. */
export interface StationModel {
  /** λ: Poisson arrival rate, per ms. */
  readonly arrivalRatePerMs: number;
  /** c: number of servers (Resource capacity). */
  readonly servers: number;
  /** K − c: waiting places; arrivals finding them all taken are blocked. Default Infinity. */
  readonly queueLimit?: number;
  /** Service-time distribution (ms). */
  readonly service: DistributionSpec;
  /** Discarded initial period. */
  readonly warmup: Warmup;
  /** Arrivals observed after the warm-up. */
  readonly customers: number;
  /** When given, waits are also recorded in a LatencyHistogram with these options. */
  readonly waitHistogram?: LatencyHistogramOptions;
}

/** Means of one replication over its observation window (ms, per ms, or counts). */
export interface StationMeans {
  /** Length of the observation window (ms). */
  readonly windowMs: number;
  /** Arrivals in the window (offered). */
  readonly arrivals: number;
  /** Arrivals in the window that were rejected (queue full). */
  readonly blocked: number;
  /** blocked / arrivals. */
  readonly blockingProbability: number;
  /** Admitted arrivals per ms over the window. */
  readonly admittedRatePerMs: number;
  /** Fraction of admitted arrivals that found every server busy (had to wait). */
  readonly probWait: number;
  /** Mean wait in queue (ms) of the customers granted a slot in the window. */
  readonly meanWait: number;
  /** Mean response time (ms) of the customers departing in the window. */
  readonly meanResponse: number;
  /** Time-average number in system (waiting + in service). */
  readonly meanInSystem: number;
  /** Time-average number waiting. */
  readonly meanInQueue: number;
  /** littlesLawGap(meanInSystem, admittedRatePerMs, meanResponse). */
  readonly littleGap: number;
}

/** Result of one replication: the means, and the wait histogram when it was asked for. */
export interface StationRun {
  readonly means: StationMeans;
  readonly waitHistogram: LatencyHistogram | undefined;
}

/** Runs one replication of `model` drawing from `streams` (use `root.replication(i)`). */
export function runStation(model: StationModel, streams: RandomStreams): StationRun {
  const env = new Environment();
  const interarrival = exponential(streams.stream('arrivals'), 1 / model.arrivalRatePerMs);
  const service = createSampler(model.service, streams.stream('service'));

  const inSystem = new TimeWeighted(0, 0);
  const inQueue = new TimeWeighted(0, 0);
  const waits = new Tally();
  const responses = new Tally();
  const histogram = model.waitHistogram === undefined ? undefined : new LatencyHistogram(model.waitHistogram);

  const resource = new Resource(env, {
    capacity: model.servers,
    queueLimit: model.queueLimit ?? Infinity,
    onChange: (r) => {
      inSystem.update(env.now, r.inUse + r.queueLength);
      inQueue.update(env.now, r.queueLength);
    },
  });

  let measuring = false;
  let windowStart = 0;
  let arrivalsSeen = 0;
  let arrivals = 0;
  let blocked = 0;
  let waited = 0;

  const startWindow = (): void => {
    measuring = true;
    windowStart = env.now;
    inSystem.reset(env.now);
    inQueue.reset(env.now);
    waits.reset();
    responses.reset();
    histogram?.reset();
  };

  const depart = (req: ResourceRequest): void => {
    responses.record(env.now - req.requestedAt);
    req.release();
  };

  const granted = (req: ResourceRequest): void => {
    if (req.status !== 'granted') return; // rejected: nothing to do
    const wait = req.waitMs;
    waits.record(wait);
    histogram?.record(wait);
    env.schedule(service(), depart, req);
  };

  const warmupCustomers = 'customers' in model.warmup ? model.warmup.customers : -1;
  const arrive = (): void => {
    if (!measuring && arrivalsSeen === warmupCustomers) startWindow();
    if (measuring) {
      if (arrivals === model.customers) {
        env.stop();
        return;
      }
      arrivals++;
    }
    arrivalsSeen++;
    env.schedule(interarrival(), arrive);
    const req = resource.request(granted, undefined);
    if (measuring) {
      if (req.status === 'rejected') blocked++;
      else if (req.status === 'waiting') waited++;
    }
  };

  if ('timeMs' in model.warmup) env.scheduleAt(model.warmup.timeMs, startWindow);
  env.schedule(interarrival(), arrive);
  const reason = env.run();
  if (reason !== 'stopped') throw new Error(`run ended by '${reason}', expected 'stopped'`);

  const now = env.now;
  const windowMs = now - windowStart;
  const admitted = arrivals - blocked;
  const admittedRatePerMs = admitted / windowMs;
  const meanInSystem = inSystem.mean(now);
  const meanResponse = responses.mean;
  return {
    means: {
      windowMs,
      arrivals,
      blocked,
      blockingProbability: blocked / arrivals,
      admittedRatePerMs,
      probWait: waited / admitted,
      meanWait: waits.mean,
      meanResponse,
      meanInSystem,
      meanInQueue: inQueue.mean(now),
      littleGap: littlesLawGap({
        meanNumber: meanInSystem,
        arrivalRate: admittedRatePerMs,
        meanTime: meanResponse,
      }),
    },
    waitHistogram: histogram,
  };
}
