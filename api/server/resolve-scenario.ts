/**
 * Turns a request's scenario (inline, or a preset with a variant and overrides) into a validated
 * scenario document, or an {@link ApiError}: 400 for a document that does not match the schema,
 * 422 for one that cannot run.
 */
import { normalizeScenario, parseScenarioText, ScenarioError, validateScenario } from '../../models/index.js';
import type { NormalizeResult } from '../../models/index.js';
import { CalibrationError } from '../../models/calibration/errors.js';
import { withValues } from '../../models/calibration/document-path.js';
import { presetScenario } from '../../models/presets/index.js';
import { offeredLoadAssignments } from '../../models/sweep/offered-load.js';
import { ApiError } from './errors.js';

/** A scenario as a request gives it. */
export interface ScenarioRef {
  readonly scenario?: unknown;
  readonly preset?: {
    readonly name: string;
    readonly variant?: string | undefined;
    /** Fields to change, by document path (`services.api.replicas`). */
    readonly set?: Readonly<Record<string, unknown>> | undefined;
  };
  /** Fields to change, by document path, in the scenario or the preset's variant (after `preset.set`). */
  readonly set?: Readonly<Record<string, unknown>> | undefined;
  /** The offered load (the sweeps' shorthand), applied last. */
  readonly load?: number | undefined;
}

/** The document to run and its normalized form. */
export interface ResolvedScenario {
  readonly document: unknown;
  readonly normalized: NormalizeResult;
}

/**
 * Resolves and checks the scenario.
 * @throws ApiError `API_ERR_INVALID_REQUEST` (neither or both of scenario and preset),
 *   `API_ERR_NOT_FOUND` (unknown preset or variant), `API_ERR_INVALID_SCENARIO`,
 *   `API_ERR_IMPOSSIBLE_SCENARIO`.
 */
export function resolveScenario(ref: ScenarioRef): ResolvedScenario {
  if ((ref.scenario === undefined) === (ref.preset === undefined))
    throw new ApiError('API_ERR_INVALID_REQUEST', 'give exactly one of scenario and preset', [
      { path: 'scenario', message: 'give exactly one of scenario and preset' },
    ]);
  let document = ref.preset === undefined ? inlineDocument(ref.scenario) : presetDocument(ref.preset);
  if (ref.set !== undefined) document = withSet(document, ref.set);
  let spec = validated(document);
  if (ref.load !== undefined) {
    const load = offeredLoadAssignments(document as Record<string, unknown>, ref.load);
    if (!load.ok)
      throw new ApiError('API_ERR_INVALID_REQUEST', load.message, [{ path: 'load', message: load.message }]);
    document = withValues(document, load.assignments);
    spec = validated(document);
  }
  try {
    return { document, normalized: normalizeScenario(spec) };
  } catch (e) {
    if (e instanceof ScenarioError)
      throw new ApiError('API_ERR_IMPOSSIBLE_SCENARIO', e.message.split('\n')[0]!, e.issues);
    throw e;
  }
}

// Each assignment's error is reported at its own path, where a form shows it beside the field.
function withSet(document: unknown, set: Readonly<Record<string, unknown>>): unknown {
  const issues: { path: string; message: string }[] = [];
  let out = document;
  for (const [path, value] of Object.entries(set)) {
    try {
      out = withValues(out, [[path, value]]);
    } catch (e) {
      if (!(e instanceof CalibrationError)) throw e;
      issues.push({ path, message: e.message });
    }
  }
  if (issues.length > 0) throw new ApiError('API_ERR_INVALID_REQUEST', `set: ${issues[0]!.message}`, issues);
  return out;
}

// A scenario given as text (a pasted YAML or JSON file) is parsed here, its syntax errors with lines.
function inlineDocument(scenario: unknown): unknown {
  if (typeof scenario !== 'string') return scenario;
  try {
    return parseScenarioText(scenario);
  } catch (e) {
    if (e instanceof ScenarioError)
      throw new ApiError('API_ERR_INVALID_SCENARIO', e.message.split('\n')[0]!, e.issues);
    throw e;
  }
}

function validated(document: unknown): ReturnType<typeof validateScenario> {
  try {
    return validateScenario(document);
  } catch (e) {
    if (e instanceof ScenarioError)
      throw new ApiError('API_ERR_INVALID_SCENARIO', e.message.split('\n')[0]!, e.issues);
    throw e;
  }
}

function presetDocument(ref: NonNullable<ScenarioRef['preset']>): unknown {
  let doc;
  try {
    doc = presetScenario(ref.name, ref.variant);
  } catch (e) {
    if (e instanceof CalibrationError) throw new ApiError('API_ERR_NOT_FOUND', e.message);
    throw e;
  }
  try {
    return withValues(doc, Object.entries(ref.set ?? {}));
  } catch (e) {
    if (e instanceof CalibrationError)
      throw new ApiError('API_ERR_INVALID_REQUEST', e.message, [{ path: 'preset.set', message: e.message }]);
    throw e;
  }
}
