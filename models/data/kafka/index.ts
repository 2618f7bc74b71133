/**
 * Kafka in the data tier: {@link KafkaTopic} models producers' batching (batch size and linger.ms
 * per pod and partition), the broker's append, replication and acks, partition logs, and one
 * consumer group whose consumers process one message at a time through a `ConsumerWorker`
 * (`models/data/messaging`). A producer can wait for the broker's answer or
 * for the message to be consumed. Behaviour and sources: `/work/shared/semantics.md` §8; defaults in
 * `DEFAULTS.kafka` (`models/scenario/defaults.ts`).
 *
 * @module
 */
export { KafkaTopic } from './kafka-topic.js';
export type {
  KafkaAcks,
  KafkaMessage,
  KafkaTopicOptions,
  KafkaTopicStats,
  KafkaWaitFor,
} from './kafka-topic.js';
