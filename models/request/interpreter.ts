/**
 * Walks strands through their compiled programs: a small state machine, not a promise. `advance`
 * runs ops until one has to wait (CPU, a timed wait, branches), and the component that ends the
 * wait calls `advance` again.
 */
import type { Environment } from '../../engine/index.js';
import { OP_CPU, OP_PARALLEL, OP_WAIT } from '../endpoint/program.js';
import { Strand } from './strand.js';

/** Runs strands; one per replication (it holds the environment). */
export class Interpreter {
  readonly #env: Environment;

  constructor(env: Environment) {
    this.#env = env;
  }

  /**
   * Continues `strand` from its program counter. Called when an attempt starts running on a
   * pod, and as the completion callback of CPU work and waits.
   */
  readonly advance = (strand: Strand): void => {
    const ops = strand.ops;
    if (strand.pc === ops.length) {
      this.#strandDone(strand);
      return;
    }
    const op = ops[strand.pc++]!;
    switch (op.code) {
      case OP_CPU:
        strand.root.pod!.runCpu(strand, op.sample());
        return;
      case OP_WAIT:
        this.#env.schedule(op.sample(), this.advance, strand);
        return;
      case OP_PARALLEL: {
        const branches = op.branches;
        strand.pending = branches.length;
        for (let i = 0; i < branches.length; i++) this.advance(new Strand(branches[i]!, null, strand));
        return;
      }
    }
  };

  #strandDone(strand: Strand): void {
    const parent = strand.parent;
    if (parent === null) {
      strand.pod!.finish(strand);
    } else if (--parent.pending === 0) {
      this.advance(parent);
    }
  }
}
