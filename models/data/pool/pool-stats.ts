/**
 * The {@link PoolStats} record both client pools keep, and the checks they share. Internal to
 * `models/data/pool/`: other modules see the stats through {@link ClientPool.stats}.
 */
import { LevelIntegral } from '../../report/level-integral.js';
import type { ClientPool, DataFailureCause, DataToken, PoolStats } from '../contracts.js';

/**
 * Fresh stats with every level at 0 and a zero counter for each cause in `causes` (the causes the
 * pool can report), so that results list them even when nothing failed.
 */
export function createPoolStats(causes: readonly DataFailureCause[]): PoolStats {
  const failures: Partial<Record<DataFailureCause, number>> = {};
  for (const cause of causes) failures[cause] = 0;
  return {
    total: new LevelIntegral(),
    inUse: new LevelIntegral(),
    waiting: new LevelIntegral(),
    acquired: 0,
    waited: 0,
    waitMs: 0,
    connectAttempts: 0,
    connectRefusals: 0,
    failures,
  };
}

/** Adds one failure of `cause` to `stats`. */
export function countFailure(stats: PoolStats, cause: DataFailureCause): void {
  stats.failures[cause] = (stats.failures[cause] ?? 0) + 1;
}

/**
 * @throws RangeError naming `field` unless `value` is an integer in [min, max].
 */
export function requireIntegerIn(
  pool: string,
  field: string,
  value: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`pool '${pool}': ${field} must be an integer ${range}, got ${value}`);
  }
}

/**
 * A token given to `acquire` must not hold a connection already: {@link DataToken.conn} has room
 * for one, and overwriting it would leak the first.
 * @throws Error if `token.conn` is set.
 */
export function requireNoConnection<T extends DataToken>(pool: ClientPool<T>, token: T): void {
  if (token.conn !== null) {
    throw new Error(`pool '${pool.name}': acquire() for a token that already holds a connection`);
  }
}
