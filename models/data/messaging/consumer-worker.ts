/**
 * What a message broker (a Kafka topic, a RabbitMQ queue) and the code consuming its messages
 * agree on: the broker hands a consumer one message at a time; the worker reports when it is done.
 */

/** The broker side: told when a consumer has finished a message. */
export interface MessageSource<T> {
  /**
   * Consumer `consumerIndex` has finished `message`. Called by the worker, exactly once per message.
   * @throws Error if `message` is not the one that consumer of this source is processing.
   */
  processed(consumerIndex: number, message: DeliveredMessage<T>): void;
}

/** A message as the consumer's worker sees it. */
export interface DeliveredMessage<T> {
  /** The producing token (a plain payload for the worker; the broker resumes it, never the worker). */
  readonly token: T;
  /** The broker to report to with {@link MessageSource.processed}. */
  readonly source: MessageSource<T>;
  /** Index of the consumer processing it. */
  readonly consumer: number;
}

/** Processes messages for the consumers of one broker. */
export interface ConsumerWorker<T> {
  /**
   * Consumer `consumerIndex` starts processing `message`. The worker must call
   * `message.source.processed(consumerIndex, message)` exactly once when done (possibly
   * synchronously, possibly much later), and must not keep the message afterwards.
   */
  process(consumerIndex: number, message: DeliveredMessage<T>): void;
}
