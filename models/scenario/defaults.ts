/**
 * Every default of the scenario document, in one frozen object, each with the real software it
 * comes from. Nothing else in capsim invents a default: `normalize.ts` reads them from here and
 * the schema's descriptions state the same values.
 */
export const DEFAULTS = Object.freeze({
  scenario: Object.freeze({
    seed: 1,
    replications: 1,
    warmupMs: 0,
    /** Time-series rows per run when no interval is given. */
    timeSeriesRows: 60,
  }),
  k6: Object.freeze({
    // grafana/k6 lib/executor/constant_arrival_rate.go and ramping_arrival_rate.go: TimeUnit 1s.
    timeUnitMs: 1000,
    // ramping_arrival_rate.go: StartRate defaults to 0.
    startRate: 0,
    // lib/executor/base_config.go: GracefulStop 30s.
    gracefulStopMs: 30_000,
    // ramping_vus.go: StartVUs 1, GracefulRampDown 30s.
    startVUs: 1,
    gracefulRampDownMs: 30_000,
    // js/modules/k6/http/request.go: Timeout 60 * time.Second.
    requestTimeoutMs: 60_000,
  }),
  retries: Object.freeze({
    // k6 has no automatic retries; a retry loop is the script author's choice.
    max: 0,
    // Common client-library starting points (e.g. resilience4j's 500 ms, gRPC's 1 s initial
    // backoff with multiplier 1.6); 100 ms / ×2 / 10 s with full jitter follows the AWS
    // Architecture Blog "Exponential Backoff And Jitter" (2015).
    backoffMs: 100,
    multiplier: 2,
    maxBackoffMs: 10_000,
    jitter: 'full' as 'full' | 'none',
  }),
  service: Object.freeze({
    server: 'thread-per-request' as 'thread-per-request' | 'event-loop',
    replicas: 1,
    // ingress-nginx ConfigMap `load-balance` defaults to round_robin; AWS ALB routes round robin.
    balancer: 'round-robin' as 'round-robin' | 'least-connections' | 'random' | 'power-of-two',
  }),
  tomcat: Object.freeze({
    // spring-boot ServerProperties.Tomcat: threads.max 200, max-connections 8192, accept-count 100.
    maxThreads: 200,
    maxConnections: 8192,
    acceptCount: 100,
  }),
  linux: Object.freeze({
    // Documentation/networking/ip-sysctl.rst: somaxconn 4096 since Linux 5.4 (was 128),
    // tcp_abort_on_overflow 0 (off), tcp_syn_retries 6.
    somaxconn: 4096,
    tcpAbortOnOverflow: false,
    tcpSynRetries: 6,
    // RFC 6298 §2.1 and Linux TCP_TIMEOUT_INIT: the first SYN retransmission after 1 s, then
    // doubling (1, 2, 4, ... s).
    synInitialRtoMs: 1000,
  }),
});
