/**
 * The connection layers of a pod, checked with deterministic bursts (replayed arrivals all at t = 0
 * and constant `wait` steps, so every figure is exact and worked out by hand in the comments):
 * Tomcat's maxThreads T (running), maxConnections M (accepted; M − T wait in the executor queue),
 * acceptCount A (the kernel's listen backlog), then what Linux does past it (reset with
 * tcp_abort_on_overflow = 1; drop and SYN retransmissions after 1 s, 2 s, 4 s, ... otherwise);
 * Node's event loop; no ready pod; the client timeout; client retries.
 *
 * Arrivals at t = 0 are served in arrival order (the replay executor starts them one by one, FIFO
 * on equal times), so request k below is the k-th of the burst.
 */
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../models/report/summary-types.js';
import { runScenario } from '../../models/scenario/run.js';

const WAIT = '10s';
const T = 4;
const M = 10;
const A = 5;
const N = 30;

interface BurstOptions {
  readonly n?: number;
  /** Extra fields of the load (timeout, retries). */
  readonly load?: Record<string, unknown>;
  /** The service, minus resources. */
  readonly service?: Record<string, unknown>;
  readonly steps?: readonly unknown[];
}

/** N requests at t = 0 against one pod; gracefulStop 5 min so that every request the pod accepted finishes. */
function burst(o: BurstOptions = {}): RunSummary {
  return runScenario({
    name: 'burst',
    load: {
      executor: 'replay',
      arrivals: Array.from({ length: o.n ?? N }, () => 0),
      gracefulStop: '5m',
      ...o.load,
    },
    endpoints: { work: { steps: o.steps ?? [{ wait: WAIT }] } },
    services: { api: { resources: { limits: { cpu: 1 } }, ...o.service } },
  });
}

const tomcat = { maxThreads: T, maxConnections: M, acceptCount: A };

/** The exact value of an estimate from one replication. */
const v = (e: { readonly value: number | null }): number | null => e.value;

describe('Tomcat layering under a burst, tcp_abort_on_overflow = 1', () => {
  // t = 0: requests 1–4 run, 5–10 wait in the executor queue, 11–15 sit in the backlog, 16–30 are
  // reset. Then every 10 s four finish: the queue feeds the threads, the backlog feeds the queue.
  const s = burst({ service: { tomcat, linux: { tcpAbortOnOverflow: true } } });
  const svc = s.services[0]!;

  it('T run at once, M − T wait for a thread, A wait in the backlog, N − M − A are refused', () => {
    expect(v(svc.maxBusyThreads)).toBe(T);
    expect(v(svc.maxQueued)).toBe(M - T);
    expect(v(svc.maxBacklog)).toBe(A);
    expect(v(s.failures['connection-refused'])).toBe(N - M - A);
    expect(v(svc.listenOverflows)).toBe(N - M - A);
    expect(v(s.requests.sent)).toBe(N);
    expect(v(s.requests.succeeded)).toBe(M + A);
    expect(v(s.failures['accept-queue-full'])).toBe(0);
    expect(v(s.failures['client-timeout'])).toBe(0);
  });

  it('the accepted ones finish in rounds of T every 10 s, with the waits accounted where they happened', () => {
    // Finishing at 10, 20, 30 s (four each) and 40 s (three): mean (40 + 80 + 120 + 120)/15 = 24 s.
    expect(v(s.latencyMs.succeeded.mean)).toBe(24_000);
    expect(v(s.latencyMs.succeeded.max)).toBe(40_000);
    // Backlog: 11–14 accepted at 10 s, 15 at 20 s: 60 s over 15 successes.
    expect(v(s.breakdown.backlogMs)).toBe(4_000);
    // Thread queue: 5–8 wait 10 s, 9–10 20 s, 11–12 10 s (after their accept), 13–14 20 s, 15 10 s:
    // 150 s over 15 successes; the wait step itself is the rest.
    expect(v(s.breakdown.threadQueueMs)).toBe(10_000);
    expect(v(s.breakdown.otherMs)).toBe(10_000);
    expect(v(s.breakdown.connectMs)).toBe(0);
    // Eleven requests waited for a thread, 150 s in all.
    expect(v(svc.meanThreadWaitMs)).toBeCloseTo(150_000 / 11, 1);
    // The refused ones fail at once.
    expect(v(s.latencyMs.all.mean)).toBe((15 * 24_000 + 15 * 0) / 30);
  });
});

describe('Tomcat layering under a burst, tcp_abort_on_overflow = 0 (default): SYN retransmissions', () => {
  it.each([
    // timeout (ms), SYNs dropped per overflowing connection: the first one and each retransmission
    // (after 1 s, then 2 s, then 4 s: at 1, 3, 7 s) sent before the client gives up.
    [900, 1],
    [1_100, 2],
    [2_900, 2],
    [3_100, 3],
    [6_900, 3],
    [7_100, 4],
  ])(
    'client timeout %i ms: the N − M − A overflowing connections fail as accept-queue-full after %i drops each',
    (timeoutMs, drops) => {
      // Nothing finishes before 10 s, so the server stays full: every retransmission is dropped
      // again, and the accepted requests time out too (at the same instant, in their phase).
      const s = burst({ load: { timeout: timeoutMs }, service: { tomcat } });
      const svc = s.services[0]!;
      expect(v(s.failures['accept-queue-full'])).toBe(N - M - A);
      expect(v(svc.listenOverflows)).toBe((N - M - A) * drops);
      expect(v(s.failures['connection-refused'])).toBe(0);
      expect(v(s.failures['client-timeout'])).toBe(M + A);
      expect(v(s.timeoutsByPhase.running)).toBe(T);
      expect(v(s.timeoutsByPhase['thread-queue'])).toBe(M - T);
      expect(v(s.timeoutsByPhase.backlog)).toBe(A);
      expect(v(s.requests.succeeded)).toBe(0);
      expect(v(s.latencyMs.all.max)).toBe(timeoutMs);
      expect(v(s.latencyMs.all.mean)).toBe(timeoutMs);
      // The server cannot know: it still serves all M + A connections it accepted.
      expect(v(svc.wastedResponses)).toBe(M + A);
      expect(v(svc.maxBacklog)).toBe(A);
    },
  );

  it('with a long timeout, some get in after retransmitting (connect time in breakdown.connectMs)', () => {
    // Timeout 55 s. t = 0: 1–4 run, 5–10 queue, 11–15 backlog, 16–30 dropped; their retransmissions
    // at 1, 3, 7 s are dropped (the pod is unchanged until 10 s). 10 s: 1–4 done, 5–8 run, 11–14
    // leave the backlog. 15 s: 16–19 fill the backlog (connect 15 s), 20–30 dropped again. 20 s,
    // 30 s: the backlog drains. 31 s: 20–22 accepted (connect 31 s), 23–27 into the backlog, 28–30
    // dropped (next retransmission at 63 s). 40 s, 50 s: 13–16, then 17–20 finish. 55 s: 21–24
    // (running) and 25–27 (thread queue) time out; 28–30 fail retransmitting.
    const s = burst({ load: { timeout: '55s' }, service: { tomcat } });
    const svc = s.services[0]!;
    expect(v(s.requests.succeeded)).toBe(20);
    expect(v(s.failures['accept-queue-full'])).toBe(3);
    expect(v(s.failures['client-timeout'])).toBe(7);
    expect(v(s.timeoutsByPhase.running)).toBe(4);
    expect(v(s.timeoutsByPhase['thread-queue'])).toBe(3);
    expect(v(s.timeoutsByPhase.backlog)).toBe(0);
    // 15 at t = 0, 15 at each of 1, 3, 7 s, 11 at 15 s, 3 at 31 s.
    expect(v(svc.listenOverflows)).toBe(74);
    // Successes 16–19 connected after 15 s, 20 after 31 s: 91 s over 20 successes.
    expect(v(s.breakdown.connectMs)).toBe(4_550);
    // Four successes at each of 10, 20, 30, 40, 50 s.
    expect(v(s.latencyMs.succeeded.mean)).toBe(30_000);
    expect(v(s.latencyMs.succeeded.max)).toBe(50_000);
    // 21–24 finish at 60 s and 25–27 at 70 s, after their client gave up.
    expect(v(svc.wastedResponses)).toBe(7);
  });

  it('T = M, no backlog, default timeout: everybody gets in, after 3 s or 7 s of retransmissions', () => {
    // 25 requests of 1.2 s, 10 threads = 10 connections, acceptCount 0. t = 0: 10 run, 15 dropped;
    // 1 s: 15 dropped again; 1.2 s: 10 done; 3 s: 10 get in, 5 dropped; 7 s: the last 5 get in.
    const s = burst({
      n: 25,
      steps: [{ wait: '1200ms' }],
      service: { tomcat: { maxThreads: 10, maxConnections: 10, acceptCount: 0 } },
    });
    const svc = s.services[0]!;
    expect(v(s.requests.succeeded)).toBe(25);
    expect(v(svc.listenOverflows)).toBe(15 + 15 + 5);
    expect(v(svc.maxBacklog)).toBe(0);
    // (10 × 3000 + 5 × 7000) / 25
    expect(v(s.breakdown.connectMs)).toBe(2_600);
    // (10 × 1200 + 10 × 4200 + 5 × 8200) / 25
    expect(v(s.latencyMs.succeeded.mean)).toBe(3_800);
    expect(v(s.latencyMs.succeeded.max)).toBe(8_200);
    expect(s.bottleneck.component).toBe('service/api/accept-queue');
  });

  it('connect() gives up after tcp_syn_retries retransmissions: accept-queue-full', () => {
    // The pod is full for a minute; with 2 retries each overflowing connection is dropped 3 times.
    const s = burst({
      n: 25,
      load: { timeout: '10m' },
      steps: [{ wait: '1m' }],
      service: {
        tomcat: { maxThreads: 10, maxConnections: 10, acceptCount: 0 },
        linux: { tcpSynRetries: 2 },
      },
    });
    expect(v(s.requests.succeeded)).toBe(10);
    expect(v(s.failures['accept-queue-full'])).toBe(15);
    expect(v(s.failures['client-timeout'])).toBe(0);
    expect(v(s.services[0]!.listenOverflows)).toBe(15 * 3);
  });
});

describe('event-loop pods', () => {
  const steps = [{ cpu: '1ms' }, { wait: WAIT }];

  it('accept every connection: no backlog, no refusals', () => {
    // The 30 CPU jobs run one after another on the event loop (1 ms each), then wait 10 s each
    // holding nothing: latencies 10,001 … 10,030 ms.
    const s = burst({ steps, service: { server: 'event-loop' } });
    const svc = s.services[0]!;
    expect(v(s.requests.succeeded)).toBe(N);
    expect(v(s.requests.failed)).toBe(0);
    expect(v(svc.listenOverflows)).toBe(0);
    expect(v(svc.maxBusyThreads)).toBe(N);
    expect(svc.threadUtilization).toBeNull();
    expect(v(s.latencyMs.succeeded.mean)).toBe(10_015.5);
    expect(v(s.latencyMs.succeeded.max)).toBe(10_030);
    // Waiting for the event loop shows as CPU contention: (0 + 1 + … + 29) / 30 ms.
    expect(v(s.breakdown.cpuContentionMs)).toBe(14.5);
  });

  it('node.maxConnections refuses connections past it', () => {
    const s = burst({ steps, service: { server: 'event-loop', node: { maxConnections: 12 } } });
    expect(v(s.requests.succeeded)).toBe(12);
    expect(v(s.failures['connection-refused'])).toBe(N - 12);
    expect(v(s.services[0]!.listenOverflows)).toBe(N - 12);
    expect(v(s.services[0]!.maxBusyThreads)).toBe(12);
  });
});

describe('no ready pod, client timeout, retries', () => {
  it('replicas 0: every request is refused', () => {
    const s = burst({ n: 10, service: { replicas: 0 } });
    expect(v(s.requests.sent)).toBe(10);
    expect(v(s.failures['connection-refused'])).toBe(10);
    expect(v(s.requests.succeeded)).toBe(0);
    expect(v(s.requests.failureRate)).toBe(1);
    expect(v(s.iterations.failed)).toBe(10);
    expect(v(s.latencyMs.succeeded.mean)).toBeNull();
    expect(s.warnings.map((w) => w.code)).toContain('SCN_WARN_NO_REPLICAS');
  });

  it('a request slower than the timeout fails as client-timeout; the server still finishes it', () => {
    // One thread: request 1 runs 0–5 s, request 2 waits for the thread and runs 5–10 s (the
    // server does not know its client left at 2 s), request 3 likewise 10–15 s.
    const s = burst({
      n: 3,
      load: { timeout: '2s' },
      steps: [{ wait: '5s' }],
      service: { tomcat: { maxThreads: 1 } },
    });
    const svc = s.services[0]!;
    expect(v(s.failures['client-timeout'])).toBe(3);
    expect(v(s.timeoutsByPhase.running)).toBe(1);
    expect(v(s.timeoutsByPhase['thread-queue'])).toBe(2);
    expect(v(s.requests.succeeded)).toBe(0);
    expect(v(s.latencyMs.all.max)).toBe(2_000);
    expect(v(svc.wastedResponses)).toBe(3);
  });

  it('retries {max: 2, backoff: 100ms, jitter: none} on connection-refused: 3 requests per iteration', () => {
    const s = burst({
      n: 5,
      load: { retries: { max: 2, backoff: '100ms', jitter: 'none', on: ['connection-refused'] } },
      service: { replicas: 0 },
    });
    expect(v(s.iterations.started)).toBe(5);
    expect(v(s.requests.sent)).toBe(15);
    expect(v(s.failures['connection-refused'])).toBe(15);
    expect(v(s.iterations.failed)).toBe(5);
    // Waits of 100 ms, then 100 × 2 ms, before the retries; every attempt fails at once.
    expect(v(s.iterations.durationMs.mean)).toBe(300);
    expect(v(s.iterations.durationMs.max)).toBe(300);
  });

  it('a cause not in retries.on is not retried', () => {
    const s = burst({
      n: 5,
      load: { retries: { max: 2, backoff: '100ms', jitter: 'none', on: ['client-timeout'] } },
      service: { replicas: 0 },
    });
    expect(v(s.requests.sent)).toBe(5);
    expect(v(s.iterations.durationMs.mean)).toBe(0);
  });
});
