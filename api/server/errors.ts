/**
 * The API's error responses: a stable code, a message, and for scenario problems every issue with
 * the path of the offending field. Codes are part of the API: clients branch on them.
 */
import type { FastifyReply } from 'fastify';

/** Every error code the API answers with, and its HTTP status. */
export const API_ERRORS = {
  /** The request envelope is malformed (not the scenario inside it). */
  API_ERR_INVALID_REQUEST: 400,
  /** The scenario does not match the schema: every problem with its path. */
  API_ERR_INVALID_SCENARIO: 400,
  /** The scenario is well formed but cannot run (names pointing nowhere, impossible settings). */
  API_ERR_IMPOSSIBLE_SCENARIO: 422,
  /** The job's estimated cost is over the server's budget: the body says both. */
  API_ERR_OVER_BUDGET: 422,
  API_ERR_NOT_FOUND: 404,
  /** The run is not running (finished, failed or cancelled already). */
  API_ERR_NOT_RUNNING: 409,
  /** The run has no result to show yet (still running) or none at all (failed). */
  API_ERR_NO_RESULT: 409,
  /** The result has nothing the chart asked for shows (a replicas chart of a run without an HPA). */
  API_ERR_NO_CHART_DATA: 422,
  API_ERR_TOO_LARGE: 413,
  /** The simulation queue is full: try again later. */
  API_ERR_QUEUE_FULL: 503,
  /** The simulation itself failed (a worker crashed, say). */
  API_ERR_SIMULATION_FAILED: 500,
  API_ERR_INTERNAL: 500,
} as const;

/** Codes stored for runs that ended without a result. */
export const RUN_FAILURES = {
  /** Cancelled by DELETE /v1/simulations/ID. */
  cancelled: 'API_ERR_CANCELLED',
  /** Ran past the server's time budget and was stopped. */
  timedOut: 'API_ERR_TIME_BUDGET',
} as const;

/** One of {@link API_ERRORS}. */
export type ApiErrorCode = keyof typeof API_ERRORS;

/** One problem, at the path of the field (`load.rate`, `endpoints.pay.steps[0].cpu`). */
export interface ApiIssue {
  readonly path: string;
  readonly message: string;
}

/** The body of every error response. */
export interface ApiErrorBody {
  readonly code: ApiErrorCode;
  readonly message: string;
  readonly issues?: readonly ApiIssue[];
}

/** An error to answer with: thrown by handlers, turned into a response by the error handler. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: readonly ApiIssue[],
  ) {
    super(message);
  }

  get status(): number {
    return API_ERRORS[this.code];
  }
}

/** Sends `error` as its status and body. */
export function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  const body: ApiErrorBody = {
    code: error.code,
    message: error.message,
    ...(error.issues === undefined ? {} : { issues: error.issues }),
  };
  return reply.code(error.status).type('application/json').send(body);
}
