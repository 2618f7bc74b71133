/**
 * Cluster: least-allocated placement, the pending FIFO and its retries, pods larger than a node,
 * and the cluster autoscaler's timing and maxNodes cap.
 */
import { describe, expect, it } from 'vitest';
import { Environment } from '../../engine/index.js';
import {
  CLUSTER_AUTOSCALER_SCAN_INTERVAL_MS,
  Cluster,
  KUBELET_MAX_PODS_DEFAULT,
} from '../../models/kubernetes/cluster.js';
import type { ClusterOptions } from '../../models/kubernetes/cluster.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** A cluster recording `[podId, node, timeMs]` for each binding. */
function setup(options: Partial<ClusterOptions> = {}): {
  env: Environment;
  cluster: Cluster;
  bound: [number, number, number][];
} {
  const env = new Environment();
  const bound: [number, number, number][] = [];
  const cluster = new Cluster(
    env,
    { nodes: 2, nodeCpuCores: 4, nodeMemoryBytes: 8 * GiB, autoscaler: null, ...options },
    (podId, node) => void bound.push([podId, node, env.now]),
  );
  return { env, cluster, bound };
}

describe('Cluster scheduling (NodeResourcesFit, LeastAllocated)', () => {
  it('spreads pods to the least allocated node, ties to the lowest index', () => {
    const { cluster, bound } = setup({ nodes: 3 });
    expect(cluster.schedule(1, 1, GiB)).toBe(0); // all empty: tie → node 0
    expect(cluster.schedule(2, 1, GiB)).toBe(1);
    expect(cluster.schedule(3, 1, GiB)).toBe(2);
    expect(cluster.schedule(4, 0.5, GiB / 2)).toBe(0); // equal again → node 0
    expect(cluster.schedule(5, 1, GiB)).toBe(1); // node 0 now holds the most
    expect(bound.map(([pod, node]) => [pod, node])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 0],
      [5, 1],
    ]);
    expect(cluster.nodeAllocation(0)).toEqual({ cpuCores: 1.5, memoryBytes: 1.5 * GiB, pods: 2 });
    expect(cluster.nodeOf(5)).toBe(1);
    expect(cluster.stats.allocatedCpuCores.level).toBeCloseTo(4.5, 12);
  });

  it('averages the CPU and memory scores', () => {
    // 4 cores, 4 GiB. Pod 1 (3 cores, 0.25 GiB) → node 0; pod 2 (1 core, 1 GiB): node 0 scores
    // (0 + floor(2.75/4·100)) / 2 = 34, node 1 (75 + 75) / 2 = 75 → node 1.
    const { cluster } = setup({ nodeMemoryBytes: 4 * GiB });
    expect(cluster.schedule(1, 3, GiB / 4)).toBe(0);
    expect(cluster.schedule(2, 1, GiB)).toBe(1);
    // Pod 3 (0.5 core, 0.5 GiB): node 0 (12 + 81) / 2 = 46; node 1 (62 + 62) / 2 = 62 → node 1,
    // although node 0 has more memory free.
    expect(cluster.schedule(3, 0.5, GiB / 2)).toBe(1);
    // Pod 4 (0.1 core, 2 GiB): node 0 (22 + 43) / 2 = 32; node 1 (60 + 12) / 2 = 36 → node 1.
    expect(cluster.schedule(4, 0.1, 2 * GiB)).toBe(1);
    // Pod 5 (0.1 core, 0.4 GiB): node 0 (22 + 83) / 2 = 52; node 1 (57 + 2) / 2 = 29 → node 0,
    // although node 0 has less CPU free: memory decides.
    expect(cluster.schedule(5, 0.1, 0.4 * GiB)).toBe(0);
  });

  it('scores a missing request as 100 m CPU / 200 MiB, as kube-scheduler does', () => {
    // 1 core, 1 GiB nodes. Pod 1 requests nothing: it fits anywhere, and lands on node 0 (tie).
    const { cluster } = setup({ nodeCpuCores: 1, nodeMemoryBytes: GiB });
    expect(cluster.schedule(1, 0, 0)).toBe(0);
    // Counting pod 1 as zero would tie the nodes (→ node 0); as 100 m / 200 MiB, node 0 scores
    // (80 + 60) / 2 = 70 and node 1 (90 + 80) / 2 = 85.
    expect(cluster.schedule(2, 0.1, 200 * MiB)).toBe(1);
    expect(cluster.nodeAllocation(0)).toEqual({ cpuCores: 0, memoryBytes: 0, pods: 1 });
  });

  it('fits on requests only, with exact millicore sums', () => {
    const { cluster } = setup({ nodes: 1, nodeCpuCores: 0.3 });
    expect(cluster.schedule(1, 0.1, 0)).toBe(0);
    expect(cluster.schedule(2, 0.2, 0)).toBe(0); // 0.1 + 0.2 = 0.3 exactly
    expect(cluster.schedule(3, 0.001, 0)).toBe(-1);
  });

  it('caps the pods per node at maxPodsPerNode (kubelet default 110)', () => {
    expect(KUBELET_MAX_PODS_DEFAULT).toBe(110);
    const { cluster } = setup({ nodes: 1, maxPodsPerNode: 2 });
    expect(cluster.schedule(1, 0, 0)).toBe(0);
    expect(cluster.schedule(2, 0, 0)).toBe(0);
    expect(cluster.schedule(3, 0, 0)).toBe(-1);
    expect(cluster.unschedulable(3)).toBe(false);
  });
});

describe('Cluster pending pods', () => {
  it('keeps a FIFO, tries every pending pod on release, and lets new pods in at once', () => {
    const { env, cluster, bound } = setup({ nodes: 1, nodeCpuCores: 2 });
    cluster.schedule(1, 1, 0); // bound
    cluster.schedule(2, 1, 0); // bound: node full
    env.run({ until: 1000 });
    expect(cluster.schedule(3, 1.5, 0)).toBe(-1); // pending, first
    expect(cluster.schedule(4, 0.5, 0)).toBe(-1); // pending, second
    expect(cluster.pendingCount).toBe(2);
    env.run({ until: 3000 });
    // 1 core frees: pod 3 (1.5) still does not fit, pod 4 (0.5) does.
    cluster.release(2);
    expect(bound.slice(2)).toEqual([[4, 0, 3000]]);
    expect(cluster.nodeOf(3)).toBe(-1);
    // A new small pod fits the remaining 0.5 core at once, ahead of pending pod 3.
    expect(cluster.schedule(5, 0.5, 0)).toBe(0);
    env.run({ until: 6000 });
    cluster.release(1);
    cluster.release(5);
    expect(bound.slice(3)).toEqual([
      [5, 0, 3000],
      [3, 0, 6000],
    ]);
    expect(cluster.pendingCount).toBe(0);
    // Pending level: 2 pods 1000–3000, 1 pod 3000–6000 → 2·2000 + 3000 = 7000.
    expect(cluster.stats.pending.areaAt(6000)).toBe(7000);
    expect(cluster.stats.pending.max).toBe(2);
  });

  it('retries in FIFO order: the oldest pending pod that fits binds first', () => {
    const { cluster, bound } = setup({ nodes: 1, nodeCpuCores: 2 });
    cluster.schedule(1, 2, 0);
    cluster.schedule(2, 1, 0);
    cluster.schedule(3, 1, 0);
    cluster.schedule(4, 1, 0);
    cluster.release(1);
    expect(bound.slice(1).map(([pod]) => pod)).toEqual([2, 3]);
    expect(cluster.nodeOf(4)).toBe(-1);
  });

  it('drops a pending pod on release without touching any node', () => {
    const { cluster } = setup({ nodes: 1, nodeCpuCores: 1 });
    cluster.schedule(1, 1, 0);
    cluster.schedule(2, 1, 0);
    cluster.release(2);
    expect(cluster.pendingCount).toBe(0);
    expect(cluster.nodeOf(2)).toBeUndefined();
    expect(cluster.nodeAllocation(0).cpuCores).toBe(1);
  });

  it('reports a pod larger than an empty node as unschedulable, pending for ever', () => {
    const { env, cluster } = setup({
      nodes: 1,
      autoscaler: { maxNodes: 5, provisionDelayMs: 1000, scanIntervalMs: 10_000 },
    });
    expect(cluster.schedule(1, 5, 0)).toBe(-1); // 5 cores > 4
    expect(cluster.schedule(2, 1, 9 * GiB)).toBe(-1); // 9 GiB > 8 GiB
    expect(cluster.unschedulable(1)).toBe(true);
    expect(cluster.unschedulable(2)).toBe(true);
    expect(cluster.unschedulableCount).toBe(2);
    expect(cluster.pendingCount).toBe(2);
    env.run({ until: 100_000 });
    // The autoscaler ignores them: no node would help.
    expect(cluster.stats.nodesRequested).toBe(0);
    expect(env.pendingEvents).toBe(0);
    cluster.release(1);
    expect(cluster.unschedulableCount).toBe(1);
    expect(cluster.unschedulable(1)).toBe(false);
  });

  it('lets onScheduled call schedule and release', () => {
    const env = new Environment();
    const seen: number[] = [];
    const cluster: Cluster = new Cluster(
      env,
      { nodes: 1, nodeCpuCores: 2, nodeMemoryBytes: GiB, autoscaler: null },
      (podId) => {
        seen.push(podId);
        if (podId === 3) cluster.release(3); // dies at once
        if (podId === 4) cluster.schedule(10, 1, 0);
      },
    );
    cluster.schedule(1, 2, 0);
    cluster.schedule(3, 1, 0);
    cluster.schedule(4, 1, 0);
    cluster.release(1);
    // 3 and 4 bind in one pass; 3 is released in its callback, so pod 10 fits in its place.
    expect(seen).toEqual([1, 3, 4, 10]);
    expect(cluster.nodeAllocation(0)).toEqual({ cpuCores: 2, memoryBytes: 0, pods: 2 });
  });
});

describe('Cluster autoscaler', () => {
  it('adds nodes for pending pods after the scan and the provisioning delay, up to maxNodes', () => {
    expect(CLUSTER_AUTOSCALER_SCAN_INTERVAL_MS).toBe(10_000);
    const { env, cluster, bound } = setup({
      nodes: 1,
      nodeCpuCores: 2,
      autoscaler: { maxNodes: 3, provisionDelayMs: 60_000, scanIntervalMs: 10_000 },
    });
    env.run({ until: 1000 });
    for (let id = 1; id <= 4; id++) cluster.schedule(id, 1, GiB);
    expect(cluster.pendingCount).toBe(2);
    // First loop at 10 s (one interval after start): both pending pods fit one new node.
    env.run({ until: 10_000 });
    expect(cluster.provisioningNodes).toBe(0);
    env.run({ until: 10_001 });
    expect(cluster.provisioningNodes).toBe(1);
    // Loops at 20…60 s see the upcoming node covers the pods: no more nodes.
    env.run({ until: 69_999 });
    expect(cluster.stats.nodesRequested).toBe(1);
    expect(cluster.nodeCount).toBe(1);
    env.run({ until: 70_001 });
    expect(cluster.nodeCount).toBe(2);
    expect(bound.slice(2)).toEqual([
      [3, 1, 70_000],
      [4, 1, 70_000],
    ]);
    // Five more pods at 105 s (loop at 110 s) would need three nodes; the cap leaves room for one.
    env.run({ until: 105_000 });
    for (let id = 5; id <= 9; id++) cluster.schedule(id, 1, GiB);
    env.run({ until: 200_000 });
    expect(cluster.stats.nodesRequested).toBe(2);
    expect(cluster.stats.scaleUps).toBe(2);
    expect(cluster.nodeCount).toBe(3);
    expect(bound.slice(4).map(([pod, node, t]) => [pod, node, t])).toEqual([
      [5, 2, 170_000],
      [6, 2, 170_000],
    ]);
    expect(cluster.pendingCount).toBe(3);
    // Nodes: 1 for 0–70 s, 2 for 70–170 s, 3 for 170–200 s.
    expect(cluster.stats.nodes.areaAt(200_000)).toBe(70_000 + 2 * 100_000 + 3 * 30_000);
  });

  it('packs pending pods first-fit decreasing onto new nodes', () => {
    // No initial node: 4-core nodes; pods 3, 3, 1, 1 cores → two nodes (3+1, 3+1), not three.
    const { env, cluster } = setup({
      nodes: 0,
      autoscaler: { maxNodes: 10, provisionDelayMs: 5000, scanIntervalMs: 10_000 },
    });
    cluster.schedule(1, 1, 0);
    cluster.schedule(2, 3, 0);
    cluster.schedule(3, 1, 0);
    cluster.schedule(4, 3, 0);
    env.run({ until: 15_001 });
    expect(cluster.stats.nodesRequested).toBe(2);
    expect(cluster.nodeCount).toBe(2);
    expect(cluster.pendingCount).toBe(0);
  });

  it('scans on a fixed grid that keeps its phase while idle', () => {
    const { env, cluster } = setup({
      nodes: 1,
      nodeCpuCores: 1,
      autoscaler: { maxNodes: 4, provisionDelayMs: 1000, scanIntervalMs: 10_000, scanOffsetMs: 3000 },
    });
    cluster.schedule(1, 1, 0);
    env.run({ until: 25_000 });
    cluster.schedule(2, 1, 0); // pending at 25 s → loop at 33 s → node at 34 s
    env.run({ until: 33_999 });
    expect(cluster.nodeOf(2)).toBe(-1);
    env.run({ until: 34_000 });
    expect(cluster.nodeCount).toBe(1);
    env.run({ until: 34_001 });
    expect(cluster.nodeOf(2)).toBe(1);
    env.run({ until: 50_000 }); // the loop already armed for 43 s finds nothing pending
    expect(env.pendingEvents).toBe(0); // idle: no loop events scheduled
  });

  it('with frequentLoops, a new pending pod starts a loop at once', () => {
    const { env, cluster } = setup({
      nodes: 1,
      nodeCpuCores: 1,
      autoscaler: { maxNodes: 4, provisionDelayMs: 1000, scanIntervalMs: 10_000, frequentLoops: true },
    });
    cluster.schedule(1, 1, 0);
    env.run({ until: 25_000 });
    cluster.schedule(2, 1, 0);
    env.run({ until: 26_001 });
    expect(cluster.nodeOf(2)).toBe(1);
    expect(cluster.stats.nodesRequested).toBe(1);
  });
});

describe('Cluster options', () => {
  const env = new Environment();
  const base: ClusterOptions = { nodes: 1, nodeCpuCores: 1, nodeMemoryBytes: GiB, autoscaler: null };
  const make = (o: Partial<ClusterOptions>): Cluster => new Cluster(env, { ...base, ...o }, () => {});
  const as = { maxNodes: 2, provisionDelayMs: 0, scanIntervalMs: 1 };

  it('rejects bad options with a RangeError naming the field', () => {
    expect(() => make({ nodes: -1 })).toThrow(/nodes/);
    expect(() => make({ nodes: 1.5 })).toThrow(RangeError);
    expect(() => make({ nodeCpuCores: 0 })).toThrow(/nodeCpuCores/);
    expect(() => make({ nodeMemoryBytes: Infinity })).toThrow(/nodeMemoryBytes/);
    expect(() => make({ maxPodsPerNode: 0 })).toThrow(/maxPodsPerNode/);
    expect(() => make({ nodes: 3, autoscaler: { ...as, maxNodes: 2 } })).toThrow(/maxNodes/);
    expect(() => make({ autoscaler: { ...as, provisionDelayMs: -1 } })).toThrow(/provisionDelayMs/);
    expect(() => make({ autoscaler: { ...as, scanIntervalMs: 0 } })).toThrow(/scanIntervalMs/);
    expect(() => make({ autoscaler: { ...as, scanOffsetMs: NaN } })).toThrow(/scanOffsetMs/);
  });

  it('rejects bad requests and unknown or duplicate ids', () => {
    const cluster = make({});
    expect(() => cluster.schedule(1, -1, 0)).toThrow(/cpuRequestCores/);
    expect(() => cluster.schedule(1, 0, NaN)).toThrow(/memoryRequestBytes/);
    cluster.schedule(1, 0, 0);
    expect(() => cluster.schedule(1, 0, 0)).toThrow(/already known/);
    expect(() => cluster.release(2)).toThrow(/unknown/);
    expect(() => cluster.nodeAllocation(1)).toThrow(RangeError);
  });
});
