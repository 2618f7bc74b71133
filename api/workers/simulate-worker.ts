/**
 * The worker-thread side of a simulation: runs one scenario and returns its result as JSON text,
 * so the main thread stores and sends exactly the bytes the worker produced.
 */
import { runScenario } from '../../models/index.js';

/** What the main thread sends. */
export interface SimulateTask {
  /** A validated scenario document (plain JSON). */
  readonly document: unknown;
  readonly seed?: number;
  readonly replications?: number;
}

/** Runs the task (piscina calls the default export). */
export default function simulate(task: SimulateTask): string {
  const options = {
    ...(task.seed === undefined ? {} : { seed: task.seed }),
    ...(task.replications === undefined ? {} : { replications: task.replications }),
  };
  return JSON.stringify(runScenario(task.document, options));
}
