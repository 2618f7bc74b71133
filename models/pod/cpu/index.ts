/**
 * CPU models of a pod: how a CPU limit (cores, possibly fractional) turns the CPU work of requests
 * into completion times.
 *
 * - {@link ProcessorSharingCpu}: thread-per-request servers (Tomcat), egalitarian processor sharing
 *   with a per-thread cap.
 * - {@link EventLoopCpu}: Node.js, one thread running jobs one at a time, FIFO.
 *
 * @module
 */

export { ProcessorSharingCpu } from './processor-sharing-cpu.js';
export type { ProcessorSharingCpuOptions } from './processor-sharing-cpu.js';
export { EventLoopCpu } from './event-loop-cpu.js';
export type { EventLoopCpuOptions } from './event-loop-cpu.js';

/**
 * What a pod sees of its CPU, whatever the scheduling model. Work is CPU time in ms at one full core;
 * the model calls the `onDone` callback given at construction with each finished item.
 */
export interface CpuModel<T> {
  /**
   * Hands a job to the CPU; it finishes later through `onDone`, never synchronously here.
   * @throws RangeError if `workMs` is not a finite number ≥ 0.
   */
  submit(item: T, workMs: number): void;
  /** Jobs in service now. */
  readonly active: number;
  /** Jobs waiting for service (0 for processor sharing, where every job is in service). */
  readonly queued: number;
  /** Cores in use now (≤ `cores`). */
  readonly busyCores: number;
  /** Current CPU limit (cores). */
  readonly cores: number;
  /** Jobs completed so far. */
  readonly completed: number;
  /** Integral of `busyCores` over time up to now (core·ms); utilization = this / (cores · elapsed ms). */
  busyCoreMs(): number;
  /**
   * Changes the CPU limit from now on; work already done is kept.
   * @throws RangeError if `cores` is not a finite number > 0.
   */
  setCores(cores: number): void;
}
