/**
 * Paths into a plain scenario document (parsed JSON or YAML, before normalization), written the way
 * our error messages print them (`formatPath`): `endpoints.authorize.steps[3].query.io.lognormal.p50`,
 * with keys that are not identifiers quoted as JSON strings in brackets: `services["api.v2"].replicas`.
 * Calibration names the parameters it fits by such paths, so a user can copy one from an error
 * message into a calibration spec and back.
 */
import { formatPath, type PathSegments } from '../scenario/diagnostics.js';
import { CalibrationError } from './errors.js';

const IDENTIFIER_START = /[A-Za-z_$]/;
const IDENTIFIER_PART = /[A-Za-z0-9_$-]/;
const DIGIT = /[0-9]/;
/** Keys listed in a "no such key" message; a document can have hundreds. */
const MAX_KEYS_LISTED = 20;

/**
 * Parses a path as `formatPath` prints it into segments: keys (strings) and array indices
 * (non-negative integers). Grammar: a first key (`name` or `[...]`), then any of `.name`, `[index]`
 * and `["json string"]`; a name is `[A-Za-z_$][A-Za-z0-9_$-]*`. The empty path is the whole
 * document (`[]`).
 *
 * Invariant: `formatPath(parseDocumentPath(p)) === p` for every canonical path `p` (one that
 * `formatPath` could print). Non-canonical spellings are accepted and normalized: `a["b"]` parses
 * as `['a', 'b']`, which prints as `a.b`.
 *
 * @throws CalibrationError `CAL_ERR_PATH` for bad syntax; the message names the 0-based position
 *   and the character found there.
 */
export function parseDocumentPath(path: string): PathSegments {
  const segments: (string | number)[] = [];
  const fail = (at: number, expected: string): never => {
    const found = at >= path.length ? 'end of path' : JSON.stringify(path[at]);
    throw new CalibrationError('CAL_ERR_PATH', `bad path: ${expected} at position ${at} (${found})`, path);
  };

  /** Reads a name starting at `start`; returns the position after it. */
  const name = (start: number): number => {
    if (start >= path.length || !IDENTIFIER_START.test(path[start]!)) {
      fail(start, 'expected a key (a letter, _ or $; quote other keys as ["..."])');
    }
    let end = start + 1;
    while (end < path.length && IDENTIFIER_PART.test(path[end]!)) end++;
    segments.push(path.slice(start, end));
    return end;
  };

  /** Reads `[index]` or `["key"]` with `[` at `start`; returns the position after `]`. */
  const bracket = (start: number): number => {
    const open = start + 1;
    let close: number;
    if (path[open] === '"') {
      let end = open + 1;
      while (end < path.length && path[end] !== '"') end += path[end] === '\\' ? 2 : 1;
      if (end >= path.length) fail(open, 'unterminated quoted key');
      let key: unknown;
      try {
        key = JSON.parse(path.slice(open, end + 1));
      } catch {
        fail(open, 'invalid JSON string');
      }
      segments.push(key as string);
      close = end + 1;
    } else if (open < path.length && DIGIT.test(path[open]!)) {
      let end = open;
      while (end < path.length && DIGIT.test(path[end]!)) end++;
      const index = Number(path.slice(open, end));
      if (!Number.isSafeInteger(index)) fail(open, 'index too large');
      segments.push(index);
      close = end;
    } else {
      return fail(open, 'expected an index or a quoted key after "["');
    }
    if (path[close] !== ']') fail(close, 'expected "]"');
    return close + 1;
  };

  let at = 0;
  if (path.length > 0) at = path[0] === '[' ? bracket(0) : name(0);
  while (at < path.length) {
    if (path[at] === '.') at = name(at + 1);
    else if (path[at] === '[') at = bracket(at);
    else fail(at, 'expected "." or "["');
  }
  return segments;
}

type PlainObject = Record<string, unknown>;

function isObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `a string (${JSON.stringify(value)})`;
  if (typeof value === 'number' || typeof value === 'boolean') return `a ${typeof value} (${value})`;
  return `a ${typeof value}`;
}

/** How a message names the node reached by `segments`: its last segment, or "the document". */
function nodeName(segments: PathSegments): string {
  return segments.length === 0 ? 'the document' : formatPath(segments.slice(-1));
}

function toSegments(path: string | PathSegments): PathSegments {
  return typeof path === 'string' ? parseDocumentPath(path) : path;
}

/**
 * One step down from `node` (reached by `segments[0..k)`) along `segments[k]`. `wanted` is the
 * whole path being resolved, named in the message when the failure is above its end.
 */
function child(node: unknown, segments: PathSegments, k: number, wanted: PathSegments): unknown {
  const segment = segments[k]!;
  const here = segments.slice(0, k + 1);
  const parent = nodeName(segments.slice(0, k));
  const fail = (detail: string): never => {
    const suffix = here.length < wanted.length ? `; looking up ${formatPath(wanted)}` : '';
    throw new CalibrationError('CAL_ERR_PATH', detail + suffix, formatPath(here));
  };
  if (Array.isArray(node)) {
    if (typeof segment !== 'number') return fail(`${parent} is an array; index it with [i]`);
    if (Number.isInteger(segment) && segment >= 0 && segment < node.length) return node[segment];
    return fail(`no such item (${parent} has ${node.length})`);
  }
  if (isObject(node)) {
    if (typeof segment !== 'string') return fail(`${parent} is an object, not an array; use a key`);
    // Own keys only: `constructor` or `__proto__` must not resolve to Object.prototype's.
    if (Object.hasOwn(node, segment)) return node[segment];
    const keys = Object.keys(node);
    // Identifiers bare, other keys as JSON strings: `api, "api.v2"`.
    const listed = keys
      .slice(0, MAX_KEYS_LISTED)
      .map((key) => (formatPath([key]).startsWith('[') ? JSON.stringify(key) : key));
    if (keys.length > MAX_KEYS_LISTED) listed.push(`… ${keys.length - MAX_KEYS_LISTED} more`);
    return fail(
      keys.length === 0
        ? `no such key (${parent} is empty)`
        : `no such key (${parent} has ${listed.join(', ')})`,
    );
  }
  return fail(`${parent} is ${describe(node)}, not an object or array`);
}

function resolve(doc: unknown, segments: PathSegments, wanted: PathSegments): unknown {
  let node = doc;
  for (let k = 0; k < segments.length; k++) node = child(node, segments, k, wanted);
  return node;
}

/**
 * The value at `path` in `doc` (the document itself for the empty path). Keys match own
 * properties only.
 *
 * @throws CalibrationError `CAL_ERR_PATH` for bad syntax, or when a segment is missing or indexes
 *   a non-object; the error's `path` is the longest existing prefix plus the failing segment, and
 *   the message says what is there instead, e.g.
 *   `endpoints.authorize.steps[7]: no such item (steps has 5)`.
 */
export function getAtPath(doc: unknown, path: string | PathSegments): unknown {
  const segments = toSegments(path);
  return resolve(doc, segments, segments);
}

/**
 * Sets one value in place in `copy` (already a private clone). The parent must exist; the last
 * key may be new on an object, and an array index may be at most the array's length (appends).
 */
function assign(copy: unknown, path: string | PathSegments, value: unknown): void {
  const segments = toSegments(path);
  if (segments.length === 0) {
    throw new CalibrationError('CAL_ERR_PATH', 'cannot replace the whole document', '');
  }
  const parentSegments = segments.slice(0, -1);
  const parent = resolve(copy, parentSegments, segments);
  const last = segments[segments.length - 1]!;
  const name = nodeName(parentSegments);
  const fail = (detail: string): never => {
    throw new CalibrationError('CAL_ERR_PATH', detail, formatPath(segments));
  };
  // A private copy: a later edit of the result must not reach the caller's value.
  const fresh = structuredClone(value);
  if (Array.isArray(parent)) {
    if (typeof last !== 'number') return fail(`${name} is an array; index it with [i]`);
    if (!Number.isInteger(last) || last < 0 || last > parent.length) {
      return fail(`no such item (${name} has ${parent.length}; [${parent.length}] would append)`);
    }
    parent[last] = fresh;
  } else if (isObject(parent)) {
    if (typeof last !== 'string') return fail(`${name} is an object, not an array; use a key`);
    // defineProperty, not `=`: assigning `__proto__` would replace the prototype instead.
    Object.defineProperty(parent, last, {
      value: fresh,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    fail(`${name} is ${describe(parent)}, not an object or array`);
  }
}

/**
 * A deep copy (`structuredClone`) of `doc` with `value` (also copied) at `path`. Never mutates
 * `doc` or `value`. The parent must exist; the last key may be new on an object; an array index
 * may be at most the array's length (equal appends). `doc` must be plain data (JSON/YAML values).
 *
 * @throws CalibrationError `CAL_ERR_PATH` for bad syntax, the empty path, a missing parent, an
 *   index past the end, or a key of the wrong kind (string on an array, number on an object).
 */
export function setAtPath<T>(doc: T, path: string | PathSegments, value: unknown): T {
  return withValues(doc, [[path, value]]);
}

/**
 * Like {@link setAtPath} for many assignments, applied in order to one deep copy of `doc` (a later
 * assignment sees the earlier ones, so `[['a', {}], ['a.b', 1]]` works). Never mutates its input.
 *
 * @throws CalibrationError `CAL_ERR_PATH` as {@link setAtPath}, for the first failing assignment.
 */
export function withValues<T>(
  doc: T,
  assignments: Iterable<readonly [path: string | PathSegments, value: unknown]>,
): T {
  const copy = structuredClone(doc);
  for (const [path, value] of assignments) assign(copy, path, value);
  return copy;
}
