/**
 * The committed JSON Schema and reference are generated from the zod schema; this fails when the
 * schema changed and `npm run schema` was not run (or a generated file was edited by hand).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../models/scenario/json-schema.js';
import { GENERATED_FILES, ROOT } from '../../scripts/generate-schema.js';

const committed = (path: string): string | null => {
  try {
    return readFileSync(resolve(ROOT, path), 'utf8');
  } catch {
    return null;
  }
};

describe('generated schema files', () => {
  for (const file of GENERATED_FILES) {
    it(`${file.path} is up to date`, async () => {
      const expected = await file.render();
      const actual = committed(file.path);
      const hint = `${file.path} is out of date with the zod schema: run \`npm run schema\` and commit the result`;
      expect(actual, hint).not.toBeNull();
      // Compare as a boolean first so the message, not a huge diff, is what a reader sees first.
      expect(actual === expected, hint).toBe(true);
    });
  }

  it('the JSON Schema is deterministic and carries its $id', () => {
    const a = JSON.stringify(scenarioJsonSchema());
    const b = JSON.stringify(scenarioJsonSchema());
    expect(a).toBe(b);
    expect(scenarioJsonSchema()).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://capsim.dev/schema/scenario.schema.json',
      title: 'capsim scenario',
    });
  });
});
