/**
 * An endpoint compiled for the hot path (simmer's trajectories): a flat array of {@link Op}s that
 * a request walks with a program counter. Every op has the same shape, so the interpreter's
 * property reads stay monomorphic.
 */
import { createSampler } from '../../engine/index.js';
import type { RandomStreams, Sampler } from '../../engine/index.js';
import type { NormalizedStep } from '../scenario/normalized.js';

/** Run CPU work on the pod's CPU. */
export const OP_CPU = 0;
/** Hold the request (and its thread) for a sampled time, using no CPU. */
export const OP_WAIT = 1;
/** Start every branch; continue when all have finished. */
export const OP_PARALLEL = 2;

/** One compiled step. */
export class Op {
  constructor(
    /** One of the `OP_*` codes. */
    readonly code: number,
    /** The step's name, for results. */
    readonly name: string,
    /** Draws the CPU work or wait time in ms (`OP_CPU`, `OP_WAIT`). */
    readonly sample: Sampler,
    /** Branch programs (`OP_PARALLEL`); empty otherwise. */
    readonly branches: readonly (readonly Op[])[],
  ) {}
}

const none: Sampler = () => 0;

/**
 * Compiles steps into ops. Each step draws from its own stream named after its path, so adding a
 * step elsewhere never shifts this step's numbers (common random numbers across what-ifs).
 */
export function compileProgram(steps: readonly NormalizedStep[], streams: RandomStreams, path: string): Op[] {
  return steps.map((step, i) => {
    const at = `${path}/${i}`;
    switch (step.kind) {
      case 'cpu':
        return new Op(OP_CPU, step.name, createSampler(step.work, streams.stream(at)), []);
      case 'wait':
        return new Op(OP_WAIT, step.name, createSampler(step.latency, streams.stream(at)), []);
      case 'parallel':
        return new Op(
          OP_PARALLEL,
          step.name,
          none,
          step.branches.map((b, j) => compileProgram(b, streams, `${at}/${j}`)),
        );
    }
  });
}
