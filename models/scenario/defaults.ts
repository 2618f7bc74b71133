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
  hikari: Object.freeze({
    // brettwooldridge/HikariCP HikariConfig.java: DEFAULT_POOL_SIZE 10, CONNECTION_TIMEOUT 30 s;
    // minimumIdle defaults to maximumPoolSize (a fixed-size pool). Spring Boot adds no override.
    maximumPoolSize: 10,
    connectionTimeoutMs: 30_000,
    // HikariPool.PoolEntryCreator: after a failed connect it sleeps 10 ms, doubling to at most 5 s.
    createBackoffInitialMs: 10,
    createBackoffMaxMs: 5_000,
  }),
  mysql2: Object.freeze({
    // sidorares/node-mysql2 lib/pool_config.js: connectionLimit 10, waitForConnections true,
    // queueLimit 0 (unlimited).
    connectionLimit: 10,
    waitForConnections: true,
    queueLimit: 0,
  }),
  sqlalchemy: Object.freeze({
    // sqlalchemy lib/sqlalchemy/pool/impl.py QueuePool: pool_size 5, max_overflow 10, timeout 30 s
    // (create_engine's pool_size, max_overflow, pool_timeout).
    poolSize: 5,
    maxOverflow: 10,
    poolTimeoutMs: 30_000,
  }),
  mongodb: Object.freeze({
    // mongodb/mongo-java-driver ConnectionPoolSettings: maxSize 100, maxConnecting 2, maxWaitTime
    // 2 minutes (the Node driver's waitQueueTimeoutMS 0 waits forever); the driver's read
    // preference is primary unless set.
    maxPoolSize: 100,
    maxConnecting: 2,
    maxWaitTimeMs: 120_000,
    readPreference: 'primary' as
      'primary' | 'primaryPreferred' | 'secondary' | 'secondaryPreferred' | 'nearest',
    // mongodb/mongo src/mongo/transport/session_manager_common.cpp: connections are capped at
    // 0.8 × the file-descriptor limit / 2 (maxIncomingConnections defaults to 1,000,000); with the
    // ulimit -n of 64,000 MongoDB's production notes recommend, 25,600.
    maxIncomingConnections: 25_600,
  }),
  database: Object.freeze({
    // MySQL and MariaDB server system variables: max_connections 151.
    maxConnections: 151,
    // MySQL innodb_lock_wait_timeout: 50 s, then error 1205.
    lockWaitTimeoutMs: 50_000,
    // Connection set-up (TCP + handshake + auth) inside a data centre; semantics.md §3 observed
    // 1–6 ms for a refused connect on loopback [inferred: 2 ms].
    connectMs: 2,
    // AWS RDS CHAP_Limits: MySQL/MariaDB {DBInstanceClassMemory/12582880}; PostgreSQL
    // LEAST({DBInstanceClassMemory/9531392}, 5000).
    rdsMysqlBytesPerConnection: 12_582_880,
    rdsPostgresBytesPerConnection: 9_531_392,
    rdsPostgresMaxConnectionsCap: 5_000,
    // DBInstanceClassMemory is the class memory minus what the OS and RDS reserve; AWS's example
    // puts 16 GiB at "around 1,300" connections, about 5 % below the nominal 1,365 [inferred].
    rdsReservedMemoryFraction: 0.05,
  }),
  pgbouncer: Object.freeze({
    // pgbouncer doc/config.md: pool_mode session, default_pool_size 20, max_client_conn 100,
    // reserve_pool_size 0, reserve_pool_timeout 5 s, query_wait_timeout 120 s.
    poolMode: 'session' as 'session' | 'transaction' | 'statement',
    defaultPoolSize: 20,
    maxClientConn: 100,
    reservePoolSize: 0,
    reservePoolTimeoutMs: 5_000,
    queryWaitTimeoutMs: 120_000,
    // src/main.c CF_ABS default "15": after a failed server login no new server connection for 15 s.
    serverLoginRetryMs: 15_000,
  }),
  proxysql: Object.freeze({
    // sysown/proxysql lib/MySQL_Thread.cpp: mysql-max_connections 10000 (client side),
    // mysql-connect_timeout_server_max 10 s; mysql_servers.max_connections DEFAULT 1000.
    maxClientConnections: 10_000,
    maxBackendConnections: 1_000,
    connectTimeoutServerMaxMs: 10_000,
    // lib/MySQL_Thread.cpp: mysql-connect_retries_on_failure 10, mysql-connect_retries_delay 1 ms.
    connectRetriesOnFailure: 10,
    connectRetriesDelayMs: 1,
  }),
  redis: Object.freeze({
    // redis-doc topics/latency.md: a 1 Gbit/s network adds about 200 µs per round trip.
    rttMs: 0.2,
    // redis-doc topics/latency.md: "sub microsecond" processing for simple commands; with
    // parsing and the socket write a simple command costs about 10 µs of the main thread
    // [inferred from ~100 k non-pipelined commands/s per thread in redis-benchmark runs].
    commandMs: 0.01,
    // PUBLISH is O(N+M) (redis.io, PUBLISH): writing the message to each subscriber's output
    // buffer; about 2 µs per subscriber [inferred, a fifth of a simple command's cost].
    publishPerSubscriberMs: 0.002,
  }),
  redisson: Object.freeze({
    // redisson SingleServerConfig/BaseConfig: connectionPoolSize 64, timeout 3000 ms,
    // retryAttempts 4; retryDelay EqualJitterDelay(1000 ms, 2000 ms) since 3.48.0.
    connectionPoolSize: 64,
    timeoutMs: 3_000,
    retryAttempts: 4,
    retryDelayBaseMs: 1_000,
    retryDelayMaxMs: 2_000,
  }),
  lettuce: Object.freeze({
    // redis/lettuce RedisURI.DEFAULT_TIMEOUT: 60 s.
    timeoutMs: 60_000,
  }),
  redisPy: Object.freeze({
    // redis/redis-py redis/connection.py: socket_timeout None (wait forever); ConnectionPool
    // max_connections 2**31 (no client-side wait).
    socketTimeoutMs: null as number | null,
  }),
  kafka: Object.freeze({
    // apache/kafka ProducerConfig: acks all, linger.ms 5 (0 before 4.0, KIP-1030),
    // batch.size 16384 bytes.
    acks: 'all' as 'all' | '1' | '0',
    lingerMs: 5,
    batchSizeBytes: 16_384,
    // A small JSON event [inferred]; only the number of messages per batch depends on it.
    messageBytes: 1_000,
    partitions: 1,
    // Inside one data centre [inferred]: one-way network 0.1 ms, a leader append to the page
    // cache 1 ms, and for acks=all one follower fetch round trip more, 2 ms.
    networkMs: 0.1,
    appendMs: 1,
    replicationMs: 2,
  }),
  rabbitmq: Object.freeze({
    // rabbitmq-server deps/rabbit/Makefile: default_consumer_prefetch {false, 0}, no limit; pika
    // sends no basic.qos unless asked. Publisher confirms are off unless enabled (pika
    // confirm_delivery, py-amqp Connection confirm_publish=False).
    prefetch: 0,
    confirms: false,
    connectionPerPublish: false,
    // Inside one data centre [inferred], as for Kafka. A classic queue runs on one core at tens of
    // thousands of messages per second (rabbitmq.com blog 2024-08-21, AMQP benchmarks: 88.5k/s),
    // i.e. ~10 µs per message; 0.1 ms from receipt to ready allows for routing [inferred].
    networkMs: 0.1,
    enqueueMs: 0.1,
  }),
  pod: Object.freeze({
    // semantics.md §1.7: ReplicaSet controller and scheduler take about 1 s with room on a node
    // [not verified]; an image cached on the node pulls in no time.
    scheduleMs: 1_000,
    imagePullMs: 0,
    // Container start to a passing readiness probe: a Spring Boot or NestJS service takes seconds
    // to tens of seconds [inferred: 10 s].
    startMs: 10_000,
    // Probe API (k8s.io/api core/v1 Probe): initialDelaySeconds 0, periodSeconds 10,
    // successThreshold 1.
    probeInitialDelayMs: 0,
    probePeriodMs: 10_000,
    probeSuccessThreshold: 1,
    // PodSpec terminationGracePeriodSeconds: 30.
    terminationGracePeriodMs: 30_000,
    // Working set of an idle JVM or Node service, and per request in progress [inferred].
    workingSetBaseBytes: 256 * 2 ** 20,
    workingSetPerRequestBytes: 2 ** 20,
  }),
  hpa: Object.freeze({
    // kube-controller-manager config/v1alpha1/defaults.go: sync period 15 s, tolerance 0.1,
    // cpu-initialization-period 5 min, initial-readiness-delay 30 s, downscale stabilization 5 min.
    syncPeriodMs: 15_000,
    tolerance: 0.1,
    cpuInitializationPeriodMs: 300_000,
    initialReadinessDelayMs: 30_000,
    downscaleStabilizationMs: 300_000,
    // pkg/apis/autoscaling/v2/defaults.go: no metrics means CPU utilization 80 %.
    defaultCpuUtilizationPercent: 80,
    // kubernetes-sigs/metrics-server manifests/base/deployment.yaml: --metric-resolution=15s.
    metricResolutionMs: 15_000,
  }),
  clusterAutoscaler: Object.freeze({
    // A cloud VM joining the cluster and turning Ready takes minutes [inferred: 2 min].
    provisionDelayMs: 120_000,
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
