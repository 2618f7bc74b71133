/** Applies k6's defaults to the load and works out when it ends. */
import { DEFAULTS } from '../scenario/defaults.js';
import type { Diagnostics } from '../scenario/diagnostics.js';
import type { NormalizedLoad, NormalizedStage } from '../scenario/normalized.js';
import type { LoadSpec } from './schema.js';

const stagesOf = (stages: readonly { duration: number; target: number }[]): NormalizedStage[] =>
  stages.map((s) => ({ durationMs: s.duration, target: s.target }));

const sum = (stages: readonly NormalizedStage[]): number => stages.reduce((t, s) => t + s.durationMs, 0);

/** The normalized load; cross-field problems go to `diag` at paths under `load`. */
export function normalizeLoad(spec: LoadSpec, diag: Diagnostics): NormalizedLoad {
  const gracefulStopMs = spec.gracefulStop ?? DEFAULTS.k6.gracefulStopMs;
  switch (spec.executor) {
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate': {
      const maxVUs = spec.maxVUs ?? spec.preAllocatedVUs;
      if (maxVUs < spec.preAllocatedVUs) {
        // k6 refuses this too (lib/executor/*_arrival_rate.go Validate).
        diag.error(['load', 'maxVUs'], `must be ≥ preAllocatedVUs (${spec.preAllocatedVUs}), got ${maxVUs}`);
      }
      const common = {
        timeUnitMs: spec.timeUnit ?? DEFAULTS.k6.timeUnitMs,
        preAllocatedVUs: spec.preAllocatedVUs,
        maxVUs,
        thinkTime: spec.thinkTime ?? null,
        gracefulStopMs,
      };
      if (spec.executor === 'constant-arrival-rate') {
        return { executor: spec.executor, rate: spec.rate, durationMs: spec.duration, ...common };
      }
      return {
        executor: spec.executor,
        startRate: spec.startRate ?? DEFAULTS.k6.startRate,
        stages: stagesOf(spec.stages),
        ...common,
      };
    }
    case 'constant-vus':
      return {
        executor: spec.executor,
        vus: spec.vus,
        durationMs: spec.duration,
        thinkTime: spec.thinkTime ?? null,
        gracefulStopMs,
      };
    case 'ramping-vus':
      return {
        executor: spec.executor,
        startVUs: spec.startVUs ?? DEFAULTS.k6.startVUs,
        stages: stagesOf(spec.stages),
        gracefulRampDownMs: spec.gracefulRampDown ?? DEFAULTS.k6.gracefulRampDownMs,
        thinkTime: spec.thinkTime ?? null,
        gracefulStopMs,
      };
    case 'poisson':
      return { executor: spec.executor, ratePerSec: spec.rate, durationMs: spec.duration, gracefulStopMs };
    case 'replay':
      return {
        executor: spec.executor,
        arrivalsMs: [...spec.arrivals].sort((a, b) => a - b),
        gracefulStopMs,
      };
  }
}

/** When the executor stops starting iterations (ms). */
export function loadEndMs(load: NormalizedLoad): number {
  switch (load.executor) {
    case 'constant-arrival-rate':
    case 'constant-vus':
    case 'poisson':
      return load.durationMs;
    case 'ramping-arrival-rate':
    case 'ramping-vus':
      return sum(load.stages);
    case 'replay':
      return load.arrivalsMs[load.arrivalsMs.length - 1] ?? 0;
  }
}

/** The highest arrival rate (per second) an open-loop load reaches; null for closed loops. */
export function peakArrivalRatePerSec(load: NormalizedLoad): number | null {
  switch (load.executor) {
    case 'constant-arrival-rate':
      return (load.rate * 1000) / load.timeUnitMs;
    case 'ramping-arrival-rate':
      return (Math.max(load.startRate, ...load.stages.map((s) => s.target)) * 1000) / load.timeUnitMs;
    case 'poisson':
      return load.ratePerSec;
    default:
      return null;
  }
}
