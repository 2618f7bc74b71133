// Own cases: successive reconciles threading the controller's state, with production defaults
// unless stated. They cover the initial recommendation, legacy and behavior stabilization,
// the legacy scale-up cap, policies with periods, selectPolicy, and several metrics.
import { describe, expect, it } from 'vitest';
import {
  decideReplicas,
  type HpaBehavior,
  type HpaControllerConfigInput,
  type HpaControllerState,
  type HpaDecision,
  type HpaSpec,
  type MetricObservation,
  type PodState,
} from '../../models/hpa/index.js';
import { MIN, NOW, ZERO_TIME, cpuUtilization } from './fixtures.js';

/** `n` long-running ready pods with a 1000 m request each. */
function steadyPods(n: number): PodState[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `p${i}`,
    phase: 'Running' as const,
    startTimeMs: ZERO_TIME,
    readyCondition: { status: 'True' as const, lastTransitionTimeMs: ZERO_TIME },
    containers: [{ name: 'app', requests: { cpu: 1000 } }],
  }));
}

/** Every pod at `utilization` % of its 1000 m request. */
function cpuAt(pods: readonly PodState[], utilization: number, nowMs: number): MetricObservation {
  return {
    kind: 'PodResource',
    samples: pods.map((p) => ({
      podName: p.name,
      timestampMs: nowMs,
      windowMs: 15_000,
      containers: [{ name: 'app', usage: { cpu: utilization * 10 } }],
    })),
  };
}

interface Step {
  readonly atS: number;
  /** Utilization each pod reports at this reconcile. */
  readonly util: number;
}

interface Trace {
  readonly atS: number;
  readonly replicas: number;
  readonly decision: HpaDecision;
}

/**
 * Runs reconciles at the given offsets (seconds after NOW), applying each rescale, with CPU
 * utilization target `target`.
 */
function simulate(
  start: number,
  steps: readonly Step[],
  opts: {
    target?: number;
    spec?: Partial<HpaSpec>;
    behavior?: HpaBehavior;
    state?: HpaControllerState;
    config?: HpaControllerConfigInput;
  } = {},
): Trace[] {
  let replicas = start;
  let state = opts.state;
  let conditions: HpaDecision['conditions'] = [];
  const out: Trace[] = [];
  for (const s of steps) {
    const nowMs = NOW + s.atS * 1000;
    const pods = steadyPods(replicas);
    const d = decideReplicas({
      nowMs,
      spec: {
        minReplicas: 1,
        maxReplicas: 100,
        metrics: [cpuUtilization(opts.target ?? 50)],
        ...opts.spec,
        ...(opts.behavior ? { behavior: opts.behavior } : {}),
      },
      scale: { specReplicas: replicas, statusReplicas: replicas },
      pods,
      observations: [cpuAt(pods, s.util, nowMs)],
      ...(state ? { state } : {}),
      status: { conditions },
      ...(opts.config ? { config: opts.config } : {}),
    });
    state = d.state;
    conditions = d.conditions;
    if (d.rescale) replicas = d.desiredReplicas;
    out.push({ atS: s.atS, replicas, decision: d });
  }
  return out;
}

const every15s = (fromS: number, toS: number, util: number): Step[] =>
  Array.from({ length: Math.floor((toS - fromS) / 15) + 1 }, (_, i) => ({ atS: fromS + 15 * i, util }));

describe('initial recommendation (recordInitialRecommendation)', () => {
  it('a new HPA cannot scale below its starting size for the downscale window (legacy path)', () => {
    // 5 pods at 30 % against 50 % want 3; the first reconcile records 5 at t=0.
    const trace = simulate(5, every15s(0, 315, 30));
    const firstDown = trace.find((t) => t.replicas < 5)!;
    expect(firstDown.atS).toBe(300);
    expect(firstDown.replicas).toBe(3);
    expect(trace[0]!.decision.ableToScale?.reason).toBe('ScaleDownStabilized');
  });

  it('the same holds on the behavior path with the default 300 s scale-down window', () => {
    const trace = simulate(5, every15s(0, 315, 30), { behavior: {} });
    expect(trace.find((t) => t.replicas < 5)!.atS).toBe(300);
  });

  it('a controller that already knows the HPA (empty history) scales down at once', () => {
    const trace = simulate(5, [{ atS: 0, util: 30 }], { state: { recommendations: [] } });
    expect(trace[0]!.replicas).toBe(3);
  });

  it('with a 60 s scale-up window the initial recommendation also delays the first scale-up', () => {
    // Up-window minimum includes the recorded 4 until it leaves the window; then the default
    // policies (max(+4, ×2) per 15 s) cap the step.
    const trace = simulate(4, every15s(0, 75, 125), {
      behavior: { scaleUp: { stabilizationWindowSeconds: 60 } },
    });
    expect(trace.map((t) => t.replicas)).toEqual([4, 4, 4, 4, 8, 10]);
    expect(trace[0]!.decision.ableToScale?.reason).toBe('ScaleUpStabilized');
    expect(trace[4]!.decision.scalingLimited?.reason).toBe('ScaleUpLimit');
  });
});

describe('legacy path (no behavior)', () => {
  it('caps each reconcile at max(2 × current, 4), with no memory between reconciles', () => {
    const trace = simulate(1, every15s(0, 45, 1000), { state: { recommendations: [] } });
    expect(trace.map((t) => t.replicas)).toEqual([4, 8, 16, 32]);
    expect(trace[0]!.decision.scalingLimited).toMatchObject({ status: 'True', reason: 'ScaleUpLimit' });
  });

  it('holds the highest proposal of the last 5 minutes, then drops in one step', () => {
    // 10 pods at 100 % against 50 % → 20; then load falls so 20 pods at 10 % want 4.
    const steps = [{ atS: 0, util: 100 }, ...every15s(15, 330, 10)];
    const trace = simulate(10, steps, { state: { recommendations: [] } });
    expect(trace[0]!.replicas).toBe(20);
    const drop = trace.find((t) => t.replicas < 20)!;
    expect(drop.atS).toBe(300);
    expect(drop.replicas).toBe(4);
  });

  it('stabilization takes the maximum over the window, not the most recent value', () => {
    const state: HpaControllerState = {
      recommendations: [
        { recommendation: 9, timestampMs: NOW - 4 * MIN },
        { recommendation: 3, timestampMs: NOW - MIN },
      ],
    };
    const trace = simulate(10, [{ atS: 0, util: 10 }], { state });
    expect(trace[0]!.decision.stabilizedReplicas).toBe(9);
    expect(trace[0]!.replicas).toBe(9);
  });
});

describe('behavior path', () => {
  it('default policies: from 1 replica +4 in the first period, then doubling per 15 s', () => {
    const trace = simulate(1, every15s(0, 45, 1000), { behavior: {}, state: { recommendations: [] } });
    expect(trace.map((t) => t.replicas)).toEqual([5, 10, 20, 40]);
  });

  it('Pods 4/60 s and Percent 10/60 s (Max) go 80 → 72, hold a minute, then 72 → 64', () => {
    const behavior: HpaBehavior = {
      scaleDown: {
        stabilizationWindowSeconds: 0,
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 60 },
          { type: 'Percent', value: 10, periodSeconds: 60 },
        ],
      },
    };
    const trace = simulate(80, every15s(0, 60, 1), { behavior, state: { recommendations: [] } });
    expect(trace.map((t) => t.replicas)).toEqual([72, 72, 72, 72, 64]);
    expect(trace[1]!.decision.scalingLimited).toMatchObject({ status: 'True', reason: 'ScaleDownLimit' });
    // At t=60 the first event is one longest period old: marked outdated and its slot reused.
    expect(trace[4]!.decision.state.scaleDownEvents).toEqual([
      { replicaChange: 8, timestampMs: NOW + 60_000, outdated: false },
    ]);
  });

  it('selectPolicy Min takes the smaller step: 80 → 76 → 72', () => {
    const behavior: HpaBehavior = {
      scaleDown: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Min',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 60 },
          { type: 'Percent', value: 10, periodSeconds: 60 },
        ],
      },
    };
    const trace = simulate(
      80,
      [
        { atS: 0, util: 1 },
        { atS: 60, util: 1 },
      ],
      { behavior, state: { recommendations: [] } },
    );
    expect(trace.map((t) => t.replicas)).toEqual([76, 72]);
  });

  it('selectPolicy Disabled never scales that way', () => {
    const trace = simulate(10, every15s(0, 600, 1), {
      behavior: { scaleDown: { selectPolicy: 'Disabled' } },
      state: { recommendations: [] },
    });
    expect(trace.every((t) => t.replicas === 10)).toBe(true);
    expect(trace.at(-1)!.decision.scalingLimited).toMatchObject({ status: 'True', reason: 'ScaleDownLimit' });
  });

  it('proposals on both sides of current inside both windows move nothing (stab-05/06)', () => {
    const behavior: HpaBehavior = {
      scaleUp: { stabilizationWindowSeconds: 300 },
      scaleDown: { stabilizationWindowSeconds: 300 },
    };
    // 5 replicas: 70 % wants 7, 20 % wants 2; a proposal of 2 was made a minute ago.
    const state: HpaControllerState = { recommendations: [{ recommendation: 2, timestampMs: NOW - MIN }] };
    const trace = simulate(
      5,
      [
        { atS: 0, util: 70 },
        { atS: 15, util: 20 },
        { atS: 30, util: 70 },
      ],
      { behavior, state },
    );
    expect(trace.map((t) => t.replicas)).toEqual([5, 5, 5]);
  });

  it('scale-down events are added back when computing the scale-up period start', () => {
    const behavior: HpaBehavior = {
      scaleUp: { policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }] },
      scaleDown: { stabilizationWindowSeconds: 0 },
    };
    // 10 → 5 at t=0 (a 5-replica scale-down event); at t=15 the load asks for 10 again: the
    // period started at 10 replicas, so +2 allows 12 and the proposal 10 passes.
    const trace = simulate(
      10,
      [
        { atS: 0, util: 25 },
        { atS: 15, util: 100 },
      ],
      { behavior, state: { recommendations: [] } },
    );
    expect(trace.map((t) => t.replicas)).toEqual([5, 10]);
  });

  it('per-direction tolerance: a wide scale-down band and a zero scale-up band', () => {
    const behavior: HpaBehavior = { scaleDown: { tolerance: 0.3 }, scaleUp: { tolerance: 0 } };
    const down = simulate(10, [{ atS: 0, util: 40 }], { behavior, state: { recommendations: [] } });
    expect(down[0]!.replicas).toBe(10); // ratio 0.8 is within 1 - 0.3
    const up = simulate(10, [{ atS: 0, util: 51 }], { behavior, state: { recommendations: [] } });
    expect(up[0]!.replicas).toBe(11); // ratio 1.02 is outside 1 + 0
    const gateOff = simulate(10, [{ atS: 0, util: 51 }], {
      behavior,
      state: { recommendations: [] },
      config: { featureGates: { HPAConfigurableTolerance: false } },
    });
    expect(gateOff[0]!.replicas).toBe(10);
  });
});

describe('several metrics (computeReplicasForMetrics)', () => {
  const pods = steadyPods(4);
  const qps = {
    type: 'Pods',
    pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: 10_000 } },
  } as const;
  const qpsAt = (v: number): MetricObservation => ({
    kind: 'PodCustom',
    samples: pods.map((p) => ({ podName: p.name, value: v, timestampMs: NOW })),
  });
  const decide = (observations: MetricObservation[]) =>
    decideReplicas({
      nowMs: NOW,
      spec: { minReplicas: 1, maxReplicas: 20, metrics: [cpuUtilization(50), qps] },
      scale: { specReplicas: 4, statusReplicas: 4 },
      pods,
      observations,
      state: { recommendations: [] },
    });
  const failed: MetricObservation = { kind: 'Error', message: 'adapter down' };

  it.each([
    {
      name: 'the larger proposal wins (CPU)',
      obs: [cpuAt(pods, 100, NOW), qpsAt(15_000)],
      desired: 8,
      winner: 0,
    },
    {
      name: 'the larger proposal wins (qps)',
      obs: [cpuAt(pods, 75, NOW), qpsAt(20_000)],
      desired: 8,
      winner: 1,
    },
    {
      name: 'a tie keeps the first metric',
      obs: [cpuAt(pods, 100, NOW), qpsAt(20_000)],
      desired: 8,
      winner: 0,
    },
    {
      name: 'scale-down needs every metric to agree',
      obs: [cpuAt(pods, 25, NOW), qpsAt(10_000)],
      desired: 4,
      winner: 1,
    },
    {
      name: 'both low: the larger of two scale-downs',
      obs: [cpuAt(pods, 25, NOW), qpsAt(5_000)],
      desired: 2,
      winner: 0,
    },
    {
      name: 'an invalid metric does not block a scale-up',
      obs: [cpuAt(pods, 100, NOW), failed],
      desired: 8,
      winner: 0,
    },
    {
      name: 'an invalid metric blocks a scale-down',
      obs: [cpuAt(pods, 25, NOW), failed],
      desired: 4,
      winner: undefined,
    },
    { name: 'all metrics invalid: no change', obs: [failed, failed], desired: 4, winner: undefined },
  ])('$name', ({ obs, desired, winner }) => {
    const d = decide(obs);
    expect(d.desiredReplicas).toBe(desired);
    expect(d.selectedMetric?.index).toBe(winner);
  });

  it('a proposal equal to current with an invalid metric still proceeds, returning the error', () => {
    const d = decide([cpuAt(pods, 50, NOW), failed]);
    expect(d.path).toBe('Metrics');
    expect(d.rescale).toBe(false);
    expect(d.error).toBeDefined();
    expect(d.scalingActive?.reason).toBe('ValidMetricFound');
  });
});

describe('traps for a naive implementation (semantics.md §1.8)', () => {
  interface TrapCase {
    readonly name: string;
    readonly current: number;
    readonly pods: PodState[];
    readonly obs: MetricObservation;
    readonly spec: Partial<HpaSpec>;
    readonly desired: number;
  }
  const ready = steadyPods(3);
  const mostlyUnready = ready.map((p, i) =>
    i === 1 ? p : { ...p, readyCondition: { status: 'False' as const, lastTransitionTimeMs: ZERO_TIME } },
  );
  const cases: TrapCase[] = [
    {
      // ratio 1.95 × 1 ready pod = 2 < 3: an External Value metric scales down on a ratio above 1.
      name: 'multiplier is the ready pod count, not spec.replicas',
      current: 3,
      pods: mostlyUnready,
      obs: { kind: 'External', samples: [{ value: 8600, timestampMs: NOW }] },
      spec: {
        metrics: [
          { type: 'External', external: { metric: { name: 'q' }, target: { type: 'Value', value: 4400 } } },
        ],
      },
      desired: 2,
    },
    {
      // 4 replicas but one pod reports: ceil(2 × 1) = 2.
      name: 'one reporting pod decides for the others',
      current: 4,
      pods: steadyPods(1),
      obs: cpuAt(steadyPods(1), 100, NOW),
      spec: {},
      desired: 2,
    },
    {
      // 55.99 % truncates to 55 % → ratio 1.1 is inside the band (as a float, 1.12 would give 12).
      name: 'utilization is an integer percent',
      current: 10,
      pods: steadyPods(10),
      obs: {
        kind: 'PodResource',
        samples: steadyPods(10).map((p, i) => ({
          podName: p.name,
          timestampMs: NOW,
          windowMs: 15_000,
          containers: [{ name: 'app', usage: { cpu: i === 0 ? 559 : 560 } }],
        })),
      },
      spec: {},
      desired: 10,
    },
    {
      name: 'no scale-down rate limit on the legacy path',
      current: 50,
      pods: steadyPods(50),
      obs: cpuAt(steadyPods(50), 1, NOW),
      spec: {},
      desired: 1,
    },
  ];
  it.each(cases)('$name', (c) => {
    const d = decideReplicas({
      nowMs: NOW,
      spec: { minReplicas: 1, maxReplicas: 100, metrics: [cpuUtilization(50)], ...c.spec },
      scale: { specReplicas: c.current, statusReplicas: c.current },
      pods: c.pods,
      observations: [c.obs],
      state: { recommendations: [] },
    });
    expect(d.desiredReplicas).toBe(c.desired);
  });
});

describe('CPU initialization period and readiness delay (production defaults: 5 min, 30 s)', () => {
  // Three pods at 100 % of request against a 50 % target; pod p0 varies. A ready p0 gives
  // ceil(2 × 3) = 6; an unready p0 is set aside and added back at 0 % on the scale-up:
  // (0 + 1000 + 1000) / 3000 → 66 % → ratio 1.32 → ceil(1.32 × 3) = 4.
  const pod = (startAgoS: number, ready: 'True' | 'False', transitionAgoS: number): PodState => ({
    name: 'p0',
    phase: 'Running',
    startTimeMs: NOW - startAgoS * 1000,
    readyCondition: { status: ready, lastTransitionTimeMs: NOW - transitionAgoS * 1000 },
    containers: [{ name: 'app', requests: { cpu: 1000 } }],
  });
  const cases = [
    {
      name: 'ready for longer than one sample window during initialization: counted',
      p0: pod(240, 'True', 180),
      desired: 6,
    },
    { name: 'sample overlaps the moment it turned ready: set aside', p0: pod(240, 'True', 30), desired: 4 },
    { name: 'not ready during initialization: set aside', p0: pod(240, 'False', 240), desired: 4 },
    {
      name: 'after initialization, never been ready (transition within 30 s of start): set aside',
      p0: pod(600, 'False', 580),
      desired: 4,
    },
    {
      name: 'after initialization, was ready once (transition 40 s after start): counted',
      p0: pod(600, 'False', 560),
      desired: 6,
    },
    {
      name: 'after initialization and ready: counted even with a fresh transition',
      p0: pod(600, 'True', 5),
      desired: 6,
    },
  ];
  it.each(cases)('$name', ({ p0, desired }) => {
    const pods = [p0, ...steadyPods(3).slice(1)];
    const d = decideReplicas({
      nowMs: NOW,
      spec: { minReplicas: 1, maxReplicas: 20, metrics: [cpuUtilization(50)] },
      scale: { specReplicas: 3, statusReplicas: 3 },
      pods,
      observations: [
        {
          kind: 'PodResource',
          samples: pods.map((p) => ({
            podName: p.name,
            timestampMs: NOW,
            windowMs: 60_000,
            containers: [{ name: 'app', usage: { cpu: 1000 } }],
          })),
        },
      ],
      state: { recommendations: [] },
    });
    expect(d.desiredReplicas).toBe(desired);
  });

  it('a memory metric ignores readiness entirely', () => {
    const pods: PodState[] = steadyPods(3).map((p, i) => ({
      ...p,
      ...(i === 0 ? { readyCondition: { status: 'False' as const, lastTransitionTimeMs: NOW } } : {}),
      containers: [{ name: 'app', requests: { memory: 1000 } }],
    }));
    const d = decideReplicas({
      nowMs: NOW,
      spec: {
        minReplicas: 1,
        maxReplicas: 20,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 50 } },
          },
        ],
      },
      scale: { specReplicas: 3, statusReplicas: 3 },
      pods,
      observations: [
        {
          kind: 'PodResource',
          samples: pods.map((p) => ({
            podName: p.name,
            timestampMs: NOW,
            windowMs: 60_000,
            containers: [{ name: 'app', usage: { memory: 1000 } }],
          })),
        },
      ],
      state: { recommendations: [] },
    });
    expect(d.desiredReplicas).toBe(6);
  });
});
