/**
 * Redisson's command execution against one Redis server: a fixed connection pool per client (pod),
 * a response timeout, and retries with a jittered back-off.
 *
 * Source: redisson/redisson @66863978 `redisson/src/main/java/org/redisson/command/RedisExecutor.java`
 * (`execute`, `scheduleRetryTimeout`, `scheduleConnectionTimeout`, `scheduleResponseTimeout`,
 * `releaseConnection`), `config/EqualJitterDelay.java`, `config/BaseConfig.java`,
 * `config/SingleServerConfig.java`. See `/work/shared/semantics.md` §7 and
 * `DEFAULTS.redisson` in `models/scenario/defaults.ts`.
 *
 * What one command does (try k = 0, 1, …, retryAttempts):
 * 1. Each try computes its retry delay d_k = {@link equalJitterDelayMs}(k) (RedisExecutor.execute).
 * 2. It asks the pool for a connection. With no idle connection it waits, FIFO, for at most d_k
 *    (the retry timer); then the wait is cancelled and, if tries remain, the next try starts at
 *    once; after the last try the command fails ("Unable to acquire connection! … after N of N
 *    retry attempts"). With `retryAttempts` 0 or a zero delay, Redisson uses its connection
 *    timeout instead: the wait lasts `timeoutMs` (scheduleConnectionTimeout).
 * 3. With a connection it sends the command (writes are taken as instantaneous: the write timeout
 *    and "Command still hasn't been written into connection!" are not modelled) and waits
 *    `timeoutMs` for the reply. The connection is held until the reply or the timeout.
 * 4. Reply in time: the connection goes back to the pool and the token resumes.
 * 5. No reply within `timeoutMs`: the try is cancelled and the connection goes back to the pool
 *    (releaseConnection runs when the try completes); if tries remain, the next try starts d_k
 *    later (scheduleResponseTimeout re-executes after `retryInterval`); after the last try the
 *    command fails (RedisResponseTimeoutException, a RedisTimeoutException). The server still runs
 *    every copy it received, and a late reply is ignored.
 *
 * With the defaults (64 connections, 4 retries, EqualJitterDelay(1000, 2000)) a command that never
 * gets a connection fails after d_0 + … + d_4 ∈ [500 + 4·1000, 1000 + 4·2000] = [4.5 s, 9 s].
 *
 * Not modelled: connection set-up (the pool is taken as fully open: Redisson opens
 * `connectionMinimumIdleSize` at start and the rest on demand), blocking commands and `noRetry`
 * commands (both never resent), MOVED/ASK redirects, reconnections.
 */
import type { Environment, EventHandle, RandomSource } from '../../../engine/index.js';
import { Deque } from '../../../engine/index.js';
import { LevelIntegral } from '../../report/level-integral.js';
import type { Continuation } from '../contracts.js';
import { equalJitterDelayMs } from './equal-jitter-delay.js';
import type { RedisClient } from './redis-client.js';
import type { RedisCommandSink, RedisReplyHandler } from './redis-server.js';

/** Options of {@link RedissonClient}; defaults in `DEFAULTS.redisson`. */
export interface RedissonOptions {
  /** `connectionPoolSize`: connections of this client (integer ≥ 1; Redisson default 64). */
  readonly connectionPoolSize: number;
  /** `timeout`: how long a try waits for the reply once sent (ms, > 0; default 3000). */
  readonly timeoutMs: number;
  /** `retryAttempts`: tries after the first (integer ≥ 0; default 4). */
  readonly retryAttempts: number;
  /** EqualJitterDelay base delay (ms, ≥ 0; default 1000). */
  readonly retryDelayBaseMs: number;
  /** EqualJitterDelay maximum delay (ms, ≥ 0; default 2000). */
  readonly retryDelayMaxMs: number;
}

/** What a {@link RedissonClient} measures. Levels carry their exact time integrals. */
export interface RedissonStats {
  /** Commands waiting for a connection. */
  readonly waiting: LevelIntegral;
  /** Connections lent out (sent, reply not yet received or timed out). */
  readonly inUse: LevelIntegral;
  /** Commands that succeeded. */
  commands: number;
  /** Commands that failed for good (`redis-timeout`). */
  timeouts: number;
  /** Tries after the first, over all commands. */
  retries: number;
  /** Tries that ran out of time waiting for a connection. */
  acquireTimeouts: number;
  /** Tries whose reply did not come within `timeoutMs`. */
  responseTimeouts: number;
  /** Total time (ms) tries spent waiting for a connection. */
  waitMs: number;
}

// Phases of a command.
const WAITING = 1;
const SENT = 2;
const BACKOFF = 3;
const DONE = 4;

/**
 * One command in flight: one small record per command, the only allocation of the client besides
 * the cancellable timers (one per connection wait and one per send). It is also the `cmd` given to
 * the server, tagged with the try number so that late replies of earlier tries are recognised.
 */
class Call<T> {
  readonly client: RedissonClient<T>;
  readonly token: T;
  readonly cont: Continuation<T>;
  readonly serviceMs: number;
  attempt = 0;
  phase = 0;
  /** d_attempt, drawn on first use (NaN until then). */
  delayMs = NaN;
  waitSinceMs = 0;
  /** Entries of this call left behind in the waiter queue by timed-out waits. */
  staleEntries = 0;
  timer: EventHandle | null = null;
  constructor(client: RedissonClient<T>, token: T, cont: Continuation<T>, serviceMs: number) {
    this.client = client;
    this.token = token;
    this.cont = cont;
    this.serviceMs = serviceMs;
  }
}

/**
 * A pod's Redisson client (single-server mode) in front of a {@link RedisCommandSink}.
 *
 * Invariants: `inUse.level + idle = connectionPoolSize`; a command waits only while no connection
 * is idle; waiters get connections in FIFO order of their (latest) request; each command ends with
 * exactly one `resume` or `fail(…, 'redis-timeout')`, never synchronously.
 */
export class RedissonClient<T> implements RedisClient<T>, RedisReplyHandler<Call<T>> {
  /** Counters and levels. */
  readonly stats: RedissonStats;
  readonly #env: Environment;
  readonly #server: RedisCommandSink;
  readonly #jitter: RandomSource;
  readonly #poolSize: number;
  readonly #timeoutMs: number;
  readonly #retryAttempts: number;
  readonly #baseMs: number;
  readonly #maxMs: number;
  #idle: number;
  // Waiters in request order; timed-out waits leave stale entries, skipped via Call.staleEntries.
  readonly #waiters = new Deque<Call<T>>();

  /**
   * @param jitter uniform source of the EqualJitterDelay draws.
   * @throws RangeError naming the first invalid option.
   */
  constructor(env: Environment, server: RedisCommandSink, options: RedissonOptions, jitter: RandomSource) {
    checkInteger('connectionPoolSize', options.connectionPoolSize, 1);
    checkNumber('timeoutMs', options.timeoutMs, false);
    checkInteger('retryAttempts', options.retryAttempts, 0);
    checkNumber('retryDelayBaseMs', options.retryDelayBaseMs, true);
    checkNumber('retryDelayMaxMs', options.retryDelayMaxMs, true);
    if (typeof jitter !== 'function') throw new RangeError('RedissonClient: jitter must be a random source');
    this.#env = env;
    this.#server = server;
    this.#jitter = jitter;
    this.#poolSize = options.connectionPoolSize;
    this.#timeoutMs = options.timeoutMs;
    this.#retryAttempts = options.retryAttempts;
    this.#baseMs = options.retryDelayBaseMs;
    this.#maxMs = options.retryDelayMaxMs;
    this.#idle = options.connectionPoolSize;
    this.stats = {
      waiting: new LevelIntegral(),
      inUse: new LevelIntegral(),
      commands: 0,
      timeouts: 0,
      retries: 0,
      acquireTimeouts: 0,
      responseTimeouts: 0,
      waitMs: 0,
    };
  }

  /** `connectionPoolSize`. */
  get poolSize(): number {
    return this.#poolSize;
  }

  /** Connections idle in the pool. */
  get idle(): number {
    return this.#idle;
  }

  command(token: T, serviceMs: number, cont: Continuation<T>): void {
    if (!(serviceMs >= 0) || serviceMs === Infinity)
      throw new RangeError(`RedissonClient: serviceMs must be a finite number ≥ 0, got ${serviceMs}`);
    this.#execute(new Call(this, token, cont, serviceMs));
  }

  /** RedisReplyHandler: a reply came back. Replies of cancelled tries are ignored. */
  onRedisReply(call: Call<T>, tag: number): void {
    if (call.phase !== SENT || tag !== call.attempt) return;
    this.#env.cancel(call.timer!);
    call.timer = null;
    call.phase = DONE;
    this.stats.commands++;
    this.#release();
    call.cont.resume(call.token);
  }

  /** One try (RedisExecutor.execute): take an idle connection or queue for one. */
  #execute(call: Call<T>): void {
    call.delayMs = NaN;
    if (this.#idle > 0) {
      this.#idle--;
      this.#send(call);
      return;
    }
    const now = this.#env.now;
    call.phase = WAITING;
    call.waitSinceMs = now;
    this.#waiters.push(call);
    this.stats.waiting.add(now, 1);
    // The retry timer bounds the wait; without retries (or with no delay) the connection timeout does.
    const delay = this.#delay(call);
    const bound = this.#retryAttempts > 0 && delay > 0 ? delay : this.#timeoutMs;
    call.timer = this.#env.scheduleCancellable(bound, RedissonClient.#acquireTimedOut, call);
  }

  #send(call: Call<T>): void {
    call.phase = SENT;
    this.stats.inUse.add(this.#env.now, 1);
    this.#server.submit(call, call.attempt, call.serviceMs, this);
    call.timer = this.#env.scheduleCancellable(this.#timeoutMs, RedissonClient.#responseTimedOut, call);
  }

  /** A connection comes back: to the first live waiter, else to the idle set. */
  #release(): void {
    const now = this.#env.now;
    this.stats.inUse.add(now, -1);
    for (;;) {
      const next = this.#waiters.shift();
      if (next === undefined) break;
      if (next.staleEntries > 0) {
        // An older entry of a call that has since re-queued (or finished): skip it.
        next.staleEntries--;
        continue;
      }
      this.#env.cancel(next.timer!);
      next.timer = null;
      this.stats.waiting.add(now, -1);
      this.stats.waitMs += now - next.waitSinceMs;
      this.#send(next);
      return;
    }
    this.#idle++;
  }

  #delay(call: Call<T>): number {
    if (Number.isNaN(call.delayMs))
      call.delayMs = equalJitterDelayMs(call.attempt, this.#baseMs, this.#maxMs, this.#jitter());
    return call.delayMs;
  }

  #fail(call: Call<T>): void {
    call.phase = DONE;
    this.stats.timeouts++;
    call.cont.fail(call.token, 'redis-timeout');
  }

  // Static timer callbacks: the call carries its client, so no closure is built per event.

  /** The wait for a connection ran out (retry timer, or connection timeout without retries). */
  static #acquireTimedOut<T>(this: void, call: Call<T>): void {
    const self = call.client;
    const now = self.#env.now;
    call.timer = null;
    call.staleEntries++;
    self.stats.waiting.add(now, -1);
    self.stats.waitMs += now - call.waitSinceMs;
    self.stats.acquireTimeouts++;
    if (call.attempt >= self.#retryAttempts) {
      self.#fail(call);
      return;
    }
    call.attempt++;
    self.stats.retries++;
    self.#execute(call);
  }

  /** No reply within `timeoutMs` of the send. */
  static #responseTimedOut<T>(this: void, call: Call<T>): void {
    const self = call.client;
    call.timer = null;
    self.stats.responseTimeouts++;
    // The try is over: its connection goes back to the pool whatever happens next.
    call.phase = BACKOFF;
    self.#release();
    if (call.attempt >= self.#retryAttempts) {
      self.#fail(call);
      return;
    }
    self.#env.schedule(self.#delay(call), RedissonClient.#retry, call);
  }

  /** The back-off after a response timeout is over: next try. */
  static #retry<T>(this: void, call: Call<T>): void {
    const self = call.client;
    call.attempt++;
    self.stats.retries++;
    self.#execute(call);
  }
}

function checkInteger(field: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`RedissonClient: ${field} must be an integer ≥ ${min}, got ${value}`);
}

function checkNumber(field: string, value: number, allowZero: boolean): void {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
    throw new RangeError(
      `RedissonClient: ${field} must be a finite number ${allowZero ? '≥ 0' : '> 0'} (ms), got ${value}`,
    );
}
