/**
 * Consuming messages, whatever the broker: the {@link ConsumerWorker} contract between a broker and
 * the code processing its messages, and {@link DelayWorker}, processing as a plain delay.
 *
 * @module
 */
export type { ConsumerWorker, DeliveredMessage, MessageSource } from './consumer-worker.js';
export { DelayWorker } from './delay-worker.js';
