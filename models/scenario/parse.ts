/**
 * Phase 1 of the pipeline: text (YAML or JSON) or a plain object becomes a validated
 * {@link ScenarioSpec}, then (through `normalize.ts`) a {@link NormalizedScenario}.
 */
import { parseDocument } from 'yaml';
import { ScenarioError } from './errors.js';
import { normalizeScenario } from './normalize.js';
import type { NormalizeResult } from './normalize.js';
import { scenarioSchema } from './schema.js';
import type { ScenarioSpec } from './schema.js';
import { fromZodIssues } from './zod-issues.js';

/**
 * Parses scenario text. YAML 1.2 is a superset of JSON, so one parser reads both.
 * @throws ScenarioError `SCN_ERR_SYNTAX` with the line and column of each syntax error.
 */
export function parseScenarioText(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      'SCN_ERR_SYNTAX',
      doc.errors.map((e) => ({
        path: '',
        // With prettyErrors the first line already ends in the location; keep it once.
        message: `line ${e.linePos?.[0]?.line ?? '?'}, column ${e.linePos?.[0]?.col ?? '?'}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    );
  }
  return doc.toJS({ maxAliasCount: 100 }) as unknown;
}

/**
 * Validates a document against the scenario schema.
 * @throws ScenarioError `SCN_ERR_INVALID` listing every problem with its path.
 */
export function validateScenario(document: unknown): ScenarioSpec {
  // reportInput: zod leaves the offending value out of issues otherwise, and messages need it.
  const result = scenarioSchema.safeParse(document, { reportInput: true });
  if (!result.success) throw new ScenarioError('SCN_ERR_INVALID', fromZodIssues(result.error.issues));
  return result.data;
}

/**
 * Parses (if given text), validates and normalizes a scenario.
 * @throws ScenarioError `SCN_ERR_SYNTAX` or `SCN_ERR_INVALID`.
 */
export function loadScenario(input: string | unknown): NormalizeResult {
  const document = typeof input === 'string' ? parseScenarioText(input) : input;
  return normalizeScenario(validateScenario(document));
}
