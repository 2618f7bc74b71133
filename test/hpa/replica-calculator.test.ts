// Per-metric proposals, ported from kubernetes/kubernetes
// pkg/controller/podautoscaler/replica_calculator_test.go (re-expressed; names cite the Go test).
import { describe, expect, it } from 'vitest';
import {
  MetricComputationError,
  calculateRequests,
  getExternalMetricReplicas,
  getExternalPerPodMetricReplicas,
  getMetricReplicas,
  getObjectMetricReplicas,
  getObjectPerPodMetricReplicas,
  getRawResourceReplicas,
  getResourceReplicas,
  groupPods,
  type PodState,
  type ReplicaCalcContext,
  type Tolerances,
} from '../../models/hpa/index.js';
import { COOL, HOT, MIN, NOW, calcLevels, calcPods, calcSamples, type PodOpts } from './fixtures.js';

const DEFAULT_TOL: Tolerances = { scaleDown: 0.1, scaleUp: 0.1 };
const ctx = (pods: readonly PodState[], tolerances: Tolerances = DEFAULT_TOL): ReplicaCalcContext => ({
  nowMs: NOW,
  pods,
  tolerances,
  cpuInitializationPeriodMs: 2 * MIN,
  initialReadinessDelayMs: 10_000,
  podLevelResources: true,
});

interface ResourceCase {
  readonly name: string;
  readonly current: number;
  readonly pods?: number;
  readonly requests: readonly number[];
  readonly levels: readonly (readonly number[])[];
  readonly opts?: PodOpts;
  readonly container?: string;
  readonly target: number;
  readonly tolerances?: Tolerances;
  readonly expected: readonly [replicas: number, utilization: number, raw: number];
}

const req = (n: number, v = 1000): number[] => Array.from({ length: n }, () => v);
const mixed = [900, 1000, 1100];

function runResource(c: ResourceCase): void {
  const pods = calcPods(c.pods ?? Math.max(c.current, c.opts?.phases?.length ?? 0), c.requests, c.opts);
  const r = getResourceReplicas(
    ctx(pods, c.tolerances),
    c.current,
    c.target,
    'cpu',
    c.container ?? '',
    calcSamples(c.levels),
  );
  expect([r.replicas, r.utilization, r.usage]).toEqual(c.expected);
}

describe('GetResourceReplicas (TestReplicaCalcResourceScale)', () => {
  const cases: ResourceCase[] = [
    {
      name: 'scale up',
      current: 3,
      requests: req(3),
      levels: calcLevels(300, 500, 700),
      target: 30,
      expected: [5, 50, 1000],
    },
    {
      name: 'scale up: container metric',
      current: 3,
      container: 'container2',
      requests: req(3),
      levels: [
        [1000, 300],
        [1000, 500],
        [1000, 700],
      ],
      target: 30,
      expected: [5, 50, 500],
    },
    {
      name: 'scale up: unready pod scales less',
      current: 3,
      opts: { readiness: ['False', 'True', 'True'] },
      requests: req(3),
      levels: calcLevels(300, 500, 700),
      target: 30,
      expected: [4, 60, 1200],
    },
    {
      name: 'scale up: hot-CPU container scales less',
      current: 3,
      opts: { startTimes: [HOT, COOL, COOL] },
      container: 'container2',
      requests: req(3),
      levels: [
        [0, 300],
        [0, 500],
        [0, 700],
      ],
      target: 30,
      expected: [4, 60, 600],
    },
    {
      name: 'scale up: hot-CPU pod scales less',
      current: 3,
      opts: { startTimes: [HOT, COOL, COOL] },
      requests: req(3),
      levels: calcLevels(300, 500, 700),
      target: 30,
      expected: [4, 60, 1200],
    },
    {
      name: 'no scale: unready pods ignored',
      current: 3,
      opts: { readiness: ['True', 'False', 'False'] },
      requests: req(3),
      levels: calcLevels(400, 500, 700),
      target: 30,
      expected: [3, 40, 800],
    },
    {
      name: 'no scale: hot-CPU pods ignored',
      current: 3,
      opts: { readiness: ['True', 'False', 'False'], startTimes: [COOL, HOT, HOT] },
      requests: req(3),
      levels: calcLevels(400, 500, 700),
      target: 30,
      expected: [3, 40, 800],
    },
    {
      name: 'scale up: failed pods ignored',
      current: 2,
      opts: {
        readiness: ['True', 'True', 'False', 'False'],
        phases: ['Running', 'Running', 'Failed', 'Failed'],
      },
      requests: req(4),
      levels: calcLevels(500, 700),
      target: 30,
      expected: [4, 60, 1200],
    },
    {
      name: 'scale up: failed pods ignored with missing container metric',
      current: 2,
      opts: {
        readiness: ['True', 'True', 'False', 'False'],
        phases: ['Running', 'Running', 'Failed', 'Failed'],
      },
      container: 'container2',
      requests: req(4),
      levels: [[1000, 500], [9000, 700], [1000], [9000]],
      target: 30,
      expected: [4, 60, 600],
    },
    {
      name: 'scale up: succeeded pods ignored',
      current: 2,
      opts: {
        readiness: ['True', 'True', 'False', 'False'],
        phases: ['Running', 'Running', 'Succeeded', 'Succeeded'],
      },
      requests: req(4),
      levels: calcLevels(500, 700),
      target: 30,
      expected: [4, 60, 1200],
    },
    {
      name: 'scale up: pods being deleted are ignored',
      current: 2,
      pods: 4,
      opts: { readiness: ['True', 'True', 'False', 'False'], deleted: [false, false, true, true] },
      requests: req(4),
      levels: calcLevels(500, 700),
      target: 30,
      expected: [4, 60, 1200],
    },
    {
      name: 'scale down',
      current: 5,
      requests: req(5),
      levels: calcLevels(100, 300, 500, 250, 250),
      target: 50,
      expected: [3, 28, 560],
    },
    {
      name: 'scale down: container metric',
      current: 5,
      container: 'container2',
      requests: req(5),
      levels: [
        [1000, 100],
        [1000, 300],
        [1000, 500],
        [1000, 250],
        [1000, 250],
      ],
      target: 50,
      expected: [3, 28, 280],
    },
    {
      name: 'scale down: exclude unready pods',
      current: 5,
      opts: { readiness: ['True', 'True', 'True', 'False', 'False'] },
      requests: req(5),
      levels: calcLevels(100, 300, 500, 250, 250),
      target: 50,
      expected: [2, 30, 600],
    },
    {
      name: 'scale down: exclude unscheduled pods',
      current: 5,
      opts: {
        readiness: ['True', 'False', 'False', 'False', 'False'],
        phases: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'],
      },
      requests: req(5),
      levels: calcLevels(100),
      target: 50,
      expected: [1, 10, 200],
    },
    {
      name: 'scale down: ignore hot-CPU pods',
      current: 5,
      opts: { startTimes: [COOL, COOL, COOL, HOT, HOT] },
      requests: req(5),
      levels: calcLevels(100, 300, 500, 250, 250),
      target: 50,
      expected: [2, 30, 600],
    },
    {
      name: 'scale down: failed pods ignored',
      current: 5,
      opts: {
        readiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'],
        phases: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'],
      },
      requests: req(7),
      levels: calcLevels(100, 300, 500, 250, 250),
      target: 50,
      expected: [3, 28, 560],
    },
    {
      name: 'scale down: still-running pods being deleted are ignored',
      current: 5,
      pods: 7,
      opts: {
        readiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'],
        deleted: [false, false, false, false, false, true, true],
      },
      requests: req(7),
      levels: calcLevels(100, 300, 500, 250, 250),
      target: 50,
      expected: [3, 28, 560],
    },
  ];
  it.each(cases)('$name', runResource);

  it('reports the first sample timestamp and the pod grouping', () => {
    const pods = calcPods(3, req(3), { readiness: ['False', 'True', 'True'] });
    const r = getResourceReplicas(
      ctx(pods),
      3,
      30,
      'cpu',
      '',
      calcSamples(calcLevels(300, 500, 700), NOW - 5000),
    );
    expect(r.timestampMs).toBe(NOW - 5000);
    expect(r.grouping).toEqual({ readyPodCount: 2, unready: ['test-pod-0'], missing: [], ignored: [] });
  });
});

describe('tolerance band (TestReplicaCalcResourceTolerance)', () => {
  const cases: ResourceCase[] = [
    {
      name: 'within default tolerance',
      current: 3,
      requests: mixed,
      levels: calcLevels(1010, 1030, 1020),
      target: 100,
      expected: [3, 102, 2040],
    },
    {
      name: 'outside 0% tolerance',
      current: 3,
      tolerances: { scaleDown: 0, scaleUp: 0 },
      requests: mixed,
      levels: calcLevels(909, 1010, 1111),
      target: 100,
      expected: [4, 101, 2020],
    },
    {
      name: 'within 200% scale-up tolerance',
      current: 3,
      tolerances: { scaleDown: 0.1, scaleUp: 2 },
      requests: mixed,
      levels: calcLevels(1890, 1910, 1900),
      target: 100,
      expected: [3, 190, 3800],
    },
    {
      name: 'outside 8% scale-up tolerance (superfluous scale-down tolerance)',
      current: 3,
      tolerances: { scaleDown: 2, scaleUp: 0.08 },
      requests: mixed,
      levels: calcLevels(1100, 1080, 1090),
      target: 100,
      expected: [4, 109, 2180],
    },
    {
      name: 'within 36% scale-down tolerance',
      current: 3,
      tolerances: { scaleDown: 0.36, scaleUp: 0.1 },
      requests: mixed,
      levels: calcLevels(660, 640, 650),
      target: 100,
      expected: [3, 65, 1300],
    },
    {
      name: 'outside 34% scale-down tolerance',
      current: 3,
      tolerances: { scaleDown: 0.34, scaleUp: 0.1 },
      requests: mixed,
      levels: calcLevels(660, 640, 650),
      target: 100,
      expected: [2, 65, 1300],
    },
    // Own cases: the band is inclusive at both ends and applies to the ratio; with 10 pods a
    // strict comparison would give 9 and 11.
    {
      name: 'ratio exactly 0.9 is inside',
      current: 10,
      requests: req(10),
      levels: calcLevels(...req(10, 450)),
      target: 50,
      expected: [10, 45, 900],
    },
    {
      name: 'ratio exactly 1.1 is inside',
      current: 10,
      requests: req(10),
      levels: calcLevels(...req(10, 550)),
      target: 50,
      expected: [10, 55, 1100],
    },
    {
      name: 'ratio 0.88 is outside',
      current: 10,
      requests: req(10),
      levels: calcLevels(...req(10, 440)),
      target: 50,
      expected: [9, 44, 880],
    },
    {
      name: 'ratio 1.12 is outside',
      current: 10,
      requests: req(10),
      levels: calcLevels(...req(10, 560)),
      target: 50,
      expected: [12, 56, 1120],
    },
    // Utilization is an integer percent: 44.99 % truncates to 44 → ratio 0.88 → scale down.
    {
      name: 'integer utilization: 44.99 % counts as 44 %',
      current: 10,
      requests: req(10),
      levels: calcLevels(...req(9, 449), 458),
      pods: 10,
      target: 50,
      expected: [9, 44, 899],
    },
  ];
  it.each(cases)('$name', runResource);
});

describe('missing and superfluous samples (TestReplicaCalcResourceMissingMetrics)', () => {
  const cases: ResourceCase[] = [
    {
      name: 'superfluous metrics counted',
      current: 4,
      requests: req(4),
      levels: calcLevels(4000, 9500, 3000, 7000, 3200, 2000),
      target: 100,
      expected: [24, 587, 11750],
    },
    {
      name: 'some pods missing metrics scales down',
      current: 4,
      requests: req(4),
      levels: calcLevels(400, 95),
      target: 100,
      expected: [3, 24, 495],
    },
    {
      name: 'no change: metric equal to target',
      current: 2,
      requests: req(2),
      levels: calcLevels(1000),
      target: 100,
      expected: [2, 100, 2000],
    },
    {
      name: 'no change: metric above target',
      current: 2,
      requests: req(2),
      levels: calcLevels(1900),
      target: 100,
      expected: [2, 190, 3800],
    },
    {
      name: 'no change: metric below target',
      current: 2,
      requests: req(2),
      levels: calcLevels(600),
      target: 100,
      expected: [2, 60, 1200],
    },
    {
      name: 'no change: unready pod metric missing',
      current: 3,
      opts: { readiness: ['False', 'True', 'True'] },
      requests: req(3),
      levels: calcLevels(100, 450),
      target: 50,
      expected: [3, 45, 900],
    },
    {
      name: 'no change: hot-CPU pod metric missing',
      current: 3,
      opts: { startTimes: [HOT, COOL, COOL] },
      requests: req(3),
      levels: calcLevels(100, 450),
      target: 50,
      expected: [3, 45, 900],
    },
    {
      name: 'scale up: unready pod metric missing',
      current: 3,
      opts: { readiness: ['False', 'True', 'True'] },
      requests: req(3),
      levels: calcLevels(100, 2000),
      target: 50,
      expected: [4, 200, 4000],
    },
    {
      name: 'scale up: hot-CPU pod metric missing',
      current: 3,
      opts: { readiness: ['False', 'True', 'True'], startTimes: [HOT, COOL, COOL] },
      requests: req(3),
      levels: calcLevels(100, 2000),
      target: 50,
      expected: [4, 200, 4000],
    },
    {
      name: 'scale down: unready pod metric missing',
      current: 4,
      opts: { readiness: ['False', 'True', 'True', 'True'] },
      requests: req(4),
      levels: calcLevels(100, 100, 100),
      target: 50,
      expected: [3, 10, 200],
    },
    {
      name: 'scale down: target over 100',
      current: 4,
      opts: { readiness: ['False', 'True', 'True', 'True'] },
      requests: [1000, 1000, 2000, 2000],
      levels: calcLevels(200, 100, 100),
      target: 300,
      expected: [2, 6, 200],
    },
    {
      name: 'rolling update with maxSurge: extra pod missing metric',
      current: 2,
      opts: { phases: ['Running', 'Running', 'Running'] },
      requests: req(3),
      levels: calcLevels(100, 100),
      target: 50,
      expected: [2, 10, 200],
    },
  ];
  it.each(cases)('$name', runResource);

  const fails = (
    pods: PodState[],
    samples: ReturnType<typeof calcSamples>,
    current: number,
  ): MetricComputationError => {
    try {
      getResourceReplicas(ctx(pods), current, 100, 'cpu', '', samples);
    } catch (e) {
      if (e instanceof MetricComputationError) return e;
      throw e;
    }
    throw new Error('expected a MetricComputationError');
  };

  it('disjoint pod and metric names', () => {
    const samples = calcSamples(calcLevels(100)).map((s) => ({ ...s, podName: 'an-older-pod-name' }));
    expect(fails(calcPods(1, req(1)), samples, 1).code).toBe('NoMatchingPods');
  });
  it('no metrics returned from metrics API', () => {
    expect(fails(calcPods(4, req(3)), [], 4).code).toBe('NoMetricsReturned');
  });
  it('missing CPU request on container', () => {
    expect(fails(calcPods(1, []), calcSamples(calcLevels(200)), 1).code).toBe('MissingRequest');
  });
  it('only unready pods reported (own case)', () => {
    const pods = calcPods(2, req(2), { readiness: ['False', 'False'] });
    expect(fails(pods, calcSamples(calcLevels(500, 500)), 2).code).toBe('NoMetricsForTargetedPods');
  });
  it('a request missing on an ignored pod still invalidates the metric (own case)', () => {
    const pods = calcPods(2, [1000], { phases: ['Running', 'Failed'] });
    expect(fails(pods, calcSamples(calcLevels(500)), 1).code).toBe('MissingRequest');
  });
});

describe('TestReplicaCalcComputedToleranceAlgImplementation', () => {
  // 10 pods using 150m against 300m requests (50 %); the target sits just outside, then just
  // inside, the 10 % band.
  const used = 1500;
  const requested = 3000;
  const perPod = requested / 10;
  const requests = [100, -100, 10, -10, 2, -2, 1, -1, 0, 0].map((d) => perPod + d);
  const run = (extra: number): [number, number, number] => {
    const target = Math.abs(1 / (Math.trunc(requested / used) * (1 - 0.1))) + extra;
    const pods = calcPods(10, requests);
    const r = getResourceReplicas(
      ctx(pods),
      10,
      Math.trunc(target * 100),
      'cpu',
      '',
      calcSamples(calcLevels(...req(10, used / 10))),
    );
    return [r.replicas, r.utilization, r.usage];
  };
  it('just outside the band scales to ceil(ratio × 10)', () => {
    const target = 1 / (2 * 0.9) + 0.01;
    const finalPods = Math.ceil((used / (requested * target)) * 10);
    expect(run(0.01)).toEqual([finalPods, 50, 300]);
  });
  it('just inside the band keeps 10', () => {
    expect(run(0.004)).toEqual([10, 50, 300]);
  });
});

describe('GetRawResourceReplicas (AverageValue on a resource)', () => {
  it('averages per pod and applies the CPU readiness rule', () => {
    const pods = calcPods(3, req(3), { readiness: ['False', 'True', 'True'] });
    // Ready pods average (1000 + 1400) / 2 = 1200 m against 600 m → ratio 2; the unready pod is
    // added back at 0: (0 + 1000 + 1400) / 3 = 800 → ratio 1.33 → ceil(1.33 × 3) = 4.
    const r = getRawResourceReplicas(ctx(pods), 3, 600, 'cpu', '', calcSamples(calcLevels(300, 500, 700)));
    expect([r.replicas, r.usage]).toEqual([4, 1200]);
  });
  it('missing pods count as exactly the target on a scale-down', () => {
    const pods = calcPods(4, req(4));
    // Reported average 200 m vs 1000 m → 0.2; two missing pods at 1000 → (400+2000)/4 = 600 → 0.6 → 3.
    const r = getRawResourceReplicas(ctx(pods), 4, 1000, 'cpu', '', calcSamples(calcLevels(100, 100)));
    expect([r.replicas, r.usage]).toEqual([3, 200]);
  });
});

describe('GetMetricReplicas (TestReplicaCalcPodMetric)', () => {
  const custom = (levels: number[]) =>
    levels.map((value, i) => ({ podName: `test-pod-${i}`, value, timestampMs: NOW }));
  const cases: {
    name: string;
    current: number;
    pods?: number;
    opts?: PodOpts;
    levels: number[];
    target: number;
    tolerances?: Tolerances;
    expected: [number, number];
  }[] = [
    { name: 'scale up', current: 3, levels: [20000, 10000, 30000], target: 15000, expected: [4, 20000] },
    {
      name: 'scale up: unready hot-CPU pod scales less',
      current: 3,
      opts: { readiness: ['True', 'True', 'False'], startTimes: [COOL, COOL, HOT] },
      levels: [50000, 10000, 30000],
      target: 15000,
      expected: [6, 30000],
    },
    {
      name: 'scale up: unready hot-CPU pods avoid scale-down',
      current: 3,
      opts: { readiness: ['False', 'True', 'False'], startTimes: [HOT, COOL, HOT] },
      levels: [50000, 15000, 30000],
      target: 15000,
      expected: [7, 31666],
    },
    {
      name: 'scale down',
      current: 5,
      levels: [12000, 12000, 12000, 12000, 12000],
      target: 20000,
      expected: [3, 12000],
    },
    {
      name: 'within default tolerance',
      current: 3,
      levels: [20000, 21000, 21000],
      target: 20000,
      expected: [3, 20666],
    },
    {
      name: 'outside configurable 1% tolerance',
      current: 3,
      tolerances: { scaleDown: 0.1, scaleUp: 0.01 },
      levels: [20000, 21000, 21000],
      target: 20000,
      expected: [4, 20666],
    },
    {
      name: 'no change: missing metrics',
      current: 5,
      levels: [20000, 19000, 21000],
      target: 20000,
      expected: [5, 20000],
    },
    {
      name: 'rolling update with maxSurge: extra pod missing metric',
      current: 2,
      pods: 3,
      levels: [10000, 10000],
      target: 17000,
      expected: [2, 10000],
    },
  ];
  it.each(cases)('$name', (c) => {
    const pods = calcPods(c.pods ?? c.current, undefined, c.opts);
    const r = getMetricReplicas(ctx(pods, c.tolerances), c.current, c.target, custom(c.levels));
    expect([r.replicas, r.usage]).toEqual(c.expected);
    expect(r.timestampMs).toBe(NOW);
  });
});

describe('GetObjectMetricReplicas (TestReplicaCalcObjectMetric)', () => {
  const cases: {
    name: string;
    current: number;
    readiness?: PodOpts['readiness'];
    value: number;
    target: number;
    up?: number;
    expected: number;
  }[] = [
    { name: 'scale up', current: 3, value: 20000, target: 15000, expected: 4 },
    {
      name: 'scale up: very large metric saturates replicas to MaxInt32',
      current: 3,
      value: 2 ** 63,
      target: 1,
      expected: 2147483647,
    },
    {
      name: 'scale up: ignores unready pods',
      current: 3,
      readiness: ['False', 'True', 'False'],
      value: 50000,
      target: 10000,
      expected: 5,
    },
    { name: 'scale down', current: 5, value: 12000, target: 20000, expected: 3 },
    { name: 'within default tolerance', current: 3, value: 20666, target: 20000, expected: 3 },
    {
      name: 'outside configurable 1% tolerance',
      current: 3,
      value: 20666,
      target: 20000,
      up: 0.01,
      expected: 4,
    },
  ];
  it.each(cases)('$name', (c) => {
    const pods = calcPods(c.current, undefined, { ...(c.readiness ? { readiness: c.readiness } : {}) });
    const r = getObjectMetricReplicas(
      ctx(pods, { scaleDown: 0.1, scaleUp: c.up ?? 0.1 }),
      c.current,
      c.target,
      c.value,
    );
    expect(r.replicas).toBe(c.expected);
    expect(r.usage).toBe(c.value);
    // The controller drops the object's timestamp on this path.
    expect(r.timestampMs).toBeUndefined();
  });
});

describe('GetObjectPerPodMetricReplicas (TestReplicaCalcObjectPerPodMetric)', () => {
  const cases: {
    name: string;
    status: number;
    value: number;
    target: number;
    up?: number;
    expected: [number, number];
  }[] = [
    { name: 'scale up', status: 3, value: 20000, target: 5000, expected: [4, 6667] },
    { name: 'scale down', status: 5, value: 6000, target: 2000, expected: [3, 1200] },
    { name: 'within default tolerance', status: 4, value: 20166, target: 5000, expected: [4, 5042] },
    {
      name: 'outside configurable 1% tolerance',
      status: 4,
      value: 20208,
      target: 5000,
      up: 0.01,
      expected: [5, 5052],
    },
    {
      name: 'statusReplicas zero does not overflow usage',
      status: 0,
      value: 20000,
      target: 5000,
      expected: [4, 0],
    },
    {
      name: 'statusReplicas zero and metric zero does not underflow',
      status: 0,
      value: 0,
      target: 5000,
      expected: [0, 0],
    },
  ];
  it.each(cases)('$name', (c) => {
    const r = getObjectPerPodMetricReplicas(
      { scaleDown: 0.1, scaleUp: c.up ?? 0.1 },
      c.status,
      c.target,
      c.value,
      NOW,
    );
    expect([r.replicas, r.usage]).toEqual(c.expected);
    expect(r.timestampMs).toBe(NOW);
  });
});

describe('GetExternalMetricReplicas (TestReplicaCalcExternalMetric)', () => {
  const cases: {
    name: string;
    current: number;
    readiness?: PodOpts['readiness'];
    values: number[];
    target: number;
    up?: number;
    expected: number;
  }[] = [
    {
      name: 'scale down: ignores unready pods (would otherwise scale up)',
      current: 3,
      readiness: ['False', 'True', 'False'],
      values: [8600],
      target: 4400,
      expected: 2,
    },
    { name: 'scale down', current: 5, values: [8600], target: 14334, expected: 3 },
    { name: 'within default tolerance', current: 3, values: [8600], target: 8888, expected: 3 },
    {
      name: 'outside configurable 1% tolerance',
      current: 3,
      values: [8900],
      target: 8800,
      up: 0.01,
      expected: 4,
    },
    { name: 'sums every series (own case)', current: 2, values: [3000, 3000], target: 2000, expected: 6 },
  ];
  it.each(cases)('$name', (c) => {
    const pods = calcPods(c.current, undefined, { ...(c.readiness ? { readiness: c.readiness } : {}) });
    const samples = c.values.map((value) => ({ value, timestampMs: NOW }));
    const r = getExternalMetricReplicas(
      ctx(pods, { scaleDown: 0.1, scaleUp: c.up ?? 0.1 }),
      c.current,
      c.target,
      samples,
    );
    expect(r.replicas).toBe(c.expected);
  });

  it('with zero replicas proposes ceil(ratio), ignoring the band (scale from zero)', () => {
    const samples = [{ value: 1000, timestampMs: NOW }];
    expect(getExternalMetricReplicas(ctx([]), 0, 1000, samples).replicas).toBe(1);
    expect(getExternalMetricReplicas(ctx([]), 0, 1000, [{ value: 0, timestampMs: NOW }]).replicas).toBe(0);
  });
});

describe('GetExternalPerPodMetricReplicas (TestReplicaCalcExternalPerPodMetric)', () => {
  const cases: {
    name: string;
    status: number;
    value: number;
    target: number;
    up?: number;
    expected: [number, number];
  }[] = [
    {
      name: 'statusReplicas zero does not overflow usage',
      status: 0,
      value: 20000,
      target: 5000,
      expected: [4, 0],
    },
    {
      name: 'statusReplicas zero and metric zero does not underflow',
      status: 0,
      value: 0,
      target: 5000,
      expected: [0, 0],
    },
    { name: 'scale up', status: 3, value: 8600, target: 2150, expected: [4, 2867] },
    { name: 'scale down', status: 5, value: 8600, target: 2867, expected: [3, 1720] },
    { name: 'within default tolerance', status: 3, value: 8600, target: 2900, expected: [3, 2867] },
    {
      name: 'outside configurable 1% tolerance',
      status: 3,
      value: 8600,
      target: 2800,
      up: 0.01,
      expected: [4, 2867],
    },
  ];
  it.each(cases)('$name', (c) => {
    const r = getExternalPerPodMetricReplicas({ scaleDown: 0.1, scaleUp: c.up ?? 0.1 }, c.status, c.target, [
      { value: c.value, timestampMs: NOW },
    ]);
    expect([r.replicas, r.usage]).toEqual(c.expected);
  });
  it('replica count overflow saturates to MaxInt32', () => {
    const r = getExternalPerPodMetricReplicas(DEFAULT_TOL, 1, 1, [{ value: 2 ** 63, timestampMs: NOW }]);
    expect(r.replicas).toBe(2147483647);
  });
});

describe('groupPods (TestGroupPods)', () => {
  const timing = { nowMs: NOW, cpuInitializationPeriodMs: 2 * MIN, initialReadinessDelayMs: 10_000 };
  const metric = (timestampMs = NOW, windowMs = MIN) => ({ value: 1, timestampMs, windowMs });
  const running = (name: string, extra: Partial<PodState> = {}): PodState => ({
    name,
    phase: 'Running',
    containers: [],
    ...extra,
  });
  const cases: {
    name: string;
    pod: PodState;
    m?: ReturnType<typeof metric>;
    resource: string;
    expected: [ready: number, group: 'unready' | 'missing' | 'ignored' | 'ready'];
  }[] = [
    {
      name: 'count in a ready pod - memory',
      pod: running('bentham'),
      m: metric(),
      resource: 'memory',
      expected: [1, 'ready'],
    },
    {
      name: 'unready a pod without ready condition - CPU',
      pod: running('lucretius', { startTimeMs: NOW }),
      m: metric(),
      resource: 'cpu',
      expected: [0, 'unready'],
    },
    {
      name: 'count in a ready pod with fresh metrics during initialization period - CPU',
      pod: running('bentham', {
        startTimeMs: NOW - MIN,
        readyCondition: { status: 'True', lastTransitionTimeMs: NOW - 30_000 },
      }),
      m: metric(NOW, 30_000),
      resource: 'cpu',
      expected: [1, 'ready'],
    },
    {
      name: 'unready a ready pod without fresh metrics during initialization period - CPU',
      pod: running('bentham', {
        startTimeMs: NOW - MIN,
        readyCondition: { status: 'True', lastTransitionTimeMs: NOW - 30_000 },
      }),
      m: metric(NOW, 60_000),
      resource: 'cpu',
      expected: [0, 'unready'],
    },
    {
      name: 'unready an unready pod during initialization period - CPU',
      pod: running('lucretius', {
        startTimeMs: NOW - 10 * MIN,
        readyCondition: { status: 'False', lastTransitionTimeMs: NOW - 9 * MIN - 54_000 },
      }),
      m: metric(),
      resource: 'cpu',
      expected: [0, 'unready'],
    },
    {
      name: 'count in a ready pod without fresh metrics after initialization period - CPU',
      pod: running('bentham', {
        startTimeMs: NOW - 3 * MIN,
        readyCondition: { status: 'True', lastTransitionTimeMs: NOW - 3 * MIN },
      }),
      m: metric(NOW - 2 * MIN),
      resource: 'cpu',
      expected: [1, 'ready'],
    },
    {
      name: 'count in an unready pod that was ready after initialization period - CPU',
      pod: running('lucretius', {
        startTimeMs: NOW - 10 * MIN,
        readyCondition: { status: 'False', lastTransitionTimeMs: NOW - 9 * MIN },
      }),
      m: metric(),
      resource: 'cpu',
      expected: [1, 'ready'],
    },
    {
      name: 'unready pod that has never been ready after initialization period - CPU',
      pod: running('lucretius', {
        startTimeMs: NOW - 10 * MIN,
        readyCondition: { status: 'False', lastTransitionTimeMs: NOW - 9 * MIN - 50_000 },
      }),
      m: metric(),
      resource: 'cpu',
      expected: [1, 'ready'],
    },
    {
      name: 'a missing pod',
      pod: running('epicurus', { startTimeMs: NOW - 3 * MIN }),
      resource: 'cpu',
      expected: [0, 'missing'],
    },
    {
      name: 'pending pods are unreadied',
      pod: { name: 'unscheduled', phase: 'Pending', containers: [] },
      resource: 'cpu',
      expected: [0, 'unready'],
    },
    {
      name: 'ignore pods with deletion timestamps',
      pod: { name: 'deleted', phase: 'Pending', deletionTimestampMs: 1000, containers: [] },
      m: metric(),
      resource: 'cpu',
      expected: [0, 'ignored'],
    },
    {
      name: 'ignore pods in a failed state',
      pod: { name: 'failed', phase: 'Failed', containers: [] },
      m: metric(),
      resource: 'cpu',
      expected: [0, 'ignored'],
    },
    {
      name: 'ignore pods in a succeeded state',
      pod: { name: 'succeeded', phase: 'Succeeded', containers: [] },
      m: metric(),
      resource: 'cpu',
      expected: [0, 'ignored'],
    },
  ];
  it.each(cases)('$name', (c) => {
    const metrics = new Map(c.m === undefined ? [] : [[c.pod.name, c.m]]);
    const g = groupPods([c.pod], metrics, c.resource, timing);
    const group = g.unreadyPods.has(c.pod.name)
      ? 'unready'
      : g.missingPods.has(c.pod.name)
        ? 'missing'
        : g.ignoredPods.has(c.pod.name)
          ? 'ignored'
          : 'ready';
    expect([g.readyPodCount, group]).toEqual(c.expected);
  });

  it('the never-been-ready window is the readiness delay: 9 s after start is unready, 11 s is not (own case)', () => {
    const pod = (transition: number): PodState =>
      running('p', {
        startTimeMs: NOW - 10 * MIN,
        readyCondition: { status: 'False', lastTransitionTimeMs: NOW - 10 * MIN + transition },
      });
    const at = (transition: number) =>
      groupPods([pod(transition)], new Map([['p', metric()]]), 'cpu', timing).readyPodCount;
    expect(at(9_000)).toBe(0);
    expect(at(11_000)).toBe(1);
  });
});

describe('calculateRequests (TestCalculateRequests)', () => {
  const pod = (extra: Partial<PodState>): PodState => ({
    name: 'test-pod',
    phase: 'Running',
    containers: [
      { name: 'container1', requests: { cpu: 100 } },
      { name: 'container2', requests: { cpu: 50 } },
    ],
    ...extra,
  });
  it('sums container requests', () => {
    expect(calculateRequests([pod({})], '', 'cpu', false).get('test-pod')).toBe(150);
    expect(calculateRequests([pod({})], '', 'cpu', true).get('test-pod')).toBe(150);
  });
  it('pod-level requests override container requests when the gate is on', () => {
    expect(
      calculateRequests([pod({ podLevelRequests: { cpu: 800 } })], '', 'cpu', true).get('test-pod'),
    ).toBe(800);
    expect(
      calculateRequests([pod({ podLevelRequests: { cpu: 800 } })], '', 'cpu', false).get('test-pod'),
    ).toBe(150);
  });
  it('a container without a request fails unless pod-level requests cover it', () => {
    const p = pod({ containers: [{ name: 'container1' }, { name: 'container2', requests: { cpu: 50 } }] });
    expect(() => calculateRequests([p], '', 'cpu', false)).toThrow(MetricComputationError);
    const withPodLevel = { ...p, podLevelRequests: { cpu: 800 } };
    expect(calculateRequests([withPodLevel], '', 'cpu', true).get('test-pod')).toBe(800);
  });
  it('a named container counts alone and ignores pod-level requests', () => {
    expect(
      calculateRequests([pod({ podLevelRequests: { cpu: 800 } })], 'container1', 'cpu', true).get('test-pod'),
    ).toBe(100);
  });
  it('restartable init containers (sidecars) count, one-off init containers do not', () => {
    const p = pod({
      containers: [{ name: 'container1', requests: { cpu: 100 } }],
      initContainers: [
        { name: 'init-container1', requests: { cpu: 20 } },
        { name: 'restartable-container1', restartPolicy: 'Always', requests: { cpu: 50 } },
      ],
    });
    expect(calculateRequests([p], '', 'cpu', true).get('test-pod')).toBe(150);
  });
  it('an unknown container fails (TestCalculatePodRequestsFromContainers_NonExistentContainer)', () => {
    try {
      calculateRequests([pod({})], 'non-existent-container', 'cpu', true);
      expect.unreachable();
    } catch (e) {
      expect((e as MetricComputationError).code).toBe('ContainerNotFound');
    }
  });
});
