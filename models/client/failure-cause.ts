import { DATA_FAILURE_CAUSES } from '../data/contracts.js';

/**
 * Why a request or an iteration failed. Every failure in a result carries exactly one cause.
 *
 * - `client-timeout`: the client gave up after its timeout while the server had the request.
 * - `accept-queue-full`: the server's accept queue (listen backlog) was full; Linux dropped the
 *   SYN and the client kept retransmitting until its timeout (tcp_abort_on_overflow = 0).
 * - `connection-refused`: nothing accepted the connection: no ready pod, a full accept queue with
 *   tcp_abort_on_overflow = 1 (RST), or a Node.js server past its maxConnections.
 * - `connection-reset`: the pod was killed (its termination grace period ran out after the
 *   autoscaler deleted it) with the request still on it.
 * - `dropped-iteration`: a k6 arrival-rate executor found no idle VU at a scheduled start.
 * - the data tier's causes ({@link DATA_FAILURE_CAUSES}): the server answered with an error
 *   (HTTP 500, or 429 for `rate-limited`) because a pool, database, multiplexer, Redis or a rate
 *   limiter failed the request.
 */
export const REQUEST_FAILURE_CAUSES = [
  'client-timeout',
  'accept-queue-full',
  'connection-refused',
  'connection-reset',
  ...DATA_FAILURE_CAUSES,
] as const;

/** Every cause, request-level ones first. */
export const FAILURE_CAUSES = [...REQUEST_FAILURE_CAUSES, 'dropped-iteration'] as const;

/** Why one HTTP request failed: one of {@link REQUEST_FAILURE_CAUSES}. */
export type RequestFailureCause = (typeof REQUEST_FAILURE_CAUSES)[number];
/** One of {@link FAILURE_CAUSES}. */
export type FailureCause = (typeof FAILURE_CAUSES)[number];
