/**
 * The Redis connection BullMQ needs, checked before anything is queued: a clear error at start
 * when Redis cannot be reached, instead of jobs that wait forever. Once connected, ioredis
 * reconnects on its own, and BullMQ's commands wait for it (`maxRetriesPerRequest: null`, which
 * BullMQ requires): a job in flight pauses while Redis is away and resumes when it is back.
 */
import { Redis } from 'ioredis';

/** Thrown when Redis cannot be reached at start. */
export class RedisUnavailableError extends Error {
  readonly code = 'API_ERR_REDIS_UNAVAILABLE';
}

/** The queue the API and the workers share unless told otherwise. */
export const DEFAULT_QUEUE = 'capsim-tasks';

/**
 * Connects to `url` (`redis://host:port[/db]`) and checks it answers a PING.
 * @throws RedisUnavailableError after `timeoutMs` (default 5,000) without an answer, naming the URL.
 */
export async function connectRedis(url: string, timeoutMs = 5000): Promise<Redis> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisUnavailableError(`not a Redis URL: ${JSON.stringify(url)} (expected redis://host:port)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new RedisUnavailableError(`not a Redis URL: ${JSON.stringify(url)} (expected redis://host:port)`);
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, enableOfflineQueue: true });
  // ioredis reports every failed attempt as an 'error' event; without a listener Node would crash.
  let lastError = 'no answer';
  redis.on('error', (e: Error) => (lastError = e.message));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return redis;
  } catch (e) {
    redis.disconnect();
    // The socket's own error (ECONNREFUSED, a DNS failure) says more than the client's summary.
    const why = lastError !== 'no answer' ? lastError : (e as Error).message;
    throw new RedisUnavailableError(`cannot reach Redis at ${url} within ${timeoutMs} ms: ${why}`);
  } finally {
    clearTimeout(timer);
  }
}
