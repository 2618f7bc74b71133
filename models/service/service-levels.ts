import { LevelIntegral } from '../report/level-integral.js';

/** A service's levels summed over its pods, with their time integrals. */
export class ServiceLevels {
  /** Threads running a request (thread-per-request servers). */
  readonly busyThreads = new LevelIntegral();
  /** Accepted connections waiting for a thread (Tomcat's executor queue). */
  readonly queued = new LevelIntegral();
  /** Connections in listen backlogs, not yet accepted. */
  readonly backlog = new LevelIntegral();
  /** Attempts on the service's pods that the client still waits for. */
  readonly inFlight = new LevelIntegral();
  /** Ready pods. */
  readonly readyPods = new LevelIntegral();
  /** Connections refused or reset, and SYNs dropped because an accept queue was full. */
  listenOverflows = 0;
  /** Finished requests whose client had already given up (wasted work). */
  wastedResponses = 0;
  /** Thread waits: count and total ms of requests that got a thread after queueing. */
  threadWaits = 0;
  threadWaitMs = 0;
}
