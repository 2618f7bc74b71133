import { expect } from 'vitest';
import { ScenarioError } from '../../models/scenario/errors.js';
import { loadScenario } from '../../models/scenario/parse.js';

/** The ScenarioError `loadScenario` throws for `input` (fails the test if it does not throw one). */
export function scenarioErrorOf(input: unknown): ScenarioError {
  try {
    loadScenario(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error('expected loadScenario to throw a ScenarioError');
}

/** The paths of the problems `loadScenario` reports for `input`. */
export const issuePathsOf = (input: unknown): string[] => scenarioErrorOf(input).issues.map((i) => i.path);
