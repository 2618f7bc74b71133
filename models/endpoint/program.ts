/**
 * An endpoint compiled for the hot path (simmer's trajectories): a flat array of {@link Op}s that
 * a request walks with a program counter. Every op has the same shape, so the interpreter's
 * property reads stay monomorphic.
 */
import { createSampler } from '../../engine/index.js';
import type { DistributionSpec, RandomStreams, Sampler } from '../../engine/index.js';
import { keyHashSlot } from '../data/redis/hash-slot.js';
import type { NormalizedStep } from '../scenario/normalized.js';

/** Run CPU work on the pod's CPU. */
export const OP_CPU = 0;
/** Hold the request (and its thread) for a sampled time, using no CPU. */
export const OP_WAIT = 1;
/** Start every branch; continue when all have finished. */
export const OP_PARALLEL = 2;
/** Borrow a connection from pool `index` of the pod, run a query (`sample` CPU, `sample2` I/O, `lock`), give it back. */
export const OP_QUERY = 3;
/** One command (`sample` ms of the server's main thread) through Redis client `index` of the pod. */
export const OP_REDIS = 4;
/** With probability `probability` go on with the next op, else skip `skip` ops (a cache miss block). */
export const OP_CHANCE = 5;
/** Send a message to topic `index`; `flag` 1 waits until it is consumed. */
export const OP_PRODUCE = 6;
/** Ask rate limiter `index`; `index2` ≥ 0 is the Redis client of the pod the check is a command on. */
export const OP_RATE_LIMIT = 7;
/** Publish a message to RabbitMQ queue `index`; `flag` 1 waits until it is consumed. */
export const OP_PUBLISH = 8;
/**
 * Redis PUBLISH through Redis client `index` (`sample` + `sample2` per subscriber of main-thread
 * time); then broadcast `index2` delivers the message to its subscribers.
 */
export const OP_BROADCAST = 9;

/** One compiled step. */
export class Op {
  constructor(
    /** One of the `OP_*` codes. */
    readonly code: number,
    /** The step's name, for results. */
    readonly name: string,
    /** Draws the CPU work, wait time, query CPU or command time in ms; or a uniform [0, 1) (`OP_CHANCE`). */
    readonly sample: Sampler,
    /** Branch programs (`OP_PARALLEL`); empty otherwise. */
    readonly branches: readonly (readonly Op[])[],
    /** Draws the query's I/O time (`OP_QUERY`), or the time per subscriber (`OP_BROADCAST`). */
    readonly sample2: Sampler = none,
    /** Pool, Redis client, topic, queue or limiter index, by code; -1 when unused. */
    readonly index: number = -1,
    /** Second index (`OP_RATE_LIMIT`: the Redis client; `OP_BROADCAST`: the broadcast), or -1. */
    readonly index2: number = -1,
    /** Lock index on the query's database (`OP_QUERY`), or -1. */
    readonly lock: number = -1,
    /** Probability of going on (`OP_CHANCE`). */
    readonly probability: number = 1,
    /** Ops skipped otherwise (`OP_CHANCE`). */
    readonly skip: number = 0,
    /** Code-specific flag (`OP_PRODUCE`, `OP_PUBLISH`: 1 = wait until consumed; `OP_RATE_LIMIT`: 1 = key per VU). */
    readonly flag: number = 0,
    /** Hash slot of the Redis command's key (`OP_REDIS`, `OP_RATE_LIMIT`), or -1: a random slot. */
    readonly slot: number = -1,
  ) {}
}

const none: Sampler = () => 0;

/**
 * Resolves the names data-tier steps use into indices, for one endpoint (whose service decides
 * which pools and Redis clients exist).
 */
export interface ProgramContext {
  readonly streams: RandomStreams;
  /** Index of the pod's pool `name`. */
  poolIndex(name: string): number;
  /** Index of the pod's Redis client for `server`. */
  redisIndex(server: string): number;
  /** Default command time of Redis `server`. */
  redisCommandTime(server: string): DistributionSpec;
  /** Index of the lock `lock` on the database behind pool `pool`. */
  lockIndex(pool: string, lock: string): number;
  topicIndex(name: string): number;
  /** Index of RabbitMQ queue `name`. */
  queueIndex(name: string): number;
  /** Registers a broadcast step compiled at `path`; returns its index. */
  broadcastIndex(step: Extract<NormalizedStep, { kind: 'broadcast' }>, path: string): number;
  limiterIndex(name: string): number;
  /** Rate limiter `name`: where it keeps its counters and what it keys on. */
  limiter(name: string): { readonly redis: string | null; readonly key: 'global' | 'vu' };
}

/**
 * Compiles steps into ops. Each step draws from its own stream named after its path, so adding a
 * step elsewhere never shifts this step's numbers (common random numbers across what-ifs).
 */
export function compileProgram(steps: readonly NormalizedStep[], ctx: ProgramContext, path: string): Op[] {
  const ops: Op[] = [];
  steps.forEach((step, i) => {
    const at = `${path}/${i}`;
    const sampler = (d: DistributionSpec | null, suffix = '') =>
      d === null ? none : createSampler(d, ctx.streams.stream(at + suffix));
    switch (step.kind) {
      case 'cpu':
        ops.push(new Op(OP_CPU, step.name, sampler(step.work), []));
        return;
      case 'wait':
        ops.push(new Op(OP_WAIT, step.name, sampler(step.latency), []));
        return;
      case 'parallel':
        ops.push(
          new Op(
            OP_PARALLEL,
            step.name,
            none,
            step.branches.map((b, j) => compileProgram(b, ctx, `${at}/${j}`)),
          ),
        );
        return;
      case 'query':
        ops.push(
          new Op(
            OP_QUERY,
            step.name,
            sampler(step.cpu),
            [],
            sampler(step.io, '/io'),
            ctx.poolIndex(step.pool),
            -1,
            step.lock === null ? -1 : ctx.lockIndex(step.pool, step.lock),
          ),
        );
        return;
      case 'redis':
        ops.push(
          new Op(
            OP_REDIS,
            step.name,
            sampler(step.time ?? ctx.redisCommandTime(step.server)),
            [],
            none,
            ctx.redisIndex(step.server),
            -1,
            -1,
            1,
            0,
            0,
            step.key === null ? -1 : keyHashSlot(step.key),
          ),
        );
        return;
      case 'cache': {
        // GET; on a miss (probability 1 − hitRatio) the miss steps, then SET.
        const redis = ctx.redisIndex(step.server);
        const commandTime = ctx.redisCommandTime(step.server);
        const miss = compileProgram(step.miss, ctx, `${at}/miss`);
        ops.push(new Op(OP_REDIS, `${step.name}/get`, sampler(commandTime, '/get'), [], none, redis));
        ops.push(
          new Op(
            OP_CHANCE,
            `${step.name}/miss`,
            ctx.streams.stream(`${at}/hit`),
            [],
            none,
            -1,
            -1,
            -1,
            1 - step.hitRatio,
            miss.length + 1,
          ),
        );
        ops.push(...miss);
        ops.push(new Op(OP_REDIS, `${step.name}/set`, sampler(commandTime, '/set'), [], none, redis));
        return;
      }
      case 'produce':
        ops.push(
          new Op(
            OP_PRODUCE,
            step.name,
            none,
            [],
            none,
            ctx.topicIndex(step.topic),
            -1,
            -1,
            1,
            0,
            step.await === 'consumed' ? 1 : 0,
          ),
        );
        return;
      case 'broadcast':
        ops.push(
          new Op(
            OP_BROADCAST,
            step.name,
            sampler(ctx.redisCommandTime(step.server)),
            [],
            sampler(step.perSubscriber, '/per-subscriber'),
            ctx.redisIndex(step.server),
            ctx.broadcastIndex(step, at),
          ),
        );
        return;
      case 'publish':
        ops.push(
          new Op(
            OP_PUBLISH,
            step.name,
            none,
            [],
            none,
            ctx.queueIndex(step.queue),
            -1,
            -1,
            1,
            0,
            step.await === 'consumed' ? 1 : 0,
          ),
        );
        return;
      case 'rateLimit': {
        const { redis, key } = ctx.limiter(step.limiter);
        ops.push(
          new Op(
            OP_RATE_LIMIT,
            step.name,
            redis === null ? none : sampler(ctx.redisCommandTime(redis)),
            [],
            none,
            ctx.limiterIndex(step.limiter),
            redis === null ? -1 : ctx.redisIndex(redis),
            -1,
            1,
            0,
            key === 'vu' ? 1 : 0,
            // A global limiter is one counter key, so one master of a cluster holds it; per-user
            // keys spread over all masters. The key is named after the limiter (an ASSUMPTION: any
            // fixed name behaves alike).
            key === 'vu' ? -1 : keyHashSlot(`rate-limit:${step.limiter}`),
          ),
        );
        return;
      }
    }
  });
  return ops;
}
