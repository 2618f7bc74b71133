/**
 * Input checks. They follow the API server's validation of autoscaling/v2 (pkg/apis/autoscaling/
 * validation) where one exists, and otherwise reject what cannot describe a cluster. Everything
 * here throws `HpaInputError` (a `RangeError`) naming the field path.
 *
 * The exception is what the controller handles itself although the API would reject it: an
 * unknown metric `type`, and a target without the fields its source reads. Those pass here and
 * become invalid metrics (`metric-spec.ts`), because that is what kube-controller-manager does.
 */
import { HpaInputError } from './errors.js';
import { isKnownMetricType, metricSpecProblem, targetOf } from './metric-spec.js';
import type {
  HpaControllerState,
  HpaDecisionInput,
  HpaScalingRules,
  MetricObservation,
  MetricSpec,
  MetricTarget,
  PodState,
} from './types.js';

/** `MaxStabilizationWindowSeconds` and `MaxPeriodSeconds` of the API validation. */
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const MAX_PERIOD_SECONDS = 1800;

const POD_PHASES = new Set(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);
const CONDITION_STATUSES = new Set(['True', 'False', 'Unknown']);
const SELECT_POLICIES = new Set(['Max', 'Min', 'Disabled']);
const SELECTOR_PROBLEMS = new Set(['Missing', 'Unparsable', 'Ambiguous']);
const CONDITION_TYPES = new Set(['AbleToScale', 'ScalingActive', 'ScalingLimited', 'ScaledToZero']);

interface NumberRule {
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Strictly greater than `min`. */
  readonly exclusiveMin?: boolean;
}

function fail(path: string, detail: string): never {
  throw new HpaInputError(path, detail);
}

function checkNumber(path: string, v: unknown, rule: NumberRule = {}): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, `must be a finite number, got ${String(v)}`);
  if (rule.integer === true && !Number.isInteger(v)) fail(path, `must be an integer, got ${v}`);
  if (rule.min !== undefined) {
    if (rule.exclusiveMin === true ? v <= rule.min : v < rule.min) {
      fail(path, `must be ${rule.exclusiveMin === true ? '>' : '>='} ${rule.min}, got ${v}`);
    }
  }
  if (rule.max !== undefined && v > rule.max) fail(path, `must be <= ${rule.max}, got ${v}`);
}

function checkOptionalNumber(path: string, v: unknown, rule: NumberRule = {}): void {
  if (v !== undefined) checkNumber(path, v, rule);
}

function checkString(path: string, v: unknown): void {
  if (typeof v !== 'string' || v.length === 0) fail(path, 'must be a non-empty string');
}

function checkObject(path: string, v: unknown): void {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'must be an object');
}

function checkArray(path: string, v: unknown): asserts v is readonly unknown[] {
  if (!Array.isArray(v)) fail(path, 'must be an array');
}

function checkOneOf(path: string, v: unknown, allowed: ReadonlySet<string>): void {
  if (typeof v !== 'string' || !allowed.has(v)) {
    fail(path, `must be one of ${[...allowed].join(', ')}, got ${String(v)}`);
  }
}

function checkRequests(path: string, requests: unknown): void {
  if (requests === undefined) return;
  checkObject(path, requests);
  for (const [k, v] of Object.entries(requests as Record<string, unknown>)) {
    if (v !== undefined) checkNumber(`${path}.${k}`, v, { min: 0 });
  }
}

/**
 * Throws `HpaInputError` on the first invalid field of `input`. `metricCount` is the number of
 * metrics after API defaulting, which `observations` must match one for one.
 *
 * Per field this follows the API server's validation (`pkg/apis/autoscaling/validation`), except
 * for what the controller itself handles when fed a spec the API would reject: an unknown metric
 * `type` and targets that set none of the fields their source reads (or an unknown target `type`)
 * are not input errors but invalid metrics (`metricSpecProblem`), and the observation of such a
 * metric is not checked at all (trailing ones may be missing).
 */
export function validateInput(input: HpaDecisionInput, metricCount: number): void {
  checkObject('input', input);
  checkNumber('nowMs', input.nowMs);
  validateSpec(input);
  checkObject('scale', input.scale);
  checkNumber('scale.specReplicas', input.scale.specReplicas, { integer: true, min: 0 });
  checkNumber('scale.statusReplicas', input.scale.statusReplicas, { integer: true, min: 0 });
  if (input.scale.selectorProblem !== undefined) {
    checkOneOf('scale.selectorProblem', input.scale.selectorProblem, SELECTOR_PROBLEMS);
  }
  checkArray('pods', input.pods);
  const names = new Set<string>();
  input.pods.forEach((p, i) => {
    validatePod(`pods[${i}]`, p);
    if (names.has(p.name)) fail(`pods[${i}].name`, `duplicate pod name ${p.name}`);
    names.add(p.name);
  });
  checkArray('observations', input.observations);
  const metrics =
    input.spec.metrics !== undefined && input.spec.metrics.length > 0 ? input.spec.metrics : undefined;
  // Observations of metrics rejected from their spec alone are never read: skip them, and let
  // trailing ones be left out.
  const unread = (i: number): boolean =>
    metrics?.[i] !== undefined && metricSpecProblem(metrics[i]) !== undefined;
  let required = metricCount;
  while (required > 0 && unread(required - 1)) required--;
  if (input.observations.length > metricCount || input.observations.length < required) {
    fail('observations', `must have one entry per metric (${metricCount}), got ${input.observations.length}`);
  }
  input.observations.forEach((o, i) => {
    if (!unread(i)) validateObservation(`observations[${i}]`, o, metrics?.[i]?.type ?? 'Resource');
  });
  if (input.state !== undefined) validateState(input.state);
  if (input.status !== undefined) {
    checkObject('status', input.status);
    checkOptionalNumber('status.desiredReplicas', input.status.desiredReplicas, { integer: true, min: 0 });
    checkOptionalNumber('status.lastScaleTimeMs', input.status.lastScaleTimeMs);
    if (input.status.conditions !== undefined) {
      checkArray('status.conditions', input.status.conditions);
      input.status.conditions.forEach((c, i) => {
        checkOneOf(`status.conditions[${i}].type`, c.type, CONDITION_TYPES);
        checkOneOf(`status.conditions[${i}].status`, c.status, CONDITION_STATUSES);
      });
    }
  }
  if (input.config !== undefined) {
    const c = input.config;
    checkObject('config', c);
    checkOptionalNumber('config.tolerance', c.tolerance, { min: 0 });
    checkOptionalNumber('config.syncPeriodMs', c.syncPeriodMs, { min: 0 });
    checkOptionalNumber('config.cpuInitializationPeriodMs', c.cpuInitializationPeriodMs, { min: 0 });
    checkOptionalNumber('config.initialReadinessDelayMs', c.initialReadinessDelayMs, { min: 0 });
    checkOptionalNumber('config.downscaleStabilizationWindowMs', c.downscaleStabilizationWindowMs, {
      min: 0,
    });
    checkOptionalNumber('config.scaleUpLimitFactor', c.scaleUpLimitFactor, { min: 0, exclusiveMin: true });
    checkOptionalNumber('config.scaleUpLimitMinimum', c.scaleUpLimitMinimum, { min: 0 });
  }
}

function validateSpec(input: HpaDecisionInput): void {
  const spec = input.spec;
  checkObject('spec', spec);
  checkNumber('spec.maxReplicas', spec.maxReplicas, { integer: true, min: 1 });
  checkOptionalNumber('spec.minReplicas', spec.minReplicas, { integer: true, min: 0 });
  const min = spec.minReplicas ?? 1;
  if (spec.maxReplicas < min)
    fail('spec.maxReplicas', `must be >= minReplicas (${min}), got ${spec.maxReplicas}`);
  if (spec.metrics !== undefined) {
    checkArray('spec.metrics', spec.metrics);
    spec.metrics.forEach((m, i) => validateMetric(`spec.metrics[${i}]`, m));
  }
  if (spec.behavior !== undefined) {
    checkObject('spec.behavior', spec.behavior);
    if (spec.behavior.scaleUp !== undefined) validateRules('spec.behavior.scaleUp', spec.behavior.scaleUp);
    if (spec.behavior.scaleDown !== undefined)
      validateRules('spec.behavior.scaleDown', spec.behavior.scaleDown);
  }
}

/**
 * A metric spec. An unknown `type` is not an input error: the controller reports such a metric
 * invalid (`InvalidMetricSourceType`), so only a `type` that is no string at all is rejected.
 * For a known type, the source object is required (the controller would dereference nil without
 * it) and so are its names, as the API requires them; the target's values must be in the API's
 * range, but which of them are set is left to `metricSpecProblem`, as the controller decides that.
 */
function validateMetric(path: string, m: MetricSpec): void {
  checkObject(path, m);
  const type: unknown = m.type;
  if (type !== undefined && typeof type !== 'string')
    fail(`${path}.type`, `must be a string, got ${String(type)}`);
  if (!isKnownMetricType(type)) return;
  switch (m.type) {
    case 'Resource': {
      const src = m.resource;
      checkObject(`${path}.resource`, src);
      checkString(`${path}.resource.name`, src.name);
      validateTarget(`${path}.resource.target`, src);
      break;
    }
    case 'ContainerResource': {
      const src = m.containerResource;
      checkObject(`${path}.containerResource`, src);
      checkString(`${path}.containerResource.name`, src.name);
      checkString(`${path}.containerResource.container`, src.container);
      validateTarget(`${path}.containerResource.target`, src);
      break;
    }
    case 'Pods': {
      const src = m.pods;
      checkObject(`${path}.pods`, src);
      checkObject(`${path}.pods.metric`, src.metric);
      checkString(`${path}.pods.metric.name`, src.metric.name);
      validateTarget(`${path}.pods.target`, src);
      // The controller reads pods.target.averageValue unconditionally (a nil dereference in Go).
      if (targetOf(src).averageValue === undefined) fail(`${path}.pods.target.averageValue`, 'is required');
      break;
    }
    case 'Object': {
      const src = m.object;
      checkObject(`${path}.object`, src);
      checkObject(`${path}.object.describedObject`, src.describedObject);
      checkString(`${path}.object.describedObject.kind`, src.describedObject.kind);
      checkString(`${path}.object.describedObject.name`, src.describedObject.name);
      checkObject(`${path}.object.metric`, src.metric);
      checkString(`${path}.object.metric.name`, src.metric.name);
      validateTarget(`${path}.object.target`, src);
      break;
    }
    case 'External': {
      const src = m.external;
      checkObject(`${path}.external`, src);
      checkObject(`${path}.external.metric`, src.metric);
      checkString(`${path}.external.metric.name`, src.metric.name);
      validateTarget(`${path}.external.target`, src);
      break;
    }
  }
}

/**
 * A source's target: absent reads as Go's zero target; `type` may be any string (only Object
 * reads it, and a mismatch makes the metric invalid); each value that is set must be in the
 * API's range (`validateMetricTarget`).
 */
function validateTarget(path: string, source: { readonly target: MetricTarget }): void {
  if ((source as { readonly target?: unknown }).target === undefined) return;
  const t = targetOf(source);
  checkObject(path, t);
  const type: unknown = t.type;
  if (type !== undefined && typeof type !== 'string')
    fail(`${path}.type`, `must be a string, got ${String(type)}`);
  checkOptionalNumber(`${path}.averageUtilization`, t.averageUtilization, { integer: true, min: 1 });
  checkOptionalNumber(`${path}.averageValue`, t.averageValue, { min: 0, exclusiveMin: true });
  checkOptionalNumber(`${path}.value`, t.value, { min: 0, exclusiveMin: true });
}

function validateRules(path: string, r: HpaScalingRules): void {
  checkObject(path, r);
  checkOptionalNumber(`${path}.stabilizationWindowSeconds`, r.stabilizationWindowSeconds, {
    integer: true,
    min: 0,
    max: MAX_STABILIZATION_WINDOW_SECONDS,
  });
  if (r.selectPolicy !== undefined) checkOneOf(`${path}.selectPolicy`, r.selectPolicy, SELECT_POLICIES);
  checkOptionalNumber(`${path}.tolerance`, r.tolerance, { min: 0 });
  if (r.policies !== undefined) {
    checkArray(`${path}.policies`, r.policies);
    if (r.policies.length === 0) fail(`${path}.policies`, 'must contain at least one policy');
    r.policies.forEach((p, i) => {
      const pp = `${path}.policies[${i}]`;
      checkObject(pp, p);
      checkOneOf(`${pp}.type`, p.type, new Set(['Pods', 'Percent']));
      checkNumber(`${pp}.value`, p.value, { integer: true, min: 0, exclusiveMin: true });
      checkNumber(`${pp}.periodSeconds`, p.periodSeconds, { integer: true, min: 1, max: MAX_PERIOD_SECONDS });
    });
  }
}

function validatePod(path: string, p: PodState): void {
  checkObject(path, p);
  checkString(`${path}.name`, p.name);
  checkOneOf(`${path}.phase`, p.phase, POD_PHASES);
  checkOptionalNumber(`${path}.deletionTimestampMs`, p.deletionTimestampMs);
  checkOptionalNumber(`${path}.startTimeMs`, p.startTimeMs);
  if (p.readyCondition !== undefined) {
    checkObject(`${path}.readyCondition`, p.readyCondition);
    checkOneOf(`${path}.readyCondition.status`, p.readyCondition.status, CONDITION_STATUSES);
    checkNumber(`${path}.readyCondition.lastTransitionTimeMs`, p.readyCondition.lastTransitionTimeMs);
  }
  checkArray(`${path}.containers`, p.containers);
  p.containers.forEach((c, i) => {
    checkString(`${path}.containers[${i}].name`, c.name);
    checkRequests(`${path}.containers[${i}].requests`, c.requests);
  });
  if (p.initContainers !== undefined) {
    checkArray(`${path}.initContainers`, p.initContainers);
    p.initContainers.forEach((c, i) => {
      checkString(`${path}.initContainers[${i}].name`, c.name);
      checkRequests(`${path}.initContainers[${i}].requests`, c.requests);
    });
  }
  checkRequests(`${path}.podLevelRequests`, p.podLevelRequests);
}

const OBSERVATION_FOR: Record<MetricSpec['type'], MetricObservation['kind']> = {
  Resource: 'PodResource',
  ContainerResource: 'PodResource',
  Pods: 'PodCustom',
  Object: 'Object',
  External: 'External',
};

function validateObservation(path: string, o: MetricObservation, metricType: MetricSpec['type']): void {
  checkObject(path, o);
  if (o.kind === 'Error') {
    if (typeof o.message !== 'string') fail(`${path}.message`, 'must be a string');
    return;
  }
  const expected = OBSERVATION_FOR[metricType];
  if (o.kind !== expected)
    fail(`${path}.kind`, `a ${metricType} metric needs '${expected}' or 'Error', got ${String(o.kind)}`);
  switch (o.kind) {
    case 'PodResource':
      checkArray(`${path}.samples`, o.samples);
      o.samples.forEach((s, i) => {
        const sp = `${path}.samples[${i}]`;
        checkString(`${sp}.podName`, s.podName);
        checkNumber(`${sp}.timestampMs`, s.timestampMs);
        checkNumber(`${sp}.windowMs`, s.windowMs, { min: 0 });
        checkArray(`${sp}.containers`, s.containers);
        s.containers.forEach((c, j) => {
          if (typeof c.name !== 'string') fail(`${sp}.containers[${j}].name`, 'must be a string');
          checkRequests(`${sp}.containers[${j}].usage`, c.usage);
        });
      });
      break;
    case 'PodCustom':
      checkArray(`${path}.samples`, o.samples);
      o.samples.forEach((s, i) => {
        checkString(`${path}.samples[${i}].podName`, s.podName);
        checkNumber(`${path}.samples[${i}].value`, s.value);
        checkNumber(`${path}.samples[${i}].timestampMs`, s.timestampMs);
      });
      break;
    case 'Object':
      checkNumber(`${path}.value`, o.value);
      checkNumber(`${path}.timestampMs`, o.timestampMs);
      break;
    case 'External':
      checkArray(`${path}.samples`, o.samples);
      o.samples.forEach((s, i) => {
        checkNumber(`${path}.samples[${i}].value`, s.value);
        checkNumber(`${path}.samples[${i}].timestampMs`, s.timestampMs);
      });
      break;
    default:
      fail(`${path}.kind`, `unknown observation kind ${String((o as { kind: unknown }).kind)}`);
  }
}

function validateState(state: HpaControllerState): void {
  checkObject('state', state);
  if (state.recommendations !== undefined) {
    checkArray('state.recommendations', state.recommendations);
    state.recommendations.forEach((r, i) => {
      checkNumber(`state.recommendations[${i}].recommendation`, r.recommendation, { integer: true, min: 0 });
      checkNumber(`state.recommendations[${i}].timestampMs`, r.timestampMs);
    });
  }
  for (const key of ['scaleUpEvents', 'scaleDownEvents'] as const) {
    const events = state[key];
    if (events === undefined) continue;
    checkArray(`state.${key}`, events);
    events.forEach((e, i) => {
      checkNumber(`state.${key}[${i}].replicaChange`, e.replicaChange, { integer: true, min: 0 });
      checkNumber(`state.${key}[${i}].timestampMs`, e.timestampMs);
      if (typeof e.outdated !== 'boolean') fail(`state.${key}[${i}].outdated`, 'must be a boolean');
    });
  }
}
