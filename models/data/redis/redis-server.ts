/**
 * A Redis server seen from its clients: one main thread running commands one at a time, in the
 * order they reach it, behind a network round trip.
 *
 * Sources: redis/redis `redis.conf` ("THREADED I/O": commands execute on one main thread; the
 * optional io-threads only read, parse and write sockets, and are off by default);
 * redis-doc `topics/latency.md` (a 1 Gbit/s network adds about 200 µs per round trip). See
 * `/work/shared/semantics.md` §7.
 */
import type { Environment, Sampler } from '../../../engine/index.js';
import { Deque } from '../../../engine/index.js';
import { LevelIntegral } from '../../report/level-integral.js';

/**
 * Receives the reply of a command sent with {@link RedisCommandSink.submit}, when the reply has
 * travelled back to the client.
 */
export interface RedisReplyHandler<C> {
  /**
   * The reply of `cmd` reached the client. `tag` is the number given to `submit`, so a client that
   * sent the same command more than once (retries) can tell which copy answered.
   */
  onRedisReply(cmd: C, tag: number): void;
}

/** Where a client sends commands: a {@link RedisServer} (or a test double). */
export interface RedisCommandSink {
  /**
   * Sends `cmd`: it travels half a round trip to the server, waits for the main thread (FIFO),
   * runs for `serviceMs`, and its reply travels half a round trip back; then
   * `handler.onRedisReply(cmd, tag)` is called, exactly once, never synchronously.
   *
   * A command that has been sent always runs: a client that stops waiting for it (timeout) does
   * not take the load off the server.
   * @param serviceMs main-thread time of the command (ms, ≥ 0, finite).
   * @throws RangeError if `serviceMs` is negative, NaN or infinite.
   */
  submit<C>(cmd: C, tag: number, serviceMs: number, handler: RedisReplyHandler<C>): void;
}

/** Options of {@link RedisServer}. */
export interface RedisServerOptions {
  /** Name for results and errors (non-empty). */
  readonly name: string;
  /**
   * Client↔server round-trip time (ms, draws ≥ 0), drawn once per command and split in two equal
   * halves (request, reply).
   */
  readonly rttMs: Sampler;
}

/** What a {@link RedisServer} measures. Levels carry their exact time integrals. */
export interface RedisServerStats {
  /** 1 while the main thread runs a command, else 0: `busy.areaAt(t)` is the busy time (ms) up to t. */
  readonly busy: LevelIntegral;
  /** Commands that reached the server and wait for the main thread (the one running excluded). */
  readonly queue: LevelIntegral;
  /** Commands run to completion by the main thread. */
  commands: number;
  /** Total time (ms) those commands waited for the main thread (network excluded). */
  waitMs: number;
}

/** One command on its way through the server. Recycled through a free list: allocation-free in steady state. */
class Job {
  cmd: unknown = null;
  tag = 0;
  serviceMs = 0;
  halfRttMs = 0;
  arrivedMs = 0;
  handler: RedisReplyHandler<unknown> | null = null;
  server: RedisServer;
  constructor(server: RedisServer) {
    this.server = server;
  }
}

/**
 * A single-threaded Redis server: a FIFO single-server queue whose service times are given per
 * command by the sender, plus a network delay of rtt/2 each way.
 *
 * Invariants: at most one command runs at a time; commands run in the order they reach the server
 * (ties in arrival time keep event order); `stats.commands` counts every command that ran, including
 * those whose client had already given up.
 */
export class RedisServer implements RedisCommandSink {
  /** The server's name. */
  readonly name: string;
  /** Counters and levels. */
  readonly stats: RedisServerStats;
  readonly #env: Environment;
  readonly #rttMs: Sampler;
  readonly #waiting = new Deque<Job>();
  #running: Job | null = null;
  readonly #free: Job[] = [];

  /** @throws RangeError if `name` is empty or `rttMs` is not a function. */
  constructor(env: Environment, options: RedisServerOptions) {
    if (typeof options.name !== 'string' || options.name === '')
      throw new RangeError('RedisServer: name must be a non-empty string');
    if (typeof options.rttMs !== 'function')
      throw new RangeError(`RedisServer ${options.name}: rttMs must be a sampler function`);
    this.name = options.name;
    this.#env = env;
    this.#rttMs = options.rttMs;
    this.stats = { busy: new LevelIntegral(), queue: new LevelIntegral(), commands: 0, waitMs: 0 };
  }

  /** Commands that reached the server and have not finished (waiting or running). */
  get pending(): number {
    return this.#waiting.length + (this.#running === null ? 0 : 1);
  }

  submit<C>(cmd: C, tag: number, serviceMs: number, handler: RedisReplyHandler<C>): void {
    if (!(serviceMs >= 0) || serviceMs === Infinity)
      throw new RangeError(
        `RedisServer ${this.name}: serviceMs must be a finite number ≥ 0, got ${serviceMs}`,
      );
    const rtt = this.#rttMs();
    if (!(rtt >= 0) || rtt === Infinity)
      throw new RangeError(`RedisServer ${this.name}: rttMs drew ${rtt}; it must be finite and ≥ 0`);
    const job = this.#free.pop() ?? new Job(this);
    job.cmd = cmd;
    job.tag = tag;
    job.serviceMs = serviceMs;
    job.halfRttMs = rtt / 2;
    job.handler = handler as RedisReplyHandler<unknown>;
    this.#env.schedule(job.halfRttMs, RedisServer.#arrive, job);
  }

  // Static callbacks: the job carries its server, so no closure is built per event.

  /** The request reached the server. */
  static #arrive(this: void, job: Job): void {
    const self = job.server;
    const now = self.#env.now;
    job.arrivedMs = now;
    if (self.#running === null) {
      self.#start(job, now);
    } else {
      self.#waiting.push(job);
      self.stats.queue.add(now, 1);
    }
  }

  /** The main thread finished `job`. */
  static #finish(this: void, job: Job): void {
    const self = job.server;
    const now = self.#env.now;
    const stats = self.stats;
    stats.commands++;
    self.#running = null;
    stats.busy.add(now, -1);
    // The reply leaves now; the thread takes the next command at once.
    self.#env.schedule(job.halfRttMs, RedisServer.#deliver, job);
    const next = self.#waiting.shift();
    if (next !== undefined) {
      stats.queue.add(now, -1);
      self.#start(next, now);
    }
  }

  /** The reply reached the client. */
  static #deliver(this: void, job: Job): void {
    const cmd = job.cmd;
    const tag = job.tag;
    const handler = job.handler!;
    job.cmd = null;
    job.handler = null;
    job.server.#free.push(job);
    handler.onRedisReply(cmd, tag);
  }

  #start(job: Job, now: number): void {
    this.#running = job;
    this.stats.waitMs += now - job.arrivedMs;
    this.stats.busy.add(now, 1);
    this.#env.schedule(job.serviceMs, RedisServer.#finish, job);
  }
}
