/**
 * Redis pub/sub fan-out: a PUBLISH reaches every subscriber, and each subscribing pod runs its
 * delivery steps on its own (a Spring `RedisMessageListenerContainer` pushing the message to its
 * WebSocket sessions). Redis documents PUBLISH as O(N+M), N the clients subscribed to the channel
 * (redis.io, PUBLISH): the publisher's command costs more with every subscriber.
 *
 * Each ready pod of the subscribing service holds one subscription, so a publish makes as many
 * deliveries as there are ready pods. A delivery uses the pod's CPU, pools and Redis clients but
 * none of its HTTP threads, and is not a request: its failures are counted, not recorded.
 */
import type { Op } from '../endpoint/program.js';
import type { ClientPool } from '../data/contracts.js';
import type { RedisClient } from '../data/redis/index.js';
import { Strand } from './strand.js';
import type { PodRuntime } from './strand.js';

/** One subscribing pod as the interpreter sees it while it runs a delivery. */
class DeliveryRuntime implements PodRuntime {
  inFlight = 0;
  constructor(
    private readonly pod: PodRuntime,
    private readonly broadcast: BroadcastRuntime,
  ) {}

  get index(): number {
    return this.pod.index;
  }

  get pools(): readonly ClientPool<Strand>[] {
    return this.pod.pools;
  }

  get redis(): readonly RedisClient<Strand>[] {
    return this.pod.redis;
  }

  runCpu(strand: Strand, workMs: number): void {
    this.pod.runCpu(strand, workMs);
  }

  finish(root: Strand): void {
    this.broadcast.finished(root.failCause);
  }
}

/**
 * The subscribers of one broadcast step. Built while programs compile; {@link BroadcastRuntime.bind}
 * gives it the delivery program and the subscribing service's ready pods once services exist.
 */
export class BroadcastRuntime {
  /** Deliveries started, and those whose steps failed, by cause. */
  delivered = 0;
  readonly failures: Record<string, number> = {};
  #ops: readonly Op[] = [];
  #ready: readonly PodRuntime[] = [];
  #advance: (s: Strand) => void = () => {};
  readonly #runtimes = new Map<PodRuntime, DeliveryRuntime>();

  /**
   * @param ready the subscribing service's ready pods: a live array, read at each publish.
   */
  bind(ops: readonly Op[], ready: readonly PodRuntime[], advance: (s: Strand) => void): void {
    this.#ops = ops;
    this.#ready = ready;
    this.#advance = advance;
  }

  /** Subscribers now: one per ready pod. */
  subscribers(): number {
    return this.#ready.length;
  }

  /**
   * The message reached the subscribers: each ready pod starts its delivery steps. A delivery only
   * schedules work, so the ready list cannot change while this walks it.
   */
  deliver(): void {
    for (const pod of this.#ready) {
      let runtime = this.#runtimes.get(pod);
      if (runtime === undefined) {
        runtime = new DeliveryRuntime(pod, this);
        this.#runtimes.set(pod, runtime);
      }
      const strand = new Strand(this.#ops, null, null);
      strand.pod = runtime;
      this.delivered++;
      this.#advance(strand);
    }
  }

  /** @internal A delivery's steps are over. */
  finished(cause: string | null): void {
    if (cause !== null) this.failures[cause] = (this.failures[cause] ?? 0) + 1;
  }
}
