/**
 * A Kubernetes cluster seen by the scheduler: nodes with allocatable CPU and memory, pods placed by
 * their requests, a FIFO of Pending pods, and an optional cluster autoscaler that adds nodes.
 *
 * Sources (read for this file; paraphrased, no code copied):
 * - kube-scheduler NodeResourcesFit, LeastAllocated strategy: kubernetes/kubernetes
 *   `pkg/scheduler/framework/plugins/noderesources/least_allocated.go` (`leastRequestedScore`:
 *   integer `(capacity - requested) * 100 / capacity` per resource, 0 when requested > capacity, then
 *   the weighted integer mean) and `resource_allocation.go` (`calculateResourceAllocatableRequest`: the
 *   node's *non-zero* requests plus the incoming pod's non-zero request).
 * - Default weights cpu 1, memory 1 and the LeastAllocated default: kubernetes/kubernetes
 *   `pkg/scheduler/apis/config/testing/defaults/defaults.go` (`PluginConfigsV1`).
 * - Non-zero request for scoring: `DefaultMilliCPURequest` 100 (0.1 core) and `DefaultMemoryRequest`
 *   200 * 1024 * 1024 bytes (`pkg/scheduler/util/pod_resources.go`).
 * - Ties: kube-scheduler's `selectHost` picks uniformly at random among the nodes sharing the top
 *   score (reservoir sampling, `pkg/scheduler/schedule_one.go`). This model is deterministic and
 *   takes the lowest node index instead.
 * - Pods per node: kubelet `maxPods` default 110 (`pkg/kubelet/apis/config/v1beta1/defaults.go`),
 *   checked by the NodeResourcesFit filter ("Too many pods").
 * - Cluster autoscaler: kubernetes/autoscaler @55c37cd5 `cluster-autoscaler/FAQ.md` ("How does
 *   scale-up work?": unschedulable pods checked every `--scan-interval`, default 10 s; template
 *   nodes; `--max-nodes-total`), `cluster-autoscaler/main.go` (next loop `ScanInterval` after the
 *   previous one), `cluster-autoscaler/loop/trigger.go` (`--frequent-loops-enabled`),
 *   `core/static_autoscaler.go` (upcoming nodes injected into the snapshot so pods that fit on them
 *   do not trigger another scale-up), `estimator/binpacking_estimator.go` and
 *   `estimator/decreasing_pod_orderer.go` (first-fit decreasing by cpu/nodeCpu + mem/nodeMem).
 */
import type { Environment } from '../../engine/index.js';
import { LevelIntegral } from '../report/level-integral.js';

/** Cluster-autoscaler `--scan-interval` default (ms): 10 s (cluster-autoscaler FAQ.md, parameters). */
export const CLUSTER_AUTOSCALER_SCAN_INTERVAL_MS = 10_000;

/** Kubelet `maxPods` default: 110 pods per node (`pkg/kubelet/apis/config/v1beta1/defaults.go`). */
export const KUBELET_MAX_PODS_DEFAULT = 110;

/** kube-scheduler's stand-in CPU request (millicores) for a pod without one, used in scoring only. */
export const SCHEDULER_DEFAULT_MILLI_CPU_REQUEST = 100;

/** kube-scheduler's stand-in memory request (bytes) for a pod without one, used in scoring only. */
export const SCHEDULER_DEFAULT_MEMORY_REQUEST_BYTES = 200 * 1024 * 1024;

/** kube-scheduler's `MaxNodeScore`: a plugin's score lies in [0, 100]. */
const MAX_NODE_SCORE = 100;

/** Options of the cluster autoscaler of a {@link Cluster}. */
export interface ClusterAutoscalerOptions {
  /**
   * Most nodes the cluster may have, ready and provisioning together (`--max-nodes-total`). An
   * integer ≥ the cluster's initial `nodes` and ≥ 1.
   */
  maxNodes: number;
  /**
   * Time (ms) from the scale-up decision to the node being Ready and schedulable: cloud VM
   * creation, boot, kubelet registration and node readiness. Finite and ≥ 0. Cloud- and
   * image-dependent; minutes in practice (semantics.md §1.7 step 5).
   */
  provisionDelayMs: number;
  /** Time (ms) between autoscaler loops (`--scan-interval`, default 10 s). Finite and > 0. */
  scanIntervalMs: number;
  /**
   * Time (ms) of a loop on the scan grid: loops run at `scanOffsetMs + k · scanIntervalMs`. Finite
   * and ≥ 0 (it may lie before the construction time; only grid points after it are used). Default:
   * construction time + `scanIntervalMs` (the first loop runs one interval after the autoscaler
   * starts, `main.go`). The simulation may pass a sampled phase.
   */
  scanOffsetMs?: number;
  /**
   * Models `--frequent-loops-enabled` (`loop/trigger.go`): a pod becoming Pending starts a loop at
   * once, and a loop that started a scale-up is followed at once by another; otherwise the next
   * loop is `scanIntervalMs` after the previous one. Default false: the plain scan-interval loop of
   * older releases (the flag's default was false there; current `flags.go` defaults it to true).
   */
  frequentLoops?: boolean;
}

/** Options of a {@link Cluster}. */
export interface ClusterOptions {
  /** Initial number of Ready nodes; an integer ≥ 0. */
  nodes: number;
  /** Allocatable CPU of each node (cores): capacity minus system/kube reserved. Finite and > 0. */
  nodeCpuCores: number;
  /** Allocatable memory of each node (bytes). Finite and > 0. */
  nodeMemoryBytes: number;
  /** The cluster autoscaler, or null for a fixed-size cluster. */
  autoscaler: ClusterAutoscalerOptions | null;
  /** Pods a node accepts (kubelet `maxPods`); an integer ≥ 1, default 110. */
  maxPodsPerNode?: number;
}

/** Requests bound to one node, for results. */
export interface NodeAllocation {
  /** Sum of the CPU requests of the pods bound to the node (cores). */
  readonly cpuCores: number;
  /** Sum of the memory requests of the pods bound to the node (bytes). */
  readonly memoryBytes: number;
  /** Number of pods bound to the node. */
  readonly pods: number;
}

/** What a {@link Cluster} measures. Levels carry their exact time integrals. */
export interface ClusterStats {
  /** Ready (schedulable) nodes; provisioning nodes are not counted until ready. */
  readonly nodes: LevelIntegral;
  /** Pending pods (not bound to a node), unschedulable ones included. */
  readonly pending: LevelIntegral;
  /** Sum of the CPU requests of all bound pods (cores). */
  readonly allocatedCpuCores: LevelIntegral;
  /** Sum of the memory requests of all bound pods (bytes). */
  readonly allocatedMemoryBytes: LevelIntegral;
  /** Nodes the autoscaler has requested so far (ready or still provisioning). */
  nodesRequested: number;
  /** Autoscaler loops that requested at least one node. */
  scaleUps: number;
}

/** Callback of {@link Cluster}: `podId` was bound to node index `node`. */
export type OnScheduled = (podId: number, node: number) => void;

// One pod known to the cluster, bound or pending.
interface PodState {
  readonly id: number;
  readonly cpuMilli: number;
  readonly memBytes: number;
  // The requests kube-scheduler uses in scoring: a missing (zero) request counts as the default.
  readonly scoreCpuMilli: number;
  readonly scoreMemBytes: number;
  /** Node index, or -1 while pending. */
  node: number;
  /** Larger than an empty node: pending for ever. */
  readonly unschedulable: boolean;
}

/**
 * Nodes and the pods bound to them, scheduled as kube-scheduler's default profile does with CPU
 * and memory requests only.
 *
 * - **Fit** (NodeResourcesFit filter): a pod fits a node when its CPU and memory requests are each at
 *   most the node's allocatable minus the requests of the pods already bound there, and the node
 *   holds fewer than `maxPodsPerNode` pods. Requests are kept in integer millicores (rounded up, as
 *   Kubernetes quantities are) and whole bytes, so sums are exact.
 * - **Score** (NodeResourcesFit, LeastAllocated, weights cpu 1 / memory 1): per resource
 *   `floor((allocatable - requested) · 100 / allocatable)` (0 if requested > allocatable), where
 *   `requested` is the node's requests plus the pod's, each missing (zero) request counted as 100 m
 *   CPU / 200 MiB; the node score is the integer mean of the two. The highest score wins; **ties go
 *   to the lowest node index** (kube-scheduler picks at random among ties). Every Ready node is
 *   scored (kube-scheduler scores only a sample of the feasible nodes in clusters of more than
 *   100 nodes, `percentageOfNodesToScore` [not verified here]). Only this plugin is
 *   modelled: the default profile also scores BalancedAllocation, PodTopologySpread (system default
 *   spreading of a workload's pods over nodes) and others, which are not.
 * - **Pending**: a pod that fits no Ready node waits in a FIFO. Whenever capacity appears (a pod is
 *   released, a node becomes Ready) every pending pod is tried in FIFO order, and each that fits is
 *   bound; a later pod may bind where an earlier, larger one does not (kube-scheduler moves its
 *   unschedulable pods back to the active queue on such events and tries each). A new pod is
 *   tried at once, even when older pods are pending. Scheduler back-off (1–10 s) and pod priority
 *   are not modelled.
 * - **Unschedulable**: a pod whose request exceeds an empty node's allocatable stays pending for
 *   ever (kube-scheduler keeps it Pending with reason Unschedulable); see
 *   {@link Cluster.unschedulable} and {@link Cluster.unschedulableCount}. The autoscaler ignores it,
 *   as cluster-autoscaler ignores pods that would not fit a new node.
 * - **Binding is synchronous**: `onScheduled(podId, node)` is called from inside `schedule`, `release`
 *   or the node-ready event, after the cluster's state is updated; scheduler latency, binding and
 *   kubelet start-up are the caller's to add. The callback may call `schedule` or `release`.
 *
 * **Autoscaler** (simplified cluster-autoscaler, one node group of identical nodes, scale-up only):
 * a loop runs every `scanIntervalMs` while some schedulable pod is pending (the grid is kept while
 * idle, so the phase does not drift). A loop first places the pending pods, in FIFO order and
 * first-fit, on the free room of the Ready nodes and on the nodes still provisioning (as
 * cluster-autoscaler injects upcoming nodes into its snapshot), so pods that will fit there trigger
 * nothing. The rest are packed first-fit decreasing (size = cpu/nodeCpu + mem/nodeMem) onto new
 * empty nodes; that many nodes are requested, capped so that Ready + provisioning ≤ `maxNodes`.
 * Each becomes Ready `provisionDelayMs` later, and the pending pods are then retried.
 * Simplifications: cluster-autoscaler runs the scheduler's full filter set on a cluster snapshot
 * (here: requests and pod count only); its expanders, node-group minimum/maximum sizes, failed or
 * slow provisioning (`--max-node-provision-time` 15 min), `--new-pod-scale-up-delay` and
 * scale-down (nodes unneeded for `--scale-down-unneeded-time` 10 min) are not modelled: nodes are
 * never removed.
 *
 * Errors: `schedule` throws `Error` for an id already known; `release` throws `Error` for an
 * unknown id; `RangeError` for bad options or requests.
 */
export class Cluster {
  /** Levels and counters, for results and time series. */
  readonly stats: ClusterStats;
  readonly #env: Environment;
  readonly #onScheduled: OnScheduled;
  readonly #nodeCpuMilli: number;
  readonly #nodeMemBytes: number;
  readonly #maxPods: number;
  readonly #autoscaler: Required<ClusterAutoscalerOptions> | null;
  // Per node (index = node): requests bound there, exact and as kube-scheduler scores them.
  readonly #cpuMilli: number[] = [];
  readonly #memBytes: number[] = [];
  readonly #scoreCpuMilli: number[] = [];
  readonly #scoreMemBytes: number[] = [];
  readonly #podCount: number[] = [];
  readonly #pods = new Map<number, PodState>();
  // Pending pods in arrival order (unschedulable ones included; retries skip them).
  #pending: PodState[] = [];
  #unschedulableCount = 0;
  #provisioning = 0;
  // Retry pass in progress; a capacity change during it asks for one more pass.
  #retrying = false;
  #retryAgain = false;
  // Autoscaler loop state: the valid pending loop event is the one carrying #scanToken.
  #scanToken = 0;
  #scanArmedAtMs = NaN;
  #lastScanMs = -Infinity;
  // Event callbacks bound once per cluster: no closure per event.
  readonly #onScan = (token: number): void => this.#scan(token);
  readonly #onNodeReady = (): void => this.#nodeReady();

  /**
   * @param onScheduled called when a pod is bound to a node (synchronously; see the class notes).
   * @throws RangeError naming the field if an option is out of range; TypeError if `onScheduled` is
   *   not a function.
   */
  constructor(env: Environment, options: ClusterOptions, onScheduled: OnScheduled) {
    const { nodes, nodeCpuCores, nodeMemoryBytes, autoscaler } = options;
    const maxPods = options.maxPodsPerNode ?? KUBELET_MAX_PODS_DEFAULT;
    if (!Number.isInteger(nodes) || nodes < 0)
      throw new RangeError(`Cluster: nodes must be an integer ≥ 0, got ${nodes}`);
    if (!(nodeCpuCores > 0) || nodeCpuCores === Infinity)
      throw new RangeError(`Cluster: nodeCpuCores must be a finite number > 0, got ${nodeCpuCores}`);
    if (!(nodeMemoryBytes > 0) || nodeMemoryBytes === Infinity)
      throw new RangeError(`Cluster: nodeMemoryBytes must be a finite number > 0, got ${nodeMemoryBytes}`);
    if (!Number.isInteger(maxPods) || maxPods < 1)
      throw new RangeError(`Cluster: maxPodsPerNode must be an integer ≥ 1, got ${maxPods}`);
    if (typeof onScheduled !== 'function') throw new TypeError('Cluster: onScheduled must be a function');
    this.#env = env;
    this.#onScheduled = onScheduled;
    this.#nodeCpuMilli = toMilli(nodeCpuCores);
    this.#nodeMemBytes = toBytes(nodeMemoryBytes);
    this.#maxPods = maxPods;
    this.#autoscaler = autoscaler === null ? null : checkAutoscaler(autoscaler, nodes, env.now);
    this.stats = {
      nodes: new LevelIntegral(),
      pending: new LevelIntegral(),
      allocatedCpuCores: new LevelIntegral(),
      allocatedMemoryBytes: new LevelIntegral(),
      nodesRequested: 0,
      scaleUps: 0,
    };
    for (let i = 0; i < nodes; i++) this.#addNode();
    this.stats.nodes.add(env.now, nodes);
  }

  /** Ready nodes. */
  get nodeCount(): number {
    return this.#cpuMilli.length;
  }

  /** Nodes requested by the autoscaler and not Ready yet. */
  get provisioningNodes(): number {
    return this.#provisioning;
  }

  /** Pending pods, unschedulable ones included. */
  get pendingCount(): number {
    return this.#pending.length;
  }

  /** Pending pods larger than an empty node: they stay pending for ever. */
  get unschedulableCount(): number {
    return this.#unschedulableCount;
  }

  /**
   * Creates pod `podId` with the given requests and binds it at once to the best Ready node that
   * fits (calling `onScheduled` before returning), or queues it as Pending.
   * A zero request is treated as a missing one in scoring (100 m / 200 MiB); Kubernetes keeps an
   * explicit `0` as zero, a difference this API cannot express.
   * @param cpuRequestCores CPU request (cores), finite and ≥ 0; rounded up to whole millicores.
   * @param memoryRequestBytes memory request (bytes), finite and ≥ 0; rounded up to whole bytes.
   * @returns the node index, or -1 if the pod is pending.
   * @throws Error if `podId` is already known (bound or pending); RangeError for a bad argument.
   */
  schedule(podId: number, cpuRequestCores: number, memoryRequestBytes: number): number {
    if (!Number.isFinite(podId)) throw new RangeError(`Cluster: podId must be a finite number, got ${podId}`);
    if (this.#pods.has(podId)) throw new Error(`Cluster: pod ${podId} is already known`);
    if (!(cpuRequestCores >= 0) || cpuRequestCores === Infinity)
      throw new RangeError(`Cluster: cpuRequestCores must be a finite number ≥ 0, got ${cpuRequestCores}`);
    if (!(memoryRequestBytes >= 0) || memoryRequestBytes === Infinity)
      throw new RangeError(
        `Cluster: memoryRequestBytes must be a finite number ≥ 0, got ${memoryRequestBytes}`,
      );
    const cpuMilli = toMilli(cpuRequestCores);
    const memBytes = toBytes(memoryRequestBytes);
    const pod: PodState = {
      id: podId,
      cpuMilli,
      memBytes,
      scoreCpuMilli: cpuMilli === 0 ? SCHEDULER_DEFAULT_MILLI_CPU_REQUEST : cpuMilli,
      scoreMemBytes: memBytes === 0 ? SCHEDULER_DEFAULT_MEMORY_REQUEST_BYTES : memBytes,
      node: -1,
      unschedulable: cpuMilli > this.#nodeCpuMilli || memBytes > this.#nodeMemBytes,
    };
    this.#pods.set(podId, pod);
    const node = pod.unschedulable ? -1 : this.#bestNode(pod);
    if (node >= 0) {
      this.#bind(pod, node);
      this.#onScheduled(podId, node);
      return node;
    }
    this.#pending.push(pod);
    this.stats.pending.add(this.#env.now, 1);
    if (pod.unschedulable) this.#unschedulableCount++;
    else this.#podBecamePending();
    return -1;
  }

  /**
   * Deletes pod `podId`: frees its requests if it is bound (then retries the pending pods, which may
   * call `onScheduled`), or drops it from the pending FIFO.
   * @throws Error if `podId` is unknown (never scheduled, or already released).
   */
  release(podId: number): void {
    const pod = this.#pods.get(podId);
    if (pod === undefined) throw new Error(`Cluster: pod ${podId} is unknown`);
    this.#pods.delete(podId);
    const now = this.#env.now;
    if (pod.node < 0) {
      this.#pending.splice(this.#pending.indexOf(pod), 1);
      this.stats.pending.add(now, -1);
      if (pod.unschedulable) this.#unschedulableCount--;
      return;
    }
    const n = pod.node;
    this.#cpuMilli[n]! -= pod.cpuMilli;
    this.#memBytes[n]! -= pod.memBytes;
    this.#scoreCpuMilli[n]! -= pod.scoreCpuMilli;
    this.#scoreMemBytes[n]! -= pod.scoreMemBytes;
    this.#podCount[n]!--;
    this.stats.allocatedCpuCores.add(now, -pod.cpuMilli / 1000);
    this.stats.allocatedMemoryBytes.add(now, -pod.memBytes);
    this.#retryPending();
  }

  /** Node index of a bound pod; -1 for a pending pod; undefined for an unknown id. */
  nodeOf(podId: number): number | undefined {
    return this.#pods.get(podId)?.node;
  }

  /** Whether `podId` is pending and larger than an empty node, so it will never be scheduled. */
  unschedulable(podId: number): boolean {
    const pod = this.#pods.get(podId);
    return pod !== undefined && pod.node < 0 && pod.unschedulable;
  }

  /**
   * Requests bound to Ready node `node` (index in [0, nodeCount)).
   * @throws RangeError for an index that is not a Ready node.
   */
  nodeAllocation(node: number): NodeAllocation {
    if (!Number.isInteger(node) || node < 0 || node >= this.#cpuMilli.length)
      throw new RangeError(`Cluster: node must be an integer in [0, ${this.#cpuMilli.length}), got ${node}`);
    return {
      cpuCores: this.#cpuMilli[node]! / 1000,
      memoryBytes: this.#memBytes[node]!,
      pods: this.#podCount[node]!,
    };
  }

  #addNode(): void {
    this.#cpuMilli.push(0);
    this.#memBytes.push(0);
    this.#scoreCpuMilli.push(0);
    this.#scoreMemBytes.push(0);
    this.#podCount.push(0);
  }

  #fits(pod: PodState, node: number): boolean {
    return (
      this.#podCount[node]! < this.#maxPods &&
      pod.cpuMilli <= this.#nodeCpuMilli - this.#cpuMilli[node]! &&
      pod.memBytes <= this.#nodeMemBytes - this.#memBytes[node]!
    );
  }

  // The fitting node with the highest LeastAllocated score, lowest index on ties; -1 if none fits.
  #bestNode(pod: PodState): number {
    let best = -1;
    let bestScore = -1;
    for (let n = 0; n < this.#cpuMilli.length; n++) {
      if (!this.#fits(pod, n)) continue;
      const cpu = leastRequestedScore(this.#scoreCpuMilli[n]! + pod.scoreCpuMilli, this.#nodeCpuMilli);
      const mem = leastRequestedScore(this.#scoreMemBytes[n]! + pod.scoreMemBytes, this.#nodeMemBytes);
      const score = Math.floor((cpu + mem) / 2);
      if (score > bestScore) {
        best = n;
        bestScore = score;
      }
    }
    return best;
  }

  #bind(pod: PodState, node: number): void {
    pod.node = node;
    this.#cpuMilli[node]! += pod.cpuMilli;
    this.#memBytes[node]! += pod.memBytes;
    this.#scoreCpuMilli[node]! += pod.scoreCpuMilli;
    this.#scoreMemBytes[node]! += pod.scoreMemBytes;
    this.#podCount[node]!++;
    const now = this.#env.now;
    this.stats.allocatedCpuCores.add(now, pod.cpuMilli / 1000);
    this.stats.allocatedMemoryBytes.add(now, pod.memBytes);
  }

  // Tries every pending pod in FIFO order. Callbacks run after the pass, so a callback that calls
  // schedule/release sees a consistent state; a release during the callbacks runs its own pass.
  #retryPending(): void {
    if (this.#retrying) {
      this.#retryAgain = true;
      return;
    }
    this.#retrying = true;
    try {
      do {
        this.#retryAgain = false;
        const bound: PodState[] = [];
        const still: PodState[] = [];
        for (const pod of this.#pending) {
          const node = pod.unschedulable ? -1 : this.#bestNode(pod);
          if (node >= 0) {
            this.#bind(pod, node);
            bound.push(pod);
          } else still.push(pod);
        }
        if (bound.length === 0) break;
        this.#pending = still;
        this.stats.pending.add(this.#env.now, -bound.length);
        for (const pod of bound) {
          // Skip a pod a previous callback of this batch has already released.
          if (this.#pods.get(pod.id) === pod) this.#onScheduled(pod.id, pod.node);
        }
      } while (this.#retryAgain);
    } finally {
      this.#retrying = false;
    }
  }

  // ---- cluster autoscaler ----

  #podBecamePending(): void {
    const as = this.#autoscaler;
    if (as === null) return;
    const now = this.#env.now;
    if (as.frequentLoops) {
      // A new unschedulable pod starts a loop at once (unless one is due at this instant anyway).
      if (this.#scanArmedAtMs !== now) this.#armScan(now);
      return;
    }
    if (!Number.isNaN(this.#scanArmedAtMs)) return;
    // Next point of the scan grid, after any loop that already ran at this instant.
    const { scanOffsetMs: offset, scanIntervalMs: interval } = as;
    let k = Math.max(0, Math.ceil((now - offset) / interval));
    let t = offset + k * interval;
    while (t < now || t <= this.#lastScanMs) t = offset + ++k * interval;
    this.#armScan(t);
  }

  #armScan(timeMs: number): void {
    this.#scanArmedAtMs = timeMs;
    this.#env.scheduleAt(timeMs, this.#onScan, ++this.#scanToken);
  }

  // Runs one autoscaler loop if `token` is the current one (older loop events are stale).
  #scan(token: number): void {
    if (token !== this.#scanToken) return;
    const as = this.#autoscaler!;
    const now = this.#env.now;
    this.#scanArmedAtMs = NaN;
    this.#lastScanMs = now;
    const added = this.#scaleUp(as);
    if (!this.#pending.some((p) => !p.unschedulable)) return; // idle until a pod is pending again
    this.#armScan(as.frequentLoops && added > 0 ? now : now + as.scanIntervalMs);
  }

  // One scale-up decision; returns the number of nodes requested.
  #scaleUp(as: Required<ClusterAutoscalerOptions>): number {
    const room = as.maxNodes - this.#cpuMilli.length - this.#provisioning;
    const candidates = this.#pending.filter((p) => !p.unschedulable);
    if (room <= 0 || candidates.length === 0) return 0;
    // Snapshot: free room of Ready nodes, then empty upcoming nodes; FIFO first-fit.
    const cpuCap = this.#nodeCpuMilli;
    const memCap = this.#nodeMemBytes;
    const snapCpu = this.#cpuMilli.slice();
    const snapMem = this.#memBytes.slice();
    const snapPods = this.#podCount.slice();
    for (let i = 0; i < this.#provisioning; i++) {
      snapCpu.push(0);
      snapMem.push(0);
      snapPods.push(0);
    }
    const fitsSnap = (p: PodState, n: number): boolean =>
      snapPods[n]! < this.#maxPods &&
      p.cpuMilli <= cpuCap - snapCpu[n]! &&
      p.memBytes <= memCap - snapMem[n]!;
    const place = (p: PodState, n: number): void => {
      snapCpu[n]! += p.cpuMilli;
      snapMem[n]! += p.memBytes;
      snapPods[n]!++;
    };
    const leftOver: PodState[] = [];
    for (const p of candidates) {
      let n = 0;
      while (n < snapCpu.length && !fitsSnap(p, n)) n++;
      if (n < snapCpu.length) place(p, n);
      else leftOver.push(p);
    }
    if (leftOver.length === 0) return 0;
    // Estimator: first-fit decreasing on new template nodes (stable sort keeps FIFO among equals).
    const size = (p: PodState): number => p.cpuMilli / cpuCap + p.memBytes / memCap;
    leftOver.sort((a, b) => size(b) - size(a));
    const first = snapCpu.length;
    for (const p of leftOver) {
      let n = first;
      while (n < snapCpu.length && !fitsSnap(p, n)) n++;
      if (n === snapCpu.length) {
        if (n - first >= room) continue; // capped by maxNodes: this pod gets no node
        snapCpu.push(0);
        snapMem.push(0);
        snapPods.push(0);
      }
      place(p, n);
    }
    const added = snapCpu.length - first;
    if (added === 0) return 0;
    this.#provisioning += added;
    this.stats.nodesRequested += added;
    this.stats.scaleUps++;
    for (let i = 0; i < added; i++) this.#env.schedule(as.provisionDelayMs, this.#onNodeReady);
    return added;
  }

  // A provisioned node becomes Ready.
  #nodeReady(): void {
    this.#provisioning--;
    this.#addNode();
    this.stats.nodes.add(this.#env.now, 1);
    this.#retryPending();
  }
}

// kube-scheduler's per-resource LeastAllocated score: free fraction on a 0–100 integer scale.
function leastRequestedScore(requested: number, capacity: number): number {
  if (requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

// Cores → integer millicores, rounded up (a Kubernetes quantity below 1 m rounds up to 1 m); the
// small tolerance keeps float noise such as 0.1 * 1000 = 100.00000000000001 from adding 1 m.
function toMilli(cores: number): number {
  return Math.max(0, Math.ceil(cores * 1000 - 1e-6));
}

function toBytes(bytes: number): number {
  return Math.max(0, Math.ceil(bytes - 1e-6));
}

function checkAutoscaler(
  as: ClusterAutoscalerOptions,
  nodes: number,
  nowMs: number,
): Required<ClusterAutoscalerOptions> {
  const { maxNodes, provisionDelayMs, scanIntervalMs } = as;
  if (!Number.isInteger(maxNodes) || maxNodes < Math.max(1, nodes))
    throw new RangeError(
      `Cluster: autoscaler.maxNodes must be an integer ≥ max(1, nodes = ${nodes}), got ${maxNodes}`,
    );
  if (!(provisionDelayMs >= 0) || provisionDelayMs === Infinity)
    throw new RangeError(
      `Cluster: autoscaler.provisionDelayMs must be a finite number ≥ 0, got ${provisionDelayMs}`,
    );
  if (!(scanIntervalMs > 0) || scanIntervalMs === Infinity)
    throw new RangeError(
      `Cluster: autoscaler.scanIntervalMs must be a finite number > 0, got ${scanIntervalMs}`,
    );
  const scanOffsetMs = as.scanOffsetMs ?? nowMs + scanIntervalMs;
  if (!(scanOffsetMs >= 0) || scanOffsetMs === Infinity)
    throw new RangeError(`Cluster: autoscaler.scanOffsetMs must be a finite number ≥ 0, got ${scanOffsetMs}`);
  const frequentLoops = as.frequentLoops ?? false;
  if (typeof frequentLoops !== 'boolean')
    throw new RangeError(`Cluster: autoscaler.frequentLoops must be a boolean, got ${String(frequentLoops)}`);
  return { maxNodes, provisionDelayMs, scanIntervalMs, scanOffsetMs, frequentLoops };
}
