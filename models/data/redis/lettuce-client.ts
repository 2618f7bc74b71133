/**
 * Lettuce's shared, multiplexed connection: every caller of a pod writes its commands to one TCP
 * connection, in order, with no pool and no retries; a command not answered within the command
 * timeout fails.
 *
 * Sources: redis/lettuce `src/main/java/io/lettuce/core/RedisURI.java` (`DEFAULT_TIMEOUT = 60` s);
 * Lettuce's documentation on connection thread safety (a `StatefulRedisConnection` multiplexes all
 * callers and pipelines their commands); Spring Data Redis `LettuceConnectionFactory`
 * (`shareNativeConnection = true`). See `/work/shared/semantics.md` §7.
 *
 * Contention therefore shows as queueing on the server's main thread (and the network), never as
 * pool exhaustion. A timed-out command stays on the connection: the server still runs it and its
 * late reply is discarded (Lettuce completes the command exceptionally with
 * RedisCommandTimeoutException and drops the reply when it arrives).
 *
 * redis-py (and `redis.asyncio`) behaves alike as far as the server can tell: each concurrent
 * command borrows its own connection from an unbounded pool (`max_connections` 2**31), so no
 * caller waits on the client side, and `socket_timeout` defaults to None, no timeout (redis/redis-py
 * `redis/connection.py`, `ConnectionPool` and `AbstractConnection`). It uses this class with
 * `timeoutMs` null.
 *
 * Simplifications: the round trip is drawn per command by the server, so with a random rtt two
 * commands may overtake each other on the wire (with a constant rtt the order is exact);
 * `requestQueueSize` (unbounded by default) and reconnection are not modelled.
 */
import type { Environment, EventHandle } from '../../../engine/index.js';
import { LevelIntegral } from '../../report/level-integral.js';
import type { Continuation } from '../contracts.js';
import type { RedisClient } from './redis-client.js';
import type { RedisCommandSink, RedisReplyHandler } from './redis-server.js';

/** Options of {@link LettuceClient}; defaults in `DEFAULTS.lettuce`. */
export interface LettuceOptions {
  /** Command timeout (ms, > 0; Lettuce default 60000), or null for none (redis-py's default). */
  readonly timeoutMs: number | null;
}

/** What a {@link LettuceClient} measures. */
export interface LettuceStats {
  /** Commands sent and not yet answered, timed-out ones included (they stay on the pipe). */
  readonly inFlight: LevelIntegral;
  /** Commands answered in time. */
  commands: number;
  /** Commands that failed with `redis-timeout`. */
  timeouts: number;
}

/** One command in flight (one small record per command, plus its cancellable timeout). */
class LettuceCall<T> {
  readonly client: LettuceClient<T>;
  readonly token: T;
  readonly cont: Continuation<T>;
  timer: EventHandle | null = null;
  done = false;
  constructor(client: LettuceClient<T>, token: T, cont: Continuation<T>) {
    this.client = client;
    this.token = token;
    this.cont = cont;
  }
}

/**
 * A pod's Lettuce client: one shared connection to a {@link RedisCommandSink}.
 *
 * Invariants: every command is sent at once (no client-side waiting); each ends with exactly one
 * `resume` (reply within `timeoutMs`) or `fail(…, 'redis-timeout')`, never synchronously.
 */
export class LettuceClient<T> implements RedisClient<T>, RedisReplyHandler<LettuceCall<T>> {
  /** Counters and levels. */
  readonly stats: LettuceStats;
  readonly #env: Environment;
  readonly #server: RedisCommandSink;
  readonly #timeoutMs: number | null;

  /** @throws RangeError if `timeoutMs` is neither null nor a finite number > 0. */
  constructor(env: Environment, server: RedisCommandSink, options: LettuceOptions) {
    if (options.timeoutMs !== null && (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0))
      throw new RangeError(
        `LettuceClient: timeoutMs must be a finite number > 0 (ms), got ${options.timeoutMs}`,
      );
    this.#env = env;
    this.#server = server;
    this.#timeoutMs = options.timeoutMs;
    this.stats = { inFlight: new LevelIntegral(), commands: 0, timeouts: 0 };
  }

  command(token: T, serviceMs: number, cont: Continuation<T>): void {
    if (!(serviceMs >= 0) || serviceMs === Infinity)
      throw new RangeError(`LettuceClient: serviceMs must be a finite number ≥ 0, got ${serviceMs}`);
    const call = new LettuceCall(this, token, cont);
    this.stats.inFlight.add(this.#env.now, 1);
    this.#server.submit(call, 0, serviceMs, this);
    if (this.#timeoutMs !== null)
      call.timer = this.#env.scheduleCancellable(this.#timeoutMs, LettuceClient.#timedOut, call);
  }

  /** RedisReplyHandler: the reply came back; dropped if the command already timed out. */
  onRedisReply(call: LettuceCall<T>): void {
    this.stats.inFlight.add(this.#env.now, -1);
    if (call.done) return;
    call.done = true;
    if (call.timer !== null) this.#env.cancel(call.timer);
    call.timer = null;
    this.stats.commands++;
    call.cont.resume(call.token);
  }

  static #timedOut<T>(this: void, call: LettuceCall<T>): void {
    call.done = true;
    call.timer = null;
    call.client.stats.timeouts++;
    call.cont.fail(call.token, 'redis-timeout');
  }
}
