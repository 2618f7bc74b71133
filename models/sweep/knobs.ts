/**
 * The knobs of a what-if: the settings that decide capacity, each with the document path a
 * request's `set` changes it by and its value now. The offered load is one knob for every
 * executor (the sweeps' shorthand: a rate, VUs, or a profile's peak); then each service's
 * replicas and HPA bounds, each connection pool's size, and each database's `max_connections`.
 * Only fields whose parent object is written in the document are offered, so every path can be
 * set as it is.
 */
import { getAtPath } from '../calibration/document-path.js';
import { formatPath } from '../scenario/diagnostics.js';
import type { NormalizedScenario } from '../scenario/normalized.js';
import { offeredLoadUnit } from './offered-load.js';

/** One knob. */
export interface Knob {
  /** Document path for `set`; `load` for the offered-load shorthand (the request's `load`). */
  readonly path: string;
  readonly group: 'load' | 'service' | 'autoscaling' | 'pool' | 'database';
  readonly label: string;
  /** The value in the scenario as it stands (defaults resolved). */
  readonly value: number;
  readonly unit: string | null;
  readonly integer: boolean;
  readonly min: number;
}

type Doc = Record<string, unknown>;
// The object at `keys`, found as `set` finds a field's parent; null when there is none.
const objectAt = (doc: unknown, ...keys: string[]): Doc | null => {
  try {
    const at = getAtPath(doc, keys);
    return at !== null && typeof at === 'object' && !Array.isArray(at) ? (at as Doc) : null;
  } catch {
    return null;
  }
};

/** The offered load now: iterations per second, or VUs; null for a replayed trace. */
export function currentOfferedLoad(s: NormalizedScenario): number | null {
  const l = s.load;
  switch (l.executor) {
    case 'constant-arrival-rate':
      return (l.rate * 1000) / l.timeUnitMs;
    case 'ramping-arrival-rate':
      return (Math.max(l.startRate, ...l.stages.map((x) => x.target)) * 1000) / l.timeUnitMs;
    case 'constant-vus':
      return l.vus;
    case 'ramping-vus':
      return Math.max(l.startVUs, ...l.stages.map((x) => x.target));
    case 'poisson':
      return l.ratePerSec;
    default:
      return null;
  }
}

/** The knobs of a validated document and its normalized scenario. */
export function scenarioKnobs(document: unknown, s: NormalizedScenario): Knob[] {
  const knobs: Knob[] = [];
  const load = currentOfferedLoad(s);
  const unit = offeredLoadUnit(document as Doc);
  if (load !== null && unit !== null)
    knobs.push({
      path: 'load',
      group: 'load',
      label: unit === 'VUs' ? 'virtual users (peak)' : 'offered load (peak)',
      value: Number(load.toPrecision(6)),
      unit,
      integer: unit === 'VUs',
      min: unit === 'VUs' ? 1 : 0.001,
    });
  for (const svc of s.services) {
    const doc = objectAt(document, 'services', svc.name);
    if (doc === null) continue;
    const at = (...rest: string[]) => formatPath(['services', svc.name, ...rest]);
    knobs.push({
      path: at('replicas'),
      group: 'service',
      label: `${svc.name}: replicas`,
      value: svc.replicas,
      unit: null,
      integer: true,
      min: 1,
    });
    if (svc.autoscaling !== null && objectAt(doc, 'autoscaling') !== null) {
      const a = svc.autoscaling;
      knobs.push(
        {
          path: at('autoscaling', 'minReplicas'),
          group: 'autoscaling',
          label: `${svc.name}: HPA minReplicas`,
          value: a.minReplicas,
          unit: null,
          integer: true,
          min: 1,
        },
        {
          path: at('autoscaling', 'maxReplicas'),
          group: 'autoscaling',
          label: `${svc.name}: HPA maxReplicas`,
          value: a.maxReplicas,
          unit: null,
          integer: true,
          min: 1,
        },
      );
    }
    for (const p of svc.pools) {
      if (objectAt(doc, 'pools', p.name) === null) continue;
      // mysql2's connectionLimit 0 is no limit (the normalized null).
      const [field, value, min] =
        p.driver === 'hikari'
          ? (['maximumPoolSize', p.maximumPoolSize, 1] as const)
          : p.driver === 'mysql2'
            ? (['connectionLimit', p.connectionLimit ?? 0, 0] as const)
            : p.driver === 'mongodb'
              ? (['maxPoolSize', p.maxPoolSize, 1] as const)
              : (['poolSize', p.poolSize, 1] as const);
      knobs.push({
        path: at('pools', p.name, field),
        group: 'pool',
        label: `${svc.name}/${p.name}: ${field} (per pod${min === 0 ? '; 0: no limit' : ''})`,
        value,
        unit: 'connections',
        integer: true,
        min,
      });
    }
  }
  for (const db of s.databases) {
    if (objectAt(document, 'databases', db.name) === null) continue;
    knobs.push({
      path: formatPath(['databases', db.name, 'maxConnections']),
      group: 'database',
      label: `${db.name}: max_connections`,
      value: db.maxConnections,
      unit: 'connections',
      integer: true,
      min: 1,
    });
  }
  return knobs;
}
