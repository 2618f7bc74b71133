/**
 * What a run will cost before it runs: the requests its load will send and the simulated events
 * they make, so that a server can refuse a job over its budget up front. An estimate, not a bound:
 * queueing, retries and autoscaling move it. It errs high rather than low: on the five presets it
 * is within 0.9 to 1.5 times the events of the real run, and 3.7 times for one whose autoscaler
 * never reaches its maximum in a 30 s run (`test/scenario/cost-estimate.test.ts`).
 */
import { distributionMoments } from '../../engine/index.js';
import type { DistributionSpec } from '../../engine/index.js';
import { usableCoresPerPod } from '../service/usable-cores.js';
import { meanDemandMs } from './capacity-warnings.js';
import type { NormalizedScenario, NormalizedStage, NormalizedStep } from './normalized.js';

/** The estimate for all replications. */
export interface CostEstimate {
  /** Requests the load generator will start. */
  readonly requests: number;
  /** Simulated events (the engine's unit of work). */
  readonly events: number;
}

// Events a request makes besides its steps: arrival, balancing, connection, response, recording.
// Both constants are fitted by eye to the five presets' runs (events counted by the engine).
const EVENTS_PER_REQUEST = 4;
// Events per step: about its start and its completion, whatever the step.
const EVENTS_PER_STEP = 1.5;

function stepCount(steps: readonly NormalizedStep[]): number {
  let n = 0;
  for (const s of steps) {
    n += 1;
    if (s.kind === 'parallel') for (const b of s.branches) n += stepCount(b);
    else if (s.kind === 'cache') n += 1 + stepCount(s.miss);
    else if (s.kind === 'broadcast') n += stepCount(s.deliver);
  }
  return n;
}

// ∫ of a piecewise-linear target over the stages, starting from `start` (target·ms).
function stageArea(start: number, stages: readonly NormalizedStage[]): { area: number; ms: number } {
  let area = 0;
  let ms = 0;
  let from = start;
  for (const st of stages) {
    area += ((from + st.target) / 2) * st.durationMs;
    ms += st.durationMs;
    from = st.target;
  }
  return { area, ms };
}

// Requests per ms the services' CPU can serve at most (Infinity when some has no CPU work or limit).
function cpuCapacityPerMs(s: NormalizedScenario): number {
  let cpuMs = 0;
  let cores = 0;
  for (const e of s.endpoints) {
    const service = s.services.find((x) => x.name === e.service)!;
    const perPod = usableCoresPerPod(service);
    if (perPod === null) return Infinity;
    cpuMs += e.share * meanDemandMs(e.steps).cpuMs;
    cores = Math.max(cores, (service.autoscaling?.maxReplicas ?? service.replicas) * perPod);
  }
  return cpuMs > 0 ? cores / cpuMs : Infinity;
}

/** Estimates a run's requests and events over all its replications. */
export function estimateCost(s: NormalizedScenario): CostEstimate {
  const load = s.load;
  // A closed-loop user's cycle: think time plus at least the request's own elapsed time; and the
  // users together cannot go faster than the CPU they share (at the autoscalers' maxima).
  const meanElapsedMs = s.endpoints.reduce((t, e) => t + e.share * meanDemandMs(e.steps).elapsedMs, 0);
  const cpuLimitedPerMs = cpuCapacityPerMs(s);
  const closedLoop = (userMs: number, think: DistributionSpec | null, durationMs: number) => {
    const cycleMs = Math.max(1, (think === null ? 0 : distributionMoments(think).mean) + meanElapsedMs);
    return Math.min(userMs / cycleMs, cpuLimitedPerMs * durationMs);
  };
  let requests: number;
  switch (load.executor) {
    case 'constant-arrival-rate':
      requests = (load.rate / load.timeUnitMs) * load.durationMs;
      break;
    case 'ramping-arrival-rate':
      requests = stageArea(load.startRate, load.stages).area / load.timeUnitMs;
      break;
    case 'constant-vus':
      requests = closedLoop(load.vus * load.durationMs, load.thinkTime, load.durationMs);
      break;
    case 'ramping-vus': {
      const area = stageArea(load.startVUs, load.stages);
      requests = closedLoop(area.area, load.thinkTime, area.ms);
      break;
    }
    case 'poisson':
      requests = (load.ratePerSec * load.durationMs) / 1000;
      break;
    case 'replay':
      requests = load.arrivalsMs.length;
      break;
  }
  requests *= s.replications;
  const stepsPerRequest = s.endpoints.reduce((t, e) => t + e.share * stepCount(e.steps), 0);
  return {
    requests: Math.round(requests),
    events: Math.round(requests * (EVENTS_PER_REQUEST + EVENTS_PER_STEP * stepsPerRequest)),
  };
}
