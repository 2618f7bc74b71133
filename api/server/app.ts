/**
 * The HTTP API (fastify, under `/v1`): health, presets, the scenario schema and validation, and
 * simulations run in worker threads and kept in the store. Built by {@link buildApp} so tests drive
 * it through `app.inject` and `capsim serve` listens with it.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PRESETS, getPreset } from '../../models/presets/index.js';
import type { RunStore } from '../store/run-store.js';
import { QueueFullError } from '../workers/simulation-pool.js';
import type { SimulationPool } from '../workers/simulation-pool.js';
import { ApiError, sendError } from './errors.js';
import { resolveScenario } from './resolve-scenario.js';

/** What the app needs. */
export interface AppOptions {
  readonly store: RunStore;
  readonly pool: SimulationPool;
  /** Largest request body (bytes). Default 1 MiB. */
  readonly bodyLimitBytes?: number;
  /** Fastify's logger. Default off. */
  readonly logger?: boolean;
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
});

/** Builds the app; the caller listens (or injects) and closes it. */
export function buildApp(options: AppOptions): FastifyInstance {
  const { store, pool } = options;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: options.bodyLimitBytes ?? 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

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

  const api = app.withTypeProvider<ZodTypeProvider>();

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

  api.post('/v1/simulations', { schema: { body: simulationRequest } }, async (request, reply) => {
    const { seed, replications, ...ref } = request.body;
    const { document, normalized } = resolveScenario(ref);
    const id = randomUUID();
    store.create(id, JSON.stringify(request.body));
    store.started(id);
    let result: string;
    try {
      result = await pool.run({
        document,
        ...(seed === undefined ? {} : { seed }),
        ...(replications === undefined ? {} : { replications }),
      });
    } catch (e) {
      const error =
        e instanceof QueueFullError
          ? new ApiError('API_ERR_QUEUE_FULL', e.message)
          : new ApiError('API_ERR_SIMULATION_FAILED', `the simulation failed: ${(e as Error).message}`);
      store.failed(id, JSON.stringify({ code: error.code, message: error.message }));
      throw error;
    }
    store.succeeded(id, result);
    const warnings = JSON.stringify(normalized.warnings);
    // The result goes out as the worker wrote it: byte-identical for the same scenario and seed.
    return reply
      .code(201)
      .header('location', `/v1/simulations/${id}`)
      .type('application/json')
      .send(`{"id":${JSON.stringify(id)},"status":"done","warnings":${warnings},"result":${result}}`);
  });

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

  return app;
}
