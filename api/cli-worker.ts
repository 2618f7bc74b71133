/**
 * `capsim worker --redis URL`: a worker process for distributed sweeps. It takes jobs (a point's
 * replication, a capacity search's replication) from the Redis queue that `capsim serve --redis`
 * or `capsim sweep --redis` fill, runs them on its threads, and stops cleanly on SIGINT/SIGTERM
 * (running jobs finish). Start any number, on any number of machines.
 */
import { startQueueWorker } from './distributed/queue-worker.js';
import { DEFAULT_QUEUE, RedisUnavailableError, connectRedis } from './distributed/redis.js';
import { parseCommand } from './cli-args.js';

/** `capsim worker`'s usage text. */
export const WORKER_USAGE = `usage: capsim worker --redis URL [--threads T] [--lock-ms MS] [--queue NAME]

  --redis URL     the queue's Redis (redis://host:port); CAPSIM_REDIS sets the default
  --threads T     jobs run at once, a worker thread each (default: one per core)
  --lock-ms MS    a job's lock (default 30000): a job whose worker died is handed out again
                  after at most about twice this
  --queue NAME    the queue (default ${DEFAULT_QUEUE})`;

/** Runs the worker until SIGINT or SIGTERM; resolves with the exit code. */
export async function workerMain(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const parsed = parseCommand(
    argv,
    {
      redis: {
        type: 'string',
        ...(process.env.CAPSIM_REDIS === undefined ? {} : { default: process.env.CAPSIM_REDIS }),
      },
      threads: { type: 'string' },
      'lock-ms': { type: 'string' },
      queue: { type: 'string', default: DEFAULT_QUEUE },
    },
    WORKER_USAGE,
    out,
    err,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals, usage, integer } = parsed;
  if (positionals.length > 0) return usage(`unexpected ${positionals.join(' ')}`);
  if (values.redis === undefined) return usage('give --redis URL (or set CAPSIM_REDIS)');
  const threads = integer('threads', 1, 256);
  const lockMs = integer('lock-ms', 500, 3_600_000);
  if (threads === null || lockMs === null) return 2;
  let redis;
  try {
    redis = await connectRedis(values.redis);
  } catch (e) {
    if (!(e instanceof RedisUnavailableError)) throw e;
    err.write(`capsim worker: ${e.message}\n`);
    return 1;
  }
  const worker = await startQueueWorker({
    redis,
    queue: values.queue,
    ...(threads === undefined ? {} : { threads }),
    ...(lockMs === undefined ? {} : { lockMs }),
  });
  out.write(`capsim worker: taking jobs from ${values.queue} on ${values.redis}\n`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await worker.close();
  redis.disconnect();
  out.write(`capsim worker: stopped after ${worker.completed()} jobs\n`);
  return 0;
}
