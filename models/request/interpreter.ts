/**
 * Walks strands through their compiled programs: a small state machine, not a promise. `advance`
 * runs ops until one has to wait (CPU, a timed wait, branches, the data tier), and the component
 * that ends the wait calls `advance` again (directly, or through one of the continuations below).
 *
 * A failure in the data tier (a pool timeout, a refused connection, a 429, ...) ends the strand at
 * once: the application catches the exception and answers with an error. A failed branch lets its
 * siblings finish (the parallel step waits for all), then the whole attempt ends with the first
 * failure's cause.
 */
import type { Environment } from '../../engine/index.js';
import type { Continuation, DataFailureCause } from '../data/contracts.js';
import { GLOBAL_KEY } from '../data/rate-limit/index.js';
import type { RateLimiter } from '../data/rate-limit/index.js';
import {
  OP_BROADCAST,
  OP_CHANCE,
  OP_CPU,
  OP_PARALLEL,
  OP_PRODUCE,
  OP_PUBLISH,
  OP_QUERY,
  OP_RATE_LIMIT,
  OP_REDIS,
  OP_WAIT,
} from '../endpoint/program.js';
import type { Op } from '../endpoint/program.js';
import type { BroadcastRuntime } from './broadcast.js';
import { Strand } from './strand.js';

/** What the interpreter needs of a message broker (a Kafka topic, a RabbitMQ queue). */
export interface TopicRuntime {
  /** Sends one message from pod `pod`; resumes `token` at the ack, or once consumed. */
  produce(pod: number, token: Strand, cont: Continuation<Strand>, waitFor: 'ack' | 'consumed'): void;
}

/** The replication-wide components that ops reach by index. */
export interface SharedData {
  readonly topics: readonly TopicRuntime[];
  /** RabbitMQ queues. */
  readonly queues: readonly TopicRuntime[];
  /** Redis pub/sub broadcasts, by the index their steps were compiled with. */
  readonly broadcasts?: readonly BroadcastRuntime[];
  readonly limiters: readonly RateLimiter[];
}

/** Runs strands; one per replication (it holds the environment). */
export class Interpreter {
  readonly #env: Environment;
  readonly #data: SharedData;

  constructor(env: Environment, data: SharedData = { topics: [], queues: [], limiters: [] }) {
    this.#env = env;
    this.#data = data;
  }

  /**
   * Continues `strand` from its program counter. Called when an attempt starts running on a
   * pod, and as the completion callback of CPU work and waits.
   */
  readonly advance = (strand: Strand): void => {
    const ops = strand.ops;
    for (;;) {
      if (strand.pc === ops.length) {
        this.#strandDone(strand);
        return;
      }
      const op = ops[strand.pc++]!;
      switch (op.code) {
        case OP_CPU:
          strand.root.pod!.runCpu(strand, op.sample());
          return;
        case OP_WAIT:
          this.#env.schedule(op.sample(), this.advance, strand);
          return;
        case OP_PARALLEL: {
          const branches = op.branches;
          strand.pending = branches.length;
          for (let i = 0; i < branches.length; i++) this.advance(new Strand(branches[i]!, null, strand));
          return;
        }
        case OP_QUERY:
          strand.opStartMs = this.#env.now;
          strand.queryCpuMs = op.sample();
          strand.queryIoMs = op.sample2();
          strand.queryLock = op.lock;
          strand.root.pod!.pools[op.index]!.acquire(strand, this.#acquired);
          return;
        case OP_REDIS:
          strand.opStartMs = this.#env.now;
          strand.root.pod!.redis[op.index]!.command(strand, op.sample(), this.#redisDone, op.slot);
          return;
        case OP_CHANCE:
          if (op.sample() >= op.probability) strand.pc += op.skip;
          continue;
        case OP_PRODUCE:
          strand.opStartMs = this.#env.now;
          this.#data.topics[op.index]!.produce(
            strand.root.pod!.index,
            strand,
            this.#produced,
            op.flag === 1 ? 'consumed' : 'ack',
          );
          return;
        case OP_BROADCAST: {
          strand.opStartMs = this.#env.now;
          const subscribers = this.#data.broadcasts![op.index2]!.subscribers();
          const serviceMs = op.sample() + op.sample2() * subscribers;
          strand.root.pod!.redis[op.index]!.command(strand, serviceMs, this.#broadcastDone, op.slot);
          return;
        }
        case OP_PUBLISH:
          strand.opStartMs = this.#env.now;
          this.#data.queues[op.index]!.produce(
            strand.root.pod!.index,
            strand,
            this.#published,
            op.flag === 1 ? 'consumed' : 'ack',
          );
          return;
        case OP_RATE_LIMIT:
          if (op.index2 >= 0) {
            // The check is a command on Redis; the counter moves when the command runs there.
            strand.opStartMs = this.#env.now;
            strand.root.pod!.redis[op.index2]!.command(strand, op.sample(), this.#limiterChecked, op.slot);
            return;
          }
          if (!this.#admit(strand, op)) {
            this.fail(strand, 'rate-limited');
            return;
          }
          continue;
      }
    }
  };

  /** Ends `strand` with `cause`; the attempt fails with the first cause any of its strands met. */
  readonly fail = (strand: Strand, cause: DataFailureCause): void => {
    const root = strand.root;
    if (root.failCause === null) root.failCause = cause;
    this.#strandDone(strand);
  };

  #admit(strand: Strand, op: Op): boolean {
    const call = strand.root.call;
    // Per-key limiters key on the virtual user (a user id); global ones share one budget.
    const key = op.flag === 1 && call !== null ? call.vu : GLOBAL_KEY;
    return this.#data.limiters[op.index]!.tryAcquire(key, this.#env.now);
  }

  // Adds the time since the strand's current operation started to one of its root's sums.
  #since(strand: Strand): number {
    const now = this.#env.now;
    const ms = now - strand.opStartMs;
    strand.opStartMs = now;
    return ms;
  }

  readonly #redisDone: Continuation<Strand> = {
    resume: (strand) => {
      strand.root.redisMs += this.#since(strand);
      this.advance(strand);
    },
    fail: this.fail,
  };

  readonly #produced: Continuation<Strand> = {
    resume: (strand) => {
      strand.root.kafkaMs += this.#since(strand);
      this.advance(strand);
    },
    fail: this.fail,
  };

  // The PUBLISH ran: its subscribers receive the message as the publisher gets the reply.
  readonly #broadcastDone: Continuation<Strand> = {
    resume: (strand) => {
      strand.root.redisMs += this.#since(strand);
      this.#data.broadcasts![strand.ops[strand.pc - 1]!.index2]!.deliver();
      this.advance(strand);
    },
    fail: this.fail,
  };

  readonly #published: Continuation<Strand> = {
    resume: (strand) => {
      strand.root.rabbitmqMs += this.#since(strand);
      this.advance(strand);
    },
    fail: this.fail,
  };

  // OP_QUERY, step 1: the pool lent a connection; run the query on its backend.
  readonly #acquired: Continuation<Strand> = {
    resume: (strand) => {
      strand.root.poolWaitMs += this.#since(strand);
      const conn = strand.conn!.backend;
      conn.backend.execute(strand, conn, this.#executed);
    },
    fail: this.fail,
  };

  // OP_QUERY, step 2: the query is over; the connection goes back to its pool either way. Time
  // behind a multiplexer counts as the database's (its wait for a server connection included).
  readonly #executed: Continuation<Strand> = {
    resume: (strand) => {
      strand.root.databaseMs += this.#since(strand);
      this.#poolOf(strand).release(strand);
      this.advance(strand);
    },
    fail: (strand, cause) => {
      this.#poolOf(strand).release(strand);
      this.fail(strand, cause);
    },
  };

  readonly #limiterChecked: Continuation<Strand> = {
    resume: (strand) => {
      strand.root.redisMs += this.#since(strand);
      const op = strand.ops[strand.pc - 1]!;
      if (this.#admit(strand, op)) this.advance(strand);
      else this.fail(strand, 'rate-limited');
    },
    fail: this.fail,
  };

  // The pool of the query op the strand is in (the op before its program counter).
  #poolOf(strand: Strand) {
    return strand.root.pod!.pools[strand.ops[strand.pc - 1]!.index]!;
  }

  #strandDone(strand: Strand): void {
    const parent = strand.parent;
    if (parent === null) {
      strand.pod!.finish(strand);
    } else if (--parent.pending === 0) {
      if (parent.root.failCause === null) this.advance(parent);
      else this.#strandDone(parent);
    }
  }
}
