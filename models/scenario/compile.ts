/**
 * Phase 3 of the pipeline: a {@link NormalizedScenario} and one replication's random streams
 * become live components wired together:
 *
 *   executor ──iteration──▶ client ──attempt──▶ service (balancer) ──▶ pod (connector, threads)
 *                 ▲                                                      │ interpreter walks the
 *                 └────────── response / failure / timeout ◀─────────────┘ endpoint's compiled ops
 *
 * Every component draws from its own named stream, so adding one leaves the others' numbers alone.
 */
import { createSampler, Environment } from '../../engine/index.js';
import type { DistributionSpec, RandomStreams } from '../../engine/index.js';
import { Client } from '../client/client.js';
import { compileDataTier } from '../data/scenario/compile-data.js';
import type { DataTier } from '../data/scenario/compile-data.js';
import { compileProgram } from '../endpoint/program.js';
import type { ProgramContext } from '../endpoint/program.js';
import { constantArrivalStarts, rampingArrivalStarts } from '../load/arrival-schedule.js';
import { ArrivalRateExecutor } from '../load/executors/arrival-rate-executor.js';
import { EndpointMix } from '../load/executors/executor-base.js';
import type { ExecutorContext, ExecutorBase } from '../load/executors/executor-base.js';
import { PoissonExecutor, ReplayExecutor } from '../load/executors/open-executors.js';
import { VusExecutor } from '../load/executors/vus-executor.js';
import { constantVusSteps, rampingVusSteps } from '../load/vu-schedule.js';
import { Recorder } from '../report/recorder.js';
import { BroadcastRuntime } from '../request/broadcast.js';
import { Interpreter } from '../request/interpreter.js';
import type { EndpointRuntime } from '../request/strand.js';
import { HpaController } from '../service/hpa-controller.js';
import { KubeRuntime } from '../service/kube-runtime.js';
import { ReplicaSet } from '../service/replica-set.js';
import { ServiceRuntime } from '../service/service-runtime.js';
import type { NormalizedLoad, NormalizedScenario, NormalizedService, NormalizedStep } from './normalized.js';

/** One replication's model, ready to run. */
export interface CompiledModel {
  readonly env: Environment;
  readonly recorder: Recorder;
  readonly client: Client;
  readonly services: readonly ServiceRuntime[];
  readonly executor: ExecutorBase;
  readonly endpoints: readonly EndpointRuntime[];
  readonly data: DataTier;
  /** The HPA controllers, one per autoscaled service. */
  readonly autoscalers: readonly HpaController[];
}

/** Number of time-series rows for a scenario. */
export function timeSeriesRowCount(s: NormalizedScenario): number {
  return Math.max(1, Math.ceil(s.horizonMs / s.timeSeriesIntervalMs));
}

function createExecutor(load: NormalizedLoad, ctx: ExecutorContext, streams: RandomStreams): ExecutorBase {
  const thinkOf = (spec: DistributionSpec | null) =>
    spec === null ? null : createSampler(spec, streams.stream('load/think'));
  switch (load.executor) {
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate': {
      const starts =
        load.executor === 'constant-arrival-rate' ? constantArrivalStarts(load) : rampingArrivalStarts(load);
      return new ArrivalRateExecutor(ctx, starts, load.preAllocatedVUs, load.maxVUs, thinkOf(load.thinkTime));
    }
    case 'constant-vus':
    case 'ramping-vus': {
      const steps = load.executor === 'constant-vus' ? constantVusSteps(load) : rampingVusSteps(load);
      return new VusExecutor(ctx, steps, thinkOf(load.thinkTime));
    }
    case 'poisson':
      return new PoissonExecutor(ctx, load.ratePerSec, load.durationMs, streams.stream('load/arrivals'));
    case 'replay':
      return new ReplayExecutor(ctx, load.arrivalsMs);
  }
}

/** A broadcast step met while compiling, with the path its streams are named after. */
interface BroadcastStep {
  readonly step: Extract<NormalizedStep, { kind: 'broadcast' }>;
  readonly path: string;
}

// Resolves the names in an endpoint's steps; normalize has checked that they all exist.
function programContext(
  s: NormalizedScenario,
  service: NormalizedService,
  streams: RandomStreams,
  broadcastIndex: ProgramContext['broadcastIndex'],
): ProgramContext {
  const find = <T extends { name: string }>(xs: readonly T[], name: string) =>
    xs.findIndex((x) => x.name === name);
  const databaseOf = (pool: string) => {
    const p = service.pools.find((x) => x.name === pool)!;
    const db =
      p.targetKind === 'database' ? p.target : s.multiplexers.find((m) => m.name === p.target)!.database;
    return s.databases.find((d) => d.name === db)!;
  };
  return {
    streams,
    poolIndex: (name) => find(service.pools, name),
    redisIndex: (server) => service.redisClients.findIndex((c) => c.server === server),
    redisCommandTime: (server) => s.redis.find((r) => r.name === server)!.commandTime,
    lockIndex: (pool, lock) => databaseOf(pool).locks.indexOf(lock),
    topicIndex: (name) => find(s.kafka, name),
    queueIndex: (name) => find(s.rabbitmq, name),
    limiterIndex: (name) => find(s.rateLimiters, name),
    limiter: (name) => s.rateLimiters.find((l) => l.name === name)!,
    broadcastIndex,
  };
}

// Replica sets for every service and an HPA controller for each autoscaled one, when any is.
function kubernetes(
  s: NormalizedScenario,
  env: Environment,
  streams: RandomStreams,
  client: Client,
  services: readonly ServiceRuntime[],
  data: DataTier,
): HpaController[] {
  if (!s.services.some((svc) => svc.autoscaling !== null)) return [];
  // metrics-server scrapes on its own grid, at an arbitrary phase to the HPA's syncs.
  const phase = streams.stream('kubernetes/metrics-server/phase')() * s.cluster.hpa.metricResolutionMs;
  const kube = new KubeRuntime(env, s.cluster, client, phase);
  return services.flatMap((service) => {
    const replicas = new ReplicaSet(env, service, kube.contextFor(service.spec), streams);
    service.replicaSet = replicas;
    if (service.spec.autoscaling === null) return [];
    // A new HPA is queued for its first reconcile at once (horizontal.go enqueueHPA).
    return [new HpaController(env, service.spec, s.cluster, replicas, kube.metrics, data.lagOf, 0)];
  });
}

/** Builds the components of one replication; `streams` is that replication's namespace. */
export function compileScenario(s: NormalizedScenario, streams: RandomStreams): CompiledModel {
  const env = new Environment();
  const recorder = new Recorder(
    s.warmupMs,
    s.timeSeriesIntervalMs,
    timeSeriesRowCount(s),
    s.endpoints.length,
  );
  const client = new Client(env, recorder, s.client, streams.stream('client/jitter'));
  const data = compileDataTier(s, env, streams);
  // Filled as programs compile (a broadcast step registers itself), bound once services exist.
  const broadcasts: BroadcastStep[] = [];
  const runtimes: BroadcastRuntime[] = [];
  const register = (step: BroadcastStep['step'], path: string): number => {
    broadcasts.push({ step, path });
    runtimes.push(new BroadcastRuntime());
    return runtimes.length - 1;
  };
  const contextOf = (svc: NormalizedService) => programContext(s, svc, streams, register);
  const interpreter = new Interpreter(env, { ...data, broadcasts: runtimes });
  const services = s.services.map(
    (spec) => new ServiceRuntime(env, spec, streams, interpreter.advance, client, data.podData),
  );
  const endpoints: EndpointRuntime[] = s.endpoints.map((e, index) => {
    const service = services.find((svc) => svc.spec.name === e.service)!;
    return {
      index,
      name: e.name,
      ops: compileProgram(e.steps, contextOf(service.spec), `endpoint/${e.name}`),
      service,
    };
  });
  for (const { path, consumers, worker } of data.stepWorkers) {
    const service = services.find((svc) => svc.spec.name === consumers.service)!;
    const ops = compileProgram(consumers.steps!, contextOf(service.spec), `${path}/consumer`);
    worker.bind(ops, service.pods, consumers.instances, interpreter.advance);
  }
  // Delivery programs may broadcast in turn: the list grows while it is walked.
  for (let i = 0; i < broadcasts.length; i++) {
    const { step, path } = broadcasts[i]!;
    const service = services.find((svc) => svc.spec.name === step.subscribers)!;
    const ops = compileProgram(step.deliver, contextOf(service.spec), `${path}/deliver`);
    runtimes[i]!.bind(ops, service.ready, interpreter.advance);
  }
  const autoscalers = kubernetes(s, env, streams, client, services, data);
  const mix = new EndpointMix(
    endpoints,
    s.endpoints.map((e) => e.share),
    streams.stream('load/mix'),
  );
  const executor = createExecutor(s.load, { env, client, recorder, mix }, streams);
  return { env, recorder, client, services, executor, endpoints, data, autoscalers };
}
