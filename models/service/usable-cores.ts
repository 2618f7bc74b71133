import type { NormalizedService } from '../scenario/normalized.js';

/**
 * Cores one pod's request work can use: the CPU limit, but at most one for an event-loop server
 * (its JavaScript runs on one thread, at one core without a limit); null for a thread-per-request
 * pod without a limit.
 */
export function usableCoresPerPod(service: NormalizedService): number | null {
  return service.server === 'event-loop' ? Math.min(1, service.cpuLimitCores ?? 1) : service.cpuLimitCores;
}
