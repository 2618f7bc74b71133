/**
 * A Tomcat (NIO connector) pod under Spring Boot, layer by layer as `semantics.md` §4 describes:
 * 1. up to `maxThreads` requests run, each holding its worker thread for its whole life;
 * 2. up to `maxConnections` connections are accepted; those without a thread wait FIFO in the
 *    executor's unbounded queue;
 * 3. past that, the kernel's listen backlog holds up to min(acceptCount, somaxconn) connections;
 * 4. past that, Linux drops the SYN (the client retransmits after 1 s, 2 s, 4 s, ... up to
 *    tcp_syn_retries) or, with tcp_abort_on_overflow = 1, resets it: "connection refused".
 * Every connection carries one request: keep-alive connections, which also count toward
 * maxConnections in Tomcat, are not modelled.
 */
import type { ClientPool } from '../data/contracts.js';
import type { RedisClient } from '../data/redis/redis-client.js';
import type { Deque as DequeType, Environment } from '../../engine/index.js';
import { Deque } from '../../engine/index.js';
import type { NormalizedService, NormalizedTomcat } from '../scenario/normalized.js';
import type { ServiceLevels } from '../service/service-levels.js';
import {
  ATTEMPT_PENDING,
  PHASE_BACKLOG,
  PHASE_DONE,
  PHASE_QUEUED,
  PHASE_RUNNING,
} from '../request/strand.js';
import type { PodRuntime, Strand } from '../request/strand.js';
import { ProcessorSharingCpu } from './cpu/index.js';
import type { CpuModel } from './cpu/index.js';
import type { PodHooks } from './pod-hooks.js';

/** One thread-per-request pod. */
export class ThreadPerRequestPod implements PodRuntime {
  inFlight = 0;
  pools: ClientPool<Strand>[] = [];
  redis: RedisClient<Strand>[] = [];
  /** Requests the balancer has sent here (for a requests-per-second metric). */
  requestsReceived = 0;
  /** Deleted: refuses new connections; `onDrained` runs when the last one is answered. */
  terminating = false;
  onDrained: (() => void) | null = null;
  /** Threads running a request. */
  busyThreads = 0;
  /** Accepted connections (running or waiting for a thread). */
  connections = 0;
  readonly cpu: CpuModel<Strand>;
  readonly #env: Environment;
  readonly #tomcat: NormalizedTomcat;
  readonly #linux: NormalizedService['linux'];
  readonly #backlogCap: number;
  readonly #queue: DequeType<Strand> = new Deque<Strand>();
  readonly #backlog: DequeType<Strand> = new Deque<Strand>();
  readonly #advance: (s: Strand) => void;
  readonly #hooks: PodHooks;
  readonly #levels: ServiceLevels;

  constructor(
    env: Environment,
    readonly index: number,
    service: NormalizedService,
    advance: (s: Strand) => void,
    hooks: PodHooks,
    levels: ServiceLevels,
  ) {
    this.#env = env;
    this.#tomcat = service.tomcat!;
    this.#linux = service.linux;
    this.#backlogCap = service.backlog;
    this.#advance = advance;
    this.#hooks = hooks;
    this.#levels = levels;
    // No CPU limit: one core per thread, so CPU work never contends.
    const cores = service.cpuLimitCores ?? this.#tomcat.maxThreads;
    this.cpu = new ProcessorSharingCpu<Strand>(env, {
      cores,
      onDone: (strand) => {
        strand.cpuFinished(env.now);
        advance(strand);
      },
    });
  }

  /** Requests waiting for a thread. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Connections in the listen backlog. */
  get backlogLength(): number {
    return this.#backlog.length;
  }

  /** A new connection (or a retransmitted SYN) for `root` reaches the pod. */
  arrive(root: Strand): void {
    const now = this.#env.now;
    if (root.synRetries > 0) root.connectMs = now - root.phaseAtMs;
    if (this.terminating) {
      // The listening socket is closed: a retransmitted SYN gets a reset.
      this.#hooks.reject(root, 'connection-refused');
      return;
    }
    if (this.connections < this.#tomcat.maxConnections) {
      this.connections++;
      this.#dispatch(root, now);
    } else if (this.#backlog.length < this.#backlogCap) {
      root.phase = PHASE_BACKLOG;
      root.phaseAtMs = now;
      this.#backlog.push(root);
      this.#levels.backlog.add(now, 1);
    } else {
      this.#overflow(root, now);
    }
  }

  runCpu(strand: Strand, workMs: number): void {
    strand.cpuSubmitted(this.#env.now, workMs);
    this.cpu.submit(strand, workMs);
  }

  finish(root: Strand): void {
    const now = this.#env.now;
    root.phase = PHASE_DONE;
    this.#hooks.respond(root);
    const next = this.#queue.shift();
    if (next === undefined) {
      this.busyThreads--;
      this.#levels.busyThreads.add(now, -1);
    } else {
      this.#levels.queued.add(now, -1);
      this.#startOnThread(next, now);
    }
    this.connections--;
    const waiting = this.#backlog.shift();
    if (waiting !== undefined) {
      this.#levels.backlog.add(now, -1);
      waiting.backlogMs = now - waiting.phaseAtMs;
      this.connections++;
      this.#dispatch(waiting, now);
    }
    if (this.onDrained !== null && this.connections === 0) this.onDrained();
  }

  #dispatch(root: Strand, now: number): void {
    if (this.busyThreads < this.#tomcat.maxThreads) {
      this.busyThreads++;
      this.#levels.busyThreads.add(now, 1);
      root.phase = PHASE_RUNNING;
      this.#advance(root);
    } else {
      root.phase = PHASE_QUEUED;
      root.phaseAtMs = now;
      this.#queue.push(root);
      this.#levels.queued.add(now, 1);
    }
  }

  #startOnThread(root: Strand, now: number): void {
    const waitMs = now - root.phaseAtMs;
    root.queueMs = waitMs;
    this.#levels.threadWaits++;
    this.#levels.threadWaitMs += waitMs;
    root.phase = PHASE_RUNNING;
    this.#advance(root);
  }

  #overflow(root: Strand, now: number): void {
    this.#levels.listenOverflows++;
    if (this.#linux.tcpAbortOnOverflow) {
      this.#hooks.reject(root, 'connection-refused');
      return;
    }
    if (root.synRetries === 0) root.phaseAtMs = now;
    // Exponential SYN retransmission: 1 s, 2 s, 4 s, ... after each drop (RFC 6298 backoff);
    // after the last retransmission connect() still waits one more doubled interval before it
    // gives up (ETIMEDOUT): 1 + 2 + ... + 64 = 127 s with tcp_syn_retries = 6.
    const delayMs = this.#linux.synInitialRtoMs * 2 ** root.synRetries;
    if (root.synRetries < this.#linux.tcpSynRetries) {
      root.synRetries++;
      this.#env.schedule(delayMs, this.#retransmit, root);
    } else {
      this.#env.schedule(delayMs, this.#giveUp, root);
    }
  }

  readonly #giveUp = (root: Strand): void => {
    this.#hooks.reject(root, 'accept-queue-full');
  };

  readonly #retransmit = (root: Strand): void => {
    // A client that gave up has closed the socket: nothing is retransmitted any more.
    if (root.state === ATTEMPT_PENDING) this.arrive(root);
  };
}
