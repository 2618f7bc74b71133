/**
 * RabbitMQ in the data tier: {@link RabbitQueue}, one queue with publishers (optionally a
 * connection per publish, optionally publisher confirms) and competing consumers with prefetch
 * credit, processing through a `ConsumerWorker` (`models/data/messaging`). Defaults in
 * `DEFAULTS.rabbitmq` (`models/scenario/defaults.ts`).
 *
 * @module
 */
export { CLOSE_ROUND_TRIPS, RabbitQueue, SETUP_ROUND_TRIPS } from './rabbit-queue.js';
export type { RabbitQueueOptions, RabbitQueueStats, RabbitWaitFor } from './rabbit-queue.js';
