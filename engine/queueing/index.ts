/**
 * Queueing-theory formulas (pure functions) for checking the simulator and for quick estimates.
 *
 * Rates may be per ms or per s; λ and μ (and the times derived from them) must share the unit.
 *
 * @module
 */

export { erlangB } from './erlang-b.js';
export { erlangC } from './erlang-c.js';
export { mmc } from './mmc.js';
export type { MmcResult } from './mmc.js';
export { mm1 } from './mm1.js';
export { mmck } from './mmck.js';
export type { MmckResult } from './mmck.js';
export { mg1, mg1MeanWait } from './mg1.js';
export type { Mg1Result } from './mg1.js';
export { md1MeanWait } from './md1.js';
export { mvaClosed } from './mva-closed.js';
export type {
  MvaClosedInput,
  MvaClosedResult,
  MvaPopulationPoint,
  MvaStation,
  MvaStationResult,
} from './mva-closed.js';
export { littleL, littleW, littlesLawGap } from './littles-law.js';
export type { LittlesLawGapInput } from './littles-law.js';
export { interactiveResponseTime } from './interactive-response-time.js';
