// Own cases: input errors name the field, the function is pure, state threads through calls,
// and defaults/conditions behave as the controller's.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HPA_CONTROLLER_CONFIG,
  HpaInputError,
  decideReplicas,
  resolveSpec,
  type HpaDecisionInput,
} from '../../models/hpa/index.js';
import { NOW, cpuUtilization, hpaPods, hpaSamples } from './fixtures.js';

function baseInput(): HpaDecisionInput {
  return {
    nowMs: NOW,
    spec: { minReplicas: 2, maxReplicas: 6, metrics: [cpuUtilization(30)] },
    scale: { specReplicas: 3, statusReplicas: 3 },
    pods: hpaPods([1000, 1000, 1000]),
    observations: [{ kind: 'PodResource', samples: hpaSamples([300, 500, 700]) }],
  };
}

type Mutator = (i: HpaDecisionInput) => HpaDecisionInput;

describe('invalid input throws a RangeError naming the field', () => {
  const cases: { name: string; mutate: Mutator; path: string }[] = [
    {
      name: 'maxReplicas below minReplicas',
      mutate: (i) => ({ ...i, spec: { ...i.spec, minReplicas: 7 } }),
      path: 'spec.maxReplicas',
    },
    {
      name: 'maxReplicas below the default minReplicas',
      mutate: (i) => ({ ...i, spec: { maxReplicas: 0, metrics: i.spec.metrics! } }),
      path: 'spec.maxReplicas',
    },
    {
      name: 'negative minReplicas',
      mutate: (i) => ({ ...i, spec: { ...i.spec, minReplicas: -1 } }),
      path: 'spec.minReplicas',
    },
    {
      name: 'fractional maxReplicas',
      mutate: (i) => ({ ...i, spec: { ...i.spec, maxReplicas: 2.5 } }),
      path: 'spec.maxReplicas',
    },
    {
      name: 'negative spec.replicas',
      mutate: (i) => ({ ...i, scale: { ...i.scale, specReplicas: -1 } }),
      path: 'scale.specReplicas',
    },
    { name: 'non-finite nowMs', mutate: (i) => ({ ...i, nowMs: Number.NaN }), path: 'nowMs' },
    {
      name: 'metric type that is not a string',
      mutate: (i) => ({ ...i, spec: { ...i.spec, metrics: [{ type: 42 } as never] } }),
      path: 'spec.metrics[0].type',
    },
    {
      name: 'Resource metric without its resource source (a nil dereference in the controller)',
      mutate: (i) => ({ ...i, spec: { ...i.spec, metrics: [{ type: 'Resource' } as never] } }),
      path: 'spec.metrics[0].resource',
    },
    {
      name: 'External metric without its external source',
      mutate: (i) => ({ ...i, spec: { ...i.spec, metrics: [{ type: 'External' } as never] } }),
      path: 'spec.metrics[0].external',
    },
    {
      name: 'utilization target of 0',
      mutate: (i) => ({ ...i, spec: { ...i.spec, metrics: [cpuUtilization(0)] } }),
      path: 'spec.metrics[0].resource.target.averageUtilization',
    },
    {
      name: 'resource metric without a name',
      mutate: (i) => ({
        ...i,
        spec: {
          ...i.spec,
          metrics: [
            {
              type: 'Resource',
              resource: { name: '', target: { type: 'Utilization', averageUtilization: 50 } },
            },
          ],
        },
      }),
      path: 'spec.metrics[0].resource.name',
    },
    {
      name: 'Pods metric without averageValue',
      mutate: (i) => ({
        ...i,
        spec: {
          ...i.spec,
          metrics: [{ type: 'Pods', pods: { metric: { name: 'q' }, target: { type: 'Value', value: 1 } } }],
        },
      }),
      path: 'spec.metrics[0].pods.target.averageValue',
    },
    {
      name: 'negative target value',
      mutate: (i) => ({
        ...i,
        spec: {
          ...i.spec,
          metrics: [
            { type: 'External', external: { metric: { name: 'q' }, target: { type: 'Value', value: -5 } } },
          ],
        },
      }),
      path: 'spec.metrics[0].external.target.value',
    },
    {
      name: 'empty policy list',
      mutate: (i) => ({ ...i, spec: { ...i.spec, behavior: { scaleDown: { policies: [] } } } }),
      path: 'spec.behavior.scaleDown.policies',
    },
    {
      name: 'stabilization window above 3600 s',
      mutate: (i) => ({
        ...i,
        spec: { ...i.spec, behavior: { scaleUp: { stabilizationWindowSeconds: 3601 } } },
      }),
      path: 'spec.behavior.scaleUp.stabilizationWindowSeconds',
    },
    {
      name: 'policy period above 1800 s',
      mutate: (i) => ({
        ...i,
        spec: {
          ...i.spec,
          behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 1801 }] } },
        },
      }),
      path: 'spec.behavior.scaleUp.policies[0].periodSeconds',
    },
    {
      name: 'unknown selectPolicy',
      mutate: (i) => ({
        ...i,
        spec: { ...i.spec, behavior: { scaleUp: { selectPolicy: 'Median' as never } } },
      }),
      path: 'spec.behavior.scaleUp.selectPolicy',
    },
    {
      name: 'negative tolerance',
      mutate: (i) => ({ ...i, spec: { ...i.spec, behavior: { scaleUp: { tolerance: -0.1 } } } }),
      path: 'spec.behavior.scaleUp.tolerance',
    },
    { name: 'one observation too few', mutate: (i) => ({ ...i, observations: [] }), path: 'observations' },
    {
      name: 'observation of the wrong kind',
      mutate: (i) => ({ ...i, observations: [{ kind: 'Object', value: 1, timestampMs: NOW }] }),
      path: 'observations[0].kind',
    },
    {
      name: 'negative usage',
      mutate: (i) => ({
        ...i,
        observations: [
          {
            kind: 'PodResource',
            samples: [
              {
                podName: 'x',
                timestampMs: NOW,
                windowMs: 1,
                containers: [{ name: 'c', usage: { cpu: -1 } }],
              },
            ],
          },
        ],
      }),
      path: 'observations[0].samples[0].containers[0].usage.cpu',
    },
    {
      name: 'duplicate pod names',
      mutate: (i) => ({ ...i, pods: [i.pods[0]!, i.pods[0]!] }),
      path: 'pods[1].name',
    },
    {
      name: 'unknown pod phase',
      mutate: (i) => ({ ...i, pods: [{ ...i.pods[0]!, phase: 'Sleeping' as never }] }),
      path: 'pods[0].phase',
    },
    {
      name: 'negative request',
      mutate: (i) => ({
        ...i,
        pods: [{ ...i.pods[0]!, containers: [{ name: 'c', requests: { cpu: -5 } }] }],
      }),
      path: 'pods[0].containers[0].requests.cpu',
    },
    {
      name: 'negative stored replica change',
      mutate: (i) => ({
        ...i,
        state: { scaleUpEvents: [{ replicaChange: -1, timestampMs: NOW, outdated: false }] },
      }),
      path: 'state.scaleUpEvents[0].replicaChange',
    },
    {
      name: 'negative tolerance flag',
      mutate: (i) => ({ ...i, config: { tolerance: -1 } }),
      path: 'config.tolerance',
    },
  ];
  it.each(cases)('$name → $path', ({ mutate, path }) => {
    const run = () => decideReplicas(mutate(baseInput()));
    expect(run).toThrow(RangeError);
    try {
      run();
    } catch (e) {
      expect(e).toBeInstanceOf(HpaInputError);
      expect((e as HpaInputError).path).toBe(path);
      expect((e as HpaInputError).code).toBe('HPA_ERR_INVALID_INPUT');
      expect((e as Error).message.startsWith(path)).toBe(true);
    }
  });

  // The API server rejects these too, but kube-controller-manager handles them itself (its own
  // tests feed them: TestScaleUpOneMetricInvalid, TestConditionInvalidSourceType), so the
  // controller's behaviour wins: an invalid metric, not an input error.
  it('an unknown metric type is an invalid metric, not an input error', () => {
    const d = decideReplicas({
      ...baseInput(),
      spec: { ...baseInput().spec, metrics: [{ type: 'CheddarCheese' } as never] },
      observations: [{ kind: 'Error', message: 'not read' }],
    });
    expect(d.metrics).toEqual([
      {
        index: 0,
        type: 'CheddarCheese',
        metricName: '"CheddarCheese" metric',
        valid: false,
        errorCode: 'InvalidMetricSourceType',
        error: 'unknown metric source type "CheddarCheese"',
        conditionReason: 'InvalidMetricSourceType',
      },
    ]);
    expect(d).toMatchObject({ desiredReplicas: 3, rescale: false, path: 'MetricsFailed' });
    expect(d.scalingActive).toMatchObject({ status: 'False', reason: 'InvalidMetricSourceType' });
    expect(d.error).toContain('unknown metric source type "CheddarCheese"');
  });

  it("a metric without a type reads as Go's empty type", () => {
    const d = decideReplicas({
      ...baseInput(),
      spec: { ...baseInput().spec, metrics: [{} as never] },
      observations: [],
    });
    expect(d.metrics[0]).toMatchObject({ type: '', valid: false, error: 'unknown metric source type ""' });
  });

  it('a resource target with neither utilization nor value is an invalid metric, not an input error', () => {
    const d = decideReplicas({
      ...baseInput(),
      spec: {
        ...baseInput().spec,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }],
      },
    });
    expect(d.metrics[0]).toMatchObject({
      valid: false,
      errorCode: 'InvalidTarget',
      conditionReason: 'FailedGetResourceMetric',
    });
    expect(d.scalingActive?.reason).toBe('FailedGetResourceMetric');
  });

  it('observations of valid metrics are still required, also after an invalid one', () => {
    const input = baseInput();
    const run = () =>
      decideReplicas({
        ...input,
        spec: { ...input.spec, metrics: [{ type: 'CheddarCheese' } as never, cpuUtilization(30)] },
        observations: [input.observations[0]!],
      });
    expect(run).toThrow(HpaInputError);
  });

  it('a failed fetch is not an input error', () => {
    const d = decideReplicas({
      ...baseInput(),
      observations: [{ kind: 'Error', message: 'metrics-server down' }],
    });
    expect(d.metrics[0]).toMatchObject({
      valid: false,
      errorCode: 'FetchFailed',
      error: expect.stringContaining('metrics-server down'),
    });
  });
});

describe('purity and state threading', () => {
  function deepFreeze<T>(o: T): T {
    if (o !== null && typeof o === 'object') {
      Object.freeze(o);
      for (const v of Object.values(o)) deepFreeze(v);
    }
    return o;
  }

  it('does not mutate its input and is deterministic', () => {
    const input = {
      ...baseInput(),
      spec: { ...baseInput().spec, behavior: { scaleDown: { stabilizationWindowSeconds: 0 } } },
      state: {
        recommendations: [{ recommendation: 9, timestampMs: NOW - 10 * 60_000 }],
        scaleUpEvents: [{ replicaChange: 2, timestampMs: NOW - 600_000, outdated: false }],
        scaleDownEvents: [],
      },
      status: {
        conditions: [
          {
            type: 'ScalingActive' as const,
            status: 'True' as const,
            reason: 'ValidMetricFound',
            message: '',
            lastTransitionTimeMs: 5,
          },
        ],
      },
    };
    const snapshot = structuredClone(input);
    deepFreeze(input);
    const a = decideReplicas(input);
    const b = decideReplicas(input);
    expect(a).toEqual(b);
    expect(input).toEqual(snapshot);
    expect(a.state.recommendations).not.toBe(input.state.recommendations);
    expect(a.desiredReplicas).toBe(5);
    // The stale recommendation's slot was reused; the stale scale-up event was marked and replaced.
    expect(a.state.recommendations).toEqual([{ recommendation: 5, timestampMs: NOW }]);
    expect(a.state.scaleUpEvents).toEqual([{ replicaChange: 2, timestampMs: NOW, outdated: false }]);
  });

  it('lastTransitionTime moves only when a condition changes status', () => {
    const input = {
      ...baseInput(),
      status: {
        conditions: [
          {
            type: 'ScalingActive' as const,
            status: 'True' as const,
            reason: 'ValidMetricFound',
            message: '',
            lastTransitionTimeMs: 5,
          },
          {
            type: 'ScalingLimited' as const,
            status: 'True' as const,
            reason: 'TooManyReplicas',
            message: '',
            lastTransitionTimeMs: 7,
          },
        ],
      },
    };
    const d = decideReplicas(input);
    expect(d.scalingActive?.lastTransitionTimeMs).toBe(5);
    expect(d.scalingLimited).toMatchObject({
      status: 'False',
      reason: 'DesiredWithinRange',
      lastTransitionTimeMs: NOW,
    });
    // Existing conditions keep their place; new ones are appended.
    expect(d.conditions.map((c) => c.type)).toEqual(['ScalingActive', 'ScalingLimited', 'AbleToScale']);
    expect(d.lastScaleTimeMs).toBe(NOW);
  });

  it('a blocked reconcile keeps the previous desired count from status', () => {
    const d = decideReplicas({
      ...baseInput(),
      observations: [{ kind: 'Error', message: 'x' }],
      status: { desiredReplicas: 7, lastScaleTimeMs: 11 },
    });
    expect(d).toMatchObject({
      desiredReplicas: 7,
      rescale: false,
      path: 'MetricsFailed',
      lastScaleTimeMs: 11,
    });
  });
});

describe('defaults', () => {
  it('controller defaults match kube-controller-manager', () => {
    expect(DEFAULT_HPA_CONTROLLER_CONFIG).toMatchObject({
      syncPeriodMs: 15_000,
      tolerance: 0.1,
      cpuInitializationPeriodMs: 300_000,
      initialReadinessDelayMs: 30_000,
      downscaleStabilizationWindowMs: 300_000,
      scaleUpLimitFactor: 2,
      scaleUpLimitMinimum: 4,
    });
  });

  it('API defaulting: minReplicas 1, CPU 80 %, behavior filled only when present', () => {
    const legacy = resolveSpec({ maxReplicas: 5 }, DEFAULT_HPA_CONTROLLER_CONFIG);
    expect(legacy.minReplicas).toBe(1);
    expect(legacy.metrics).toEqual([cpuUtilization(80)]);
    expect(legacy.behavior).toBeUndefined();
    const withBehavior = resolveSpec(
      { maxReplicas: 5, behavior: { scaleDown: { selectPolicy: 'Min' } } },
      {
        ...DEFAULT_HPA_CONTROLLER_CONFIG,
        downscaleStabilizationWindowMs: 120_500,
      },
    );
    expect(withBehavior.behavior).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: {
        stabilizationWindowSeconds: 120,
        selectPolicy: 'Min',
        policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
      },
    });
  });

  it('an empty metric list uses the default CPU metric and needs one observation', () => {
    const d = decideReplicas({ ...baseInput(), spec: { minReplicas: 2, maxReplicas: 6 } });
    expect(d.metrics[0]!.metricName).toBe('cpu resource utilization (percentage of request)');
    // 50 % against 80 % → ratio 0.625 → ceil(1.875) = 2, held at 3 by the initial recommendation.
    expect(d.metrics[0]!.replicas).toBe(2);
    expect(d.desiredReplicas).toBe(3);
  });
});
