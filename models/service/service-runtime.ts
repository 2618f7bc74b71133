/**
 * A service at run time: its pods, the balancer in front of them, and its levels. Only ready pods
 * receive traffic; with none ready the connection is refused, as a Kubernetes Service without
 * endpoints does (kube-proxy rejects it).
 */
import type { Environment, RandomStreams } from '../../engine/index.js';
import { createPicker } from '../balancer/policies.js';
import type { Picker } from '../balancer/policies.js';
import { EventLoopPod } from '../pod/event-loop-pod.js';
import type { DataTier } from '../data/scenario/compile-data.js';
import type { ReplicaSet } from './replica-set.js';
import type { PodHooks } from '../pod/pod-hooks.js';
import { ThreadPerRequestPod } from '../pod/thread-per-request-pod.js';
import type { NormalizedService } from '../scenario/normalized.js';
import type { Strand } from '../request/strand.js';
import { ServiceLevels } from './service-levels.js';

/** A pod of either server kind. */
export type Pod = ThreadPerRequestPod | EventLoopPod;

/** One service's pods and balancer. */
export class ServiceRuntime {
  readonly levels = new ServiceLevels();
  /** Every pod ever created, in creation order. */
  readonly pods: Pod[] = [];
  /** The pods that receive traffic. */
  readonly ready: Pod[] = [];
  /** The pods' life cycles when Kubernetes dynamics are simulated (an autoscaler exists), else null. */
  replicaSet: ReplicaSet | null = null;
  readonly #env: Environment;
  readonly #pick: Picker;
  readonly #hooks: PodHooks;
  readonly #advance: (s: Strand) => void;
  readonly #podData: DataTier['podData'] | null;

  constructor(
    env: Environment,
    readonly spec: NormalizedService,
    streams: RandomStreams,
    advance: (s: Strand) => void,
    hooks: PodHooks,
    podData: DataTier['podData'] | null = null,
  ) {
    this.#env = env;
    this.#podData = podData;
    this.#hooks = hooks;
    this.#advance = advance;
    this.#pick = createPicker(spec.balancer, streams.stream(`service/${spec.name}/balancer`));
    for (let i = 0; i < spec.replicas; i++) this.addPod();
  }

  /**
   * Creates a pod (its container starts now: its pools open). It receives traffic once
   * {@link ServiceRuntime.markReady} is called; the initial replicas are ready at once.
   */
  addPod(ready = true): Pod {
    const index = this.pods.length;
    const pod =
      this.spec.server === 'thread-per-request'
        ? new ThreadPerRequestPod(this.#env, index, this.spec, this.#advance, this.#hooks, this.levels)
        : new EventLoopPod(this.#env, index, this.spec, this.#advance, this.#hooks, this.levels);
    if (this.#podData !== null) {
      const data = this.#podData(this.spec, index);
      pod.pools = data.pools;
      pod.redis = data.redis;
    }
    this.pods.push(pod);
    if (ready) this.markReady(pod);
    return pod;
  }

  /** The pod passed its readiness probe: the balancer may pick it. */
  markReady(pod: Pod): void {
    this.ready.push(pod);
    this.levels.readyPods.add(this.#env.now, 1);
  }

  /** The pod is being deleted: it leaves the Service's endpoints and gets no new requests. */
  markUnready(pod: Pod): void {
    const i = this.ready.indexOf(pod);
    if (i < 0) return;
    this.ready.splice(i, 1);
    this.levels.readyPods.add(this.#env.now, -1);
  }

  /** Sends a new attempt to a ready pod, or refuses it when none is ready. */
  accept(root: Strand): void {
    const ready = this.ready;
    if (ready.length === 0) {
      this.#hooks.reject(root, 'connection-refused');
      return;
    }
    const pod = ready[this.#pick(ready)]!;
    root.pod = pod;
    pod.requestsReceived++;
    pod.inFlight++;
    this.levels.inFlight.add(this.#env.now, 1);
    pod.arrive(root);
  }

  /** The client stopped waiting for `root` (answered, failed or gave up): the balancer forgets it. */
  detach(root: Strand): void {
    const pod = root.pod;
    if (pod === null) return;
    pod.inFlight--;
    this.levels.inFlight.add(this.#env.now, -1);
  }
}
