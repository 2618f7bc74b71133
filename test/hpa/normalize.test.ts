// Stabilization, rate limits and the scale-event store, ported from kubernetes/kubernetes
// pkg/controller/podautoscaler/horizontal_test.go (re-expressed; names cite the Go test).
import { describe, expect, it } from 'vitest';
import {
  calculateScaleDownLimitWithBehaviors,
  calculateScaleUpLimitWithScalingRules,
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  getReplicasChangePerPeriod,
  resolveBehavior,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
  storeScaleEvent,
  type HpaScalingRules,
  type ResolvedScalingRules,
  type TimestampedRecommendation,
  type TimestampedScaleEvent,
} from '../../models/hpa/index.js';
import { MIN, NOW, scalingRules, uniformEvents } from './fixtures.js';

const rec = (recommendation: number, agoMs: number): TimestampedRecommendation => ({
  recommendation,
  timestampMs: NOW - agoMs,
});

describe('stabilizeRecommendation, legacy path (TestNormalizeDesiredReplicas)', () => {
  const cases: {
    name: string;
    recs: TimestampedRecommendation[];
    desired: number;
    expected: number;
    length: number;
  }[] = [
    { name: 'empty log', recs: [], desired: 5, expected: 5, length: 1 },
    { name: 'stabilize', recs: [rec(4, 2 * MIN), rec(5, MIN)], desired: 3, expected: 5, length: 3 },
    { name: 'no stabilize', recs: [rec(1, 2 * MIN), rec(2, MIN)], desired: 3, expected: 3, length: 3 },
    {
      name: 'no stabilize - old recommendations',
      recs: [rec(10, 10 * MIN), rec(9, 9 * MIN)],
      desired: 3,
      expected: 3,
      length: 2,
    },
    {
      name: 'stabilize - old recommendations',
      recs: [rec(10, 10 * MIN), rec(4, MIN), rec(5, 2 * MIN), rec(9, 9 * MIN)],
      desired: 3,
      expected: 5,
      length: 4,
    },
  ];
  it.each(cases)('$name', (c) => {
    const r = stabilizeRecommendation(c.recs, c.desired, 5 * MIN, NOW);
    expect(r.stabilized).toBe(c.expected);
    expect(r.recommendations).toHaveLength(c.length);
  });

  it('overwrites the last stale slot and leaves the input untouched (own case)', () => {
    const recs = Object.freeze([rec(10, 10 * MIN), rec(4, MIN), rec(9, 9 * MIN)]);
    const r = stabilizeRecommendation(recs, 3, 5 * MIN, NOW);
    expect(r.recommendations.map((x) => x.recommendation)).toEqual([10, 4, 3]);
    expect(recs.map((x) => x.recommendation)).toEqual([10, 4, 9]);
  });

  it('a recommendation exactly one window old is out of the window (own case)', () => {
    expect(stabilizeRecommendation([rec(9, 5 * MIN)], 3, 5 * MIN, NOW).stabilized).toBe(3);
    expect(stabilizeRecommendation([rec(9, 5 * MIN - 1)], 3, 5 * MIN, NOW).stabilized).toBe(9);
  });
});

describe('stabilizeRecommendationWithBehaviors (TestNormalizeDesiredReplicasWithBehavior)', () => {
  const cases: {
    name: string;
    recs: TimestampedRecommendation[];
    current: number;
    desired: number;
    up?: number;
    down?: number;
    expected: number;
    stored?: number[];
  }[] = [
    {
      name: 'empty recommendations for scaling down',
      recs: [],
      current: 100,
      desired: 5,
      expected: 5,
      stored: [5],
    },
    {
      name: 'simple scale down stabilization',
      recs: [rec(4, 2 * MIN), rec(5, MIN)],
      current: 100,
      desired: 3,
      down: 180,
      expected: 5,
      stored: [4, 5, 3],
    },
    {
      name: 'simple scale up stabilization',
      recs: [rec(4, 2 * MIN), rec(5, MIN)],
      current: 1,
      desired: 7,
      up: 300,
      expected: 4,
      stored: [4, 5, 7],
    },
    {
      name: 'no scale down stabilization',
      recs: [rec(1, 2 * MIN), rec(2, MIN)],
      current: 100,
      desired: 3,
      up: 300,
      expected: 3,
      stored: [1, 2, 3],
    },
    {
      name: 'no scale up stabilization',
      recs: [rec(4, 2 * MIN), rec(5, MIN)],
      current: 1,
      desired: 3,
      down: 300,
      expected: 3,
      stored: [4, 5, 3],
    },
    {
      name: 'no scale down stabilization, reuse recommendation element',
      recs: [rec(10, 10 * MIN), rec(9, 9 * MIN)],
      current: 100,
      desired: 3,
      expected: 3,
      stored: [10, 3],
    },
    {
      name: 'no scale up stabilization, reuse recommendation element',
      recs: [rec(10, 10 * MIN), rec(9, 9 * MIN)],
      current: 1,
      desired: 100,
      expected: 100,
      stored: [10, 100],
    },
    {
      name: 'scale down stabilization, reuse one of obsolete recommendation element',
      recs: [rec(10, 10 * MIN), rec(4, MIN), rec(5, 2 * MIN), rec(9, 9 * MIN)],
      current: 100,
      desired: 3,
      down: 180,
      expected: 5,
      stored: [10, 4, 5, 3],
    },
    {
      name: 'scale up stabilization, reuse one of obsolete recommendation element',
      recs: [rec(10, 100 * MIN), rec(6, MIN), rec(5, 2 * MIN), rec(9, 3 * MIN)],
      current: 1,
      desired: 100,
      up: 300,
      expected: 5,
      stored: [100, 6, 5, 9],
    },
    {
      name: 'scale up and down stabilization, do not scale up when prenormalized rec goes down',
      recs: [rec(2, 100 * MIN), rec(3, 3 * MIN)],
      current: 2,
      desired: 1,
      up: 300,
      down: 300,
      expected: 2,
    },
    {
      name: 'scale up and down stabilization, do not scale down when prenormalized rec goes up',
      recs: [rec(2, 100 * MIN), rec(1, 3 * MIN)],
      current: 2,
      desired: 3,
      up: 300,
      down: 300,
      expected: 2,
    },
  ];
  it.each(cases)('$name', (c) => {
    const r = stabilizeRecommendationWithBehaviors(c.recs, c.current, c.desired, c.up ?? 0, c.down ?? 0, NOW);
    expect(r.stabilized).toBe(c.expected);
    if (c.stored) expect(r.recommendations.map((x) => x.recommendation)).toEqual(c.stored);
  });

  it('reason follows the direction of the proposal', () => {
    expect(stabilizeRecommendationWithBehaviors([rec(9, MIN)], 5, 3, 0, 300, NOW).reason).toBe(
      'ScaleDownStabilized',
    );
    expect(stabilizeRecommendationWithBehaviors([rec(6, MIN)], 5, 9, 300, 0, NOW).reason).toBe(
      'ScaleUpStabilized',
    );
  });
});

describe('convertDesiredReplicasWithRules, legacy limits (TestConvertDesiredReplicasWithRules)', () => {
  // The Go test file sets scaleUpLimitFactor = 8 in init().
  const cases: {
    name: string;
    current: number;
    desired: number;
    min: number;
    max: number;
    factor: number;
    expected: [number, string];
  }[] = [
    {
      name: 'prenormalized desired replicas within range',
      current: 5,
      desired: 7,
      min: 3,
      max: 8,
      factor: 8,
      expected: [7, 'DesiredWithinRange'],
    },
    {
      name: 'prenormalized desired replicas < minReplicas',
      current: 3,
      desired: 1,
      min: 2,
      max: 8,
      factor: 8,
      expected: [2, 'TooFewReplicas'],
    },
    {
      name: 'prenormalized desired zeroed replicas within range',
      current: 1,
      desired: 0,
      min: 0,
      max: 10,
      factor: 8,
      expected: [0, 'DesiredWithinRange'],
    },
    {
      name: 'maxReplicas is the limit because maxReplicas < scaleUpLimit',
      current: 20,
      desired: 1000,
      min: 1,
      max: 10,
      factor: 8,
      expected: [10, 'TooManyReplicas'],
    },
    {
      name: 'scaleUpLimit is the limit because scaleUpLimit < maxReplicas',
      current: 3,
      desired: 1000,
      min: 1,
      max: 2000,
      factor: 8,
      expected: [24, 'ScaleUpLimit'],
    },
    // Own cases with the production factor 2: max(2 × current, 4).
    {
      name: 'production cap: 2 × current',
      current: 3,
      desired: 1000,
      min: 1,
      max: 2000,
      factor: 2,
      expected: [6, 'ScaleUpLimit'],
    },
    {
      name: 'production cap: at least 4',
      current: 1,
      desired: 1000,
      min: 1,
      max: 2000,
      factor: 2,
      expected: [4, 'ScaleUpLimit'],
    },
    {
      name: 'no scale-down rate limit',
      current: 100,
      desired: 1,
      min: 1,
      max: 200,
      factor: 2,
      expected: [1, 'DesiredWithinRange'],
    },
  ];
  it.each(cases)('$name', (c) => {
    const r = convertDesiredReplicasWithRules(c.current, c.desired, c.min, c.max, c.factor, 4);
    expect([r.replicas, r.reason]).toEqual(c.expected);
  });
});

describe('convertDesiredReplicasWithBehaviorRate (TestScalingWithRules)', () => {
  interface Case {
    name: string;
    up?: HpaScalingRules;
    down?: HpaScalingRules;
    upEvents?: TimestampedScaleEvent[];
    downEvents?: TimestampedScaleEvent[];
    min: number;
    max: number;
    current: number;
    desired: number;
    expected: [number, string];
  }
  const ev = uniformEvents;
  const cases: Case[] = [
    {
      name: 'prenormalized desired replicas within range',
      current: 5,
      desired: 7,
      min: 3,
      max: 8,
      expected: [7, 'DesiredWithinRange'],
    },
    {
      name: 'prenormalized desired replicas < minReplicas',
      current: 3,
      desired: 1,
      min: 2,
      max: 8,
      expected: [2, 'TooFewReplicas'],
    },
    {
      name: 'prenormalized desired replicas within range when minReplicas is 0',
      current: 1,
      desired: 0,
      min: 0,
      max: 10,
      expected: [0, 'DesiredWithinRange'],
    },
    {
      name: 'maxReplicas is the limit because maxReplicas < scaleUpLimit',
      current: 20,
      desired: 1000,
      min: 1,
      max: 10,
      expected: [10, 'TooManyReplicas'],
    },
    {
      name: 'desired replica count is more than the maximum replica count',
      current: 100,
      desired: 1000,
      min: 100,
      max: 150,
      expected: [150, 'TooManyReplicas'],
    },
    {
      name: 'scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies',
      up: scalingRules(0, 0, 1, 60, 0),
      current: 3,
      desired: 1000,
      min: 1,
      max: 2000,
      expected: [4, 'ScaleUpLimit'],
    },
    {
      name: 'scaleUp with default behavior',
      current: 10,
      desired: 50,
      min: 1,
      max: 1000,
      expected: [20, 'ScaleUpLimit'],
    },
    {
      name: 'scaleUp with pods policy larger than percent policy',
      up: scalingRules(100, 60, 100, 60, 0),
      current: 10,
      desired: 500,
      min: 1,
      max: 1000,
      expected: [110, 'ScaleUpLimit'],
    },
    {
      name: 'scaleUp with percent policy larger than pods policy',
      up: scalingRules(2, 60, 100, 60, 0),
      current: 10,
      desired: 500,
      min: 1,
      max: 1000,
      expected: [20, 'ScaleUpLimit'],
    },
    {
      name: 'scaleUp with spec MaxReplicas limitation with large pod policy',
      up: scalingRules(100, 60, 0, 0, 0),
      current: 10,
      desired: 50,
      min: 1,
      max: 1000,
      expected: [50, 'DesiredWithinRange'],
    },
    {
      name: 'scaleUp with spec MaxReplicas limitation with large percent policy',
      up: scalingRules(10000, 60, 0, 0, 0),
      current: 10,
      desired: 50,
      min: 1,
      max: 1000,
      expected: [50, 'DesiredWithinRange'],
    },
    {
      name: 'scaleUp with pod policy limitation',
      up: scalingRules(30, 60, 0, 0, 0),
      current: 10,
      desired: 50,
      min: 1,
      max: 1000,
      expected: [40, 'ScaleUpLimit'],
    },
    {
      name: 'scaleUp with percent policy limitation',
      up: scalingRules(0, 0, 200, 60, 0),
      current: 10,
      desired: 50,
      min: 1,
      max: 1000,
      expected: [30, 'ScaleUpLimit'],
    },
    {
      name: 'scaleDown with percent policy larger than pod policy',
      down: scalingRules(20, 60, 1, 60, 300),
      current: 100,
      desired: 2,
      min: 1,
      max: 1000,
      expected: [80, 'ScaleDownLimit'],
    },
    {
      name: 'scaleDown with pod policy larger than percent policy',
      down: scalingRules(2, 60, 1, 60, 300),
      current: 100,
      desired: 2,
      min: 1,
      max: 1000,
      expected: [98, 'ScaleDownLimit'],
    },
    {
      name: 'scaleDown with spec MinReplicas limitation with large pod policy',
      down: scalingRules(100, 60, 0, 0, 300),
      current: 10,
      desired: 0,
      min: 1,
      max: 1000,
      expected: [1, 'TooFewReplicas'],
    },
    {
      name: 'scaleDown with spec MinReplicas limitation with large percent policy',
      down: scalingRules(0, 0, 100, 60, 300),
      current: 10,
      desired: 2,
      min: 5,
      max: 1000,
      expected: [5, 'TooFewReplicas'],
    },
    {
      name: 'scaleDown with pod policy limitation',
      down: scalingRules(5, 60, 0, 0, 300),
      current: 10,
      desired: 2,
      min: 1,
      max: 1000,
      expected: [5, 'ScaleDownLimit'],
    },
    {
      name: 'scaleDown with percent policy limitation',
      down: scalingRules(0, 0, 50, 60, 300),
      current: 10,
      desired: 5,
      min: 1,
      max: 1000,
      expected: [5, 'DesiredWithinRange'],
    },
    {
      name: 'scaleUp with spec MaxReplicas limitation with large pod policy and events',
      upEvents: ev([1, 5, 9], 120),
      up: scalingRules(300, 60, 0, 0, 0),
      current: 100,
      desired: 500,
      min: 1,
      max: 200,
      expected: [200, 'TooManyReplicas'],
    },
    {
      name: 'scaleUp with spec MaxReplicas limitation with large percent policy and events',
      upEvents: ev([1, 5, 9], 120),
      up: scalingRules(0, 0, 10000, 60, 0),
      current: 100,
      desired: 500,
      min: 1,
      max: 200,
      expected: [200, 'TooManyReplicas'],
    },
    {
      name: 'scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events',
      upEvents: ev([1, 5, 9], 120),
      up: scalingRules(5, 120, 0, 0, 0),
      current: 100,
      desired: 500,
      min: 1,
      max: 1000,
      expected: [100, 'ScaleUpLimit'],
    },
    {
      name: 'scaleUp with pod policy and previous scale up events',
      upEvents: ev([1, 5, 9], 120),
      up: scalingRules(150, 120, 0, 0, 0),
      current: 100,
      desired: 500,
      min: 1,
      max: 1000,
      expected: [235, 'ScaleUpLimit'],
    },
    {
      name: 'scaleUp with percent policy and previous scale up events',
      upEvents: ev([1, 5, 9], 120),
      up: scalingRules(0, 0, 200, 120, 0),
      current: 100,
      desired: 500,
      min: 1,
      max: 1000,
      expected: [255, 'ScaleUpLimit'],
    },
    {
      name: 'scaleUp with percent policy and previous scale up and down events',
      upEvents: ev([4], 120),
      downEvents: ev([2], 120),
      up: scalingRules(0, 0, 300, 300, 0),
      current: 6,
      desired: 24,
      min: 1,
      max: 1000,
      expected: [16, 'ScaleUpLimit'],
    },
    {
      name: 'scaleDown with default policy and previous events',
      downEvents: ev([1, 5, 9], 120),
      current: 10,
      desired: 5,
      min: 1,
      max: 1000,
      expected: [5, 'DesiredWithinRange'],
    },
    {
      name: 'scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events',
      downEvents: ev([1, 5, 9], 120),
      down: scalingRules(115, 120, 0, 0, 300),
      current: 100,
      desired: 0,
      min: 1,
      max: 1000,
      expected: [1, 'TooFewReplicas'],
    },
    {
      name: 'scaleDown with spec MinReplicas limitation with large pod policy and previous events',
      downEvents: ev([1, 5, 9], 120),
      down: scalingRules(130, 120, 0, 0, 300),
      current: 100,
      desired: 0,
      min: 5,
      max: 1000,
      expected: [5, 'TooFewReplicas'],
    },
    {
      name: 'scaleDown with spec MinReplicas limitation with large percent policy and previous events',
      downEvents: ev([1, 5, 9], 120),
      down: scalingRules(0, 0, 100, 120, 300),
      current: 100,
      desired: 2,
      min: 5,
      max: 1000,
      expected: [5, 'TooFewReplicas'],
    },
    {
      name: 'scaleDown with pod policy limitation and previous events',
      downEvents: ev([1, 5, 9], 120),
      down: scalingRules(5, 120, 0, 0, 300),
      current: 100,
      desired: 2,
      min: 1,
      max: 1000,
      expected: [100, 'ScaleDownLimit'],
    },
    {
      name: 'scaleDown with percent policy limitation and previous events',
      downEvents: ev([2, 4, 6], 120),
      down: scalingRules(0, 0, 50, 120, 300),
      current: 100,
      desired: 0,
      min: 1,
      max: 1000,
      expected: [56, 'ScaleDownLimit'],
    },
    {
      name: 'scaleDown with percent policy and previous scale up and down events',
      upEvents: ev([2], 120),
      downEvents: ev([4], 120),
      down: scalingRules(0, 0, 50, 180, 0),
      current: 10,
      desired: 1,
      min: 1,
      max: 1000,
      expected: [6, 'ScaleDownLimit'],
    },
    {
      name: 'scaleDown with previous events preventing further scale down',
      downEvents: ev([10, 10, 10], 120),
      down: scalingRules(0, 0, 10, 120, 300),
      current: 100,
      desired: 0,
      min: 1,
      max: 1000,
      expected: [100, 'ScaleDownLimit'],
    },
    {
      name: 'scaleDown with with previous events still allowing more scale down',
      downEvents: ev([10, 10, 10], 120),
      down: scalingRules(0, 0, 1000, 120, 300),
      current: 10,
      desired: 5,
      min: 1,
      max: 1000,
      expected: [5, 'DesiredWithinRange'],
    },
    {
      name: "check 'outdated' flag for events for one behavior for up",
      upEvents: ev([8, 12, 9, 11], 120),
      up: scalingRules(1000, 60, 0, 0, 0),
      current: 100,
      desired: 200,
      min: 1,
      max: 1000,
      expected: [200, 'DesiredWithinRange'],
    },
    {
      name: "check that events were not marked 'outdated' for two different policies in the behavior for up",
      upEvents: ev([8, 12, 9, 11], 120),
      up: scalingRules(1000, 120, 100, 60, 0),
      current: 100,
      desired: 200,
      min: 1,
      max: 1000,
      expected: [200, 'DesiredWithinRange'],
    },
    {
      name: "check 'outdated' flag for events for one behavior for down",
      downEvents: ev([8, 12, 9, 11], 120),
      down: scalingRules(1000, 60, 0, 0, 300),
      current: 100,
      desired: 5,
      min: 1,
      max: 1000,
      expected: [5, 'DesiredWithinRange'],
    },
    {
      name: "check that events were marked 'outdated' for two different policies in the behavior for down",
      downEvents: ev([8, 12, 9, 11], 120),
      down: scalingRules(1000, 30, 100, 60, 300),
      current: 100,
      desired: 5,
      min: 1,
      max: 1000,
      expected: [5, 'DesiredWithinRange'],
    },
    // Own cases: selectPolicy Min and Disabled.
    {
      name: 'Min picks the smaller scale-up limit',
      up: {
        selectPolicy: 'Min',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      current: 10,
      desired: 50,
      min: 1,
      max: 100,
      expected: [14, 'ScaleUpLimit'],
    },
    {
      name: 'Min picks the larger scale-down limit',
      down: {
        selectPolicy: 'Min',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 60 },
          { type: 'Percent', value: 10, periodSeconds: 60 },
        ],
      },
      current: 80,
      desired: 10,
      min: 1,
      max: 100,
      expected: [76, 'ScaleDownLimit'],
    },
    {
      name: 'Disabled scale-up keeps current',
      up: { selectPolicy: 'Disabled' },
      current: 10,
      desired: 50,
      min: 1,
      max: 100,
      expected: [10, 'ScaleUpLimit'],
    },
    {
      name: 'Disabled scale-down keeps current',
      down: { selectPolicy: 'Disabled' },
      current: 10,
      desired: 2,
      min: 1,
      max: 100,
      expected: [10, 'ScaleDownLimit'],
    },
    {
      name: 'Percent scale-down truncates the remaining count (80 → 72, then 72 → 64)',
      down: {
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 60 },
          { type: 'Percent', value: 10, periodSeconds: 60 },
        ],
      },
      current: 72,
      desired: 1,
      min: 1,
      max: 100,
      expected: [64, 'ScaleDownLimit'],
    },
  ];
  it.each(cases)('$name', (c) => {
    const r = convertDesiredReplicasWithBehaviorRate({
      currentReplicas: c.current,
      desiredReplicas: c.desired,
      minReplicas: c.min,
      maxReplicas: c.max,
      behavior: resolveBehavior(
        { ...(c.up ? { scaleUp: c.up } : {}), ...(c.down ? { scaleDown: c.down } : {}) },
        5 * MIN,
      ),
      scaleUpEvents: c.upEvents ?? [],
      scaleDownEvents: c.downEvents ?? [],
      nowMs: NOW,
    });
    expect([r.replicas, r.reason]).toEqual(c.expected);
  });
});

describe('policy limits (TestCalculateScaleUpLimitWithScalingRules, TestCalculateScaleDownLimitWithBehaviors)', () => {
  const rules: ResolvedScalingRules = {
    stabilizationWindowSeconds: 300,
    selectPolicy: 'Min',
    policies: [
      { type: 'Pods', value: 2, periodSeconds: 60 },
      { type: 'Percent', value: 50, periodSeconds: 60 },
    ],
  };
  it('scale-up, Min', () => expect(calculateScaleUpLimitWithScalingRules(1, [], [], rules, NOW)).toBe(2));
  it('scale-down, Min', () => expect(calculateScaleDownLimitWithBehaviors(5, [], [], rules, NOW)).toBe(3));
  it('Percent scale-up rounds up so a small percentage still adds a pod (own case)', () => {
    const r = {
      ...rules,
      selectPolicy: 'Max' as const,
      policies: [{ type: 'Percent' as const, value: 10, periodSeconds: 60 }],
    };
    expect(calculateScaleUpLimitWithScalingRules(3, [], [], r, NOW)).toBe(4);
  });
});

describe('storeScaleEvent (TestStoreScaleEvents)', () => {
  const at = (replicaChange: number, agoSeconds: number, outdated = false): TimestampedScaleEvent => ({
    replicaChange,
    timestampMs: NOW - agoSeconds * 1000,
    outdated,
  });
  const cases: {
    name: string;
    prev: TimestampedScaleEvent[];
    expected: [number, boolean][];
    rules?: HpaScalingRules;
    change: number;
  }[] = [
    { name: 'empty entries with default behavior', prev: [], expected: [], change: 0 },
    {
      name: 'empty entries with two-policy-behavior',
      prev: [],
      expected: [[5, false]],
      rules: scalingRules(10, 60, 100, 60, 0),
      change: 0,
    },
    {
      name: 'one outdated entry to be kept untouched without behavior',
      prev: [at(7, 61)],
      expected: [[7, false]],
      change: 0,
    },
    {
      name: 'one outdated entry to be replaced with behavior',
      prev: [at(7, 61)],
      expected: [[5, false]],
      rules: scalingRules(10, 60, 100, 60, 0),
      change: 0,
    },
    {
      name: 'one actual entry to be not touched with behavior',
      prev: [at(7, 58)],
      expected: [
        [7, false],
        [5, false],
      ],
      rules: scalingRules(10, 60, 100, 60, 0),
      change: 7,
    },
    {
      name: 'two entries, one of them to be replaced',
      prev: [at(7, 61), at(6, 59)],
      expected: [
        [5, false],
        [6, false],
      ],
      rules: scalingRules(10, 60, 0, 0, 0),
      change: 6,
    },
    {
      name: 'replace one entry, use policies with different periods',
      prev: [at(8, 29), at(6, 59), at(7, 61), at(9, 61)],
      expected: [
        [8, false],
        [6, false],
        [7, true],
        [5, false],
      ],
      rules: scalingRules(10, 60, 100, 30, 0),
      change: 14,
    },
    {
      name: 'two entries, both actual',
      prev: [at(7, 58), at(6, 59)],
      expected: [
        [7, false],
        [6, false],
        [5, false],
      ],
      rules: scalingRules(10, 120, 100, 30, 0),
      change: 13,
    },
  ];
  it.each(cases)('$name', (c) => {
    for (const direction of ['up', 'down'] as const) {
      expect(getReplicasChangePerPeriod(60, c.prev, NOW)).toBe(c.change);
      const behavior =
        c.rules === undefined
          ? undefined
          : resolveBehavior(direction === 'up' ? { scaleUp: c.rules } : { scaleDown: c.rules }, 5 * MIN);
      const lists =
        direction === 'up'
          ? { scaleUpEvents: c.prev, scaleDownEvents: [] }
          : { scaleUpEvents: [], scaleDownEvents: c.prev };
      const out = storeScaleEvent(behavior, lists, 10, direction === 'up' ? 15 : 5, NOW);
      const stored = direction === 'up' ? out.scaleUpEvents : out.scaleDownEvents;
      expect(stored.map((e) => [e.replicaChange, e.outdated])).toEqual(c.expected);
    }
  });

  it('does not mutate the stored lists (own case)', () => {
    const prev = Object.freeze([Object.freeze(at(7, 61))]);
    storeScaleEvent(resolveBehavior({}, 5 * MIN), { scaleUpEvents: prev, scaleDownEvents: [] }, 10, 15, NOW);
    expect(prev[0]!.outdated).toBe(false);
  });
});
