/**
 * The autoscaler's part of the scenario document: errors at their paths, the controller's and
 * the API's defaults, and warnings for replica counts the first reconcile would change at once.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../models/scenario/parse.js';
import { issuePathsOf as pathsOf } from './scenario-error-of.js';

type Obj = Record<string, unknown>;

function valid(): Obj & { services: { api: Obj & { autoscaling: Obj } } } {
  return {
    name: 'hpa',
    load: { executor: 'constant-arrival-rate', rate: 100, duration: '1m', preAllocatedVUs: 10 },
    endpoints: { order: { steps: [{ cpu: '2ms' }, { produce: { topic: 'events' } }] } },
    services: {
      api: {
        replicas: 2,
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: 1 } },
        autoscaling: { minReplicas: 2, maxReplicas: 8 },
      },
    },
    kafka: { events: { consumers: { process: '1ms' } } },
  };
}

describe('autoscaling defaults', () => {
  it("no metrics means CPU at 80 % (autoscaling/v2); the controller's flags and the probe's defaults", () => {
    const { scenario, warnings } = loadScenario(valid());
    expect(warnings).toEqual([]);
    const api = scenario.services[0]!;
    expect(api.autoscaling).toEqual({
      minReplicas: 2,
      maxReplicas: 8,
      metrics: [{ kind: 'cpu', averageUtilization: 80 }],
      behavior: null,
    });
    expect(api.startup.probe).toEqual({ initialDelayMs: 0, periodMs: 10_000, successThreshold: 1 });
    expect(api.startup.terminationGracePeriodMs).toBe(30_000);
    expect(scenario.cluster).toEqual({
      nodes: null,
      autoscaler: null,
      hpa: {
        syncPeriodMs: 15_000,
        tolerance: 0.1,
        cpuInitializationPeriodMs: 300_000,
        initialReadinessDelayMs: 30_000,
        downscaleStabilizationMs: 300_000,
        metricResolutionMs: 15_000,
      },
    });
  });

  it('every metric form', () => {
    const doc = valid();
    doc.services.api.autoscaling.metrics = [
      { cpu: '70%' },
      { memory: '85%' },
      { requestsPerSecond: 120 },
      { kafkaLag: { topic: 'events', averageValue: 100 } },
    ];
    expect(loadScenario(doc).scenario.services[0]!.autoscaling!.metrics).toEqual([
      { kind: 'cpu', averageUtilization: 70 },
      { kind: 'memory', averageUtilization: 85 },
      { kind: 'requestsPerSecond', averageValue: 120 },
      { kind: 'kafkaLag', topic: 'events', value: null, averageValue: 100 },
    ]);
  });
});

describe('autoscaling errors and warnings', () => {
  it('max below min, a fractional percent, an unknown topic, a utilization metric without requests', () => {
    const doc = valid();
    doc.services.api.autoscaling = {
      minReplicas: 4,
      maxReplicas: 3,
      metrics: [{ cpu: '70.5%' }, { kafkaLag: { topic: 'nope', value: 10 } }, { memory: '80%' }],
    };
    doc.services.api.resources = { limits: { cpu: 1 } };
    expect(pathsOf(doc).sort()).toEqual([
      'services.api.autoscaling.maxReplicas',
      'services.api.autoscaling.metrics[0].cpu',
      'services.api.autoscaling.metrics[1].kafkaLag.topic',
      'services.api.resources.requests.memory',
    ]);
  });

  it('a kafkaLag metric needs exactly one of value and averageValue', () => {
    const doc = valid();
    doc.services.api.autoscaling.metrics = [{ kafkaLag: { topic: 'events' } }];
    expect(pathsOf(doc)).toEqual(['services.api.autoscaling.metrics[0].kafkaLag']);
  });

  it('replicas outside [min, max] are moved to the bound by the first reconcile: a warning', () => {
    const doc = valid();
    doc.services.api.replicas = 1;
    expect(loadScenario(doc).warnings.map((w) => [w.code, w.path])).toEqual([
      ['SCN_WARN_REPLICAS_OUTSIDE_HPA_RANGE', 'services.api.replicas'],
    ]);
  });

  it('Kafka consumers running on an autoscaled service stay on its initial pods: a warning', () => {
    const doc = valid();
    doc.kafka = { events: { consumers: { service: 'api', steps: [{ cpu: '1ms' }] } } };
    expect(loadScenario(doc).warnings.map((w) => [w.code, w.path])).toEqual([
      ['SCN_WARN_CONSUMERS_NOT_SCALED', 'kafka.events.consumers.service'],
    ]);
  });

  it('a cluster autoscaler needs nodes to copy', () => {
    const doc = valid();
    doc.cluster = { autoscaler: { maxNodes: 5 } };
    expect(pathsOf(doc)).toEqual(['cluster.autoscaler']);
  });
});
