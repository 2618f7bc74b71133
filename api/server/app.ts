/**
 * The HTTP API (fastify, under `/v1`): health, presets, the scenario schema and validation, and
 * the jobs (simulations, sweeps, capacity searches: `job-routes.ts`) run in worker threads and
 * kept in the store. Built by {@link buildApp} so tests drive it through `app.inject` and
 * `capsim serve` listens with it.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PRESETS, getPreset } from '../../models/presets/index.js';
import { readCalibrationStatus } from '../../models/presets/calibration-status.js';
import type { RunStore } from '../store/run-store.js';
import type { SimulationPool, TaskRunner } from '../workers/simulation-pool.js';
import { ApiError, sendError } from './errors.js';
import { registerJobRoutes, scenarioRef } from './job-routes.js';
import { registerWebRoutes } from './web-routes.js';
import { scenarioKnobs } from '../../models/sweep/knobs.js';
import { Jobs } from './jobs.js';
import { ApiMetrics } from './metrics.js';
import { resolveScenario } from './resolve-scenario.js';

/** What the app needs. */
export interface AppOptions {
  readonly store: RunStore;
  readonly pool: SimulationPool;
  /**
   * Where sweeps' replications and capacity searches run instead (a Redis queue's workers, see
   * `api/distributed/`). Default: the pool. Simulations always run on the pool.
   */
  readonly remote?: TaskRunner;
  /** Largest request body (bytes). Default 1 MiB. */
  readonly bodyLimitBytes?: number;
  /** Fastify's logger. Default off. */
  readonly logger?: boolean;
  /** A job estimated above this many simulated events is refused (422). Default 1e9 (minutes of work). */
  readonly maxEvents?: number;
  /** A job estimated above this answers 202 at once and runs in the background. Default 5e7 (seconds). */
  readonly syncMaxEvents?: number;
  /** A job running longer than this (ms) is stopped and reported. Default 15 minutes. */
  readonly maxRunMs?: number;
}

const SCHEMA_FILE = new URL('../../models/scenario/scenario.schema.json', import.meta.url);

/**
 * Builds the app; the caller listens (or injects) and closes it. The OpenAPI document is at
 * `/docs/json` and its UI at `/docs`, both generated from the routes' schemas.
 */
export function buildApp(options: AppOptions): FastifyInstance {
  const { store, pool } = options;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: options.bodyLimitBytes ?? 1024 * 1024 });
  const metrics = new ApiMetrics();
  const jobs = new Jobs(store, options.maxRunMs ?? 15 * 60_000, app.log);
  metrics.attach(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  void app.register(swagger, {
    openapi: {
      info: {
        title: 'capsim',
        description:
          'What-if capacity simulations: post a scenario (or a preset with changes), get latency percentiles, failures by cause and the bottleneck.',
        version: '1',
      },
    },
    transform: jsonSchemaTransform,
  });
  void app.register(swaggerUi, { routePrefix: '/docs' });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) return sendError(reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message ?? 'is invalid',
      }));
      return sendError(
        reply,
        new ApiError('API_ERR_INVALID_REQUEST', 'the request does not match its schema', issues),
      );
    }
    const { statusCode: status, message } = error as { statusCode?: number; message?: string };
    if (status === 413)
      return sendError(reply, new ApiError('API_ERR_TOO_LARGE', message ?? 'body too large'));
    // Fastify's own 4xx (unparsable JSON, a wrong content type): the client's request is at fault.
    if (status !== undefined && status >= 400 && status < 500)
      return sendError(reply, new ApiError('API_ERR_INVALID_REQUEST', message ?? 'bad request'));
    request.log.error(error);
    return sendError(reply, new ApiError('API_ERR_INTERNAL', 'internal error'));
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new ApiError('API_ERR_NOT_FOUND', `no route ${request.method} ${request.url}`)),
  );

  // Routes go in a plugin registered after @fastify/swagger, so that its onRoute hook sees them.
  void app.register((scope, _opts, done) => {
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.get('/metrics', (_request, reply) =>
      reply.type('text/plain; version=0.0.4').send(
        metrics.render({
          capsim_simulations_queued: { help: 'Simulations waiting for a worker thread.', value: pool.queued },
          capsim_simulations_running: { help: 'Simulations started and not finished.', value: jobs.size },
        }),
      ),
    );

    api.get('/v1/health', () => ({ status: 'ok' }));
    api.get('/v1/ready', (_request, reply) =>
      store.healthy()
        ? { status: 'ready', queued: pool.queued }
        : reply.code(503).send({ status: 'not ready', queued: pool.queued }),
    );

    api.get('/v1/presets', () =>
      PRESETS.map((p) => ({ name: p.name, title: p.title, document: p.document, summary: p.summary })),
    );
    api.get('/v1/presets/:name', { schema: { params: z.object({ name: z.string() }) } }, (request) => {
      let p;
      try {
        p = getPreset(request.params.name);
      } catch (e) {
        throw new ApiError('API_ERR_NOT_FOUND', (e as Error).message);
      }
      const { scenarioFile: _file, ...rest } = p;
      // As of the committed calibration report (`npm run calibrate` rewrites it).
      return { ...rest, calibration: readCalibrationStatus(p.name) };
    });

    api.get('/v1/schema/scenario', (_request, reply) =>
      reply.type('application/schema+json').send(readFileSync(SCHEMA_FILE, 'utf8')),
    );

    api.post('/v1/scenarios/validate', { schema: { body: z.strictObject(scenarioRef) } }, (request) => {
      const { document, normalized } = resolveScenario(request.body);
      return {
        scenario: normalized.scenario,
        warnings: normalized.warnings,
        document,
        knobs: scenarioKnobs(document, normalized.scenario),
      };
    });

    registerWebRoutes(scope);
    registerJobRoutes(scope, {
      store,
      pool,
      remote: options.remote,
      jobs,
      maxEvents: options.maxEvents ?? 1e9,
      syncMaxEvents: options.syncMaxEvents ?? 5e7,
    });

    done();
  });

  return app;
}
