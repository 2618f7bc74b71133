/**
 * Scenario syntax for a service's pod life cycle (`services.<name>.startup`) and its Horizontal
 * Pod Autoscaler (`services.<name>.autoscaling`). The autoscaler's fields are those of a
 * Kubernetes `autoscaling/v2` HorizontalPodAutoscaler, so a manifest's `spec` can be pasted in;
 * metrics are written in a shorter form.
 */
import { z } from 'zod';
import { distribution } from '../scenario/distribution-schema.js';
import { durationMs, fraction, memoryBytes } from '../scenario/schema-units.js';

/** How a pod gets from created to serving. */
export const startupSchema = z
  .strictObject({
    schedule: distribution
      .optional()
      .describe(
        'From the scale decision to the pod bound to a node when one has room (ReplicaSet controller and scheduler). Default 1s.',
      ),
    imagePull: distribution
      .optional()
      .describe('Image pull; 0 when the image is cached on the node. Default 0.'),
    start: distribution
      .optional()
      .describe(
        'From the container start until the application can pass its readiness probe (JVM or Node start, warm-up). Default 10s.',
      ),
    readinessProbe: z
      .strictObject({
        initialDelay: durationMs.optional().describe('`initialDelaySeconds`. Default 0.'),
        period: durationMs.optional().describe('`periodSeconds`. Default 10s.'),
        successThreshold: z.int().min(1).optional().describe('`successThreshold`. Default 1.'),
      })
      .optional()
      .describe("The container's readiness probe: the pod gets traffic from the first probe that passes."),
    terminationGracePeriod: durationMs
      .optional()
      .describe(
        'How long a deleted pod may finish its requests before it is killed (`terminationGracePeriodSeconds`). Default 30s.',
      ),
  })
  .describe(
    'The pod life cycle; used for pods the autoscaler adds (the initial replicas are ready at t = 0).',
  );

const policy = z.strictObject({
  type: z.enum(['Pods', 'Percent']),
  value: z.int().min(1),
  periodSeconds: z.int().min(1).max(1800),
});

const rules = z
  .strictObject({
    stabilizationWindowSeconds: z
      .int()
      .min(0)
      .max(3600)
      .optional()
      .describe(
        'The largest (scale-down) or smallest (scale-up) recommendation over this window wins. Default: 0 up, 300 down.',
      ),
    selectPolicy: z
      .enum(['Max', 'Min', 'Disabled'])
      .optional()
      .describe(
        'Which policy limits: the one allowing the largest change (Max), the smallest (Min), or no change at all (Disabled). Default Max.',
      ),
    policies: z
      .array(policy)
      .optional()
      .describe(
        'Rate limits over sliding periods. Default: up 4 Pods or 100 % per 15 s; down 100 % per 15 s.',
      ),
    tolerance: fraction
      .optional()
      .describe('Per-direction tolerance (Kubernetes ≥ 1.33, HPAConfigurableTolerance).'),
  })
  .describe('HPAScalingRules, as in autoscaling/v2.');

/** One metric the autoscaler scales on. */
export const autoscalingMetricSchema = z
  .union([
    z.strictObject({ cpu: fraction.describe('Target average CPU utilization of the requests ("70%").') }),
    z.strictObject({ memory: fraction.describe('Target average memory utilization of the requests.') }),
    z.strictObject({
      requestsPerSecond: z
        .number()
        .positive()
        .describe('Target requests per second per pod (a Pods metric, AverageValue).'),
    }),
    z.strictObject({
      kafkaLag: z
        .strictObject({
          topic: z.string().min(1),
          value: z.number().positive().optional().describe('Target total lag (External, Value).'),
          averageValue: z
            .number()
            .positive()
            .optional()
            .describe('Target lag per pod (External, AverageValue).'),
        })
        .refine(
          (m) => (m.value === undefined) !== (m.averageValue === undefined),
          'give exactly one of value and averageValue',
        ),
    }),
  ])
  .meta({ id: 'AutoscalingMetric' });

/** A HorizontalPodAutoscaler for the service. */
export const autoscalingSchema = z
  .strictObject({
    minReplicas: z.int().min(1).optional().describe('Default 1.'),
    maxReplicas: z.int().min(1).max(10_000),
    metrics: z
      .array(autoscalingMetricSchema)
      .min(1)
      .optional()
      .describe('What to scale on; the largest proposal wins. Default: CPU 80 % (autoscaling/v2 defaults).'),
    behavior: z
      .strictObject({ scaleUp: rules.optional(), scaleDown: rules.optional() })
      .optional()
      .describe('Scaling behavior as in autoscaling/v2; without it the controller takes its legacy path.'),
  })
  .describe('A Kubernetes HorizontalPodAutoscaler (autoscaling/v2) scaling this service.');

/** The whole cluster: nodes, the cluster autoscaler and the HPA controller's flags. */
export const clusterSchema = z
  .strictObject({
    nodes: z
      .strictObject({
        count: z.int().min(1).max(10_000),
        cpu: z.number().positive().describe('Allocatable cores per node.'),
        memory: memoryBytes.describe('Allocatable memory per node ("8Gi").'),
      })
      .optional()
      .describe('Nodes pods are scheduled onto by their requests. Default: room for every pod.'),
    autoscaler: z
      .strictObject({
        maxNodes: z.int().min(1),
        provisionDelay: durationMs
          .optional()
          .describe('From the decision to a new node that takes pods. Default 2m.'),
      })
      .optional()
      .describe('A cluster autoscaler that adds nodes for pending pods.'),
    hpa: z
      .strictObject({
        syncPeriod: durationMs.optional().describe('`--horizontal-pod-autoscaler-sync-period`. Default 15s.'),
        tolerance: fraction.optional().describe('`--horizontal-pod-autoscaler-tolerance`. Default 10%.'),
        cpuInitializationPeriod: durationMs.optional().describe('Default 5m.'),
        initialReadinessDelay: durationMs.optional().describe('Default 30s.'),
        downscaleStabilization: durationMs.optional().describe('Default 5m.'),
        metricResolution: durationMs
          .optional()
          .describe("metrics-server's `--metric-resolution`. Default 15s."),
      })
      .optional()
      .describe("kube-controller-manager's HPA flags and metrics-server's resolution."),
  })
  .describe('The Kubernetes cluster the services run on.');
