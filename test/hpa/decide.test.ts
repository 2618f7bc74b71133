// Whole reconciles through decideReplicas, ported from kubernetes/kubernetes
// pkg/controller/podautoscaler/horizontal_test.go (re-expressed; names cite the Go test). Like the
// Go file, these run with scaleUpLimitFactor 8, tolerance 0.1, a 2 min CPU initialization period
// and a 10 s readiness delay.
import { describe, expect, it } from 'vitest';
import { decideReplicas, type HpaCondition, type MetricSpec } from '../../models/hpa/index.js';
import {
  CHEDDAR_CHEESE,
  COOL,
  HOT,
  MIN,
  NOW,
  cpuUtilization,
  externalQps,
  objectQps,
  podsQps,
  scalingRules,
} from './fixtures.js';
import { conditionTriples, scenarioInput, statusOk, type HorizontalScenario } from './scenario.js';

interface Case {
  readonly name: string;
  readonly s: HorizontalScenario;
  readonly desired: number;
  readonly conditions?: [string, string, string][];
  readonly error?: boolean;
}

function run(c: Case): void {
  const d = decideReplicas(scenarioInput(c.s));
  expect(d.desiredReplicas).toBe(c.desired);
  expect(d.rescale).toBe(c.desired !== c.s.specReplicas);
  if (c.conditions) expect(conditionTriples(d.conditions)).toEqual(c.conditions);
  if (c.error !== undefined) expect(d.error !== undefined).toBe(c.error);
}

const base = { minReplicas: 2, maxReplicas: 6, specReplicas: 3, statusReplicas: 3 } as const;
const down5 = { minReplicas: 2, maxReplicas: 6, specReplicas: 5, statusReplicas: 5 } as const;
const cpu3 = [1000, 1000, 1000];
const cpu5 = [1000, 1000, 1000, 1000, 1000];
const cpu7 = [...cpu5, 1000, 1000];
const mixed = [900, 1000, 1100];

describe('TestScaleUpCPU', () => {
  const cases: Case[] = [
    {
      name: 'scale up',
      s: { ...base, CPUTarget: 30, reportedLevels: [300, 500, 700], reportedCPURequests: cpu3 },
      desired: 5,
      conditions: statusOk(),
    },
    {
      name: 'scale up with unready pods results in less scale',
      s: {
        ...base,
        CPUTarget: 30,
        reportedLevels: [300, 500, 700],
        reportedCPURequests: cpu3,
        reportedPodReadiness: ['False', 'True', 'True'],
      },
      desired: 4,
    },
    {
      name: 'scale up with hot cpu pods results in less scale',
      s: {
        ...base,
        CPUTarget: 30,
        reportedLevels: [300, 500, 700],
        reportedCPURequests: cpu3,
        reportedPodStartTime: [HOT, COOL, COOL],
      },
      desired: 4,
    },
    {
      name: 'scale up ignores failed pods',
      s: {
        ...base,
        specReplicas: 2,
        statusReplicas: 2,
        CPUTarget: 30,
        reportedLevels: [500, 700],
        reportedCPURequests: [1000, 1000, 1000, 1000],
        reportedPodReadiness: ['True', 'True', 'False', 'False'],
        reportedPodPhase: ['Running', 'Running', 'Failed', 'Failed'],
      },
      desired: 4,
    },
    {
      name: 'scale up ignores deletion pods',
      s: {
        ...base,
        specReplicas: 2,
        statusReplicas: 2,
        CPUTarget: 30,
        reportedLevels: [500, 700],
        reportedCPURequests: [1000, 1000, 1000, 1000],
        reportedPodReadiness: ['True', 'True', 'False', 'False'],
        reportedPodDeletionTimestamp: [false, false, true, true],
      },
      desired: 4,
    },
    {
      name: 'no scale up when all unready pods bring utilization within target (TestScaleUpUnreadyOrHotCpuNoScale)',
      s: {
        ...base,
        CPUTarget: 30,
        reportedLevels: [400, 500, 700],
        reportedCPURequests: cpu3,
        reportedPodReadiness: ['True', 'False', 'False'],
      },
      desired: 3,
      conditions: statusOk(['AbleToScale', 'True', 'ReadyForNewScale']),
    },
    {
      name: 'hot CPU pods excluded from scaling (TestScaleUpUnreadyOrHotCpuNoScale)',
      s: {
        ...base,
        CPUTarget: 30,
        reportedLevels: [400, 500, 700],
        reportedCPURequests: cpu3,
        reportedPodReadiness: ['True', 'False', 'False'],
        reportedPodStartTime: [COOL, HOT, HOT],
      },
      desired: 3,
      conditions: statusOk(['AbleToScale', 'True', 'ReadyForNewScale']),
    },
  ];
  it.each(cases)('$name', run);

  it('reports utilization of ready pods only and the event reason', () => {
    const d = decideReplicas(
      scenarioInput({
        ...base,
        CPUTarget: 30,
        reportedLevels: [400, 500, 700],
        reportedCPURequests: cpu3,
        reportedPodReadiness: ['True', 'False', 'False'],
      }),
    );
    expect(d.metrics[0]!.current).toEqual({ averageUtilization: 40, averageValue: 400 });
    const up = decideReplicas(
      scenarioInput({ ...base, CPUTarget: 30, reportedLevels: [300, 500, 700], reportedCPURequests: cpu3 }),
    );
    expect(up.rescaleReason).toBe('cpu resource utilization (percentage of request) above target');
    expect(up.selectedMetric).toEqual({ index: 0, name: 'cpu resource utilization (percentage of request)' });
    expect(up.metrics[0]!.timestampMs).toBe(NOW);
  });
});

describe('TestScaleDownCPU', () => {
  const cases: Case[] = [
    {
      name: 'scale down',
      s: {
        ...down5,
        CPUTarget: 50,
        reportedLevels: [100, 300, 500, 250, 250],
        reportedCPURequests: cpu5,
        recommendations: [],
      },
      desired: 3,
    },
    {
      name: 'scale down includes unready pods',
      s: {
        ...down5,
        CPUTarget: 50,
        reportedLevels: [100, 300, 500, 250, 250],
        reportedCPURequests: cpu5,
        reportedPodReadiness: ['True', 'True', 'True', 'False', 'False'],
        recommendations: [],
      },
      desired: 2,
    },
    {
      name: 'scale down ignores hot cpu pods',
      s: {
        ...down5,
        CPUTarget: 50,
        reportedLevels: [100, 300, 500, 250, 250],
        reportedCPURequests: cpu5,
        reportedPodStartTime: [COOL, COOL, COOL, HOT, HOT],
        recommendations: [],
      },
      desired: 2,
    },
    {
      name: 'scale down ignores failed pods',
      s: {
        ...down5,
        CPUTarget: 50,
        reportedLevels: [100, 300, 500, 250, 250],
        reportedCPURequests: cpu7,
        reportedPodReadiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'],
        reportedPodPhase: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'],
        recommendations: [],
      },
      desired: 3,
    },
    {
      name: 'scale down ignores deletion pods',
      s: {
        ...down5,
        CPUTarget: 50,
        reportedLevels: [100, 300, 500, 250, 250],
        reportedCPURequests: cpu7,
        reportedPodReadiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'],
        reportedPodDeletionTimestamp: [false, false, false, false, false, true, true],
        recommendations: [],
      },
      desired: 3,
    },
    {
      name: 'TestScaleDownStabilizeInitialSize: a new HPA keeps its starting size',
      s: { ...down5, CPUTarget: 50, reportedLevels: [100, 300, 500, 250, 250], reportedCPURequests: cpu5 },
      desired: 5,
      conditions: statusOk(['AbleToScale', 'True', 'ScaleDownStabilized']),
    },
  ];
  it.each(cases)('$name', run);
});

describe('TestScaleContainerResource', () => {
  const container = (name: string, target: number) =>
    ({
      type: 'ContainerResource',
      containerResource: {
        name: 'cpu',
        container: name,
        target: { type: 'Utilization', averageUtilization: target },
      },
    }) as const;
  it.each<Case>([
    {
      name: 'scale up container resource',
      s: {
        ...base,
        metricsTarget: [container('container1', 30)],
        reportedLevels: [300, 500, 700],
        reportedCPURequests: cpu3,
      },
      desired: 5,
    },
    {
      name: 'scale down container resource',
      s: {
        ...down5,
        metricsTarget: [container('container2', 50)],
        reportedLevels: [100, 300, 500, 250, 250],
        reportedCPURequests: cpu5,
        recommendations: [],
      },
      desired: 3,
    },
  ])('$name', run);
});

describe('custom, object and external metrics (TestScaleUpCM, TestScaleUpCMObject, TestScaleUpCMExternal, TestScaleDownCM)', () => {
  const cases: Case[] = [
    {
      name: 'scale up custom metric',
      s: {
        ...base,
        metricsTarget: [podsQps(15000)],
        reportedLevels: [20000, 10000, 30000],
        reportedCPURequests: cpu3,
      },
      desired: 4,
    },
    {
      name: 'unready and hot cpu pods do not reduce scale for custom metric',
      s: {
        ...base,
        metricsTarget: [podsQps(15000)],
        reportedLevels: [50000, 10000, 30000],
        reportedPodReadiness: ['True', 'True', 'False'],
        reportedPodStartTime: [COOL, COOL, HOT],
        reportedCPURequests: cpu3,
      },
      desired: 6,
    },
    {
      name: 'unready and hot cpu pods scale to max with scaling limited condition',
      s: {
        ...base,
        metricsTarget: [podsQps(15000)],
        reportedLevels: [50000, 15000, 30000],
        reportedPodReadiness: ['False', 'True', 'False'],
        reportedPodStartTime: [HOT, COOL, HOT],
        reportedCPURequests: cpu3,
      },
      desired: 6,
      conditions: statusOk(['ScalingLimited', 'True', 'TooManyReplicas']),
    },
    {
      name: 'scale up object metric with value target',
      s: { ...base, metricsTarget: [objectQps({ value: 15000 })], reportedLevels: [20000] },
      desired: 4,
    },
    {
      name: 'scale up per-pod object metric with average value target',
      s: { ...base, metricsTarget: [objectQps({ averageValue: 10000 })], reportedLevels: [40000] },
      desired: 4,
    },
    {
      name: 'scale up external metric with value target',
      s: { ...base, metricsTarget: [externalQps({ value: 6666 })], reportedLevels: [8600] },
      desired: 4,
    },
    {
      name: 'scale up external metric with per-pod average value target',
      s: { ...base, metricsTarget: [externalQps({ averageValue: 2222 })], reportedLevels: [8600] },
      desired: 4,
    },
    {
      name: 'scale down pods metric',
      s: {
        ...down5,
        metricsTarget: [podsQps(20000)],
        reportedLevels: [12000, 12000, 12000, 12000, 12000],
        reportedCPURequests: cpu5,
        recommendations: [],
      },
      desired: 3,
    },
    {
      name: 'scale down object metric with value target',
      s: {
        ...down5,
        metricsTarget: [objectQps({ value: 20000 })],
        reportedLevels: [12000],
        reportedCPURequests: cpu5,
        recommendations: [],
      },
      desired: 3,
    },
    {
      name: 'scale down per-pod object metric with average value target',
      s: {
        ...down5,
        metricsTarget: [objectQps({ averageValue: 20000 })],
        reportedLevels: [60000],
        reportedCPURequests: cpu5,
        recommendations: [],
      },
      desired: 3,
    },
    {
      name: 'scale down external metric with value target',
      s: {
        ...down5,
        metricsTarget: [externalQps({ value: 14400 })],
        reportedLevels: [8600],
        recommendations: [],
      },
      desired: 3,
    },
    {
      name: 'scale down per-pod external metric with average value target',
      s: {
        ...down5,
        metricsTarget: [externalQps({ averageValue: 3000 })],
        reportedLevels: [8600],
        recommendations: [],
      },
      desired: 3,
    },
    {
      name: 'scale down to zero object metric with feature gate disabled',
      s: {
        ...down5,
        minReplicas: 0,
        metricsTarget: [objectQps({ value: 20000 })],
        reportedLevels: [0],
        reportedCPURequests: cpu5,
        recommendations: [],
      },
      desired: 0,
      conditions: statusOk(),
    },
    {
      name: 'scale down to zero object metric with feature gate enabled',
      s: {
        ...down5,
        minReplicas: 0,
        metricsTarget: [objectQps({ value: 20000 })],
        reportedLevels: [0],
        reportedCPURequests: cpu5,
        recommendations: [],
        config: { featureGates: { HPAScaleToZero: true } },
      },
      desired: 0,
      conditions: statusOk(['ScaledToZero', 'True', 'ScaledToZero']),
    },
    {
      name: 'scale down to zero external metric with feature gate enabled',
      s: {
        ...down5,
        minReplicas: 0,
        metricsTarget: [externalQps({ value: 14400 })],
        reportedLevels: [0],
        recommendations: [],
        config: { featureGates: { HPAScaleToZero: true } },
      },
      desired: 0,
      conditions: statusOk(['ScaledToZero', 'True', 'ScaledToZero']),
    },
  ];
  it.each(cases)('$name', run);

  it('object and external Value proposals carry no timestamp; AverageValue ones do', () => {
    const d = decideReplicas(
      scenarioInput({
        ...base,
        metricsTarget: [objectQps({ value: 15000 }), externalQps({ averageValue: 2222 })],
        reportedLevels: [20000],
      }),
    );
    expect(d.metrics[0]!.timestampMs).toBeUndefined();
    expect(d.metrics[1]!.timestampMs).toBe(NOW);
    expect(d.metrics[1]!.metricName).toBe(
      'external metric qps(&LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},})',
    );
  });
});

describe('scale to zero and back (TestScaleUpCMObject, TestScaleUpFromZero*, TestScaledToZeroConditionHandledOnNormalRescale, TestManualScaleToZeroDisablesHPA)', () => {
  const zero = { minReplicas: 0, maxReplicas: 6, specReplicas: 0, statusReplicas: 0 } as const;
  const scaledToZero: HpaCondition[] = [
    { type: 'ScaledToZero', status: 'True', reason: 'ScaledToZero', message: '' },
  ];
  const gate = (on: boolean) => ({ featureGates: { HPAScaleToZero: on } });
  const disabled: [string, string, string][] = [
    ['AbleToScale', 'True', 'SucceededGetScale'],
    ['ScalingActive', 'False', 'ScalingDisabled'],
  ];
  const cases: Case[] = [
    {
      name: 'scale up from zero with feature gate enabled',
      s: {
        ...zero,
        metricsTarget: [objectQps({ value: 15000 })],
        reportedLevels: [20000],
        initialConditions: scaledToZero,
        config: gate(true),
      },
      desired: 2,
      conditions: [['ScaledToZero', 'False', 'NotScaledToZero'], ...statusOk()],
    },
    {
      name: 'scale up from zero with feature gate disabled',
      s: {
        ...zero,
        metricsTarget: [objectQps({ value: 15000 })],
        reportedLevels: [20000],
        initialConditions: scaledToZero,
        config: gate(false),
      },
      desired: 0,
      conditions: disabled,
    },
    {
      name: 'scale up from zero ignores tolerance with feature gate enabled',
      s: {
        ...zero,
        metricsTarget: [objectQps({ value: 1000 })],
        reportedLevels: [1000],
        initialConditions: scaledToZero,
        config: gate(true),
      },
      desired: 1,
      conditions: [['ScaledToZero', 'False', 'NotScaledToZero'], ...statusOk()],
    },
    {
      name: 'TestScaleUpFromZeroWithoutCondition',
      s: {
        ...zero,
        metricsTarget: [objectQps({ value: 15000 })],
        reportedLevels: [20000],
        config: gate(true),
      },
      desired: 0,
      conditions: disabled,
    },
    {
      name: 'TestScaleUpFromZeroWhenMinReplicasIncreased (gate on)',
      s: {
        ...zero,
        minReplicas: 2,
        metricsTarget: [objectQps({ value: 15000 })],
        reportedLevels: [10000],
        initialConditions: scaledToZero,
        config: gate(true),
      },
      desired: 2,
      conditions: [
        ['ScaledToZero', 'False', 'NotScaledToZero'],
        ...statusOk(['ScalingLimited', 'True', 'TooFewReplicas']),
      ],
    },
    {
      name: 'TestScaleUpFromZeroWhenMinReplicasIncreased (gate off)',
      s: {
        ...zero,
        minReplicas: 2,
        metricsTarget: [objectQps({ value: 15000 })],
        reportedLevels: [10000],
        initialConditions: scaledToZero,
        config: gate(false),
      },
      desired: 0,
      conditions: disabled,
    },
    {
      name: 'TestScaledToZeroConditionHandledOnNormalRescale (gate on)',
      s: {
        ...base,
        minReplicas: 1,
        CPUTarget: 30,
        reportedLevels: [300, 500, 700],
        reportedCPURequests: cpu3,
        initialConditions: scaledToZero,
        config: gate(true),
      },
      desired: 5,
      conditions: [['ScaledToZero', 'False', 'NotScaledToZero'], ...statusOk()],
    },
    {
      name: 'TestScaledToZeroConditionHandledOnNormalRescale (gate off: stale condition removed)',
      s: {
        ...base,
        minReplicas: 1,
        CPUTarget: 30,
        reportedLevels: [300, 500, 700],
        reportedCPURequests: cpu3,
        initialConditions: scaledToZero,
        config: gate(false),
      },
      desired: 5,
      conditions: statusOk(),
    },
    {
      name: 'TestManualScaleToZeroDisablesHPA',
      s: {
        ...zero,
        minReplicas: 1,
        CPUTarget: 50,
        reportedLevels: [],
        reportedCPURequests: [],
        config: gate(true),
      },
      desired: 0,
      conditions: disabled,
    },
    {
      name: 'TestScaleUpFromZeroOneMetricInvalid (CPU and an unknown type cannot scale from zero)',
      s: {
        ...zero,
        CPUTarget: 30,
        metricsTarget: [CHEDDAR_CHEESE],
        reportedLevels: [300, 400, 500],
        reportedCPURequests: cpu3,
        recommendations: [],
        initialConditions: scaledToZero,
        config: gate(true),
      },
      desired: 0,
      conditions: [['ScaledToZero', 'True', 'ScaledToZero'], ...disabled],
    },
  ];
  it.each(cases)('$name', run);
});

describe('TestTolerance and TestConfigurableTolerance', () => {
  const tol = { minReplicas: 1, maxReplicas: 5, specReplicas: 3, statusReplicas: 3 } as const;
  const four = { minReplicas: 2, maxReplicas: 6, specReplicas: 4, statusReplicas: 4 } as const;
  const ready = statusOk(['AbleToScale', 'True', 'ReadyForNewScale']);
  const cases: Case[] = [
    {
      name: 'CPU resource metric within tolerance',
      s: { ...tol, CPUTarget: 100, reportedLevels: [1010, 1030, 1020], reportedCPURequests: mixed },
      desired: 3,
      conditions: ready,
    },
    {
      name: 'pods metric within tolerance',
      s: {
        ...tol,
        metricsTarget: [podsQps(20000)],
        reportedLevels: [20000, 20001, 21000],
        reportedCPURequests: mixed,
      },
      desired: 3,
      conditions: ready,
    },
    {
      name: 'object metric with value target within tolerance',
      s: {
        ...tol,
        metricsTarget: [objectQps({ value: 20000 })],
        reportedLevels: [20050],
        reportedCPURequests: mixed,
      },
      desired: 3,
      conditions: ready,
    },
    {
      name: 'external metric with value target within tolerance',
      s: { ...four, metricsTarget: [externalQps({ value: 8666 })], reportedLevels: [8600] },
      desired: 4,
      conditions: ready,
    },
    {
      name: 'per-pod object metric with average value target within tolerance',
      s: { ...four, metricsTarget: [objectQps({ averageValue: 2200 })], reportedLevels: [8600] },
      desired: 4,
      conditions: ready,
    },
    {
      name: 'per-pod external metric with average value target within tolerance',
      s: { ...four, metricsTarget: [externalQps({ averageValue: 2200 })], reportedLevels: [8600] },
      desired: 4,
      conditions: ready,
    },
    {
      name: 'Scaling up because of a 1% configurable tolerance',
      s: {
        ...tol,
        CPUTarget: 100,
        scaleUpRules: { tolerance: 0.01 },
        reportedLevels: [1010, 1030, 1020],
        reportedCPURequests: mixed,
      },
      desired: 4,
      conditions: statusOk(),
    },
    {
      name: 'No scale-down because of a 90% configurable tolerance',
      s: {
        ...tol,
        CPUTarget: 100,
        scaleDownRules: { tolerance: 0.9 },
        reportedLevels: [300, 300, 300],
        reportedCPURequests: cpu3,
      },
      desired: 3,
      conditions: ready,
    },
    {
      name: 'No scaling because of the large default tolerance',
      s: { ...tol, CPUTarget: 100, reportedLevels: [1010, 1030, 1020], reportedCPURequests: mixed },
      desired: 3,
      conditions: ready,
    },
    {
      name: 'No scaling because the configurable tolerance is ignored as the feature gate is disabled',
      s: {
        ...tol,
        CPUTarget: 100,
        scaleUpRules: { tolerance: 0.01 },
        reportedLevels: [1010, 1030, 1020],
        reportedCPURequests: mixed,
        config: { featureGates: { HPAConfigurableTolerance: false } },
      },
      desired: 3,
      conditions: ready,
    },
  ];
  it.each(cases)('$name', run);
});

describe('TestReplicaLimits, TestScaleRCImmediately, TestUpscaleCap', () => {
  const lim = { minReplicas: 2, maxReplicas: 5, specReplicas: 3, statusReplicas: 3 } as const;
  const rescaledOnly: [string, string, string][] = [['AbleToScale', 'True', 'SucceededRescale']];
  const cases: Case[] = [
    {
      name: 'scale down clamped to min replicas',
      s: {
        ...lim,
        CPUTarget: 90,
        reportedLevels: [10, 95, 10],
        reportedCPURequests: mixed,
        recommendations: [],
      },
      desired: 2,
      conditions: statusOk(['ScalingLimited', 'True', 'TooFewReplicas']),
    },
    {
      name: 'scale down to zero when min replicas is zero',
      s: {
        ...lim,
        minReplicas: 0,
        CPUTarget: 90,
        reportedLevels: [0, 0, 0],
        reportedCPURequests: mixed,
        recommendations: [],
      },
      desired: 0,
      conditions: statusOk(),
    },
    {
      name: 'scale down clamped to min when desired is zero',
      s: {
        ...lim,
        CPUTarget: 90,
        reportedLevels: [0, 0, 0],
        reportedCPURequests: mixed,
        recommendations: [],
      },
      desired: 2,
      conditions: statusOk(['ScalingLimited', 'True', 'TooFewReplicas']),
    },
    {
      name: 'no scaling when spec replicas is zero',
      s: {
        minReplicas: 3,
        maxReplicas: 5,
        specReplicas: 0,
        statusReplicas: 0,
        CPUTarget: 90,
        reportedLevels: [],
        reportedCPURequests: [],
      },
      desired: 0,
      conditions: [
        ['AbleToScale', 'True', 'SucceededGetScale'],
        ['ScalingActive', 'False', 'ScalingDisabled'],
      ],
    },
    {
      name: 'scale up to min when below min replicas',
      s: {
        minReplicas: 3,
        maxReplicas: 5,
        specReplicas: 2,
        statusReplicas: 2,
        CPUTarget: 90,
        reportedLevels: [],
        reportedCPURequests: [],
      },
      desired: 3,
      conditions: rescaledOnly,
    },
    {
      name: 'scale down to max when above max replicas',
      s: {
        minReplicas: 3,
        maxReplicas: 5,
        specReplicas: 10,
        statusReplicas: 10,
        CPUTarget: 90,
        reportedLevels: [],
        reportedCPURequests: [],
      },
      desired: 5,
      conditions: rescaledOnly,
    },
    {
      name: 'scale up clamped to max replicas',
      s: { ...lim, CPUTarget: 90, reportedLevels: [8000, 9500, 1000], reportedCPURequests: mixed },
      desired: 5,
      conditions: statusOk(['ScalingLimited', 'True', 'TooManyReplicas']),
    },
    {
      name: 'TestScaleRCImmediately: scale up to min when below min replicas',
      s: {
        minReplicas: 2,
        maxReplicas: 6,
        specReplicas: 1,
        statusReplicas: 1,
        CPUTarget: 50,
        reportedLevels: [0, 0, 0, 0],
        reportedCPURequests: [1000, 1000, 1000, 1000],
      },
      desired: 2,
      conditions: rescaledOnly,
    },
    {
      name: 'TestScaleRCImmediately: scale down to max when above max replicas',
      s: {
        minReplicas: 2,
        maxReplicas: 5,
        specReplicas: 6,
        statusReplicas: 6,
        CPUTarget: 50,
        reportedLevels: [8000, 9500, 1000],
        reportedCPURequests: mixed,
      },
      desired: 5,
      conditions: rescaledOnly,
    },
    {
      name: 'TestUpscaleCap: capped by scale up rules',
      s: {
        minReplicas: 1,
        maxReplicas: 100,
        specReplicas: 3,
        statusReplicas: 3,
        scaleUpRules: scalingRules(0, 0, 700, 60, 0),
        CPUTarget: 10,
        reportedLevels: [100, 200, 300],
        reportedCPURequests: [100, 100, 100],
      },
      desired: 24,
      conditions: statusOk(['ScalingLimited', 'True', 'ScaleUpLimit']),
    },
    {
      name: 'TestUpscaleCap: capped by max replicas when scale up limit exceeds max',
      s: {
        minReplicas: 1,
        maxReplicas: 20,
        specReplicas: 3,
        statusReplicas: 3,
        scaleUpRules: scalingRules(0, 0, 700, 60, 0),
        CPUTarget: 10,
        reportedLevels: [100, 200, 300],
        reportedCPURequests: [100, 100, 100],
      },
      desired: 20,
      conditions: statusOk(['ScalingLimited', 'True', 'TooManyReplicas']),
    },
  ];
  it.each(cases)('$name', run);

  it('the shortcuts read no metrics and record the reason', () => {
    const d = decideReplicas(
      scenarioInput({
        minReplicas: 3,
        maxReplicas: 5,
        specReplicas: 10,
        statusReplicas: 10,
        CPUTarget: 90,
        reportedLevels: [],
        reportedCPURequests: [],
      }),
    );
    expect(d.path).toBe('AboveMaxReplicas');
    expect(d.metrics).toEqual([]);
    expect(d.rescaleReason).toBe('Current number of replicas above Spec.MaxReplicas');
  });
});

describe('TestMetricsEdgeCases, TestCPUScalingEdgeCases, TestEventCreated, TestEventNotCreated', () => {
  const four = { minReplicas: 2, maxReplicas: 6, specReplicas: 4, statusReplicas: 4 } as const;
  const failed = (reason: string): [string, string, string][] => [
    ['AbleToScale', 'True', 'SucceededGetScale'],
    ['ScalingActive', 'False', reason],
  ];
  const cases: Case[] = [
    {
      name: 'superfluous metrics reported',
      s: {
        ...four,
        CPUTarget: 100,
        reportedLevels: [4000, 9500, 3000, 7000, 3200, 2000],
        reportedCPURequests: [1000, 1000, 1000, 1000],
      },
      desired: 6,
      conditions: statusOk(['ScalingLimited', 'True', 'TooManyReplicas']),
    },
    {
      name: 'missing metrics from some pods',
      s: {
        ...four,
        CPUTarget: 100,
        reportedLevels: [400, 95],
        reportedCPURequests: [1000, 1000, 1000, 1000],
        recommendations: [],
      },
      desired: 3,
    },
    {
      name: 'empty metrics from all pods',
      s: { ...four, CPUTarget: 100, reportedLevels: [], reportedCPURequests: [1000, 1000, 1000, 1000] },
      desired: 4,
      error: true,
      conditions: failed('FailedGetResourceMetric'),
    },
    {
      name: 'empty CPU requests',
      s: {
        minReplicas: 1,
        maxReplicas: 5,
        specReplicas: 1,
        statusReplicas: 1,
        CPUTarget: 100,
        reportedLevels: [200],
        reportedCPURequests: [],
      },
      desired: 1,
      error: true,
      conditions: failed('FailedGetResourceMetric'),
    },
    {
      name: 'missing reports from some pods (TestMissingReports)',
      s: {
        minReplicas: 1,
        maxReplicas: 5,
        specReplicas: 4,
        statusReplicas: 4,
        CPUTarget: 50,
        reportedLevels: [200],
        reportedCPURequests: [200],
        recommendations: [],
      },
      desired: 2,
    },
    {
      name: 'more replicas than spec no scale (TestMoreReplicasThanSpecNoScale)',
      s: {
        minReplicas: 1,
        maxReplicas: 8,
        specReplicas: 4,
        statusReplicas: 5,
        CPUTarget: 50,
        reportedLevels: [500, 500, 500, 500, 500],
        reportedCPURequests: [1000, 1000, 1000, 1000, 1000],
      },
      desired: 4,
      conditions: statusOk(['AbleToScale', 'True', 'ReadyForNewScale']),
    },
    {
      name: 'TestEventCreated',
      s: {
        minReplicas: 1,
        maxReplicas: 5,
        specReplicas: 1,
        statusReplicas: 1,
        CPUTarget: 50,
        reportedLevels: [200],
        reportedCPURequests: [200],
      },
      desired: 2,
    },
    {
      name: 'TestEventNotCreated',
      s: {
        minReplicas: 1,
        maxReplicas: 5,
        specReplicas: 2,
        statusReplicas: 2,
        CPUTarget: 50,
        reportedLevels: [200, 200],
        reportedCPURequests: [400, 400],
      },
      desired: 2,
      conditions: statusOk(['AbleToScale', 'True', 'ReadyForNewScale']),
    },
  ];
  it.each(cases)('$name', run);
});

describe('invalid metrics (TestScaleUpOneMetricEmpty, TestNoScaleDownOneMetricEmpty, TestConditionFailedGetMetrics)', () => {
  const fetchFailed = { kind: 'Error', message: 'something went wrong' } as const;
  it('a failed metric does not block a scale-up (TestScaleUpOneMetricEmpty)', () => {
    const d = decideReplicas(
      scenarioInput({
        ...base,
        CPUTarget: 30,
        metricsTarget: [externalQps({ value: 100 })],
        reportedLevels: [300, 400, 500],
        reportedCPURequests: cpu3,
        observations: [undefined, fetchFailed],
      }),
    );
    expect(d.desiredReplicas).toBe(4);
    expect(d.rescale).toBe(true);
    expect(d.error).toMatch(/1 of 2 metrics invalid/);
    expect(d.metrics[1]).toMatchObject({
      valid: false,
      errorCode: 'FetchFailed',
      conditionReason: 'FailedGetExternalMetric',
    });
    expect(d.scalingActive?.reason).toBe('ValidMetricFound');
  });

  it('a failed metric blocks a scale-down (TestNoScaleDownOneMetricEmpty)', () => {
    const d = decideReplicas(
      scenarioInput({
        ...down5,
        CPUTarget: 50,
        metricsTarget: [externalQps({ value: 1000 })],
        reportedLevels: [100, 300, 500, 250, 250],
        reportedCPURequests: cpu5,
        recommendations: [],
        observations: [undefined, fetchFailed],
      }),
    );
    expect(d.desiredReplicas).toBe(5);
    expect(d.rescale).toBe(false);
    expect(d.path).toBe('MetricsFailed');
    expect(d.metrics[0]!.replicas).toBe(3);
    expect(conditionTriples(d.conditions)).toEqual([
      ['AbleToScale', 'True', 'SucceededGetScale'],
      ['ScalingActive', 'False', 'FailedGetExternalMetric'],
    ]);
    // A blocked reconcile stores no recommendation.
    expect(d.state.recommendations).toEqual([]);
  });

  it.each([
    ['FailedGetResourceMetric', cpuUtilization(10)],
    ['FailedGetPodsMetric', podsQps(15000)],
    ['FailedGetObjectMetric', objectQps({ value: 15000 })],
    ['FailedGetExternalMetric', externalQps({ value: 300 })],
  ] as const)('TestConditionFailedGetMetrics: %s', (reason, metric) => {
    const d = decideReplicas(
      scenarioInput({
        minReplicas: 1,
        maxReplicas: 100,
        specReplicas: 3,
        statusReplicas: 3,
        metricsTarget: [metric],
        reportedLevels: [100, 200, 300],
        reportedCPURequests: [100, 100, 100],
        observations: [fetchFailed],
      }),
    );
    expect(d.desiredReplicas).toBe(3);
    expect(conditionTriples(d.conditions)).toEqual([
      ['AbleToScale', 'True', 'SucceededGetScale'],
      ['ScalingActive', 'False', reason],
    ]);
  });

  it.each([
    ['Missing', 'InvalidSelector'],
    ['Unparsable', 'InvalidSelector'],
    ['Ambiguous', 'AmbiguousSelector'],
  ] as const)(
    'selector problem %s (TestConditionInvalidSelector*, TestConditionAmbiguousSelector*)',
    (problem, reason) => {
      const input = scenarioInput({
        minReplicas: 1,
        maxReplicas: 100,
        specReplicas: 3,
        statusReplicas: 3,
        CPUTarget: 10,
        reportedLevels: [100, 200, 300],
        reportedCPURequests: [100, 100, 100],
      });
      const d = decideReplicas({ ...input, scale: { ...input.scale, selectorProblem: problem } });
      expect(d.desiredReplicas).toBe(3);
      expect(d.error).toBeDefined();
      expect(conditionTriples(d.conditions)).toEqual([
        ['AbleToScale', 'True', 'SucceededGetScale'],
        ['ScalingActive', 'False', reason],
      ]);
    },
  );

  it('an Object target whose type does not match its value is an invalid metric', () => {
    const metric = {
      type: 'Object',
      object: {
        describedObject: { kind: 'Deployment', name: 'd' },
        metric: { name: 'qps' },
        target: { type: 'Value', averageValue: 1000 },
      },
    } as const;
    const d = decideReplicas(scenarioInput({ ...base, metricsTarget: [metric], reportedLevels: [5000] }));
    expect(d.metrics[0]).toMatchObject({
      valid: false,
      errorCode: 'InvalidTarget',
      conditionReason: 'FailedGetObjectMetric',
    });
    expect(d.rescale).toBe(false);
  });
});

// Specs the API server would reject but the controller's tests feed directly: an unknown source
// type ("CheddarCheese") is an invalid metric (ScalingActive=False, InvalidMetricSourceType), not
// a failed reconcile input.
describe('unknown metric source type (TestScaleUpOneMetricInvalid, TestNoScaleDownOneMetricInvalid, TestScaleUpBothMetricsEmpty, TestConditionInvalidSourceType / TestInvalidMetricSourceType)', () => {
  const invalidSourceType: [string, string, string][] = [
    ['AbleToScale', 'True', 'SucceededGetScale'],
    ['ScalingActive', 'False', 'InvalidMetricSourceType'],
  ];

  it('TestScaleUpOneMetricInvalid: the valid CPU metric still scales up', () => {
    const d = decideReplicas(
      scenarioInput({
        ...base,
        CPUTarget: 30,
        metricsTarget: [CHEDDAR_CHEESE],
        reportedLevels: [300, 400, 500],
        reportedCPURequests: cpu3,
      }),
    );
    expect(d.desiredReplicas).toBe(4);
    expect(d.rescale).toBe(true);
    expect(d.path).toBe('Metrics');
    expect(conditionTriples(d.conditions)).toEqual(statusOk());
    // The reconcile scales but still returns the invalid metric's error.
    expect(d.error).toMatch(/1 of 2 metrics invalid/);
    expect(d.error).toContain('unknown metric source type "CheddarCheese"');
    expect(d.selectedMetric).toEqual({ index: 0, name: 'cpu resource utilization (percentage of request)' });
    expect(d.metrics[0]).toMatchObject({ valid: true, replicas: 4 });
    expect(d.metrics[1]).toMatchObject({
      index: 1,
      type: 'CheddarCheese',
      valid: false,
      errorCode: 'InvalidMetricSourceType',
      conditionReason: 'InvalidMetricSourceType',
      error: 'unknown metric source type "CheddarCheese"',
    });
    expect(d.metrics[1]!.replicas).toBeUndefined();
  });

  it('TestScaleUpOneMetricInvalid with the unknown type listed first', () => {
    const input = scenarioInput({
      ...base,
      metricsTarget: [CHEDDAR_CHEESE, cpuUtilization(30)],
      reportedLevels: [300, 400, 500],
      reportedCPURequests: cpu3,
    });
    const d = decideReplicas(input);
    expect(d.desiredReplicas).toBe(4);
    expect(d.selectedMetric?.index).toBe(1);
    expect(d.scalingActive?.reason).toBe('ValidMetricFound');
  });

  it('TestNoScaleDownOneMetricInvalid: an unknown type blocks the scale-down', () => {
    const d = decideReplicas(
      scenarioInput({
        ...down5,
        CPUTarget: 50,
        metricsTarget: [CHEDDAR_CHEESE],
        reportedLevels: [100, 300, 500, 250, 250],
        reportedCPURequests: cpu5,
        recommendations: [],
      }),
    );
    expect(d.desiredReplicas).toBe(5);
    expect(d.rescale).toBe(false);
    expect(d.path).toBe('MetricsFailed');
    expect(d.metrics[0]).toMatchObject({ valid: true, replicas: 3 });
    expect(d.metrics[1]).toMatchObject({ valid: false, errorCode: 'InvalidMetricSourceType' });
    expect(conditionTriples(d.conditions)).toEqual(invalidSourceType);
    expect(d.error).toMatch(/1 of 2 metrics invalid/);
    expect(d.state.recommendations).toEqual([]);
  });

  it.each([
    ['TestScaleUpBothMetricsEmpty', []],
    ['TestConditionInvalidSourceType', [20000]],
  ] as const)('%s: with only an unknown type nothing changes', (_name, reportedLevels) => {
    const d = decideReplicas(
      scenarioInput({ ...base, metricsTarget: [CHEDDAR_CHEESE], reportedLevels, reportedCPURequests: cpu3 }),
    );
    expect(d.desiredReplicas).toBe(3);
    expect(d.rescale).toBe(false);
    expect(d.path).toBe('MetricsFailed');
    expect(conditionTriples(d.conditions)).toEqual(invalidSourceType);
    expect(d.error).toMatch(/1 of 1 metrics invalid/);
    expect(d.scalingActive?.message).toContain('unknown metric source type "CheddarCheese"');
    expect(d.metricDesiredReplicas).toBeUndefined();
  });

  it('the observation of an unknown-type metric is never read, and a trailing one may be left out', () => {
    const input = scenarioInput({
      ...base,
      CPUTarget: 30,
      metricsTarget: [CHEDDAR_CHEESE],
      reportedLevels: [300, 400, 500],
      reportedCPURequests: cpu3,
    });
    const cpuOnly = [input.observations[0]!];
    for (const observations of [
      cpuOnly,
      [...cpuOnly, { kind: 'External', samples: [] }],
      [...cpuOnly, { kind: 'Object', value: 1, timestampMs: NOW }],
      [...cpuOnly, undefined as never],
    ] as const) {
      const d = decideReplicas({ ...input, observations });
      expect(d.desiredReplicas).toBe(4);
      expect(d.metrics[1]).toMatchObject({ valid: false, errorCode: 'InvalidMetricSourceType' });
    }
  });

  it.each([
    [
      'Resource',
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } },
      'FailedGetResourceMetric',
    ],
    [
      'Resource (no target at all: Go zero value)',
      { type: 'Resource', resource: { name: 'cpu' } },
      'FailedGetResourceMetric',
    ],
    [
      'ContainerResource',
      {
        type: 'ContainerResource',
        containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization' } },
      },
      'FailedGetContainerResourceMetric',
    ],
    [
      'Object',
      {
        type: 'Object',
        object: {
          describedObject: { kind: 'Deployment', name: 'd' },
          metric: { name: 'qps' },
          target: { type: 'Utilization', averageUtilization: 50 },
        },
      },
      'FailedGetObjectMetric',
    ],
    [
      'External',
      { type: 'External', external: { metric: { name: 'qps' }, target: { type: 'Value' } } },
      'FailedGetExternalMetric',
    ],
  ] as const)(
    'a %s target without the fields the controller reads is an invalid metric (computeStatusFor*Metric)',
    (_source, metric, reason) => {
      const d = decideReplicas(
        scenarioInput({
          ...base,
          metricsTarget: [metric as unknown as MetricSpec],
          reportedLevels: [300, 400, 500],
          reportedCPURequests: cpu3,
          observations: [{ kind: 'Error', message: 'never read' }],
        }),
      );
      expect(d.metrics[0]).toMatchObject({
        valid: false,
        errorCode: 'InvalidTarget',
        conditionReason: reason,
      });
      expect(d.metrics[0]!.error).not.toContain('never read');
      expect(d.desiredReplicas).toBe(3);
      expect(conditionTriples(d.conditions)).toEqual([
        ['AbleToScale', 'True', 'SucceededGetScale'],
        ['ScalingActive', 'False', reason],
      ]);
    },
  );

  it('targets the API would reject but the controller reads are used as the controller uses them', () => {
    // Both averageValue and averageUtilization: the raw (AverageValue) branch wins. 400 m average
    // against 300 m → ceil(1.33 × 3) = 4.
    const both = {
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 10, averageValue: 300 } },
    } as const;
    // An unknown target type is not read for a Resource metric.
    const oddType = {
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Bogus', averageUtilization: 30 } },
    } as unknown as MetricSpec;
    for (const metric of [both, oddType]) {
      const d = decideReplicas(
        scenarioInput({
          ...base,
          metricsTarget: [metric],
          reportedLevels: [300, 400, 500],
          reportedCPURequests: cpu3,
        }),
      );
      expect(d.metrics[0]!.valid).toBe(true);
      expect(d.desiredReplicas).toBe(4);
    }
  });
});

describe('TestScaleTimingBehavior', () => {
  const timing = { minReplicas: 1, maxReplicas: 5, specReplicas: 3, statusReplicas: 3 } as const;
  it.each<Case>([
    {
      name: 'no backoff upscale custom metric only',
      s: {
        ...timing,
        metricsTarget: [podsQps(15000)],
        reportedLevels: [20000, 10000, 30000],
        reportedCPURequests: cpu3,
      },
      desired: 4,
      conditions: statusOk(),
    },
    {
      name: 'no backoff upscale custom metric and CPU',
      s: {
        ...timing,
        CPUTarget: 10,
        metricsTarget: [podsQps(15000)],
        reportedLevels: [20000, 10000, 30000],
        reportedCPURequests: cpu3,
      },
      desired: 5,
      conditions: statusOk(['ScalingLimited', 'True', 'TooManyReplicas']),
    },
    {
      name: 'stabilize downscale',
      s: {
        ...timing,
        specReplicas: 4,
        statusReplicas: 4,
        CPUTarget: 100,
        reportedLevels: [50, 50, 50],
        reportedCPURequests: [100, 100, 100],
        recommendations: [
          { recommendation: 10, timestampMs: NOW - 10 * MIN },
          { recommendation: 4, timestampMs: NOW - MIN },
        ],
      },
      desired: 4,
      conditions: statusOk(['AbleToScale', 'True', 'ScaleDownStabilized']),
    },
  ])('$name', run);
});
