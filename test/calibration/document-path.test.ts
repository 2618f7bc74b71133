/**
 * Paths into a plain scenario document, as error messages print them: parsing round-trips with
 * formatPath, lookups fail at the first missing segment with the path of what is there, and
 * setting never touches the input. Matches codes and paths; message text only where the brief
 * promises it (the position of a syntax error, the item count of an array).
 */
import { describe, expect, it } from 'vitest';
import {
  getAtPath,
  parseDocumentPath,
  setAtPath,
  withValues,
} from '../../models/calibration/document-path.js';
import { formatPath, type PathSegments } from '../../models/scenario/diagnostics.js';
import { errorOf } from './error-of.js';

/** A small scenario-like document, as a fresh object each time. */
function doc() {
  return {
    endpoints: {
      authorize: {
        steps: [
          { cpu: '2ms' },
          { call: 'db' },
          { cpu: '1ms' },
          { query: { io: { lognormal: { p50: '3ms', p99: '20ms' } } } },
          { cpu: '1ms' },
        ],
      },
    },
    services: { 'api.v2': { replicas: 3 }, db: { replicas: 1 } },
  };
}

describe('parseDocumentPath', () => {
  it.each([
    '',
    'load',
    'endpoints.authorize.steps[3].query.io.lognormal.p50',
    'services["api.v2"].replicas',
    '[0]',
    '[2][0].a',
    '$ref.a_b.x-y',
    '[""]',
    'a["with \\"quotes\\" and \\\\"]',
    'a["line\\nbreak"].b',
    'a["0"]',
    'a["ünïcode"]',
  ])('round-trips %s through formatPath', (path) => {
    expect(formatPath(parseDocumentPath(path))).toBe(path);
  });

  it.each<[PathSegments]>([
    [['endpoints', 'authorize', 'steps', 3, 'query', 'io', 'lognormal', 'p50']],
    [['services', 'api.v2', 'replicas']],
    [['a b', '', 'x.y', '1', 'a[0]', '"', '\\', 'é', 0, 12]],
  ])('parses formatPath(%j) back to the same segments', (segments) => {
    expect(parseDocumentPath(formatPath(segments))).toEqual(segments);
  });

  it('reads quoted keys as JSON strings', () => {
    expect(parseDocumentPath('services["api.v2"].replicas')).toEqual(['services', 'api.v2', 'replicas']);
    expect(parseDocumentPath('a["\\u0041"]')).toEqual(['a', 'A']);
  });

  it('accepts non-canonical spellings and normalizes them', () => {
    expect(formatPath(parseDocumentPath('a["b"]["c"]'))).toBe('a.b.c');
  });

  it.each([
    ['a..b', 2],
    ['a.', 2],
    ['.a', 0],
    ['9a', 0],
    ['a b', 1],
    ['a[', 2],
    ['a[x]', 2],
    ['a[1', 3],
    ['a["x', 2],
    ['a["x"', 5],
    ['a["\\q"]', 2],
    ['a[-1]', 2],
  ])('rejects %s naming position %i', (path, position) => {
    const error = errorOf(() => parseDocumentPath(path));
    expect(error.code).toBe('CAL_ERR_PATH');
    expect(error.path).toBe(path);
    expect(error.message).toContain(`position ${position} `);
  });
});

describe('getAtPath', () => {
  it('reads values by string or by segments', () => {
    const d = doc();
    expect(getAtPath(d, 'endpoints.authorize.steps[3].query.io.lognormal.p50')).toBe('3ms');
    expect(getAtPath(d, 'services["api.v2"].replicas')).toBe(3);
    expect(getAtPath(d, ['services', 'db'])).toEqual({ replicas: 1 });
    expect(getAtPath(d, '')).toBe(d);
  });

  it.each([
    ['endpoints.authorize.steps[7]', 'endpoints.authorize.steps[7]', 'no such item (steps has 5)'],
    ['endpoints.authorize.steps[7].cpu', 'endpoints.authorize.steps[7]', 'steps has 5'],
    ['endpoints.authorise.steps[0]', 'endpoints.authorise', 'endpoints has authorize'],
    ['services.api.replicas', 'services.api', '"api.v2", db'],
    ['services.db.replicas.max', 'services.db.replicas.max', 'replicas is a number'],
    ['endpoints.authorize.steps.first', 'endpoints.authorize.steps.first', 'steps is an array'],
    ['endpoints[0]', 'endpoints[0]', 'endpoints is an object'],
    ['constructor', 'constructor', 'no such key'],
  ])('%s fails at %s', (path, failing, detail) => {
    const error = errorOf(() => getAtPath(doc(), path));
    expect(error.code).toBe('CAL_ERR_PATH');
    expect(error.path).toBe(failing);
    expect(error.message).toContain(`${failing}: `);
    expect(error.message).toContain(detail);
  });

  it('fails on a null or primitive document', () => {
    expect(errorOf(() => getAtPath(null, 'a')).path).toBe('a');
    expect(errorOf(() => getAtPath(5, '[0]')).path).toBe('[0]');
  });
});

describe('setAtPath', () => {
  it('returns a copy with the value set and leaves the input alone', () => {
    const input = doc();
    const before = structuredClone(input);
    const out = setAtPath(input, 'endpoints.authorize.steps[3].query.io.lognormal.p50', '4ms');
    expect(getAtPath(out, 'endpoints.authorize.steps[3].query.io.lognormal.p50')).toBe('4ms');
    expect(input).toEqual(before);
    expect(out.services).not.toBe(input.services);
    expect(out.services).toEqual(input.services);
  });

  it('adds a new key on an existing object and appends at index = length', () => {
    const out = setAtPath(doc(), 'services["api.v2"].minReplicas', 2);
    expect(out.services['api.v2']).toEqual({ replicas: 3, minReplicas: 2 });
    const appended = setAtPath(doc(), 'endpoints.authorize.steps[5]', { cpu: '9ms' });
    expect(appended.endpoints.authorize.steps).toHaveLength(6);
  });

  it('copies the value, so editing the result does not reach the caller', () => {
    const value = { p50: '1ms' };
    const out = setAtPath(doc(), 'services.db.latency', value);
    (getAtPath(out, 'services.db.latency') as { p50: string }).p50 = '2ms';
    expect(value.p50).toBe('1ms');
  });

  it('sets a __proto__ key as data, not as the prototype', () => {
    const out = setAtPath(doc(), 'services.__proto__', { polluted: true });
    expect(Object.getPrototypeOf(out.services)).toBe(Object.prototype);
    expect(getAtPath(out, 'services.__proto__')).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['endpoints.authorize.steps[6]', 'endpoints.authorize.steps[6]'],
    ['endpoints.login.steps', 'endpoints.login'],
    ['services.db.replicas.max', 'services.db.replicas.max'],
    ['endpoints.authorize.steps.first', 'endpoints.authorize.steps.first'],
    ['services[0]', 'services[0]'],
    ['', ''],
  ])('rejects %j at %j', (path, failing) => {
    const input = doc();
    const error = errorOf(() => setAtPath(input, path, 1));
    expect(error.code).toBe('CAL_ERR_PATH');
    expect(error.path).toBe(failing);
    expect(input).toEqual(doc());
  });
});

describe('withValues', () => {
  it('applies assignments in order to one copy', () => {
    const input = doc();
    const out = withValues(input, [
      ['services.db.replicas', 4],
      [['services', 'api.v2', 'replicas'], 6],
      ['services.cache', {}],
      ['services.cache.replicas', 1],
    ]);
    expect(out.services).toEqual({ 'api.v2': { replicas: 6 }, db: { replicas: 4 }, cache: { replicas: 1 } });
    expect(input).toEqual(doc());
  });

  it('accepts any iterable, such as a Map', () => {
    const out = withValues(doc(), new Map<string, unknown>([['services.db.replicas', 2]]));
    expect(out.services.db.replicas).toBe(2);
  });

  it('leaves the input alone when an assignment fails', () => {
    const input = doc();
    const error = errorOf(() =>
      withValues(input, [
        ['services.db.replicas', 9],
        ['services.nope.replicas', 1],
      ]),
    );
    expect(error.path).toBe('services.nope');
    expect(input).toEqual(doc());
  });
});
