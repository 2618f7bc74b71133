// The engine's public surface: the generic discrete-event kernel. models/ imports only from here.
export { Environment } from './environment.js';
export type { RunOptions, RunStopReason } from './environment.js';
export { EventHandle, MAX_PRIORITY, NORMAL, URGENT } from './event-queue.js';
export type { EventCallback } from './event-queue.js';
export { Timer } from './timer.js';
export { SimError } from './errors.js';
export type { SimErrorCode } from './errors.js';
export { Resource, ResourceRequest } from './resources/resource.js';
export type {
  ResourceCallback,
  ResourceOptions,
  ResourceRequestOptions,
  ResourceRequestStatus,
} from './resources/resource.js';
export { Store, StoreGet, StorePut } from './resources/store.js';
export type { StoreGetStatus, StoreOptions, StorePutStatus } from './resources/store.js';
export * from './rng/index.js';
export * from './stats/index.js';
export * from './queueing/index.js';
export * from './math/index.js';
export { Deque } from './collections/deque.js';
export { BinaryHeap } from './collections/binary-heap.js';
