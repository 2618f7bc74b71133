/**
 * The autoscaler's part of a result: every scale decision with its reason and metric values,
 * every pod's life cycle, and the time from a scale-up decision to ready capacity broken into its
 * parts (waiting for a node, image pull, application start-up, readiness probe).
 */
import type { NormalizedService } from '../scenario/normalized.js';
import type { ReplicationResult } from '../scenario/run-replication.js';
import type { ScaleDecision } from '../service/hpa-controller.js';
import type { PodLife } from '../service/replica-set.js';
import { estimate, round } from './estimate.js';
import type { Estimate } from './estimate.js';

/** One pod's life (ms); null where it never got there. */
export interface PodTimeline {
  readonly id: number;
  readonly createdMs: number;
  readonly scheduledMs: number | null;
  readonly containerStartedMs: number | null;
  readonly appReadyMs: number | null;
  readonly readyMs: number | null;
  readonly deletedMs: number | null;
  readonly terminatedMs: number | null;
}

/** How long the pods one scale-up decision created took to serve, on average (ms). */
export interface ReactionParts {
  /** ReplicaSet controller and scheduler, including waiting for a node with room. */
  readonly scheduleMs: number;
  readonly imagePullMs: number;
  /** Container start until the application could pass its probe. */
  readonly startupMs: number;
  /** From then until the probe passed (the probe period's phase). */
  readonly readinessMs: number;
}

/** One scale-up decision and how fast its pods got ready. */
export interface ScaleUpReaction extends ReactionParts {
  readonly decisionMs: number;
  readonly from: number;
  readonly to: number;
  /** When the newest metric sample the decision used was taken, and its age at the decision. */
  readonly sampleAtMs: number | null;
  readonly sampleAgeMs: number | null;
  /** When the last of its pods turned ready; null if one never did. */
  readonly lastReadyMs: number | null;
}

/** An autoscaled service's scaling. Decisions, pods and scale-ups are those of the first replication. */
export interface AutoscalingSummary {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly reconciles: number;
  readonly decisions: readonly ScaleDecision[];
  readonly pods: readonly PodTimeline[];
  readonly scaleUps: readonly ScaleUpReaction[];
  /** Means over the pods of every scale-up, with CIs across replications (ms). */
  readonly reaction: {
    readonly decisionToReadyMs: Estimate;
    readonly scheduleMs: Estimate;
    readonly imagePullMs: Estimate;
    readonly startupMs: Estimate;
    readonly readinessMs: Estimate;
  };
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : round(x));
const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;

function timeline(l: PodLife): PodTimeline {
  return {
    id: l.id,
    createdMs: round(l.createdMs),
    scheduledMs: orNull(l.scheduledMs),
    containerStartedMs: orNull(l.containerStartedMs),
    appReadyMs: orNull(l.appReadyMs),
    readyMs: orNull(l.readyMs),
    deletedMs: orNull(l.deletedMs),
    terminatedMs: orNull(l.terminatedMs),
  };
}

// The pods a decision created are those created at its instant (the replica set creates them then).
function partsOf(pods: readonly PodLife[]): ReactionParts & { decisionToReady: number[] } {
  const ready = pods.filter((l) => !Number.isNaN(l.readyMs));
  return {
    scheduleMs: round(mean(ready.map((l) => l.scheduledMs - l.createdMs))),
    imagePullMs: round(mean(ready.map((l) => l.containerStartedMs - l.scheduledMs))),
    startupMs: round(mean(ready.map((l) => l.appReadyMs - l.containerStartedMs))),
    readinessMs: round(mean(ready.map((l) => l.readyMs - l.appReadyMs))),
    decisionToReady: ready.map((l) => l.readyMs - l.createdMs),
  };
}

function scaleUps(decisions: readonly ScaleDecision[], pods: readonly PodLife[]): ScaleUpReaction[] {
  return decisions
    .filter((d) => d.to > d.from)
    .map((d) => {
      const created = pods.filter((l) => !l.initial && l.createdMs === d.tMs);
      const { decisionToReady: _, ...parts } = partsOf(created);
      const allReady = created.length > 0 && created.every((l) => !Number.isNaN(l.readyMs));
      return {
        decisionMs: d.tMs,
        from: d.from,
        to: d.to,
        sampleAtMs: d.sampleAtMs,
        sampleAgeMs: d.sampleAgeMs,
        lastReadyMs: allReady ? round(Math.max(...created.map((l) => l.readyMs))) : null,
        ...parts,
      };
    });
}

/** The autoscaling summary of `svc`, or null when it has no autoscaler. */
export function autoscalingSummary(
  svc: NormalizedService,
  reps: readonly ReplicationResult[],
): AutoscalingSummary | null {
  const a = svc.autoscaling;
  if (a === null) return null;
  const per = reps.map((r) => r.autoscaling.find((x) => x.service === svc.name)!);
  const first = per[0]!;
  // Pods created by decisions during the run (the initial replicas exist from the start).
  const added = per.map((x) => x.pods.filter((l) => !l.initial));
  const e = (f: (l: PodLife) => number) =>
    estimate(added.map((pods) => mean(pods.filter((l) => !Number.isNaN(l.readyMs)).map(f))));
  return {
    minReplicas: a.minReplicas,
    maxReplicas: a.maxReplicas,
    reconciles: first.reconciles,
    decisions: first.decisions,
    pods: first.pods.map(timeline),
    scaleUps: scaleUps(first.decisions, first.pods),
    reaction: {
      decisionToReadyMs: e((l) => l.readyMs - l.createdMs),
      scheduleMs: e((l) => l.scheduledMs - l.createdMs),
      imagePullMs: e((l) => l.containerStartedMs - l.scheduledMs),
      startupMs: e((l) => l.appReadyMs - l.containerStartedMs),
      readinessMs: e((l) => l.readyMs - l.appReadyMs),
    },
  };
}
