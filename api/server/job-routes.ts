/**
 * The job collections: `/v1/simulations`, `/v1/sweeps` and `/v1/capacity`. Each takes a scenario
 * (inline or a preset with changes), prices the job in simulated events (over the budget: 422),
 * then answers 201 with the result, or 202 with a location to poll when the job is large or the
 * client asks; a job can be polled for its progress and cancelled, and a finished simulation or
 * sweep drawn as a chart (Vega-Lite, SVG or PNG).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { estimateCost } from '../../models/scenario/cost-estimate.js';
import type { ScenarioWarning } from '../../models/index.js';
import { CHART_KIND_NAMES, CHART_KINDS, ChartError, chart, chartInputOf } from '../../models/charts/index.js';
import type { ChartKindName } from '../../models/charts/index.js';
import { CHART_FORMATS, renderPng, renderSvg } from '../charts/render.js';
import { SweepError } from '../../models/sweep/errors.js';
import { planCapacity, planSweep } from '../../models/sweep/plan.js';
import { capacitySearchSchema, varySchema } from '../../models/sweep/schema.js';
import { runSimulation } from '../jobs/simulation-job.js';
import { runCapacitySearch, runSweep } from '../jobs/sweep-job.js';
import type { JobControl } from '../jobs/run-tasks.js';
import type { RunKind, RunStore } from '../store/run-store.js';
import type { SimulationPool, TaskRunner } from '../workers/simulation-pool.js';
import { ApiError } from './errors.js';
import type { Jobs } from './jobs.js';
import { resolveScenario } from './resolve-scenario.js';
import type { ScenarioRef } from './resolve-scenario.js';

/** What the job routes need. */
export interface JobRouteOptions {
  readonly store: RunStore;
  readonly pool: SimulationPool;
  /** Where sweeps' replications and capacity searches run instead of the pool (a Redis queue). */
  readonly remote?: TaskRunner | undefined;
  readonly jobs: Jobs;
  /** Jobs estimated above this many simulated events are refused. */
  readonly maxEvents: number;
  /** Jobs estimated above this many run in the background (202). */
  readonly syncMaxEvents: number;
}

/** The scenario of a request: inline or a preset with changes. */
export const scenarioRef = {
  scenario: z
    .unknown()
    .optional()
    .describe('A scenario document (the same as a scenario file), or the text of one (YAML or JSON).'),
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
  set: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Fields to change, by path (`services.api.replicas`), in the scenario or the preset variant.'),
  load: z
    .number()
    .positive()
    .optional()
    .describe(
      "The offered load, whatever the executor: iterations/s for arrival rates, VUs for VU executors, a ramping profile's peak (its shape kept).",
    ),
};

const seed = z
  .int()
  .min(0)
  .max(2 ** 32 - 1)
  .optional()
  .describe("Master seed (default: the scenario's).");
const inBackground = z
  .boolean()
  .optional()
  .describe('Answer 202 at once and run in the background (default: only jobs too large to wait for).');

const simulationRequest = z.strictObject({
  ...scenarioRef,
  seed,
  replications: z.int().min(1).max(1000).optional().describe("Independent runs (default: the scenario's)."),
  async: inBackground,
});

const sweepRequest = z.strictObject({
  ...scenarioRef,
  vary: varySchema,
  seed: seed.describe("Master seed, the same at every point (default: the scenario's)."),
  replications: z.int().min(1).max(100).optional().describe("Runs per point (default: the scenario's)."),
  async: inBackground,
});

const capacityRequest = z.strictObject({
  ...scenarioRef,
  search: capacitySearchSchema,
  seed,
  replications: z
    .int()
    .min(2)
    .max(100)
    .optional()
    .describe('Independent bisections; their capacities give the confidence interval. Default 5.'),
  async: inBackground,
});

const COLLECTIONS: Record<RunKind, string> = {
  simulation: 'simulations',
  sweep: 'sweeps',
  capacity: 'capacity',
};

// The charts of each kind's stored result, the first the default.
const CHARTS: Partial<Record<RunKind, readonly ChartKindName[]>> = {
  simulation: CHART_KIND_NAMES.filter((k) => CHART_KINDS[k].source === 'run'),
  sweep: CHART_KIND_NAMES.filter(
    (k) => CHART_KINDS[k].source === 'sweep' || CHART_KINDS[k].source === 'sweeps',
  ),
};

/** A sweep's problem as the API answers it. */
function apiErrorOf(e: SweepError): ApiError {
  const code =
    e.code === 'SWEEP_ERR_PARAMETER'
      ? 'API_ERR_INVALID_REQUEST'
      : e.code === 'SWEEP_ERR_POINT_INVALID'
        ? 'API_ERR_INVALID_SCENARIO'
        : 'API_ERR_IMPOSSIBLE_SCENARIO';
  return new ApiError(code, e.message.split('\n')[0]!, e.issues);
}

function planned<T>(plan: () => T): T {
  try {
    return plan();
  } catch (e) {
    if (e instanceof SweepError) throw apiErrorOf(e);
    throw e;
  }
}

/** Registers the three collections on `api`. */
export function registerJobRoutes(api: FastifyInstance, options: JobRouteOptions): void {
  const { store, pool, remote, jobs, maxEvents, syncMaxEvents } = options;
  const routes = api.withTypeProvider<ZodTypeProvider>();

  const submit = async (
    reply: FastifyReply,
    job: {
      kind: RunKind;
      request: unknown;
      estimate: { events: number; requests?: number };
      background: boolean | undefined;
      warnings: readonly ScenarioWarning[];
      /** Replications the job will run. */
      total: number;
      work: (control: Required<JobControl>) => Promise<string>;
    },
  ): Promise<FastifyReply> => {
    const { estimate } = job;
    if (estimate.events > maxEvents)
      throw new ApiError(
        'API_ERR_OVER_BUDGET',
        `the job is estimated at ${estimate.events} simulated events${estimate.requests === undefined ? '' : ` (${estimate.requests} requests)`}, over this server's budget of ${maxEvents}`,
      );
    const id = randomUUID();
    const location = `/v1/${COLLECTIONS[job.kind]}/${id}`;
    const outcome = jobs.start(id, job.kind, JSON.stringify(job.request), job.total, job.work);
    if (job.background === true || estimate.events > syncMaxEvents)
      return reply.code(202).header('location', location).send({ id, status: 'running', location, estimate });
    const result = await outcome;
    // A failed job is stored too: its location goes with the error.
    reply.header('location', location);
    if (result instanceof ApiError) throw result;
    // The result goes out as the worker wrote it: byte-identical for the same scenario and seed.
    return reply
      .code(201)
      .type('application/json')
      .send(
        `{"id":${JSON.stringify(id)},"status":"done","warnings":${JSON.stringify(job.warnings)},"result":${result}}`,
      );
  };

  routes.post('/v1/simulations', { schema: { body: simulationRequest } }, async (request, reply) => {
    const { seed, replications, async: background, ...ref } = request.body;
    const { document, normalized } = resolveScenario(ref);
    const planned = estimateCost(normalized.scenario);
    const total = replications ?? normalized.scenario.replications;
    const scale = total / normalized.scenario.replications;
    return submit(reply, {
      kind: 'simulation',
      request: request.body,
      estimate: {
        requests: Math.round(planned.requests * scale),
        events: Math.round(planned.events * scale),
      },
      background,
      warnings: normalized.warnings,
      total,
      work: (control) =>
        runSimulation(
          pool,
          {
            document,
            total,
            ...(seed === undefined ? {} : { seed }),
            ...(replications === undefined ? {} : { replications }),
          },
          control,
        ),
    });
  });

  routes.post('/v1/sweeps', { schema: { body: sweepRequest } }, async (request, reply) => {
    const { vary, seed, replications, async: background, ...ref } = request.body;
    const { document, normalized } = resolveScenario(ref as ScenarioRef);
    const plan = planned(() =>
      planSweep(document as Record<string, unknown>, vary, {
        ...(seed === undefined ? {} : { seed }),
        ...(replications === undefined ? {} : { replications }),
      }),
    );
    return submit(reply, {
      kind: 'sweep',
      request: request.body,
      estimate: { events: plan.events },
      background,
      warnings: normalized.warnings,
      total: plan.points.length * plan.replications,
      work: (control) => runSweep(pool, plan, control, remote),
    });
  });

  routes.post('/v1/capacity', { schema: { body: capacityRequest } }, async (request, reply) => {
    const { search, seed, replications, async: background, ...ref } = request.body;
    const { document, normalized } = resolveScenario(ref as ScenarioRef);
    const base = document as Record<string, unknown>;
    const plan = planned(() =>
      planCapacity(base, search, {
        replications: replications ?? 5,
        ...(seed === undefined ? {} : { seed }),
      }),
    );
    return submit(reply, {
      kind: 'capacity',
      request: request.body,
      estimate: { events: plan.events },
      background,
      warnings: normalized.warnings,
      total: plan.replications,
      work: (control) => runCapacitySearch(remote ?? pool, base, search, plan, control),
    });
  });

  for (const [kind, collection] of Object.entries(COLLECTIONS) as [RunKind, string][]) {
    const params = { schema: { params: z.object({ id: z.string() }) } };
    const find = (id: string) => {
      const run = store.get(id);
      if (run === undefined || run.kind !== kind) throw new ApiError('API_ERR_NOT_FOUND', `no ${kind} ${id}`);
      return run;
    };

    routes.get(`/v1/${collection}/:id`, params, (request, reply) => {
      const run = find(request.params.id);
      const progress = jobs.progress(run.id);
      const parts = [
        `"id":${JSON.stringify(run.id)}`,
        `"kind":${JSON.stringify(run.kind)}`,
        `"status":${JSON.stringify(run.status)}`,
        `"createdAt":${JSON.stringify(run.createdAt)}`,
        `"finishedAt":${JSON.stringify(run.finishedAt)}`,
        ...(progress === undefined
          ? []
          : [`"progress":${JSON.stringify({ ...progress, fraction: progress.done / progress.total })}`]),
        `"request":${run.request}`,
        ...(run.result === null ? [] : [`"result":${run.result}`]),
        ...(run.error === null ? [] : [`"error":${run.error}`]),
      ];
      return reply.type('application/json').send(`{${parts.join(',')}}`);
    });

    const kinds = CHARTS[kind];
    if (kinds !== undefined)
      routes.get(
        `/v1/${collection}/:id/chart`,
        {
          schema: {
            params: z.object({ id: z.string() }),
            querystring: z.strictObject({
              format: z
                .enum(CHART_FORMATS)
                .optional()
                .describe('vega-lite (the spec, JSON), svg or png (rendered here). Default vega-lite.'),
              kind: z
                .enum(kinds as [ChartKindName, ...ChartKindName[]])
                .optional()
                .describe(
                  `The chart: ${kinds.map((k) => `${k} (${CHART_KINDS[k].description})`).join('; ')}. Default ${kinds[0]}.`,
                ),
            }),
          },
        },
        async (request, reply) => {
          const run = find(request.params.id);
          if (run.result === null)
            throw new ApiError(
              'API_ERR_NO_RESULT',
              `${kind} ${run.id} is ${run.status}: it has no result to chart`,
            );
          const chartKind = request.query.kind ?? kinds[0]!;
          let spec;
          try {
            spec = chart(chartKind, [{ label: run.id, input: chartInputOf(JSON.parse(run.result)) }]);
          } catch (e) {
            if (e instanceof ChartError) throw new ApiError('API_ERR_NO_CHART_DATA', e.message);
            throw e;
          }
          switch (request.query.format ?? 'vega-lite') {
            case 'svg':
              return reply.type('image/svg+xml').send(await renderSvg(spec));
            case 'png':
              return reply.type('image/png').send(await renderPng(spec));
            default:
              return reply.type('application/json').send(spec);
          }
        },
      );

    routes.delete(`/v1/${collection}/:id`, params, async (request) => {
      const { id } = request.params;
      find(id);
      if (!(await jobs.cancel(id))) throw new ApiError('API_ERR_NOT_RUNNING', `${kind} ${id} is not running`);
      const run = store.get(id)!;
      return { id, status: run.status, error: JSON.parse(run.error ?? 'null') as unknown };
    });
  }
}
