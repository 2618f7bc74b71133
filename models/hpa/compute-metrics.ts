/**
 * All metrics of an HPA → one proposal (`computeReplicasForMetrics`, `computeReplicasForMetric`
 * and the `computeStatusFor*Metric` helpers of horizontal.go).
 */
import { MetricComputationError } from './errors.js';
import { isKnownMetricType, metricSpecProblem, metricTypeOf, targetOf } from './metric-spec.js';
import {
  getExternalMetricReplicas,
  getExternalPerPodMetricReplicas,
  getMetricReplicas,
  getObjectMetricReplicas,
  getObjectPerPodMetricReplicas,
  getRawResourceReplicas,
  getResourceReplicas,
  type ReplicaCalcContext,
} from './replica-calculator.js';
import type {
  LabelSelector,
  MetricObservation,
  MetricProposal,
  MetricSpec,
  MetricValueStatus,
  SelectorProblem,
} from './types.js';

/** What the metric computations need from the reconcile. */
export interface MetricsContext extends ReplicaCalcContext {
  /** `scale.spec.replicas`. */
  readonly specReplicas: number;
  /** `scale.status.replicas`. */
  readonly statusReplicas: number;
}

/** A ScalingActive condition to set. */
export interface ScalingActiveUpdate {
  readonly status: 'True' | 'False';
  readonly reason: string;
  readonly message: string;
}

/** The outcome of `computeReplicasForMetrics`. */
export interface MetricsOutcome {
  /** True where the controller returns -1: no valid metric, or a scale-down blocked by an invalid one. */
  readonly blocked: boolean;
  /** The largest valid proposal (0 when there is none). */
  readonly replicas: number;
  /** Index and description of the winning metric. */
  readonly selected?: { readonly index: number; readonly name: string };
  readonly proposals: readonly MetricProposal[];
  readonly scalingActive: ScalingActiveUpdate;
  /** The error the controller returns, if any metric was invalid (even when it still scales). */
  readonly error?: string;
}

const SELECTOR_REASON: Record<SelectorProblem, { reason: string; message: string }> = {
  Missing: { reason: 'InvalidSelector', message: "the target's scale subresource has no selector" },
  Unparsable: { reason: 'InvalidSelector', message: "the target's selector cannot be parsed" },
  Ambiguous: { reason: 'AmbiguousSelector', message: "the target's pods are also selected by another HPA" },
};

/**
 * `computeReplicasForMetrics`: every metric proposes a count and the largest wins (on ties the
 * first; a 0 is replaced by any later proposal, as the controller compares with `replicas == 0`).
 * Invalid metrics (failed fetches, missing requests, an unknown `type`, an unusable target) are
 * skipped, but if all are invalid, or some are and the best valid proposal is below
 * `spec.replicas`, nothing is proposed: an invalid metric can block a scale-down but not a
 * scale-up. ScalingActive=False then takes the first invalid metric's reason (e.g.
 * `InvalidMetricSourceType`). A selector problem blocks before any metric is read.
 */
export function computeReplicasForMetrics(
  specs: readonly MetricSpec[],
  observations: readonly MetricObservation[],
  ctx: MetricsContext,
  selectorProblem?: SelectorProblem,
): MetricsOutcome {
  if (selectorProblem !== undefined) {
    const s = SELECTOR_REASON[selectorProblem];
    return {
      blocked: true,
      replicas: 0,
      proposals: [],
      scalingActive: { status: 'False', reason: s.reason, message: s.message },
      error: s.message,
    };
  }

  // observations[i] may be missing for a metric rejected from its spec (it is never read).
  const proposals = specs.map((spec, i) => computeReplicasForMetric(spec, observations[i]!, ctx, i));
  let replicas = 0;
  let selected: { index: number; name: string } | undefined;
  let invalid = 0;
  let firstInvalid: MetricProposal | undefined;
  for (const p of proposals) {
    if (!p.valid) {
      if (invalid === 0) firstInvalid = p;
      invalid++;
      continue;
    }
    const proposal = p.replicas!;
    if (replicas === 0 || proposal > replicas) {
      replicas = proposal;
      selected = { index: p.index, name: p.metricName };
    }
  }
  const error =
    firstInvalid === undefined
      ? undefined
      : `${invalid} of ${specs.length} metrics invalid; first: ${firstInvalid.error ?? ''}`;

  if (invalid >= specs.length || (invalid > 0 && replicas < ctx.specReplicas)) {
    return {
      blocked: true,
      replicas,
      proposals,
      scalingActive: {
        status: 'False',
        reason: firstInvalid!.conditionReason!,
        message: `cannot compute a replica count: ${firstInvalid!.error ?? ''}`,
      },
      ...(error === undefined ? {} : { error }),
    };
  }
  return {
    blocked: false,
    replicas,
    ...(selected === undefined ? {} : { selected }),
    proposals,
    scalingActive: {
      status: 'True',
      reason: 'ValidMetricFound',
      message: `computed a replica count from ${selected?.name ?? ''}`,
    },
    ...(error === undefined ? {} : { error }),
  };
}

/**
 * `computeReplicasForMetric` for one metric and what its API returned. Never throws for metric
 * failures: they come back as `valid: false` with a code and the controller's condition reason.
 *
 * A spec the controller rejects before fetching anything (`metricSpecProblem`: an unknown `type`
 * → `InvalidMetricSourceType`, a target without the fields its source reads → `InvalidTarget`)
 * is invalid whatever `observation` holds; `observation` is not read then and may be anything.
 */
export function computeReplicasForMetric(
  spec: MetricSpec,
  observation: MetricObservation,
  ctx: MetricsContext,
  index: number,
): MetricProposal {
  const { metricName, conditionReason } = describeMetric(spec);
  const type = metricTypeOf(spec);
  const problem = metricSpecProblem(spec);
  if (problem !== undefined) {
    return {
      index,
      type,
      metricName,
      valid: false,
      errorCode: problem.code,
      // The controller's error for an unknown type names only the type.
      error: isKnownMetricType(spec.type) ? `${metricName}: ${problem.message}` : problem.message,
      conditionReason: problem.conditionReason,
    };
  }
  try {
    return { index, type, metricName, valid: true, ...proposeFor(spec, observation, ctx) };
  } catch (e) {
    if (!(e instanceof MetricComputationError)) throw e;
    return {
      index,
      type,
      metricName,
      valid: false,
      errorCode: e.code,
      error: `${metricName}: ${e.message}`,
      conditionReason,
    };
  }
}

type ProposalFields = Pick<MetricProposal, 'replicas' | 'timestampMs' | 'current' | 'usageRatio' | 'pods'>;

/** The proposal of a spec that `metricSpecProblem` accepted. */
function proposeFor(spec: MetricSpec, o: MetricObservation, ctx: MetricsContext): ProposalFields {
  if (o.kind === 'Error') throw new MetricComputationError('FetchFailed', o.message);
  switch (spec.type) {
    case 'Resource':
    case 'ContainerResource': {
      const src = spec.type === 'Resource' ? spec.resource : spec.containerResource;
      const container = spec.type === 'Resource' ? '' : spec.containerResource.container;
      const target = targetOf(src);
      const samples = o.kind === 'PodResource' ? o.samples : [];
      // The raw (AverageValue) branch is taken whenever averageValue is set
      // (computeStatusForResourceMetricGeneric).
      if (target.averageValue !== undefined) {
        const r = getRawResourceReplicas(
          ctx,
          ctx.specReplicas,
          target.averageValue,
          src.name,
          container,
          samples,
        );
        return fields(r.replicas, r.timestampMs, { averageValue: r.usage }, r.usageRatio, r.grouping);
      }
      const r = getResourceReplicas(
        ctx,
        ctx.specReplicas,
        target.averageUtilization!,
        src.name,
        container,
        samples,
      );
      return fields(
        r.replicas,
        r.timestampMs,
        { averageUtilization: r.utilization, averageValue: r.usage },
        r.usageRatio,
        r.grouping,
      );
    }
    case 'Pods': {
      const samples = o.kind === 'PodCustom' ? o.samples : [];
      const r = getMetricReplicas(ctx, ctx.specReplicas, targetOf(spec.pods).averageValue!, samples);
      return fields(r.replicas, r.timestampMs, { averageValue: r.usage }, r.usageRatio, r.grouping);
    }
    case 'Object': {
      if (o.kind !== 'Object') throw new MetricComputationError('FetchFailed', 'no object metric value');
      const t = targetOf(spec.object);
      if (t.type === 'Value' && t.value !== undefined) {
        const r = getObjectMetricReplicas(ctx, ctx.specReplicas, t.value, o.value);
        return fields(r.replicas, undefined, { value: r.usage }, r.usageRatio);
      }
      // metricSpecProblem guarantees an AverageValue target with averageValue here.
      const r = getObjectPerPodMetricReplicas(
        ctx.tolerances,
        ctx.statusReplicas,
        t.averageValue!,
        o.value,
        o.timestampMs,
      );
      return fields(r.replicas, r.timestampMs, { averageValue: r.usage }, r.usageRatio);
    }
    case 'External': {
      const samples = o.kind === 'External' ? o.samples : [];
      const t = targetOf(spec.external);
      if (t.averageValue !== undefined) {
        const r = getExternalPerPodMetricReplicas(
          ctx.tolerances,
          ctx.statusReplicas,
          t.averageValue,
          samples,
        );
        return fields(r.replicas, r.timestampMs, { averageValue: r.usage }, r.usageRatio);
      }
      const r = getExternalMetricReplicas(ctx, ctx.specReplicas, t.value!, samples);
      return fields(r.replicas, undefined, { value: r.usage }, r.usageRatio);
    }
  }
}

function fields(
  replicas: number,
  timestampMs: number | undefined,
  current: MetricValueStatus,
  usageRatio: number,
  pods?: MetricProposal['pods'],
): ProposalFields {
  return {
    replicas,
    ...(timestampMs === undefined ? {} : { timestampMs }),
    current,
    usageRatio,
    ...(pods === undefined ? {} : { pods }),
  };
}

/**
 * The metric description the controller uses in events and conditions, and the ScalingActive
 * reason it sets when the metric fails. The AverageValue Object metric really is described as an
 * "external metric" by the controller. A metric of unknown `type` (which the controller never
 * describes) is named after its type, with reason `InvalidMetricSourceType`.
 */
export function describeMetric(spec: MetricSpec): { metricName: string; conditionReason: string } {
  if (!isKnownMetricType(spec.type)) {
    return {
      metricName: `${JSON.stringify(metricTypeOf(spec))} metric`,
      conditionReason: 'InvalidMetricSourceType',
    };
  }
  switch (spec.type) {
    case 'Resource': {
      const r = spec.resource;
      return {
        metricName:
          targetOf(r).averageValue !== undefined
            ? `${r.name} resource`
            : `${r.name} resource utilization (percentage of request)`,
        conditionReason: 'FailedGetResourceMetric',
      };
    }
    case 'ContainerResource': {
      const r = spec.containerResource;
      return {
        metricName:
          targetOf(r).averageValue !== undefined
            ? `${r.name} resource`
            : `${r.name} container resource utilization (percentage of request)`,
        conditionReason: 'FailedGetContainerResourceMetric',
      };
    }
    case 'Pods':
      return { metricName: `pods metric ${spec.pods.metric.name}`, conditionReason: 'FailedGetPodsMetric' };
    case 'Object': {
      const o = spec.object;
      return {
        metricName:
          targetOf(o).type === 'AverageValue'
            ? `external metric ${o.metric.name}(${formatSelector(o.metric.selector)})`
            : `${o.describedObject.kind} metric ${o.metric.name}`,
        conditionReason: 'FailedGetObjectMetric',
      };
    }
    case 'External':
      return {
        metricName: `external metric ${spec.external.metric.name}(${formatSelector(spec.external.metric.selector)})`,
        conditionReason: 'FailedGetExternalMetric',
      };
  }
}

/** Approximates Go's `%+v` of a `*metav1.LabelSelector` (match expressions are not modelled). */
function formatSelector(selector: LabelSelector | undefined): string {
  if (selector === undefined) return '<nil>';
  const labels = Object.keys(selector.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${selector.matchLabels![k]},`)
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{},}`;
}
