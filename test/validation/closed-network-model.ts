/**
 * Validation helper: a closed interactive network built only from the engine's public API.
 *
 * N customers cycle forever: think (a pure delay: the customer just schedules its next request after
 * an exponential think time with mean Z), then visit each queueing station in order (a Resource of
 * capacity 1, FCFS, exponential service), then think again. This is a product-form network, so exact
 * MVA gives its throughput X and response time R (the time from the request at the first station to
 * the departure from the last, think time excluded).
 *
 * Observation window: from `warmupMs` (every statistic reset) until the `cycles`-th cycle completed in
 * the window. Measured: cycles completed per ms (X), mean response of the cycles completed in the
 * window (R), time-average number of customers at the stations (waiting or in service).
 */
import {
  Environment,
  Resource,
  Tally,
  TimeWeighted,
  exponential,
  littlesLawGap,
} from '../../engine/index.js';
import type { RandomStreams, ResourceRequest, Sampler } from '../../engine/index.js';

/** One closed network; times in ms. */
export interface ClosedNetworkModel {
  /** N: customers circulating. */
  readonly population: number;
  /** Z: mean (exponential) think time, ms. */
  readonly thinkTimeMs: number;
  /** Mean (exponential) service time of each single-server station, visited in this order, ms. */
  readonly serviceMs: readonly number[];
  /** Discarded initial period, ms. */
  readonly warmupMs: number;
  /** Cycles completed in the observation window. */
  readonly cycles: number;
}

/** Means of one replication over its observation window. */
export interface ClosedNetworkMeans {
  readonly windowMs: number;
  /** X: cycles completed per ms. */
  readonly throughputPerMs: number;
  /** R: mean time at the stations per cycle (ms), think time excluded. */
  readonly meanResponse: number;
  /** Time-average number of customers at the stations (not thinking). */
  readonly meanAtStations: number;
  /** littlesLawGap(meanAtStations, throughputPerMs, meanResponse). */
  readonly littleGap: number;
}

interface Customer {
  cycleStart: number;
  station: number;
}

/** Runs one replication drawing from `streams` (use `root.replication(i)`). */
export function runClosedNetwork(model: ClosedNetworkModel, streams: RandomStreams): ClosedNetworkMeans {
  const env = new Environment();
  const think = exponential(streams.stream('think'), model.thinkTimeMs);
  const services: Sampler[] = model.serviceMs.map((mean, k) =>
    exponential(streams.stream(`service:${k}`), mean),
  );
  const stations = model.serviceMs.map(() => new Resource<Customer>(env, { capacity: 1 }));
  const last = stations.length - 1;

  const atStations = new TimeWeighted(0, 0);
  const responses = new Tally();
  let present = 0;
  let measuring = false;
  let windowStart = 0;
  let cycles = 0;

  const visit = (customer: Customer, k: number): void => {
    customer.station = k;
    stations[k]!.request(granted, customer);
  };
  const startCycle = (customer: Customer): void => {
    customer.cycleStart = env.now;
    atStations.update(env.now, ++present);
    visit(customer, 0);
  };
  const granted = (req: ResourceRequest<Customer>): void => {
    env.schedule(services[req.data.station]!(), served, req);
  };
  const served = (req: ResourceRequest<Customer>): void => {
    req.release();
    const customer = req.data;
    if (customer.station < last) {
      visit(customer, customer.station + 1);
      return;
    }
    responses.record(env.now - customer.cycleStart);
    atStations.update(env.now, --present);
    if (measuring && ++cycles === model.cycles) {
      env.stop();
      return;
    }
    env.schedule(think(), startCycle, customer);
  };

  env.scheduleAt(model.warmupMs, () => {
    measuring = true;
    windowStart = env.now;
    atStations.reset(env.now);
    responses.reset();
  });
  for (let i = 0; i < model.population; i++) {
    env.schedule(think(), startCycle, { cycleStart: NaN, station: -1 });
  }
  const reason = env.run();
  if (reason !== 'stopped') throw new Error(`run ended by '${reason}', expected 'stopped'`);

  const windowMs = env.now - windowStart;
  const throughputPerMs = cycles / windowMs;
  const meanAtStations = atStations.mean(env.now);
  const meanResponse = responses.mean;
  return {
    windowMs,
    throughputPerMs,
    meanResponse,
    meanAtStations,
    littleGap: littlesLawGap({
      meanNumber: meanAtStations,
      arrivalRate: throughputPerMs,
      meanTime: meanResponse,
    }),
  };
}
