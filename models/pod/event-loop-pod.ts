/**
 * A Node.js pod: one JavaScript thread runs every request's CPU work, one job at a time, while
 * waits (I/O) hold nothing, so concurrency is unbounded. Connections past Node's
 * `server.maxConnections`, when set, are closed at once (the client sees a reset).
 */
import type { Environment } from '../../engine/index.js';
import type { ClientPool } from '../data/contracts.js';
import type { RedisClient } from '../data/redis/redis-client.js';
import type { NormalizedService } from '../scenario/normalized.js';
import type { ServiceLevels } from '../service/service-levels.js';
import { PHASE_DONE, PHASE_RUNNING } from '../request/strand.js';
import type { PodRuntime, Strand } from '../request/strand.js';
import { EventLoopCpu } from './cpu/index.js';
import type { CpuModel } from './cpu/index.js';
import type { PodHooks } from './pod-hooks.js';

/** One event-loop pod. */
export class EventLoopPod implements PodRuntime {
  inFlight = 0;
  pools: ClientPool<Strand>[] = [];
  redis: RedisClient<Strand>[] = [];
  /** Requests the balancer has sent here (for a requests-per-second metric). */
  requestsReceived = 0;
  /** Deleted: refuses new connections; `onDrained` runs when the last one is answered. */
  terminating = false;
  onDrained: (() => void) | null = null;
  /** Open connections (one per request in progress). */
  connections = 0;
  readonly cpu: CpuModel<Strand>;
  readonly #env: Environment;
  readonly #maxConnections: number;
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
    this.#maxConnections = service.nodeMaxConnections ?? Infinity;
    this.#advance = advance;
    this.#hooks = hooks;
    this.#levels = levels;
    this.cpu = new EventLoopCpu<Strand>(env, {
      // Without a limit the single thread still runs at one core.
      cores: service.cpuLimitCores ?? 1,
      onDone: (strand) => {
        strand.cpuFinished(env.now);
        this.#syncQueued();
        advance(strand);
      },
    });
  }

  /** Requests waiting for the event loop. */
  get queued(): number {
    return this.cpu.queued;
  }

  /** Node accepts at once; there is no backlog to speak of. */
  get backlogLength(): number {
    return 0;
  }

  /** A new connection for `root` reaches the pod. */
  arrive(root: Strand): void {
    if (this.terminating || this.connections >= this.#maxConnections) {
      this.#levels.listenOverflows++;
      this.#hooks.reject(root, 'connection-refused');
      return;
    }
    this.connections++;
    this.#levels.busyThreads.add(this.#env.now, 1);
    root.phase = PHASE_RUNNING;
    this.#advance(root);
  }

  runCpu(strand: Strand, workMs: number): void {
    strand.cpuSubmitted(this.#env.now, workMs);
    this.cpu.submit(strand, workMs);
    this.#syncQueued();
  }

  // The service's queued level follows the jobs waiting for the event loop.
  #queuedSeen = 0;
  #syncQueued(): void {
    const queued = this.cpu.queued;
    if (queued !== this.#queuedSeen) {
      this.#levels.queued.add(this.#env.now, queued - this.#queuedSeen);
      this.#queuedSeen = queued;
    }
  }

  finish(root: Strand): void {
    root.phase = PHASE_DONE;
    this.connections--;
    this.#levels.busyThreads.add(this.#env.now, -1);
    this.#hooks.respond(root);
    if (this.onDrained !== null && this.connections === 0) this.onDrained();
  }
}
