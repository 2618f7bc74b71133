/**
 * The published JSON Schema of the scenario document (draft 2020-12), for editors and other
 * tools. It is generated from {@link scenarioSchema} and committed as
 * `models/scenario/scenario.schema.json` by `npm run schema`; a test fails when the two drift.
 *
 * It describes what users write (`io: 'input'`): unit strings such as `"30s"` stay strings.
 * zod cannot export its refinements, so a few rules the runtime enforces in code are restated
 * here as plain JSON Schema (see {@link restateRefinements}); the rest (units' syntax, p95 > p50,
 * cross-field rules) are only checked by `loadScenario`.
 */
import { z } from 'zod';
import { STEP_KINDS } from '../endpoint/schema.js';
import { scenarioSchema } from './schema.js';

/** The stable identifier of the published schema; documents may name it in `$schema`. */
export const SCENARIO_SCHEMA_ID = 'https://capsim.dev/schema/scenario.schema.json';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function expectObject(v: unknown, where: string): JsonObject {
  if (!isObject(v)) throw new Error(`scenario JSON Schema: expected an object at ${where}`);
  return v;
}

/**
 * Adds to the generated schema the structural rules that zod keeps in refinements:
 * - a step has exactly one of `cpu`, `wait`, `parallel`;
 * - a distribution object has exactly one family key;
 * - `endpoints` and `services` are not empty.
 * Throws when the generated schema no longer has the expected shape, so a change to the zod
 * schema that moves these nodes is noticed when the schema is regenerated.
 */
function restateRefinements(defs: JsonObject): void {
  const step = expectObject(defs.Step, '$defs.Step');
  const stepProps = expectObject(step.properties, '$defs.Step.properties');
  for (const kind of STEP_KINDS) expectObject(stepProps[kind], `$defs.Step.properties.${kind}`);
  step.oneOf = STEP_KINDS.map((kind) => ({ properties: { [kind]: true }, required: [kind] }));

  const dist = expectObject(defs.Distribution, '$defs.Distribution');
  const families = (Array.isArray(dist.anyOf) ? dist.anyOf : []).filter(
    (b): b is JsonObject => isObject(b) && b.type === 'object',
  );
  if (families.length !== 1)
    throw new Error('scenario JSON Schema: expected one object branch in Distribution');
  families[0]!.minProperties = 1;
  families[0]!.maxProperties = 1;

  const scenario = expectObject(defs.Scenario, '$defs.Scenario');
  const props = expectObject(scenario.properties, '$defs.Scenario.properties');
  for (const key of ['endpoints', 'services']) {
    expectObject(props[key], `$defs.Scenario.properties.${key}`).minProperties = 1;
  }
}

/**
 * The JSON Schema of a scenario document as a plain object. Deterministic: the same zod schema
 * always gives the same object, keys in the same order.
 */
export function scenarioJsonSchema(): object {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' }) as JsonObject;
  const { $schema, ...rest } = generated;
  restateRefinements(expectObject(rest.$defs, '$defs'));
  return {
    $schema,
    $id: SCENARIO_SCHEMA_ID,
    title: 'capsim scenario',
    description:
      'A capsim scenario: the load (a k6 executor), the endpoints of the request mix and the services that serve them.',
    ...rest,
  };
}
