/**
 * The HTTP API (fastify, under `/v1`): health, presets, the scenario schema and validation, and
 * simulations run in worker threads and kept in the store. Built by {@link buildApp} so tests drive
 * it through `app.inject` and `capsim serve` listens with it.
 */
import { randomUUID } from 'node:crypto';
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
import type { RunStore } from '../store/run-store.js';
import { estimateCost } from '../../models/scenario/cost-estimate.js';
import { QueueFullError } from '../workers/simulation-pool.js';
import type { SimulateTask } from '../workers/simulate-worker.js';
import type { SimulationPool } from '../workers/simulation-pool.js';
import { ApiError, RUN_FAILURES, sendError } from './errors.js';
import { ApiMetrics } from './metrics.js';
import { resolveScenario } from './resolve-scenario.js';

/** What the app needs. */
export interface AppOptions {
  readonly store: RunStore;
  readonly pool: SimulationPool;
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

const scenarioRef = {
  scenario: z.unknown().optional().describe('A scenario document (the same as a scenario file).'),
  preset: z
    .strictObject({
      name: z.string().min(1).describe('A preset name (GET /v1/presets).'),
      variant: z.string().min(1).optional().describe("One of the preset's variants. Default: its first."),
      set: z
        .record(z.string(), z.unknown())
        .optional()
        .describe(
          'Fields to change, by path (`services.api.replicas`), after the fitted parameters and the variant.',
        ),
    })
    .optional(),
};

const simulationRequest = z.strictObject({
  ...scenarioRef,
  seed: z
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional()
    .describe("Master seed (default: the scenario's)."),
  replications: z.int().min(1).max(1000).optional().describe("Independent runs (default: the scenario's)."),
  async: z
    .boolean()
    .optional()
    .describe('Answer 202 at once and run in the background (default: only jobs too large to wait for).'),
});

/**
 * Builds the app; the caller listens (or injects) and closes it. The OpenAPI document is at
 * `/docs/json` and its UI at `/docs`, both generated from the routes' schemas.
 */
export function buildApp(options: AppOptions): FastifyInstance {
  const { store, pool } = options;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: options.bodyLimitBytes ?? 1024 * 1024 });
  const metrics = new ApiMetrics();
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
          capsim_simulations_running: { help: 'Simulations started and not finished.', value: running.size },
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
      return rest;
    });

    api.get('/v1/schema/scenario', (_request, reply) =>
      reply.type('application/schema+json').send(readFileSync(SCHEMA_FILE, 'utf8')),
    );

    api.post('/v1/scenarios/validate', { schema: { body: z.strictObject(scenarioRef) } }, (request) => {
      const { normalized } = resolveScenario(request.body);
      return { scenario: normalized.scenario, warnings: normalized.warnings };
    });

    // Jobs in flight: how to cancel each, and its end.
    const running = new Map<string, { readonly cancel: AbortController; readonly done: Promise<unknown> }>();
    const maxEvents = options.maxEvents ?? 1e9;
    const syncMaxEvents = options.syncMaxEvents ?? 5e7;
    const maxRunMs = options.maxRunMs ?? 15 * 60_000;

    // Runs a stored job to its end; never rejects (the outcome is in the store).
    const execute = (id: string, task: SimulateTask): Promise<string | ApiError> => {
      const cancel = new AbortController();
      // run() yields at its first await before it can end, so its `finally` deletes the entry after this set.
      const done = run(id, task, cancel);
      running.set(id, { cancel, done });
      return done;
    };
    const run = async (
      id: string,
      task: SimulateTask,
      cancel: AbortController,
    ): Promise<string | ApiError> => {
      const timeout = AbortSignal.timeout(maxRunMs);
      try {
        const result = await pool.run(task, AbortSignal.any([cancel.signal, timeout]));
        record(() => store.succeeded(id, result));
        return result;
      } catch (e) {
        const error =
          e instanceof QueueFullError
            ? new ApiError('API_ERR_QUEUE_FULL', e.message)
            : timeout.aborted
              ? new ApiError('API_ERR_SIMULATION_FAILED', `stopped after the time budget of ${maxRunMs} ms`)
              : new ApiError('API_ERR_SIMULATION_FAILED', `the simulation failed: ${(e as Error).message}`);
        const code = cancel.signal.aborted
          ? RUN_FAILURES.cancelled
          : timeout.aborted
            ? RUN_FAILURES.timedOut
            : error.code;
        record(() =>
          store.failed(
            id,
            JSON.stringify({ code, message: cancel.signal.aborted ? 'cancelled' : error.message }),
          ),
        );
        return error;
      } finally {
        running.delete(id);
      }
    };

    // A job that ends while the server shuts down finds the store closed: it stays "running" there,
    // and the next start marks it failed as interrupted, which is what happened to it.
    const record = (write: () => void): void => {
      try {
        write();
      } catch (e) {
        app.log.warn(e, 'could not record the end of a run');
      }
    };

    api.post('/v1/simulations', { schema: { body: simulationRequest } }, async (request, reply) => {
      const { seed, replications, async: inBackground, ...ref } = request.body;
      const { document, normalized } = resolveScenario(ref);
      const planned = estimateCost(normalized.scenario);
      const scale = replications === undefined ? 1 : replications / normalized.scenario.replications;
      const estimate = {
        requests: Math.round(planned.requests * scale),
        events: Math.round(planned.events * scale),
      };
      if (estimate.events > maxEvents)
        throw new ApiError(
          'API_ERR_OVER_BUDGET',
          `the job is estimated at ${estimate.events} simulated events (${estimate.requests} requests), over this server's budget of ${maxEvents}`,
        );
      const id = randomUUID();
      const location = `/v1/simulations/${id}`;
      store.create(id, JSON.stringify(request.body));
      store.started(id);
      const task: SimulateTask = {
        document,
        ...(seed === undefined ? {} : { seed }),
        ...(replications === undefined ? {} : { replications }),
      };
      if (inBackground === true || estimate.events > syncMaxEvents) {
        void execute(id, task);
        return reply
          .code(202)
          .header('location', location)
          .send({ id, status: 'running', location, estimate });
      }
      const outcome = await execute(id, task);
      // A failed run is stored too: its location goes with the error.
      reply.header('location', location);
      if (outcome instanceof ApiError) throw outcome;
      const warnings = JSON.stringify(normalized.warnings);
      // The result goes out as the worker wrote it: byte-identical for the same scenario and seed.
      return reply
        .code(201)
        .header('location', location)
        .type('application/json')
        .send(`{"id":${JSON.stringify(id)},"status":"done","warnings":${warnings},"result":${outcome}}`);
    });

    api.delete(
      '/v1/simulations/:id',
      { schema: { params: z.object({ id: z.string() }) } },
      async (request) => {
        const { id } = request.params;
        const job = running.get(id);
        if (job === undefined) {
          if (store.get(id) === undefined) throw new ApiError('API_ERR_NOT_FOUND', `no simulation ${id}`);
          throw new ApiError('API_ERR_NOT_RUNNING', `simulation ${id} is not running`);
        }
        job.cancel.abort();
        await job.done;
        return {
          id,
          status: store.get(id)!.status,
          error: JSON.parse(store.get(id)!.error ?? 'null') as unknown,
        };
      },
    );

    api.get('/v1/simulations/:id', { schema: { params: z.object({ id: z.string() }) } }, (request, reply) => {
      const run = store.get(request.params.id);
      if (run === undefined) throw new ApiError('API_ERR_NOT_FOUND', `no simulation ${request.params.id}`);
      const parts = [
        `"id":${JSON.stringify(run.id)}`,
        `"status":${JSON.stringify(run.status)}`,
        `"createdAt":${JSON.stringify(run.createdAt)}`,
        `"finishedAt":${JSON.stringify(run.finishedAt)}`,
        `"request":${run.request}`,
        ...(run.result === null ? [] : [`"result":${run.result}`]),
        ...(run.error === null ? [] : [`"error":${run.error}`]),
      ];
      return reply.type('application/json').send(`{${parts.join(',')}}`);
    });

    done();
  });

  return app;
}
