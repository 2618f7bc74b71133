/**
 * Scenario syntax for a service: a Deployment of identical pods behind a load balancer, each pod a
 * thread-per-request server (Tomcat under Spring Boot) or an event-loop server (Node.js).
 */
import { z } from 'zod';
import { poolSchema } from '../data/scenario/pool-schema.js';
import { redisClientSchema } from '../data/scenario/middleware-schema.js';
import { cpuCores, memoryBytes } from '../scenario/schema-units.js';
import { autoscalingSchema, startupSchema } from './autoscaling-schema.js';

/** Load-balancing policies among a service's ready pods. */
export const BALANCER_POLICIES = ['round-robin', 'least-connections', 'random', 'power-of-two'] as const;
/** One of {@link BALANCER_POLICIES}. */
export type BalancerPolicy = (typeof BALANCER_POLICIES)[number];

const resourceList = z.strictObject({ cpu: cpuCores.optional(), memory: memoryBytes.optional() });

const tomcatSchema = z
  .strictObject({
    maxThreads: z
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .describe('Worker threads (Spring `server.tomcat.threads.max`). Default 200.'),
    maxConnections: z
      .int()
      .min(1)
      .max(10_000_000)
      .optional()
      .describe(
        'Connections accepted at once; the ones without a thread wait in the executor queue (Spring `server.tomcat.max-connections`). Default 8192.',
      ),
    acceptCount: z
      .int()
      .min(0)
      .max(1_000_000)
      .optional()
      .describe(
        'Listen backlog for connections past maxConnections, capped by the kernel at net.core.somaxconn (Spring `server.tomcat.accept-count`). Default 100.',
      ),
  })
  .describe('Tomcat connector settings; only for server: thread-per-request.');

const nodeSchema = z
  .strictObject({
    maxConnections: z
      .int()
      .min(1)
      .optional()
      .describe('Node `server.maxConnections`: connections past it are closed at once. Default unlimited.'),
  })
  .describe('Node.js http server settings; only for server: event-loop.');

const linuxSchema = z
  .strictObject({
    somaxconn: z
      .int()
      .min(1)
      .optional()
      .describe(
        'net.core.somaxconn: the kernel caps every listen backlog at it. Default 4096 (Linux ≥ 5.4).',
      ),
    tcpAbortOnOverflow: z
      .boolean()
      .optional()
      .describe(
        'net.ipv4.tcp_abort_on_overflow: true resets connections past a full accept queue (the client sees "connection refused"); false (default) drops them and the client retransmits its SYN.',
      ),
    tcpSynRetries: z
      .int()
      .min(0)
      .max(127)
      .optional()
      .describe('net.ipv4.tcp_syn_retries: SYN retransmissions before connect() gives up. Default 6.'),
  })
  .describe("The pod's kernel settings that decide what happens past the accept queue.");

/** One service. */
export const serviceSchema = z
  .strictObject({
    server: z
      .enum(['thread-per-request', 'event-loop'])
      .optional()
      .describe(
        'thread-per-request: each request holds a worker thread for its whole life (Tomcat, Spring MVC). event-loop: one thread runs all CPU work, waits hold nothing (Node.js). Default thread-per-request.',
      ),
    replicas: z.int().min(0).max(10_000).optional().describe('Pods, all ready at t = 0. Default 1.'),
    resources: z
      .strictObject({
        requests: resourceList
          .optional()
          .describe(
            'Kubernetes requests: the scheduler places pods by them and the HPA measures utilization against them.',
          ),
        limits: resourceList
          .optional()
          .describe('Kubernetes limits; the CPU limit is the cores the pod may use.'),
      })
      .optional()
      .describe(
        'Kubernetes container resources. Without a CPU limit the pod is modelled with unbounded cores (a warning says so); requests default to limits, as Kubernetes does.',
      ),
    balancer: z
      .enum(BALANCER_POLICIES)
      .optional()
      .describe(
        'How requests are spread over ready pods: round-robin (ingress-nginx and AWS ALB default), least-connections (nginx least_conn), random (kube-proxy iptables mode), power-of-two (two random choices, fewer in flight). Default round-robin.',
      ),
    tomcat: tomcatSchema.optional(),
    node: nodeSchema.optional(),
    linux: linuxSchema.optional(),
    startup: startupSchema.optional(),
    autoscaling: autoscalingSchema.optional(),
    workingSet: z
      .strictObject({
        base: memoryBytes
          .optional()
          .describe('Memory a pod uses at rest (JVM heap in use, Node heap). Default 256Mi.'),
        perRequest: memoryBytes.optional().describe('More memory per request in progress. Default 1Mi.'),
      })
      .optional()
      .describe("The pods' memory working set, which a memory metric of the autoscaler reads."),
    pools: z
      .record(z.string().min(1), poolSchema)
      .optional()
      .describe('Client connection pools of each pod, by name (`master`, `report`, ...).'),
    redis: z
      .record(z.string().min(1), redisClientSchema)
      .optional()
      .describe(
        'The Redis client of each pod, by Redis server name. Default for a server the steps use: lettuce.',
      ),
  })
  .describe('A Deployment of identical pods behind a load balancer.');

/** A service as written (quantities already converted). */
export type ServiceSpec = z.output<typeof serviceSchema>;
