/**
 * Generates the files derived from the scenario schema (`npm run schema`):
 *
 * - `models/scenario/scenario.schema.json`: the published JSON Schema;
 * - `docs/scenario-reference.md`: the user reference of every field.
 *
 * Both are formatted with the repository's prettier settings, so `prettier --check` accepts them.
 * `test/scenario/schema-drift.test.ts` renders them in memory and fails when the committed files
 * differ, i.e. when the schema changed and this script was not run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { scenarioJsonSchema } from '../models/scenario/json-schema.js';
import { renderReference as renderReferenceMarkdown } from '../models/scenario/reference-doc.js';

/** The repository root. */
export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Where the generated files live, relative to the root. */
export const SCHEMA_JSON_PATH = 'models/scenario/scenario.schema.json';
export const REFERENCE_PATH = 'docs/scenario-reference.md';

async function prettify(text: string, relativePath: string): Promise<string> {
  const filepath = resolve(ROOT, relativePath);
  const config = (await resolveConfig(filepath)) ?? {};
  return format(text, { ...config, filepath });
}

/** The JSON Schema file's content: 2-space JSON in the generated key order, with a final newline. */
export function renderSchemaJson(): Promise<string> {
  return prettify(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`, SCHEMA_JSON_PATH);
}

/** The Markdown reference's content. */
export function renderReference(): Promise<string> {
  return prettify(renderReferenceMarkdown(), REFERENCE_PATH);
}

/** Every generated file: path relative to the root, and its renderer. */
export const GENERATED_FILES: readonly { path: string; render: () => Promise<string> }[] = [
  { path: SCHEMA_JSON_PATH, render: renderSchemaJson },
  { path: REFERENCE_PATH, render: renderReference },
];

async function main(): Promise<void> {
  for (const file of GENERATED_FILES) {
    await mkdir(dirname(resolve(ROOT, file.path)), { recursive: true });
    await writeFile(resolve(ROOT, file.path), await file.render(), 'utf8');
    console.log(`wrote ${file.path}`);
  }
}

const invoked = process.argv[1];
if (invoked !== undefined && import.meta.url === pathToFileURL(resolve(invoked)).href) {
  await main();
}
