/**
 * `capsim serve` (and `npm start`): the API on 127.0.0.1, with its store in a data folder and its
 * worker pool. Stops cleanly on SIGINT/SIGTERM: no new requests, running ones answered, the pool
 * and the store closed.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { QueueRunner } from './distributed/queue-runner.js';
import { connectRedis } from './distributed/redis.js';
import { buildApp } from './server/app.js';
import { RunStore } from './store/run-store.js';
import { SimulationPool } from './workers/simulation-pool.js';

/** Settings of {@link startServer}. */
export interface ServeOptions {
  /** Default 127.0.0.1: the API is meant to sit behind whatever exposes it. */
  readonly host?: string;
  /** Default 3000; 0 picks a free port. */
  readonly port?: number;
  /** Folder of the store (`capsim.db`). Default `./data`. */
  readonly dataDir?: string;
  /** Worker threads. Default: the machine's parallelism. */
  readonly threads?: number;
  /**
   * A Redis URL: sweeps' replications and capacity searches then run as jobs on its queue, taken
   * by `capsim worker` processes. Checked at start (a clear error when unreachable).
   */
  readonly redisUrl?: string;
  readonly logger?: boolean;
}

/** A running server: its address and how to stop it. */
export interface RunningServer {
  readonly app: FastifyInstance;
  /** `http://127.0.0.1:3000` */
  readonly url: string;
  close(): Promise<void>;
}

/** Opens the store, starts the workers and listens. */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  // Redis first: an unreachable one stops the start before anything is opened.
  const redis = options.redisUrl === undefined ? undefined : await connectRedis(options.redisUrl);
  const remote = redis === undefined ? undefined : new QueueRunner({ redis });
  await remote?.ready();
  const store = new RunStore(join(options.dataDir ?? 'data', 'capsim.db'));
  const pool = new SimulationPool(options.threads === undefined ? {} : { threads: options.threads });
  const app = buildApp({
    store,
    pool,
    logger: options.logger ?? true,
    ...(remote === undefined ? {} : { remote }),
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
    await pool.close();
    await remote?.close();
    redis?.disconnect();
    store.close();
  };
  try {
    const url = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 3000 });
    return { app, url, close };
  } catch (e) {
    await close();
    throw e;
  }
}
