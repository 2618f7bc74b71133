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
import type { RandomStreams } from '../../engine/index.js';
import { Client } from '../client/client.js';
import { compileProgram } from '../endpoint/program.js';
import { constantArrivalStarts, rampingArrivalStarts } from '../load/arrival-schedule.js';
import { ArrivalRateExecutor } from '../load/executors/arrival-rate-executor.js';
import { EndpointMix } from '../load/executors/executor-base.js';
import type { ExecutorContext, ExecutorBase } from '../load/executors/executor-base.js';
import { PoissonExecutor, ReplayExecutor } from '../load/executors/open-executors.js';
import { VusExecutor } from '../load/executors/vus-executor.js';
import { constantVusSteps, rampingVusSteps } from '../load/vu-schedule.js';
import { Recorder } from '../report/recorder.js';
import { Interpreter } from '../request/interpreter.js';
import type { EndpointRuntime } from '../request/strand.js';
import { ServiceRuntime } from '../service/service-runtime.js';
import type { NormalizedLoad, NormalizedScenario } from './normalized.js';

/** One replication's model, ready to run. */
export interface CompiledModel {
  readonly env: Environment;
  readonly recorder: Recorder;
  readonly client: Client;
  readonly services: readonly ServiceRuntime[];
  readonly executor: ExecutorBase;
  readonly endpoints: readonly EndpointRuntime[];
}

/** Number of time-series rows for a scenario. */
export function timeSeriesRowCount(s: NormalizedScenario): number {
  return Math.max(1, Math.ceil(s.horizonMs / s.timeSeriesIntervalMs));
}

function createExecutor(load: NormalizedLoad, ctx: ExecutorContext, streams: RandomStreams): ExecutorBase {
  switch (load.executor) {
    case 'constant-arrival-rate':
      return new ArrivalRateExecutor(ctx, constantArrivalStarts(load), load.preAllocatedVUs, load.maxVUs);
    case 'ramping-arrival-rate':
      return new ArrivalRateExecutor(ctx, rampingArrivalStarts(load), load.preAllocatedVUs, load.maxVUs);
    case 'constant-vus':
    case 'ramping-vus': {
      const steps = load.executor === 'constant-vus' ? constantVusSteps(load) : rampingVusSteps(load);
      const think =
        load.thinkTime === null ? null : createSampler(load.thinkTime, streams.stream('load/think'));
      return new VusExecutor(ctx, steps, think);
    }
    case 'poisson':
      return new PoissonExecutor(ctx, load.ratePerSec, load.durationMs, streams.stream('load/arrivals'));
    case 'replay':
      return new ReplayExecutor(ctx, load.arrivalsMs);
  }
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
  const interpreter = new Interpreter(env);
  const services = s.services.map(
    (spec) => new ServiceRuntime(env, spec, streams, interpreter.advance, client),
  );
  const endpoints: EndpointRuntime[] = s.endpoints.map((e, index) => ({
    index,
    name: e.name,
    ops: compileProgram(e.steps, streams, `endpoint/${e.name}`),
    service: services.find((svc) => svc.spec.name === e.service)!,
  }));
  const mix = new EndpointMix(
    endpoints,
    s.endpoints.map((e) => e.share),
    streams.stream('load/mix'),
  );
  const executor = createExecutor(s.load, { env, client, recorder, mix }, streams);
  return { env, recorder, client, services, executor, endpoints };
}
