/**
 * The data tier's part of a result: one entry per component (pool, database, multiplexer, Redis
 * server, Kafka topic), with its capacities, its levels (mean over the measured window and
 * maximum), its counters, and the figures people look for first: utilization and mean wait.
 */
import type { ReplicationResult } from '../scenario/run-replication.js';
import { estimate, round } from './estimate.js';
import type { Estimate } from './estimate.js';

/** One component of the data tier. */
export interface ComponentSummary {
  /** `pool`, `database`, `multiplexer`, `redis`, `kafka`, `rabbitmq`. */
  readonly kind: string;
  /** `rds`, `rds/replica-1`, `api/master` (service/pool), ... */
  readonly name: string;
  /** Configured capacities: maxConnections, cores, connectionsPerPod, partitions, ... */
  readonly capacity: Readonly<Record<string, number>>;
  /**
   * Per level (connections, inUse, waiting, lag, ...): time average over the measured window and
   * maximum. A pool's levels are summed over its service's pods; its maximum is the highest any
   * one pod reached.
   */
  readonly levels: Readonly<Record<string, { readonly mean: Estimate; readonly max: Estimate }>>;
  /** Per counter (queries, refusals, waits, timeouts, ...): count over the measured window. */
  readonly counters: Readonly<Record<string, Estimate>>;
  /**
   * Busy share of what limits it: database cores, the Redis main thread, Kafka consumers (of
   * min(partitions, consumers)), RabbitMQ consumers; null for pools and multiplexers, whose limit
   * is connections.
   */
  readonly utilization: Estimate | null;
  /**
   * Mean wait in ms: for a connection (pools: of acquisitions that waited; multiplexers), for the
   * Redis main thread (all commands), for row locks (databases: of queries that waited), from
   * publish to the publisher's resume (RabbitMQ); null when not measured.
   */
  readonly meanWaitMs: Estimate | null;
}

const ratio = (a: number | undefined, b: number | undefined): number =>
  b !== undefined && b > 0 ? (a ?? 0) / b : 0;

/** Summaries of every probe, across replications. */
export function componentSummaries(reps: readonly ReplicationResult[]): ComponentSummary[] {
  return reps[0]!.components.map((probe, i) => {
    const t = reps.map((r) => r.components[i]!);
    const first = probe;
    const e = (f: (x: (typeof t)[number]) => number) => estimate(t.map(f));
    const levels = Object.fromEntries(
      Object.keys(first.mean).map((name) => [
        name,
        { mean: e((x) => x.mean[name]!), max: e((x) => x.max[name]!) },
      ]),
    );
    const counterNames = [...new Set(t.flatMap((x) => Object.keys(x.counters)))].sort();
    const counters = Object.fromEntries(counterNames.map((name) => [name, e((x) => x.counters[name] ?? 0)]));
    let utilization: Estimate | null = null;
    let meanWaitMs: Estimate | null = null;
    switch (probe.kind) {
      case 'database':
        utilization = e((x) => ratio(x.mean.busyCores, probe.capacity.cores));
        meanWaitMs = e((x) => ratio(x.counters.lockWaitMs, x.counters.lockWaits));
        break;
      case 'redis':
        utilization = e((x) => x.mean.busy ?? 0);
        meanWaitMs = e((x) => ratio(x.counters.waitMs, x.counters.commands));
        break;
      case 'kafka':
        utilization = e((x) =>
          ratio(
            x.mean.busyConsumers,
            Math.min(probe.capacity.partitions ?? 1, probe.capacity.consumers ?? 1),
          ),
        );
        break;
      case 'rabbitmq':
        utilization = e((x) => ratio(x.mean.busyConsumers, probe.capacity.consumers));
        meanWaitMs = e((x) => ratio(x.counters.publishLatencySumMs, x.counters.publishLatencyCount));
        break;
      case 'pool':
      case 'multiplexer':
        meanWaitMs = e((x) => ratio(x.counters.waitMs, x.counters.waited ?? x.counters.waits));
        break;
    }
    return {
      kind: probe.kind,
      name: probe.name,
      capacity: Object.fromEntries(Object.entries(probe.capacity).map(([k, v]) => [k, round(v)])),
      levels,
      counters,
      utilization,
      meanWaitMs,
    };
  });
}
