/**
 * What a user sees for a broken scenario: every problem at once, each at the path of the field
 * (as printed: `endpoints.order.steps[0].cpu`), with a stable error code; and the warnings for
 * scenarios that run but probably not as meant. Matches codes and paths, never message text
 * (except the line number of a YAML syntax error, which only the message carries).
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../models/scenario/parse.js';
import { scenarioErrorOf as errorOf } from './scenario-error-of.js';

type Obj = Record<string, unknown>;
interface Doc extends Obj {
  load: Obj;
  endpoints: Record<string, Obj>;
  services: Record<string, Obj>;
}

/** A valid scenario with no warnings, as a fresh object to break. */
function valid(): Doc {
  return {
    name: 'orders',
    load: { executor: 'constant-arrival-rate', rate: 100, duration: '1m', preAllocatedVUs: 10 },
    endpoints: { order: { steps: [{ cpu: '5ms' }] } },
    services: { api: { resources: { limits: { cpu: '1' } } } },
  };
}

const pathsOf = (input: unknown): string[] => {
  const error = errorOf(input);
  expect(error.code).toBe('SCN_ERR_INVALID');
  return error.issues.map((i) => i.path);
};

const warningsOf = (input: unknown): { code: string; path: string }[] =>
  loadScenario(input).warnings.map(({ code, path }) => ({ code, path }));

describe('the valid base scenario', () => {
  it('loads with no warnings', () => {
    expect(warningsOf(valid())).toEqual([]);
  });
});

describe('schema errors (SCN_ERR_INVALID)', () => {
  it('lists every problem, each at its own path', () => {
    const doc = valid();
    doc.replications = 0;
    doc.load.rate = -1;
    doc.endpoints.order!.steps = [{ cpu: 'abc' }];
    doc.services.api!.tomcat = { maxThreads: 0 };
    expect(pathsOf(doc)).toEqual([
      'replications',
      'load.rate',
      'endpoints.order.steps[0].cpu',
      'services.api.tomcat.maxThreads',
    ]);
  });

  it('reads the same problems from YAML text', () => {
    const text = `
name: orders
replications: 0
load: { executor: constant-arrival-rate, rate: -1, duration: 1m, preAllocatedVUs: 10 }
endpoints:
  order:
    steps:
      - cpu: abc
services:
  api:
    resources: { limits: { cpu: '1' } }
    tomcat: { maxThreads: 0 }
`;
    expect(pathsOf(text)).toEqual([
      'replications',
      'load.rate',
      'endpoints.order.steps[0].cpu',
      'services.api.tomcat.maxThreads',
    ]);
  });

  it('reports unknown fields at their own path, at every depth', () => {
    const doc = valid();
    doc.extra = 1;
    doc.load.bogus = true;
    doc.services.api!.tomcat = { maxThread: 5 };
    doc.endpoints.order!.steps = [{ cpu: '1ms', sleep: '1s' }];
    expect(pathsOf(doc).sort()).toEqual(
      ['extra', 'load.bogus', 'services.api.tomcat.maxThread', 'endpoints.order.steps[0].sleep'].sort(),
    );
  });

  it('reports an unknown field of the executor the load names, not of another executor', () => {
    const doc = valid();
    doc.load.startVUs = 10; // only ramping-vus has startVUs
    expect(pathsOf(doc)).toEqual(['load.startVUs']);
  });

  it('reports missing required fields at their path', () => {
    const doc = valid();
    delete doc.name;
    delete doc.load.preAllocatedVUs;
    expect(pathsOf(doc)).toEqual(['name', 'load.preAllocatedVUs']);
  });

  it('reports bad unit syntax at the field', () => {
    const doc = valid();
    doc.warmup = -5;
    doc.load = { executor: 'poisson', rate: '10/x', duration: '0s', timeout: 'soon' };
    expect(pathsOf(doc)).toEqual(['warmup', 'load.rate', 'load.duration', 'load.timeout']);
  });

  it('reports steps with no kind or two kinds, inside parallel branches too', () => {
    const doc = valid();
    doc.endpoints.order!.steps = [
      { cpu: '1ms', wait: '1ms' },
      { parallel: [[{ cpu: '1ms' }], [{ name: 'nothing' }]] },
    ];
    expect(pathsOf(doc)).toEqual(['endpoints.order.steps[0]', 'endpoints.order.steps[1].parallel[1][0]']);
  });

  it('reports bad distributions at the distribution', () => {
    const doc = valid();
    doc.endpoints.order!.steps = [
      { cpu: { exponential: '1ms', gamma: { shape: 2, scale: '1ms' } } },
      { wait: { lognormal: { p50: '4ms', p95: '2ms' } } },
    ];
    expect(pathsOf(doc)).toEqual(['endpoints.order.steps[0].cpu', 'endpoints.order.steps[1].wait.lognormal']);
  });

  it('refuses an empty request mix and an unknown executor', () => {
    const doc = valid();
    doc.endpoints = {};
    doc.load.executor = 'hammer';
    expect(pathsOf(doc).sort()).toEqual(['endpoints', 'load.executor']);
  });

  it('refuses a document that is not an object', () => {
    expect(pathsOf('just a string')).toEqual(['']);
    expect(pathsOf([])).toEqual(['']);
  });
});

describe('syntax errors (SCN_ERR_SYNTAX)', () => {
  it('gives the line of a YAML syntax error', () => {
    const error = errorOf('name: broken\nseed: 1\nload: executor: poisson\n');
    expect(error.code).toBe('SCN_ERR_SYNTAX');
    expect(error.issues.length).toBeGreaterThan(0);
    expect(error.issues[0]!.message).toMatch(/\bline 3\b/);
  });

  it('gives the line of a tab used as indentation', () => {
    const error = errorOf('name: broken\nseed: 1\n\tload: 1\n');
    expect(error.code).toBe('SCN_ERR_SYNTAX');
    expect(error.issues[0]!.message).toMatch(/\bline 3\b/);
  });

  it('refuses duplicate keys', () => {
    const error = errorOf('name: a\nname: b\n');
    expect(error.code).toBe('SCN_ERR_SYNTAX');
    expect(error.issues[0]!.message).toMatch(/\bline 2\b/);
  });
});

describe('cross-field errors (SCN_ERR_INVALID)', () => {
  it('an endpoint naming an undeclared service', () => {
    const doc = valid();
    doc.endpoints.order!.service = 'payments';
    expect(pathsOf(doc)).toEqual(['endpoints.order.service']);
  });

  it('an endpoint without a service when there are several', () => {
    const doc = valid();
    doc.services.other = { resources: { limits: { cpu: '1' } } };
    expect(pathsOf(doc)).toEqual(['endpoints.order.service']);
  });

  it('a tomcat block on an event-loop service, a node block on a thread-per-request one', () => {
    const doc = valid();
    doc.services.api = {
      server: 'event-loop',
      tomcat: { maxThreads: 50 },
      resources: { limits: { cpu: '1' } },
    };
    doc.services.java = { node: { maxConnections: 10 }, resources: { limits: { cpu: '1' } } };
    doc.endpoints.order!.service = 'api';
    expect(pathsOf(doc)).toEqual(['services.api.tomcat', 'services.java.node']);
  });

  it('maxVUs below preAllocatedVUs', () => {
    const doc = valid();
    doc.load.maxVUs = 5;
    expect(pathsOf(doc)).toEqual(['load.maxVUs']);
  });

  it('a CPU request above the CPU limit', () => {
    const doc = valid();
    doc.services.api!.resources = { requests: { cpu: '1500m' }, limits: { cpu: '1' } };
    expect(pathsOf(doc)).toEqual(['services.api.resources.requests.cpu']);
  });

  it('several cross-field problems are all reported', () => {
    const doc = valid();
    doc.load.maxVUs = 5;
    doc.endpoints.order!.service = 'payments';
    doc.services.api!.resources = { requests: { cpu: 2 }, limits: { cpu: 1 } };
    expect(pathsOf(doc).sort()).toEqual(
      ['load.maxVUs', 'endpoints.order.service', 'services.api.resources.requests.cpu'].sort(),
    );
  });

  it('weights that sum to 0', () => {
    const doc = valid();
    doc.endpoints.order!.weight = 0;
    expect(pathsOf(doc)).toEqual(['endpoints']);
  });
});

describe('warnings', () => {
  it('SCN_WARN_NO_CPU_LIMIT when a service has no CPU limit', () => {
    const doc = valid();
    delete doc.services.api!.resources;
    expect(warningsOf(doc)).toEqual([
      { code: 'SCN_WARN_NO_CPU_LIMIT', path: 'services.api.resources.limits.cpu' },
    ]);
  });

  it('SCN_WARN_CPU_OVERLOAD when the mean CPU demand exceeds the cores', () => {
    const doc = valid();
    doc.load.rate = 1000; // 1000/s × 5 ms = 5 cores on 1 pod × 1 core
    doc.load.preAllocatedVUs = 100;
    expect(warningsOf(doc)).toEqual([{ code: 'SCN_WARN_CPU_OVERLOAD', path: 'services.api' }]);
  });

  it('SCN_WARN_TOO_FEW_VUS when the rate needs more VUs than maxVUs', () => {
    const doc = valid();
    doc.endpoints.order!.steps = [{ wait: '1s' }]; // 100/s × 1 s = 100 VUs needed, 10 allowed
    expect(warningsOf(doc)).toEqual([{ code: 'SCN_WARN_TOO_FEW_VUS', path: 'load.maxVUs' }]);
  });

  it('SCN_WARN_IDLE_STAGE for a stage that ramps from 0 to 0', () => {
    const doc = valid();
    doc.load = {
      executor: 'ramping-arrival-rate',
      preAllocatedVUs: 10,
      stages: [
        { duration: '10s', target: 0 },
        { duration: '10s', target: 50 },
      ],
    };
    expect(warningsOf(doc)).toEqual([{ code: 'SCN_WARN_IDLE_STAGE', path: 'load.stages[0]' }]);
  });

  it('SCN_WARN_IDLE_STAGE for ramping-vus starting at 0 VUs', () => {
    const doc = valid();
    doc.load = { executor: 'ramping-vus', startVUs: 0, stages: [{ duration: '10s', target: 0 }] };
    expect(warningsOf(doc)).toContainEqual({ code: 'SCN_WARN_IDLE_STAGE', path: 'load.stages[0]' });
  });

  it('warnings do not stop the scenario from loading, errors do', () => {
    const doc = valid();
    delete doc.services.api!.resources;
    expect(() => loadScenario(doc)).not.toThrow();
    doc.load.maxVUs = 5;
    expect(errorOf(doc).code).toBe('SCN_ERR_INVALID');
  });
});

describe('messages name what was given', () => {
  it('a wrong type, a bad name, an unknown executor: one issue each, none "is required"', () => {
    const doc = valid();
    doc.name = 5;
    (doc.load as Record<string, unknown>).executor = 'nope';
    (doc.services as Record<string, unknown>)['bad name'] = {};
    const issues = errorOf(doc).issues;
    expect(issues.map((i) => i.path).sort()).toEqual(['load.executor', 'name', 'services["bad name"]']);
    for (const i of issues) expect(i.message).not.toMatch(/is required|Invalid/);
  });
});
