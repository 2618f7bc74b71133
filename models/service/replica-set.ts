/**
 * The pods of a service over time, as a Deployment's ReplicaSet and the kubelet run them: when
 * the desired count rises, new pods are scheduled onto a node, pull their image, start their
 * container (the application opens its pools) and receive traffic from their first passing
 * readiness probe; when it falls, pods are deleted in the ReplicaSet controller's order, leave
 * the Service's endpoints at once, finish what they hold (up to the termination grace period,
 * then the rest is cut off) and close their pools.
 */
import { createSampler } from '../../engine/index.js';
import type { Environment, RandomStreams, Sampler } from '../../engine/index.js';
import { LevelIntegral } from '../report/level-integral.js';
import type { Pod, ServiceRuntime } from './service-runtime.js';

/** Where a pod is in its life. */
export type PodPhase = 'pending' | 'starting' | 'ready' | 'terminating' | 'terminated';

/** One pod's life cycle; times in ms, NaN until reached. */
export class PodLife {
  phase: PodPhase = 'pending';
  /** One of the replicas that were running before the run started. */
  initial = false;
  /** The server once its container has started. */
  pod: Pod | null = null;
  scheduledMs = NaN;
  containerStartedMs = NaN;
  /** When the application could first pass its probe (container start + start-up time). */
  appReadyMs = NaN;
  readyMs = NaN;
  deletedMs = NaN;
  terminatedMs = NaN;
  constructor(
    /** Unique across the cluster. */
    readonly id: number,
    readonly createdMs: number,
  ) {}
}

/** What the cluster does for a replica set: placement on nodes and pod metrics. */
export interface KubeContext {
  /** A fresh pod id, unique across services. */
  nextPodId(): number;
  /** Asks for a node for `podId`; calls `bound` when it is bound (possibly at once). */
  place(podId: number, cpuRequestCores: number, memoryRequestBytes: number, bound: () => void): void;
  /** The pod is gone: its node's room is free again (also for a pod still pending). */
  release(podId: number): void;
  /** The container started: its metrics are scraped from now on. */
  containerStarted(life: PodLife): void;
  /** The container stopped. */
  containerStopped(life: PodLife): void;
  /**
   * Readiness: when a container started at `containerStartedMs` whose application is up
   * `appStartMs` later first passes its probe.
   */
  readyAtMs(containerStartedMs: number, appStartMs: number): number;
  /** Cuts off what a pod killed at the end of its grace period still holds. */
  cutOff(pod: Pod): void;
}

/** The replica set of one service. */
export class ReplicaSet {
  /** Every pod ever created, in creation order. */
  readonly lives: PodLife[] = [];
  /** `spec.replicas`: what the autoscaler last asked for. */
  desired: number;
  /** Pods created and not yet started (waiting for a node, pulling), started and not ready, deleted and not yet gone. */
  readonly pending = new LevelIntegral();
  readonly starting = new LevelIntegral();
  readonly terminating = new LevelIntegral();
  readonly desiredLevel = new LevelIntegral();
  readonly #env: Environment;
  readonly #service: ServiceRuntime;
  readonly #kube: KubeContext;
  readonly #schedule: Sampler;
  readonly #imagePull: Sampler;
  readonly #start: Sampler;

  constructor(env: Environment, service: ServiceRuntime, kube: KubeContext, streams: RandomStreams) {
    this.#env = env;
    this.#service = service;
    this.#kube = kube;
    const at = `service/${service.spec.name}/startup`;
    const st = service.spec.startup;
    this.#schedule = createSampler(st.schedule, streams.stream(`${at}/schedule`));
    this.#imagePull = createSampler(st.imagePull, streams.stream(`${at}/image-pull`));
    this.#start = createSampler(st.start, streams.stream(`${at}/start`));
    this.desired = service.spec.replicas;
    this.desiredLevel.add(env.now, this.desired);
    // The initial replicas have been running and ready since before the run.
    for (const pod of service.pods) {
      const life = new PodLife(kube.nextPodId(), env.now);
      life.phase = 'ready';
      life.initial = true;
      life.pod = pod;
      life.scheduledMs = life.containerStartedMs = life.appReadyMs = life.readyMs = env.now;
      this.lives.push(life);
      kube.place(life.id, service.spec.cpuRequestCores ?? 0, service.spec.memoryRequestBytes ?? 0, () => {});
      kube.containerStarted(life);
    }
  }

  /** Pods that exist (not deleted): what the controller counts. */
  get alive(): PodLife[] {
    return this.lives.filter((l) => l.phase !== 'terminating' && l.phase !== 'terminated');
  }

  /** Sets the desired count (`spec.replicas`) and creates or deletes pods to match. */
  scaleTo(desired: number): void {
    const now = this.#env.now;
    this.desiredLevel.add(now, desired - this.desired);
    this.desired = desired;
    const alive = this.alive;
    for (let n = alive.length; n < desired; n++) this.#create(now);
    if (alive.length > desired) {
      for (const life of deletionOrder(alive).slice(0, alive.length - desired)) this.#delete(life, now);
    }
  }

  #create(now: number): void {
    const life = new PodLife(this.#kube.nextPodId(), now);
    this.lives.push(life);
    this.pending.add(now, 1);
    this.#env.schedule(this.#schedule(), this.#requestNode, life);
  }

  readonly #requestNode = (life: PodLife): void => {
    if (life.phase !== 'pending') return;
    const spec = this.#service.spec;
    this.#kube.place(life.id, spec.cpuRequestCores ?? 0, spec.memoryRequestBytes ?? 0, () =>
      this.#bound(life),
    );
  };

  #bound(life: PodLife): void {
    if (life.phase !== 'pending') return;
    life.scheduledMs = this.#env.now;
    this.#env.schedule(this.#imagePull(), this.#startContainer, life);
  }

  readonly #startContainer = (life: PodLife): void => {
    if (life.phase !== 'pending') return;
    const now = this.#env.now;
    life.phase = 'starting';
    life.containerStartedMs = now;
    this.pending.add(now, -1);
    this.starting.add(now, 1);
    life.pod = this.#service.addPod(false);
    this.#kube.containerStarted(life);
    const appStartMs = this.#start();
    life.appReadyMs = now + appStartMs;
    const readyAt = this.#kube.readyAtMs(now, appStartMs);
    this.#env.scheduleAt(readyAt, this.#becomeReady, life);
  };

  readonly #becomeReady = (life: PodLife): void => {
    if (life.phase !== 'starting') return;
    const now = this.#env.now;
    life.phase = 'ready';
    life.readyMs = now;
    this.starting.add(now, -1);
    this.#service.markReady(life.pod!);
  };

  #delete(life: PodLife, now: number): void {
    const was = life.phase;
    life.deletedMs = now;
    life.phase = 'terminating';
    this.terminating.add(now, 1);
    if (was === 'pending') {
      this.pending.add(now, -1);
      this.#terminated(life);
      return;
    }
    if (was === 'starting') this.starting.add(now, -1);
    const pod = life.pod!;
    this.#service.markUnready(pod);
    pod.terminating = true;
    if (pod.connections === 0) {
      this.#terminated(life);
      return;
    }
    pod.onDrained = () => this.#terminated(life);
    this.#env.schedule(this.#service.spec.startup.terminationGracePeriodMs, this.#kill, life);
  }

  // The grace period is over: SIGKILL. Requests still on the pod are cut off.
  readonly #kill = (life: PodLife): void => {
    if (life.phase !== 'terminating') return;
    this.#kube.cutOff(life.pod!);
    this.#terminated(life);
  };

  #terminated(life: PodLife): void {
    if (life.phase === 'terminated') return;
    const now = this.#env.now;
    life.phase = 'terminated';
    life.terminatedMs = now;
    this.terminating.add(now, -1);
    const pod = life.pod;
    if (pod !== null) {
      pod.onDrained = null;
      for (const pool of pod.pools) pool.close();
      this.#kube.containerStopped(life);
    }
    this.#kube.release(life.id);
  }
}

/**
 * The ReplicaSet controller's deletion order (`controller.ActivePodsWithRanks`, pkg/controller/
 * controller_utils.go): unscheduled before scheduled, not ready before ready, then the pod ready
 * for the shortest time, then the newest.
 */
export function deletionOrder(lives: readonly PodLife[]): PodLife[] {
  const rank = (l: PodLife): number =>
    l.phase === 'pending' ? (Number.isNaN(l.scheduledMs) ? 0 : 1) : l.phase === 'starting' ? 2 : 3;
  return [...lives].sort(
    (a, b) =>
      rank(a) - rank(b) || (b.readyMs || 0) - (a.readyMs || 0) || b.createdMs - a.createdMs || b.id - a.id,
  );
}
