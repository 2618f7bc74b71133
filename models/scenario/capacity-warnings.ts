/**
 * Back-of-envelope checks on a normalized scenario that catch nonsense which parses: a load no
 * configuration of this size can carry, VUs too few for the rate, a warm-up that swallows the run.
 * They use mean service demands only; the simulation gives the real answer.
 */
import { distributionMoments } from '../../engine/index.js';
import { peakArrivalRatePerSec } from '../load/normalize-load.js';
import { usableCoresPerPod } from '../service/usable-cores.js';
import { dataCapacityWarnings } from '../data/scenario/data-capacity-warnings.js';
import type { Diagnostics } from './diagnostics.js';
import type { NormalizedScenario, NormalizedStep } from './normalized.js';

/** Mean CPU ms and mean elapsed ms of a list of steps (parallel: CPU adds up, time is the longest branch). */
export function meanDemandMs(steps: readonly NormalizedStep[]): { cpuMs: number; elapsedMs: number } {
  let cpuMs = 0;
  let elapsedMs = 0;
  for (const step of steps) {
    if (step.kind === 'cpu') {
      const m = distributionMoments(step.work).mean;
      cpuMs += m;
      elapsedMs += m;
    } else if (step.kind === 'wait') {
      elapsedMs += distributionMoments(step.latency).mean;
    } else if (step.kind === 'parallel') {
      const branches = step.branches.map(meanDemandMs);
      cpuMs += branches.reduce((t, b) => t + b.cpuMs, 0);
      elapsedMs += Math.max(...branches.map((b) => b.elapsedMs));
    } else if (step.kind === 'cache') {
      const miss = meanDemandMs(step.miss);
      cpuMs += (1 - step.hitRatio) * miss.cpuMs;
      elapsedMs += (1 - step.hitRatio) * miss.elapsedMs;
    } else if (step.kind === 'query') {
      // The query's own time, without waits for a connection, a lock or the database's cores.
      for (const d of [step.cpu, step.io]) if (d !== null) elapsedMs += distributionMoments(d).mean;
    }
    // Redis commands, Kafka sends and rate-limit checks take time outside the pod that depends
    // on their servers' load; they are left out of this lower bound.
  }
  return { cpuMs, elapsedMs };
}

const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));

/** Adds warnings for loads that cannot be carried or measured as written. */
export function capacityWarnings(s: NormalizedScenario, diag: Diagnostics): void {
  if (s.warmupMs > 0 && s.warmupMs >= s.loadEndMs) {
    diag.warn(
      'SCN_WARN_WARMUP_TOO_LONG',
      ['warmup'],
      `(${s.warmupMs} ms) is not shorter than the load (${s.loadEndMs} ms): no request will be measured`,
    );
  }
  const load = s.load;
  if (load.executor === 'ramping-arrival-rate' || load.executor === 'ramping-vus') {
    let from = load.executor === 'ramping-arrival-rate' ? load.startRate : load.startVUs;
    load.stages.forEach((stage, i) => {
      if (from === 0 && stage.target === 0 && stage.durationMs > 0) {
        diag.warn(
          'SCN_WARN_IDLE_STAGE',
          ['load', 'stages', i],
          `starts nothing for ${stage.durationMs / 1000} s (from 0 to 0)`,
        );
      }
      from = stage.target;
    });
  }
  const peak = peakArrivalRatePerSec(load);
  if (peak === null) return;
  dataCapacityWarnings(s, peak, diag);
  let meanElapsedMs = 0;
  for (const service of s.services) {
    const endpoints = s.endpoints.filter((e) => e.service === service.name);
    let cpuMsPerIteration = 0;
    for (const e of endpoints) {
      const d = meanDemandMs(e.steps);
      cpuMsPerIteration += e.share * d.cpuMs;
      meanElapsedMs += e.share * d.elapsedMs;
    }
    if (service.cpuLimitCores === null || service.replicas === 0) continue;
    const coresPerPod = usableCoresPerPod(service)!;
    const demandCores = (peak * cpuMsPerIteration) / 1000;
    // With an autoscaler, what its maximum replica count can carry.
    const pods = service.autoscaling?.maxReplicas ?? service.replicas;
    const capacityCores = pods * coresPerPod;
    if (demandCores > capacityCores) {
      diag.warn(
        'SCN_WARN_CPU_OVERLOAD',
        ['services', service.name],
        `at the peak rate (${fmt(peak)}/s) CPU work needs ${fmt(demandCores)} cores on average, but ${pods} pod(s)${service.autoscaling === null ? '' : " (the autoscaler's maximum)"} × ${fmt(coresPerPod)} core(s) = ${fmt(capacityCores)}: queues will grow without bound`,
      );
    }
  }
  if (load.executor === 'constant-arrival-rate' || load.executor === 'ramping-arrival-rate') {
    // Little's law: concurrent iterations ≈ rate × duration, and each needs a VU.
    const needed = (peak * meanElapsedMs) / 1000;
    if (load.maxVUs < needed) {
      diag.warn(
        'SCN_WARN_TOO_FEW_VUS',
        ['load', 'maxVUs'],
        `(${load.maxVUs}) is below the ${fmt(needed)} VUs the peak rate needs even with no queueing (${fmt(peak)}/s × ${fmt(meanElapsedMs)} ms): iterations will be dropped`,
      );
    }
  }
}
