/**
 * The client side of every request (k6's HTTP client): sends attempts, gives up on them at their
 * timeout, retries failures with backoff, and tells the executor when an iteration's request is
 * over. The server side keeps working on an attempt the client gave up on (it cannot know), so
 * abandoned work still loads the pods, as it does in production.
 */
import type { Environment, RandomSource } from '../../engine/index.js';
import { Deque } from '../../engine/index.js';
import type { PodHooks } from '../pod/pod-hooks.js';
import type { Recorder } from '../report/recorder.js';
import type { NormalizedClient } from '../scenario/normalized.js';
import {
  ATTEMPT_ANSWERED,
  ATTEMPT_FAILED,
  ATTEMPT_PENDING,
  PHASE_CONNECTING,
  Strand,
} from '../request/strand.js';
import type { Call, PodRuntime } from '../request/strand.js';
import { REQUEST_FAILURE_CAUSES } from './failure-cause.js';
import type { RequestFailureCause } from './failure-cause.js';

/** One replication's HTTP client. */
export class Client implements PodHooks {
  readonly #env: Environment;
  readonly #recorder: Recorder;
  readonly #timeoutMs: number;
  readonly #retries: NormalizedClient['retries'];
  readonly #retryOn: ReadonlySet<RequestFailureCause>;
  readonly #jitter: RandomSource;
  // Pending attempts in send order. Deadlines are send time + one timeout, so they are in order
  // too: one timer at the first pending deadline serves them all, and attempts answered before
  // their deadline are dropped from the front without ever scheduling anything.
  readonly #pending = new Deque<Strand>();
  #sweepArmed = false;

  constructor(env: Environment, recorder: Recorder, client: NormalizedClient, jitter: RandomSource) {
    this.#env = env;
    this.#recorder = recorder;
    this.#timeoutMs = client.timeoutMs;
    this.#retries = client.retries;
    this.#retryOn = new Set(client.retries.on.filter((c) => REQUEST_FAILURE_CAUSES.includes(c)));
    this.#jitter = jitter;
  }

  /** Sends the next attempt of `call` now. */
  send(call: Call): void {
    const now = this.#env.now;
    call.attempts++;
    const root = new Strand(call.endpoint.ops, call, null);
    root.sentAtMs = now;
    root.deadlineMs = now + this.#timeoutMs;
    // Dropping answered attempts from the front as we go keeps the queue near the attempts in
    // flight rather than a whole timeout's worth (which would also age them into the old GC
    // generation).
    this.#dropAnswered();
    this.#pending.push(root);
    if (!this.#sweepArmed) this.#arm();
    this.#recorder.attemptSent(root);
    call.endpoint.service.accept(root);
  }

  respond(root: Strand): void {
    if (root.state !== ATTEMPT_PENDING) {
      call(root).endpoint.service.levels.wastedResponses++;
      return;
    }
    if (root.failCause !== null) {
      // The server answered with an error (HTTP 500, or 429 when rate limited).
      this.#fail(root, root.failCause);
      return;
    }
    const now = this.#env.now;
    root.state = ATTEMPT_ANSWERED;
    call(root).endpoint.service.detach(root);
    this.#recorder.attemptSucceeded(root, now);
    call(root).owner.iterationDone(call(root), true);
  }

  reject(root: Strand, cause: RequestFailureCause): void {
    if (root.state === ATTEMPT_PENDING) this.#fail(root, cause);
  }

  #fail(root: Strand, cause: RequestFailureCause): void {
    const now = this.#env.now;
    root.state = ATTEMPT_FAILED;
    const c = call(root);
    c.endpoint.service.detach(root);
    this.#recorder.attemptFailed(root, cause, now);
    if (c.attempts <= this.#retries.max && this.#retryOn.has(cause)) {
      this.#env.schedule(this.#backoffMs(c.attempts), this.#resend, c);
    } else {
      c.owner.iterationDone(c, false);
    }
  }

  // Exponential backoff before retry number `attempt` (1-based), capped, with optional full jitter.
  #backoffMs(attempt: number): number {
    const r = this.#retries;
    const capped = Math.min(r.maxBackoffMs, r.backoffMs * r.multiplier ** (attempt - 1));
    return r.jitter === 'full' ? this.#jitter() * capped : capped;
  }

  readonly #resend = (c: Call): void => this.send(c);

  /** Fails every attempt still pending on `pod` (killed at the end of its grace period). */
  cutOff(pod: PodRuntime): void {
    const victims = this.#pending
      .toArray()
      .filter((root) => root.state === ATTEMPT_PENDING && root.pod === pod);
    for (const root of victims) this.#fail(root, 'connection-reset');
  }

  // Removes answered and failed attempts from the front; returns the first pending one.
  #dropAnswered(): Strand | undefined {
    const pending = this.#pending;
    let head = pending.peek();
    while (head !== undefined && head.state !== ATTEMPT_PENDING) {
      pending.shift();
      head = pending.peek();
    }
    return head;
  }

  #arm(): void {
    const head = this.#dropAnswered();
    if (head === undefined) return;
    this.#sweepArmed = true;
    this.#env.scheduleAt(head.deadlineMs, this.#sweep, undefined);
  }

  // Runs at the first pending deadline. `#sweepArmed` stays true meanwhile, so attempts sent by
  // the callbacks this triggers do not arm a second timer.
  readonly #sweep = (): void => {
    const now = this.#env.now;
    const pending = this.#pending;
    for (let head = pending.peek(); head !== undefined; head = pending.peek()) {
      if (head.state === ATTEMPT_PENDING && head.deadlineMs > now) break;
      pending.shift();
      if (head.state === ATTEMPT_PENDING) {
        // A SYN still being retransmitted means the accept queue, not the server, failed it.
        this.#fail(head, head.phase === PHASE_CONNECTING ? 'accept-queue-full' : 'client-timeout');
      }
    }
    this.#sweepArmed = false;
    this.#arm();
  };
}

const call = (root: Strand): Call => root.call!;
