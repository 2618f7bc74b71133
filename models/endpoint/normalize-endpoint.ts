/** Turns the loose step objects into a tagged union and resolves each endpoint's service. */
import { DEFAULTS } from '../scenario/defaults.js';
import type { Diagnostics, PathSegments } from '../scenario/diagnostics.js';
import type { NormalizedEndpoint, NormalizedStep } from '../scenario/normalized.js';
import type { EndpointSpec, StepSpec } from './schema.js';

/** Tags each step by kind and names it (`<prefix><kind>#<n>` unless it has a name). */
export function normalizeSteps(steps: readonly StepSpec[], prefix: string): NormalizedStep[] {
  return steps.map((step, i): NormalizedStep => {
    const label = (kind: string) => step.name ?? `${prefix}${kind}#${i + 1}`;
    if (step.cpu !== undefined) return { kind: 'cpu', name: label('cpu'), work: step.cpu };
    if (step.wait !== undefined) return { kind: 'wait', name: label('wait'), latency: step.wait };
    if (step.query !== undefined) {
      const q = step.query;
      return {
        kind: 'query',
        name: label('query'),
        pool: q.pool,
        cpu: q.cpu ?? null,
        io: q.io ?? null,
        lock: q.lock ?? null,
      };
    }
    if (step.redis !== undefined) {
      return {
        kind: 'redis',
        name: label('redis'),
        server: step.redis.server,
        time: step.redis.time ?? null,
        key: step.redis.key ?? null,
      };
    }
    if (step.cache !== undefined) {
      const name = label('cache');
      const c = step.cache;
      return {
        kind: 'cache',
        name,
        server: c.server,
        hitRatio: c.hitRatio,
        miss: normalizeSteps(c.miss, `${name}/miss/`),
      };
    }
    if (step.produce !== undefined) {
      return {
        kind: 'produce',
        name: label('produce'),
        topic: step.produce.topic,
        await: step.produce.await ?? 'ack',
      };
    }
    if (step.publish !== undefined) {
      return {
        kind: 'publish',
        name: label('publish'),
        queue: step.publish.queue,
        await: step.publish.await ?? 'ack',
      };
    }
    if (step.broadcast !== undefined) {
      const name = label('broadcast');
      const b = step.broadcast;
      return {
        kind: 'broadcast',
        name,
        server: b.server,
        subscribers: b.subscribers,
        perSubscriber: b.perSubscriber ?? {
          kind: 'deterministic',
          value: DEFAULTS.redis.publishPerSubscriberMs,
        },
        deliver: normalizeSteps(b.deliver, `${name}/deliver/`),
      };
    }
    if (step.rateLimit !== undefined) {
      return { kind: 'rateLimit', name: label('rateLimit'), limiter: step.rateLimit.limiter };
    }
    const name = label('parallel');
    return {
      kind: 'parallel',
      name,
      branches: (step.parallel ?? []).map((branch, b) => normalizeSteps(branch, `${name}/${b + 1}/`)),
    };
  });
}

/** Normalizes all endpoints; shares sum to 1. `services` are the declared service names. */
export function normalizeEndpoints(
  endpoints: Readonly<Record<string, EndpointSpec>>,
  services: readonly string[],
  diag: Diagnostics,
): NormalizedEndpoint[] {
  const entries = Object.entries(endpoints);
  const total = entries.reduce((t, [, e]) => t + (e.weight ?? 1), 0);
  if (total === 0) diag.error(['endpoints'], 'the weights sum to 0: no endpoint would ever be called');
  return entries.map(([name, e]) => {
    const at: PathSegments = ['endpoints', name];
    let service = e.service;
    if (service === undefined) {
      if (services.length === 1) service = services[0]!;
      else
        diag.error(
          [...at, 'service'],
          `is required when there are several services (${services.join(', ')})`,
        );
    } else if (!services.includes(service)) {
      diag.error([...at, 'service'], `names no declared service (declared: ${services.join(', ')})`);
    }
    if ((e.weight ?? 1) === 0) {
      diag.warn('SCN_WARN_ZERO_WEIGHT', [...at, 'weight'], 'is 0: this endpoint is never called');
    }
    return {
      name,
      share: total > 0 ? (e.weight ?? 1) / total : 0,
      service: service ?? '',
      steps: normalizeSteps(e.steps, ''),
    };
  });
}
