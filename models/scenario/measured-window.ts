import type { NormalizedScenario } from './normalized.js';

/**
 * The window that whole-run rates and means cover (ms): the load phase after the warm-up, or up
 * to the horizon when that phase is empty (a replay whose arrivals are all at t = 0).
 */
export function measuredWindow(s: NormalizedScenario): { readonly fromMs: number; readonly toMs: number } {
  return { fromMs: s.warmupMs, toMs: s.loadEndMs > s.warmupMs ? s.loadEndMs : s.horizonMs };
}
