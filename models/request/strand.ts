/**
 * The hot-path state of requests: a {@link Call} is what the client asked for (one iteration's
 * request, across its retries); a {@link Strand} is a thread of execution on a pod walking a
 * compiled program. Each attempt has a root strand; a parallel step adds one strand per branch.
 * Plain mutable objects with fixed shapes: no closures or promises per request.
 */
import type { RequestFailureCause } from '../client/failure-cause.js';
import type { BackendConnection, ClientPool, DataToken, PoolConnection } from '../data/contracts.js';
import type { RedisClient } from '../data/redis/redis-client.js';
import type { Op } from '../endpoint/program.js';
import type { ServiceRuntime } from '../service/service-runtime.js';

/** The client is waiting for this attempt. */
export const ATTEMPT_PENDING = 0;
/** The client got the response. */
export const ATTEMPT_ANSWERED = 1;
/** The attempt failed or the client gave up on it; the server may still be working on it. */
export const ATTEMPT_FAILED = 2;

/** Retransmitting its SYN: the accept queue was full. */
export const PHASE_CONNECTING = 0;
/** In the listen backlog: connected, not yet accepted. */
export const PHASE_BACKLOG = 1;
/** Accepted, waiting for a worker thread. */
export const PHASE_QUEUED = 2;
/** Running its program. */
export const PHASE_RUNNING = 3;
/** The server has finished it. */
export const PHASE_DONE = 4;

/** Who started an iteration and wants to hear when it ends (an executor). */
export interface IterationOwner {
  /** The iteration's request finished: succeeded (`ok`) or failed for good after its retries. */
  iterationDone(call: Call, ok: boolean): void;
}

/** An endpoint as the runtime sees it. */
export interface EndpointRuntime {
  readonly index: number;
  readonly name: string;
  readonly ops: readonly Op[];
  /** The service that serves it. */
  readonly service: ServiceRuntime;
}

/** One iteration's HTTP request, across its retries. */
export class Call {
  /** Attempts sent so far. */
  attempts = 0;
  constructor(
    readonly endpoint: EndpointRuntime,
    /** When the iteration started (ms). */
    readonly startMs: number,
    readonly owner: IterationOwner,
    /** Executor-specific tag (the VU number for VU executors). */
    readonly vu: number,
  ) {}
}

/** Where a pod keeps an attempt while it owns it. */
export interface PodRuntime {
  readonly index: number;
  /** Attempts the load balancer has sent here that the client still waits for. */
  inFlight: number;
  /** A strand of this pod's attempt has submitted CPU work. */
  runCpu(strand: Strand, workMs: number): void;
  /** The root strand finished its program (or failed: `root.failCause`): free the thread, respond. */
  finish(root: Strand): void;
  /** The pod's client pools, in the service's declaration order. */
  readonly pools: readonly ClientPool<Strand>[];
  /** The pod's Redis clients, one per Redis server its steps use. */
  readonly redis: readonly RedisClient<Strand>[];
}

/** A thread of execution walking a program; the root strand is also the attempt. */
export class Strand implements DataToken {
  /** Next op to run. */
  pc = 0;
  /** Branches still running (for a strand waiting at a parallel step). */
  pending = 0;
  /** The root strand of this attempt (itself for a root). */
  root: Strand;
  // Root-only fields below; branches leave them at their initial values.
  /** The pod serving the attempt, once the load balancer has picked one. */
  pod: PodRuntime | null = null;
  /** ATTEMPT_* state, as the client sees it. */
  state = ATTEMPT_PENDING;
  /** PHASE_* position on the server. */
  phase = PHASE_CONNECTING;
  /** When the client sent it (ms). */
  sentAtMs = 0;
  /** When the client gives up (ms). */
  deadlineMs = 0;
  /** When it entered its current phase (ms), for wait accounting. */
  phaseAtMs = 0;
  /** SYN retransmissions so far. */
  synRetries = 0;
  /** Time spent waiting for a thread, in the backlog, and retransmitting SYNs (ms). */
  queueMs = 0;
  backlogMs = 0;
  connectMs = 0;
  /** CPU work submitted and time spent on the CPU including contention (ms), all strands. */
  cpuWorkMs = 0;
  cpuElapsedMs = 0;
  /** When this strand's current CPU job was submitted (ms). */
  cpuSubmitMs = 0;
  /**
   * Data-tier time (ms), all strands: waiting for a pool (and multiplexer) connection, in the
   * database (lock waits, CPU and I/O), on Redis commands, on Kafka sends, on RabbitMQ publishes;
   * and when this strand's
   * current data operation or phase of it started.
   */
  poolWaitMs = 0;
  databaseMs = 0;
  redisMs = 0;
  kafkaMs = 0;
  rabbitmqMs = 0;
  opStartMs = 0;
  /** Why the attempt failed on the server (root only; a branch's failure is its root's), or null. */
  failCause: RequestFailureCause | null = null;
  // DataToken: what the data tier hands this strand while it runs a data step.
  conn: PoolConnection | null = null;
  serverConn: BackendConnection | null = null;
  queryCpuMs = 0;
  queryIoMs = 0;
  queryLock = -1;
  waitSinceMs = 0;

  constructor(
    readonly ops: readonly Op[],
    /** The client request (roots), or null for a branch. */
    readonly call: Call | null,
    /** The strand waiting at the parallel step (branches), or null for a root. */
    readonly parent: Strand | null,
  ) {
    this.root = parent === null ? this : parent.root;
  }

  /** Notes CPU work handed to the pod's CPU now (for the latency breakdown). */
  cpuSubmitted(nowMs: number, workMs: number): void {
    this.cpuSubmitMs = nowMs;
    this.root.cpuWorkMs += workMs;
  }

  /** Notes that this strand's CPU work finished now. */
  cpuFinished(nowMs: number): void {
    this.root.cpuElapsedMs += nowMs - this.cpuSubmitMs;
  }
}
