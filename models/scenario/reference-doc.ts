/**
 * Renders `docs/scenario-reference.md`, the user reference of the scenario document, from the
 * published JSON Schema ({@link scenarioJsonSchema}): every field with its path, type, default and
 * description comes from the schema, so the reference cannot say something the validator does not
 * do. Only the introduction and the short unit-syntax notes below are written by hand.
 *
 * The output is plain Markdown; `scripts/generate-schema.ts` formats it with prettier and writes it.
 */
import { z } from 'zod';
import { scenarioJsonSchema } from './json-schema.js';
import { cpuCores, durationMs, fraction, memoryBytes, ratePerSec } from './schema-units.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asObject = (v: unknown): Json => (isObject(v) ? v : {});
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** One row of a field table. */
interface Row {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly description: string;
}

/** The unit schemas, in the order the reference lists them. */
const UNITS = [
  {
    schema: durationMs,
    syntax:
      'a number followed by `ns`, `us`, `ms`, `s`, `m`, `h` or `d`, parts may be chained (`1m30s`); `0`; or a bare number of milliseconds.',
  },
  {
    schema: ratePerSec,
    syntax: '`count/unit` where the unit is a duration (`/s`, `/m`, `/100ms`); or a bare number per second.',
  },
  {
    schema: cpuCores,
    syntax:
      'a Kubernetes quantity: `250m` (millicores), `1`, `1.5`, `2e0`; or a bare number of cores. Must be ≥ 0.',
  },
  {
    schema: memoryBytes,
    syntax:
      'a Kubernetes quantity: `512Mi`, `1Gi` (binary suffixes Ki, Mi, Gi, Ti), `500M`, `1G` (decimal k, M, G, T); or a bare number of bytes.',
  },
  {
    schema: fraction,
    syntax:
      '`70%` (a number followed by `%`), or a bare number in [0, 1] as a fraction. A bare number above 1 is refused.',
  },
] as const;

/** Where each `$defs` entry is explained in the reference (a Markdown anchor). */
function anchorOf(def: string): string {
  if (def === 'Step') return '#steps';
  if (def === 'Distribution') return '#distributions';
  return `#${def.toLowerCase()}`;
}

const refName = (s: Json): string | undefined => str(s.$ref)?.replace('#/$defs/', '');

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function bounds(s: Json): string {
  const parts: string[] = [];
  if (typeof s.minimum === 'number' && s.minimum > -MAX_SAFE) parts.push(`≥ ${fmtNumber(s.minimum)}`);
  if (typeof s.exclusiveMinimum === 'number') parts.push(`> ${fmtNumber(s.exclusiveMinimum)}`);
  if (typeof s.maximum === 'number' && s.maximum < MAX_SAFE) parts.push(`≤ ${fmtNumber(s.maximum)}`);
  if (typeof s.exclusiveMaximum === 'number') parts.push(`< ${fmtNumber(s.exclusiveMaximum)}`);
  return parts.length === 0 ? '' : ` ${parts.join(', ')}`;
}

// 1000000 → "1,000,000" (by hand: the output must not depend on the host's locale data).
const fmtNumber = (n: number): string =>
  Number.isInteger(n) && Math.abs(n) >= 10_000 ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : String(n);

function itemCount(s: Json): string {
  const min = typeof s.minItems === 'number' ? s.minItems : undefined;
  const max = typeof s.maxItems === 'number' ? s.maxItems : undefined;
  if (min !== undefined && min === max) return ` (exactly ${min})`;
  if (min !== undefined && min > 0) return ` (at least ${min})`;
  return '';
}

/** A discriminated union: every branch fixes the same key to a constant. */
function discriminator(s: Json): string | undefined {
  const branches = asArray(s.oneOf).map(asObject);
  if (branches.length === 0) return undefined;
  const first = Object.entries(asObject(branches[0]!.properties)).find(
    ([, p]) => asObject(p).const !== undefined,
  );
  if (first === undefined) return undefined;
  const key = first[0];
  return branches.every((b) => asObject(asObject(b.properties)[key]).const !== undefined) ? key : undefined;
}

/** The type of a schema node, as Markdown. */
function typeOf(s: Json): string {
  const ref = refName(s);
  if (ref !== undefined) return `[${ref}](${anchorOf(ref)})`;
  if (s.const !== undefined) return `\`${String(s.const)}\``;
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => `\`${String(v)}\``).join(', ')}`;
  const key = discriminator(s);
  if (key !== undefined) return `object, by \`${key}\``;
  if (Array.isArray(s.anyOf)) return s.anyOf.map((b) => typeOf(asObject(b))).join(' or ');
  if (Array.isArray(s.type)) return s.type.join(' or ');
  switch (s.type) {
    case 'integer':
      return `integer${bounds(s)}`;
    case 'number':
      return `number${bounds(s)}`;
    case 'string': {
      if (typeof s.pattern === 'string') return `string matching \`${s.pattern}\``;
      return s.minLength === 1 ? 'non-empty string' : 'string';
    }
    case 'boolean':
      return 'boolean';
    case 'array': {
      if (Array.isArray(s.prefixItems)) {
        return `list of ${s.prefixItems.length}: ${s.prefixItems.map((i) => typeOf(asObject(i))).join(', ')}`;
      }
      const items = asObject(s.items);
      return `list of ${items.type === 'array' ? `(${typeOf(items)})` : typeOf(items)}${itemCount(s)}`;
    }
    case 'object': {
      if (isObject(s.additionalProperties)) {
        const names = asObject(s.propertyNames);
        const pattern = typeof names.pattern === 'string' ? ` (names match \`${names.pattern}\`)` : '';
        return `map of name → ${typeOf(s.additionalProperties)}${pattern}`;
      }
      return 'object';
    }
    default:
      return '';
  }
}

/** Adds a row for the node at `path`, then rows for its fields (objects, maps, lists of objects). */
function fieldsOf(s: Json, path: string, required: boolean, rows: Row[]): void {
  rows.push({ path, type: typeOf(s), required, description: str(s.description) ?? '' });
  children(s, path, rows);
}

function children(s: Json, path: string, rows: Row[]): void {
  if (refName(s) !== undefined || discriminator(s) !== undefined) return;
  if (isObject(s.properties)) {
    const req = asArray(s.required);
    for (const [key, p] of Object.entries(s.properties)) {
      fieldsOf(asObject(p), path === '' ? key : `${path}.${key}`, req.includes(key), rows);
    }
    return;
  }
  if (s.type === 'object' && isObject(s.additionalProperties)) {
    fieldsOf(s.additionalProperties, `${path}.<name>`, false, rows);
    return;
  }
  if (s.type === 'array' && isObject(s.items) && s.items.type === 'object') {
    children(s.items, `${path}[]`, rows);
    return;
  }
  if (s.type === 'array' && Array.isArray(s.prefixItems)) {
    const items = s.prefixItems.map(asObject);
    const same = items.every((i) => JSON.stringify(i) === JSON.stringify(items[0]));
    items.forEach((item, i) => {
      if (item.type === 'object' && (i === 0 || !same))
        children(item, same ? `${path}[]` : `${path}[${i}]`, rows);
    });
    return;
  }
  for (const branch of asArray(s.anyOf)) {
    const b = asObject(branch);
    if (b.type === 'object') children(b, path, rows);
  }
}

// "… Default 30s (k6)." → "30s (k6)"; "false (default) drops …" → "false";
// "(defaults to the kind and index)" → "the kind and index".
const DEFAULT_SENTENCE = /(?:^|\s)Default:?\s+(.+?)\.(?:\s|$)/;
const DEFAULT_AFTER = /(\S+) \(default\)/;
const DEFAULTS_TO = /\(defaults to ([^)]+)\)/;

/** The default a description states, and the description without its "Default …" sentence. */
export function splitDefault(description: string): { default: string | undefined; text: string } {
  const sentence = DEFAULT_SENTENCE.exec(description);
  if (sentence !== null) {
    const text = (
      description.slice(0, sentence.index) + description.slice(sentence.index + sentence[0].length)
    )
      .replace(/\s+/g, ' ')
      .trim();
    return { default: sentence[1], text };
  }
  const after = DEFAULT_AFTER.exec(description) ?? DEFAULTS_TO.exec(description);
  return { default: after?.[1], text: description };
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function table(rows: readonly Row[], first = 'Field'): string {
  const lines = [`| ${first} | Type | Default | Description |`, '| --- | --- | --- | --- |'];
  for (const r of rows) {
    const { default: dflt, text } = splitDefault(r.description);
    const shown = r.required ? '**required**' : dflt !== undefined ? cell(dflt) : '—';
    lines.push(`| \`${r.path}\` | ${cell(r.type)} | ${shown} | ${cell(text)} |`);
  }
  return lines.join('\n');
}

const section = (...parts: (string | undefined | false)[]): string =>
  parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n\n');

const INTRO = `<!-- Generated by \`npm run schema\` (scripts/generate-schema.ts) from the zod schema in models/scenario/schema.ts. Do not edit by hand: edit the schema's descriptions and regenerate. -->

# Scenario reference

A capsim scenario is one YAML (or JSON) document that says what load is sent (a k6 executor),
which requests it makes (the endpoints and their steps), and what serves them (the services:
Deployments of Tomcat or Node.js pods). \`capsim\` validates it, applies the defaults of the real
software it mirrors (k6, Spring Boot, Kubernetes, Linux), and simulates it.

Editors can validate and complete scenarios with the JSON Schema
[\`models/scenario/scenario.schema.json\`](../models/scenario/scenario.schema.json): point a
document's \`$schema\` field, or your editor's YAML schema setting, at it. Runnable examples are in
[\`examples/\`](../examples/).

Paths below are written the way error messages print them: \`<name>\` stands for a key you choose
(an endpoint or service name), \`[]\` for any item of a list. Fields marked **required** must be
written; every other field has the default shown. Quantities accept the [unit syntaxes](#units)
(\`"30s"\`, \`"600/s"\`, \`"500m"\`, \`"70%"\`).`;

/** The reference document as Markdown (not yet formatted by prettier). */
export function renderReference(): string {
  const schema = scenarioJsonSchema() as Json;
  const defs = asObject(schema.$defs);
  const root = asObject(defs.Scenario);
  const props = asObject(root.properties);
  const required = asArray(root.required);
  const out: string[] = [INTRO];

  // Top level: every field except the big blocks, which get their own sections.
  const blocks: Record<string, string> = {
    load: '#load',
    endpoints: '#endpoints',
    services: '#services',
    databases: '#data-tier',
    multiplexers: '#data-tier',
    redis: '#data-tier',
    kafka: '#data-tier',
    rabbitmq: '#data-tier',
    rateLimiters: '#data-tier',
  };
  const top: Row[] = [];
  for (const [key, p] of Object.entries(props)) {
    const s = asObject(p);
    const anchor = blocks[key];
    if (anchor === undefined) fieldsOf(s, key, required.includes(key), top);
    else {
      const description = `${str(s.description) ?? ''} See [${key}](${anchor}).`.trim();
      top.push({ path: key, type: typeOf(s), required: required.includes(key), description });
    }
  }
  out.push(section('## Document', str(root.description) ?? str(schema.description), table(top)));

  // Load: the fields every executor shares, then one section per executor.
  const load = asObject(props.load);
  const key = discriminator(load) ?? 'executor';
  const variants = asArray(load.oneOf).map(asObject);
  const variantProps = variants.map((v) => asObject(v.properties));
  const shared = Object.keys(variantProps[0] ?? {}).filter(
    (k) =>
      k !== key &&
      variantProps.every((vp) => JSON.stringify(vp[k]) === JSON.stringify(variantProps[0]![k])) &&
      variants.every((v) => !asArray(v.required).includes(k)),
  );
  const sharedRows: Row[] = [];
  for (const k of shared) fieldsOf(asObject(variantProps[0]![k]), `load.${k}`, false, sharedRows);
  out.push(
    section(
      '## Load',
      str(load.description),
      `\`load\` is an object whose \`${key}\` field picks one of ${variants.length} executors: ${variants
        .map((v) => {
          const name = String(asObject(asObject(v.properties)[key]).const);
          return `[\`${name}\`](#${name})`;
        })
        .join(', ')}.`,
      '### Fields of every executor',
      table(sharedRows),
    ),
  );
  for (const v of variants) {
    const vp = asObject(v.properties);
    const name = String(asObject(vp[key]).const);
    const req = asArray(v.required);
    const rows: Row[] = [];
    for (const [k, p] of Object.entries(vp)) {
      if (!shared.includes(k)) fieldsOf(asObject(p), `load.${k}`, req.includes(k), rows);
    }
    out.push(
      section(
        `### \`${name}\``,
        str(v.description),
        table(rows),
        shared.length > 0 &&
          `Also: ${shared.map((k) => `\`load.${k}\``).join(', ')} ([every executor](#fields-of-every-executor)).`,
      ),
    );
  }

  // Endpoints and services.
  for (const [block, title] of [
    ['endpoints', '## Endpoints'],
    ['services', '## Services'],
  ] as const) {
    const rows: Row[] = [];
    fieldsOf(asObject(props[block]), block, required.includes(block), rows);
    out.push(section(title, table(rows)));
  }

  // The data tier: its top-level blocks, then one section per union of variants (pools by
  // driver, multiplexers by kind, Redis clients by library).
  const dataRows: Row[] = [];
  for (const block of ['databases', 'multiplexers', 'redis', 'kafka', 'rabbitmq', 'rateLimiters']) {
    fieldsOf(asObject(props[block]), block, required.includes(block), dataRows);
  }
  out.push(
    section(
      '## Data tier',
      'Databases, multiplexers, Redis servers, Kafka topics, RabbitMQ queues and rate limiters are declared at the top level by name; pods reach them through their [pools](#pool) and [Redis clients](#redisclient), and endpoints through the data-tier [steps](#steps).',
      table(dataRows),
    ),
  );
  const variantRows: Row[] = [];
  for (const [id, where] of [
    ['Pool', 'services.<name>.pools.<name>'],
    ['Multiplexer', 'multiplexers.<name>'],
    ['RedisClient', 'services.<name>.redis.<name>'],
  ] as const) {
    const def = asObject(defs[id]);
    const key = discriminator(def) ?? '';
    const parts: (string | false)[] = [`### ${id}`, str(def.description) ?? ''];
    for (const v of asArray(def.oneOf).map(asObject)) {
      const vp = asObject(v.properties);
      const name = String(asObject(vp[key]).const);
      const rows: Row[] = [];
      for (const [k, p] of Object.entries(vp)) {
        if (k !== key) fieldsOf(asObject(p), `${where}.${k}`, asArray(v.required).includes(k), rows);
      }
      variantRows.push(...rows);
      parts.push(`#### \`${key}: ${name}\``, str(v.description) ?? '', table(rows));
    }
    out.push(section(...parts));
  }

  // Autoscaling metrics: a union of one-key objects.
  const metricDef = asObject(defs.AutoscalingMetric);
  const metricRows: Row[] = [];
  for (const branch of asArray(metricDef.anyOf).map(asObject)) {
    for (const [k, p] of Object.entries(asObject(branch.properties))) {
      fieldsOf(asObject(p), `services.<name>.autoscaling.metrics[].${k}`, false, metricRows);
    }
  }
  out.push(
    section(
      '### AutoscalingMetric',
      "One metric of `services.<name>.autoscaling.metrics`: an object with exactly one of these keys. CPU and memory are Resource metrics with a Utilization target (a whole percent of the pods' requests); requests per second is a Pods metric (AverageValue) scraped by metrics-server with the CPU; Kafka lag is an External metric (Value, or AverageValue per pod).",
      table(metricRows),
    ),
  );

  // Steps.
  const step = asObject(defs.Step);
  const stepProps = asObject(step.properties);
  const kinds = asArray(step.oneOf).flatMap((b) => asArray(asObject(b).required).map(String));
  const stepPath = 'endpoints.<name>.steps[]';
  const kindRows: Row[] = [];
  const otherRows: Row[] = [];
  for (const [k, p] of Object.entries(stepProps)) {
    fieldsOf(asObject(p), `${stepPath}.${k}`, false, kinds.includes(k) ? kindRows : otherRows);
  }
  out.push(
    section(
      '## Steps',
      str(step.description),
      `What one request does on a pod, in order: \`${stepPath}\`. Each step has exactly one of the keys ${kinds
        .map((k) => `\`${k}\``)
        .join(
          ', ',
        )}, its kind. The steps of a \`parallel\` branch (\`${stepPath}.parallel[][]\`) are steps too, with the same fields.`,
      '### Step kinds',
      table(kindRows, 'Kind'),
      otherRows.length > 0 && '### Other step fields',
      otherRows.length > 0 && table(otherRows),
    ),
  );

  // Distributions.
  const dist = asObject(defs.Distribution);
  const familyObject = asArray(dist.anyOf)
    .map(asObject)
    .find((b) => b.type === 'object');
  const familyProps = asObject(familyObject?.properties);
  const familyRows: Row[] = [];
  const paramRows: Row[] = [];
  for (const [k, p] of Object.entries(familyProps)) {
    const s = asObject(p);
    familyRows.push({ path: k, type: typeOf(s), required: false, description: str(s.description) ?? '' });
    children(s, k, paramRows);
  }
  out.push(
    section(
      '## Distributions',
      str(dist.description),
      `A [Distribution](#distributions) is written as a [Duration](#duration), which is a constant, or as an object with exactly one of these keys (its family). Parameters that are durations take the [Duration](#duration) syntax.`,
      '### Distribution families',
      table(familyRows, 'Family'),
      '### Family parameters',
      table(paramRows, 'Parameter'),
    ),
  );

  // Units, with the fields that use each.
  const documentRows = [
    ...top,
    ...sharedRows,
    ...kindRows,
    ...otherRows,
    ...dataRows,
    ...variantRows,
    ...metricRows,
  ];
  for (const v of variants) {
    for (const [k, p] of Object.entries(asObject(v.properties))) {
      if (!shared.includes(k)) fieldsOf(asObject(p), `load.${k}`, false, documentRows);
    }
  }
  for (const block of ['endpoints', 'services']) fieldsOf(asObject(props[block]), block, false, documentRows);
  const unitParts: string[] = [
    '## Units',
    'Quantities are written the way k6 and Kubernetes users write them, or as a bare number in the canonical unit. Each is a string or a number in the JSON Schema; its syntax is checked when the scenario is loaded.',
  ];
  for (const unit of UNITS) {
    const json = z.toJSONSchema(unit.schema, { io: 'input', target: 'draft-2020-12' }) as Json;
    const id = refName(json) ?? '';
    const def = asObject(asObject(json.$defs)[id]);
    const link = `[${id}](${anchorOf(id)})`;
    const users = [...new Set(documentRows.filter((r) => r.type.includes(link)).map((r) => `\`${r.path}\``))];
    if (id === 'Duration') users.push('the [distribution](#distributions) parameters');
    unitParts.push(
      `### ${id}`,
      str(def.description) ?? '',
      `Syntax: ${unit.syntax}`,
      `Used by: ${users.length > 0 ? users.join(', ') : 'no field yet'}.`,
    );
  }
  out.push(section(...unitParts));

  return `${out.join('\n\n')}\n`;
}
