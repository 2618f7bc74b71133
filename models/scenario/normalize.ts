/**
 * Phase 2 of the pipeline: a parsed {@link ScenarioSpec} becomes a {@link NormalizedScenario}:
 * defaults from `defaults.ts`, shorthands expanded, cross-field rules checked, warnings added.
 * Pure: the same spec always gives the same result.
 */
import { DEFAULTS } from './defaults.js';
import { Diagnostics } from './diagnostics.js';
import type { ScenarioWarning } from './diagnostics.js';
import { ScenarioError } from './errors.js';
import { capacityWarnings } from './capacity-warnings.js';
import type { NormalizedScenario } from './normalized.js';
import type { ScenarioSpec } from './schema.js';
import { REQUEST_FAILURE_CAUSES } from '../client/failure-cause.js';
import { normalizeData } from '../data/scenario/normalize-data.js';
import { normalizeEndpoints } from '../endpoint/normalize-endpoint.js';
import { loadEndMs, normalizeLoad } from '../load/normalize-load.js';
import { normalizeCluster } from '../service/normalize-kubernetes.js';
import { normalizeService } from '../service/normalize-service.js';

/** A normalized scenario with the warnings found on the way. */
export interface NormalizeResult {
  readonly scenario: NormalizedScenario;
  readonly warnings: readonly ScenarioWarning[];
}

/**
 * Normalizes a parsed scenario.
 * @throws ScenarioError `SCN_ERR_INVALID` listing every cross-field problem with its path.
 */
export function normalizeScenario(spec: ScenarioSpec): NormalizeResult {
  const diag = new Diagnostics();
  const load = normalizeLoad(spec.load, diag);
  const topics = Object.keys(spec.kafka ?? {});
  const bareServices = Object.entries(spec.services).map(([name, s]) =>
    normalizeService(name, s, diag, topics),
  );
  const endpoints = normalizeEndpoints(
    spec.endpoints,
    bareServices.map((s) => s.name),
    diag,
  );
  const data = normalizeData(spec, endpoints, diag);
  const services = bareServices.map((s) => ({ ...s, ...data.services.get(s.name)! }));
  const retries = spec.load.retries;
  const end = loadEndMs(load);
  const scenario: NormalizedScenario = {
    name: spec.name,
    description: spec.description ?? null,
    seed: spec.seed ?? DEFAULTS.scenario.seed,
    replications: spec.replications ?? DEFAULTS.scenario.replications,
    warmupMs: spec.warmup ?? DEFAULTS.scenario.warmupMs,
    loadEndMs: end,
    horizonMs: end + load.gracefulStopMs,
    timeSeriesIntervalMs:
      spec.timeSeries?.interval ??
      Math.max(1, (end + load.gracefulStopMs) / DEFAULTS.scenario.timeSeriesRows),
    load,
    client: {
      timeoutMs: spec.load.timeout ?? DEFAULTS.k6.requestTimeoutMs,
      retries: {
        max: retries?.max ?? DEFAULTS.retries.max,
        backoffMs: retries?.backoff ?? DEFAULTS.retries.backoffMs,
        multiplier: retries?.multiplier ?? DEFAULTS.retries.multiplier,
        maxBackoffMs: retries?.maxBackoff ?? DEFAULTS.retries.maxBackoffMs,
        jitter: retries?.jitter ?? DEFAULTS.retries.jitter,
        on: retries?.on ?? [...REQUEST_FAILURE_CAUSES],
      },
    },
    endpoints,
    services,
    databases: data.databases,
    multiplexers: data.multiplexers,
    redis: data.redis,
    kafka: data.kafka,
    rabbitmq: data.rabbitmq,
    rateLimiters: data.rateLimiters,
    cluster: normalizeCluster(spec.cluster, diag),
  };
  if (diag.errors.length === 0) capacityWarnings(scenario, diag);
  if (diag.errors.length > 0) throw new ScenarioError('SCN_ERR_INVALID', diag.errors);
  return { scenario, warnings: diag.warnings };
}
