/**
 * Seed 002 (002_842ccce4bb040b63.txt): the "Christmas" automated trading platform's scaling
 * guide. It describes an architecture and three load-test commands but reports no measurement, so
 * this preset has nothing to calibrate: it runs the architecture with every component the guide
 * names (nginx least_conn, API pods with an HPA on CPU and memory, PgBouncer in transaction mode,
 * a TimescaleDB primary and read replica, a 3-master Redis cluster, RabbitMQ workers) under the
 * guide's own test commands, and every service time is an assumption listed below.
 */
import type { Preset } from '../types.js';

const DOC = '002_842ccce4bb040b63.txt';

export const tradingPlatform: Preset = {
  name: 'trading-platform',
  title:
    'Trading platform (Python API, nginx least_conn, HPA, PgBouncer, TimescaleDB + replica, Redis cluster, RabbitMQ)',
  document: DOC,
  summary:
    'An automated trading platform in Python: API containers behind nginx least_conn, autoscaled on CPU and ' +
    'memory; TimescaleDB behind PgBouncer in transaction mode with a read replica; a 3-master Redis cluster; ' +
    'RabbitMQ for background tasks. The guide measures nothing: every number of this preset is a prediction ' +
    'from the configuration it gives and the assumptions listed.',
  scenarioFile: new URL('./scenario.yaml', import.meta.url),
  variants: [
    {
      name: 'wrk-orders',
      description:
        'wrk -t12 -c400 -d30s against /api/orders: 400 connections in a closed loop for 30 s (the base scenario).',
      source: `${DOC} §4.2 item 2`,
      set: {},
    },
    {
      name: 'siege-market-data',
      description: 'siege -c100 -t1M against /api/market-data: 100 concurrent users for 1 minute.',
      source: `${DOC} §4.2 item 3`,
      set: {
        'load.vus': 100,
        'load.duration': '1m',
        'endpoints.orders.weight': 0,
        'endpoints.market-data.weight': 1,
      },
    },
    {
      name: 'wrk-orders-10m',
      description:
        'The wrk order load held for 10 minutes instead of 30 s, long enough for the HPA to reach its maximum ' +
        '(a what-if: the guide runs 30 s).',
      source: `${DOC} §4.2 item 2, §5.2.2`,
      set: { 'load.duration': '10m' },
    },
    {
      name: 'swarm-fixed-3',
      description:
        'The Docker Swarm deployment: 3 replicas of 0.5 CPU and no autoscaling (the HPA pinned at 3), under the wrk ' +
        'order load.',
      source: `${DOC} §3.1.3 (Docker Swarm)`,
      set: { 'services.api.autoscaling.maxReplicas': 3 },
    },
  ],
  assumptions: [
    {
      paths: ['load.timeout'],
      what: "wrk's timeout",
      value: 'none within the run (10 minutes)',
      reason:
        'wrk never abandons a request: a response slower than its 2 s --timeout is counted as a timeout error and ' +
        'still awaited (wg/wrk src/wrk.c). The model reports latencies; the share above 2 s is what wrk would ' +
        'call timeouts.',
    },
    {
      paths: ['endpoints.orders.steps'],
      what: 'What an order does',
      value: 'a cached price lookup (replica on a miss), one INSERT through PgBouncer, one task to RabbitMQ',
      reason:
        'The guide names the components but not the request path. This path touches every one of them, in the ' +
        "roles the guide gives them: PgBouncer for the application's writes (§3.2.3), the replica for reads " +
        '(§3.2.2), Redis as the cache (§3.3, §6.1), RabbitMQ for background work (§3.5).',
    },
    {
      paths: ['endpoints.orders.steps[0].cpu', 'endpoints.market-data.steps[0].cpu'],
      what: 'API CPU per request',
      value: '4 ms per order, 3 ms per market-data read (exponential)',
      reason:
        'Not in the guide. A few milliseconds of one core is typical of a Python web framework with validation and an ORM.',
    },
    {
      paths: ['endpoints.orders.steps[1].cache.hitRatio', 'endpoints.market-data.steps[1].cache.hitRatio'],
      what: 'Cache hit ratios',
      value: '95 % for the latest price, 80 % for market-data ranges',
      reason:
        'Not in the guide. A latest price is read far more often than it changes; range reads vary more.',
    },
    {
      paths: [
        'endpoints.orders.steps[1].cache.miss[0].query',
        'endpoints.orders.steps[2].query',
        'endpoints.market-data.steps[1].cache.miss[0].query',
      ],
      what: 'Query costs',
      value: 'price lookup 1 ms CPU + 2 ms I/O; INSERT 0.5 ms + 3 ms; range read 5 ms + 10 ms',
      reason:
        'Not in the guide; an indexed last-row read, a committed insert (WAL flush), a one-day chunk scan.',
    },
    {
      paths: ['services.api.server'],
      what: 'Python server model',
      value: 'one asyncio event loop per container (uvicorn)',
      reason:
        'The guide lists asynchronous request handling among its tunings (§4.3) and gives each container 0.5 CPU; ' +
        'one event loop uses at most that CPU, and waits on the database hold no thread.',
    },
    {
      paths: ['services.api.workingSet'],
      what: 'Memory working set',
      value: '120 MiB at rest, 0.2 MiB per request in progress',
      reason:
        "Not in the guide; it decides whether the HPA's memory metric (80 % of 256 Mi) ever outweighs the CPU one.",
    },
    {
      paths: ['services.api.pools', 'services.worker.pools'],
      what: 'Database driver',
      value: 'SQLAlchemy QueuePool defaults (pool_size 5, max_overflow 10, pool_timeout 30 s)',
      reason:
        'The guide shows a postgresql:// URL (§3.2.3) and no pool settings: the default engine of a Python API.',
    },
    {
      paths: ['services.api.redis.cache'],
      what: 'Redis client',
      value:
        'redis-py (RedisCluster) with its defaults: no socket timeout, a connection per concurrent command',
      reason: 'The Python client of the Redis cluster; the guide sets no option.',
    },
    {
      paths: ['rabbitmq.tasks.network'],
      what: 'Network between pods and RabbitMQ',
      value: '0.25 ms one way',
      reason:
        "A Kubernetes pod network. With a connection per publish (the guide's publish_task) each task costs 8 round " +
        'trips on the request path.',
    },
    {
      paths: ['services.worker', 'rabbitmq.tasks.consumers'],
      what: 'Background workers',
      value: 'one consumer on one 0.5-CPU pod; a task is 10 ms of CPU and one UPDATE',
      reason:
        'consume_tasks (§3.5) is one blocking consumer; the guide does not say how many run or what a task does.',
    },
  ],
  targets: [],
  estimates: [],
};
