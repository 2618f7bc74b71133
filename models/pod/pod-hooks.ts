import type { RequestFailureCause } from '../client/failure-cause.js';
import type { Strand } from '../request/strand.js';

/** What a pod calls back into: the client side of its attempts. */
export interface PodHooks {
  /** The server finished the attempt and sends its response. */
  respond(root: Strand): void;
  /** The connection failed before the server took the request. */
  reject(root: Strand, cause: RequestFailureCause): void;
}
