/**
 * Load-balancing policies as pure pick functions over the ready pods. A picker keeps only its own
 * cursor; it reads `inFlight` from the targets and draws from the random source it was given.
 */
import type { RandomSource } from '../../engine/index.js';
import type { BalancerPolicy } from '../service/schema.js';

/** What a policy sees of a pod. */
export interface BalancerTarget {
  /** Requests the balancer has sent to it that are still open. */
  readonly inFlight: number;
}

/** Returns the index of the chosen target; `targets` is never empty. */
export type Picker = (targets: readonly BalancerTarget[]) => number;

/** Round robin: each target in turn (ingress-nginx's and AWS ALB's default). */
export function roundRobin(): Picker {
  let next = 0;
  return (targets) => {
    if (next >= targets.length) next = 0;
    return next++;
  };
}

/**
 * nginx `least_conn`: the target with the fewest open requests. nginx breaks ties with weighted
 * round robin among the tied peers (ngx_http_upstream_least_conn_module.c); with equal weights
 * that is a rotation, done here with a cursor.
 */
export function leastConnections(): Picker {
  let cursor = 0;
  return (targets) => {
    const n = targets.length;
    if (cursor >= n) cursor = 0;
    let best = cursor;
    let bestLoad = targets[cursor]!.inFlight;
    for (let k = 1; k < n; k++) {
      const i = cursor + k < n ? cursor + k : cursor + k - n;
      const load = targets[i]!.inFlight;
      if (load < bestLoad) {
        best = i;
        bestLoad = load;
      }
    }
    cursor = best + 1;
    return best;
  };
}

/** Uniformly random (kube-proxy in iptables mode picks endpoints with random probabilities). */
export function randomPick(random: RandomSource): Picker {
  return (targets) => Math.floor(random() * targets.length);
}

/**
 * Power of two choices: two distinct targets at random, the one with fewer open requests (the
 * first on a tie). Mitzenmacher, "The Power of Two Choices in Randomized Load Balancing" (2001);
 * Envoy's LEAST_REQUEST default.
 */
export function powerOfTwo(random: RandomSource): Picker {
  return (targets) => {
    const n = targets.length;
    if (n === 1) return 0;
    const a = Math.floor(random() * n);
    let b = Math.floor(random() * (n - 1));
    if (b >= a) b++;
    return targets[b]!.inFlight < targets[a]!.inFlight ? b : a;
  };
}

/** The picker for a policy; `random` is used only by the randomized ones. */
export function createPicker(policy: BalancerPolicy, random: RandomSource): Picker {
  switch (policy) {
    case 'round-robin':
      return roundRobin();
    case 'least-connections':
      return leastConnections();
    case 'random':
      return randomPick(random);
    case 'power-of-two':
      return powerOfTwo(random);
  }
}
