/**
 * Metric specs the controller refuses before reading any metric: an unknown source `type`, or a
 * target it cannot use. The API server's validation (`pkg/apis/autoscaling/validation`) would
 * reject all of these, but the controller does not rely on it: `computeReplicasForMetric` and the
 * `computeStatusFor*Metric` helpers of horizontal.go turn each into an invalid metric, which
 * `computeReplicasForMetrics` then handles like a failed fetch (it blocks a scale-down, and with
 * every metric invalid nothing changes). The controller's own tests feed such specs directly
 * (`TestScaleUpOneMetricInvalid`, `TestConditionInvalidSourceType`, ...).
 *
 * Specs the controller cannot survive (a missing source object, a Pods target without
 * `averageValue`: nil dereferences in Go) are still input errors; see `validate.ts`.
 */
import type { MetricErrorCode, MetricSourceType, MetricSpec, MetricTarget } from './types.js';

const KNOWN_TYPES: ReadonlySet<string> = new Set<MetricSourceType>([
  'Resource',
  'ContainerResource',
  'Pods',
  'Object',
  'External',
]);

/** True for the five `MetricSourceType`s the controller handles. */
export function isKnownMetricType(type: unknown): type is MetricSourceType {
  return typeof type === 'string' && KNOWN_TYPES.has(type);
}

/** A metric's `type` as written; Go's zero value `""` when it is missing. */
export function metricTypeOf(spec: MetricSpec): string {
  const type = (spec as { readonly type?: unknown }).type;
  return type === undefined ? '' : String(type);
}

/**
 * The target of a source. Go's `MetricTarget` is a value, never nil, so a missing `target` reads
 * as the zero target: no type and no value set.
 */
export function targetOf(source: { readonly target: MetricTarget }): Partial<MetricTarget> {
  return (source as { readonly target?: MetricTarget }).target ?? {};
}

/** Why the controller rejects a metric spec without fetching anything. */
export interface MetricSpecProblem {
  readonly code: MetricErrorCode;
  /** The `ScalingActive=False` reason the controller sets. */
  readonly conditionReason: string;
  readonly message: string;
}

/**
 * The problem the controller finds in `spec` before reading its metric, or undefined when it
 * would go on to fetch the metric. Which target fields count follows the controller, not the API:
 * - an unknown `type` → `InvalidMetricSourceType` (the `default:` branch of `computeReplicasForMetric`);
 * - Resource/ContainerResource with neither `averageValue` nor `averageUtilization` →
 *   `FailedGetResourceMetric` / `FailedGetContainerResourceMetric`
 *   (`computeStatusForResourceMetricGeneric`; `target.type` is not looked at, and `averageValue`
 *   wins when both are set);
 * - Object unless `type: 'Value'` with `value` or `type: 'AverageValue'` with `averageValue` →
 *   `FailedGetObjectMetric` (`computeStatusForObjectMetric`);
 * - External with neither `averageValue` nor `value` → `FailedGetExternalMetric`
 *   (`computeStatusForExternalMetric`; `averageValue` wins when both are set).
 */
export function metricSpecProblem(spec: MetricSpec): MetricSpecProblem | undefined {
  if (!isKnownMetricType(spec.type)) {
    return {
      code: 'InvalidMetricSourceType',
      conditionReason: 'InvalidMetricSourceType',
      message: `unknown metric source type ${JSON.stringify(metricTypeOf(spec))}`,
    };
  }
  switch (spec.type) {
    case 'Resource':
    case 'ContainerResource': {
      const t = targetOf(spec.type === 'Resource' ? spec.resource : spec.containerResource);
      if (t.averageValue !== undefined || t.averageUtilization !== undefined) return undefined;
      return {
        code: 'InvalidTarget',
        conditionReason:
          spec.type === 'Resource' ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric',
        message: 'the resource target sets neither averageUtilization nor averageValue',
      };
    }
    case 'Object': {
      const t = targetOf(spec.object);
      if (t.type === 'Value' && t.value !== undefined) return undefined;
      if (t.type === 'AverageValue' && t.averageValue !== undefined) return undefined;
      return {
        code: 'InvalidTarget',
        conditionReason: 'FailedGetObjectMetric',
        message:
          "the object target is neither type 'Value' with a value nor type 'AverageValue' with an averageValue",
      };
    }
    case 'External': {
      const t = targetOf(spec.external);
      if (t.averageValue !== undefined || t.value !== undefined) return undefined;
      return {
        code: 'InvalidTarget',
        conditionReason: 'FailedGetExternalMetric',
        message: 'the external target sets neither value nor averageValue',
      };
    }
    case 'Pods':
      return undefined;
  }
}
