/**
 * Redis in the data tier: a single-threaded {@link RedisServer} (FIFO main thread behind a network
 * round trip) and two client libraries a pod can use in front of it: {@link RedissonClient} (a
 * connection pool with Redisson's response timeout and jittered retries) and {@link LettuceClient}
 * (one shared multiplexed connection, a command timeout, no retries); for a cluster,
 * {@link RedisClusterClient} routes each command by its key's hash slot to a per-master client.
 *
 * Components are generic over the waiting token and answer through a `Continuation`: every command
 * ends in exactly one `resume` or `fail(token, 'redis-timeout')`. Behaviour and sources:
 * `/work/shared/semantics.md` §7; defaults in `DEFAULTS.redis`, `DEFAULTS.redisson`,
 * `DEFAULTS.lettuce` (`models/scenario/defaults.ts`).
 *
 * @module
 */
export { RedisServer } from './redis-server.js';
export type {
  RedisCommandSink,
  RedisReplyHandler,
  RedisServerOptions,
  RedisServerStats,
} from './redis-server.js';
export type { RedisClient } from './redis-client.js';
export { RedissonClient } from './redisson-client.js';
export type { RedissonOptions, RedissonStats } from './redisson-client.js';
export { LettuceClient } from './lettuce-client.js';
export type { LettuceOptions, LettuceStats } from './lettuce-client.js';
export { RedisClusterClient } from './cluster-client.js';
export { HASH_SLOTS, crc16, keyHashSlot, slotOwners } from './hash-slot.js';
export { equalJitterDelayMs } from './equal-jitter-delay.js';
