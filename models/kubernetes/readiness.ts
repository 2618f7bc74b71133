/**
 * Pure helpers for a pod's start-up timeline: when the kubelet's readiness probe first reports the
 * container Ready.
 *
 * Sources (paraphrased):
 * - Probe API field docs, core/v1 `Probe` (kubernetes/kubernetes
 *   `staging/src/k8s.io/api/core/v1/types.go`) and the kubernetes/website task page
 *   "Configure Liveness, Readiness and Startup Probes": `initialDelaySeconds` default 0,
 *   `periodSeconds` default 10 (minimum 1), `timeoutSeconds` default 1, `successThreshold`
 *   default 1, `failureThreshold` default 3.
 * - Kubelet probe worker, kubernetes/kubernetes `pkg/kubelet/prober/worker.go` (`run`, `doProbe`):
 *   a readiness result starts as Failure; no probe runs while the container is not running or
 *   while whole seconds since it started are below `initialDelaySeconds`; the result flips to
 *   Success only after `successThreshold` consecutive successful probes. Probes run on a ticker of
 *   `periodSeconds` started with the worker, and `prober_manager.go` (`UpdatePodStatus`) also
 *   triggers an immediate probe on a pod status update while the container is not yet ready.
 * - semantics.md §1.7 step 7 (reaction-delay budget).
 */

/**
 * Probe API defaults (seconds and counts), as documented on the core/v1 `Probe` fields and the
 * kubernetes/website probe task page. `failureThreshold` and `timeoutSeconds` are listed for
 * completeness; {@link readyAtMs} does not use them.
 */
export const PROBE_DEFAULTS = Object.freeze({
  initialDelaySeconds: 0,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
  timeoutSeconds: 1,
} as const);

/** Inputs of {@link readyAtMs}. Times in ms. */
export interface ReadinessTimeline {
  /** Simulation time (ms) at which the container started (kubelet `State.Running.StartedAt`). Finite. */
  containerStartedMs: number;
  /**
   * How long (ms) the application takes, **after the container starts**, to answer the probe
   * successfully: runtime boot, warm-up, connection pools. Finite and ≥ 0, or `Infinity` for an
   * application that never becomes ready.
   */
  appStartMs: number;
  /** `initialDelaySeconds` in ms; finite and ≥ 0; default 0. */
  initialDelayMs?: number;
  /** `periodSeconds` in ms; finite and > 0; default 10 000. */
  periodMs?: number;
  /** `successThreshold`; an integer ≥ 1; default 1. */
  successThreshold?: number;
}

/**
 * Time (ms) at which the pod becomes Ready (its readiness condition turns True).
 *
 * Model: probes run at `containerStartedMs + initialDelayMs + k · periodMs` for k = 0, 1, 2, …; a
 * probe at or after `containerStartedMs + appStartMs` succeeds and every earlier one fails; the pod
 * is Ready at the `successThreshold`-th consecutive success, i.e. `(successThreshold − 1)` periods
 * after the first successful probe. Examples (start 0, period 10 s): app ready at 12 s → 20 s; with
 * initial delay 15 s → 15 s; with successThreshold 2 → 30 s.
 *
 * Simplifications, against the kubelet (`worker.go`, `prober_manager.go`):
 * - The real probe ticker starts with the probe worker (when the pod is added to the kubelet,
 *   before the container runs), so its phase relative to the container start is arbitrary, and a
 *   pod status update triggers extra immediate probes while the pod is not ready. To model the
 *   phase, add a sampled U(0, period) to `initialDelayMs`.
 * - The probe's own duration (up to `timeoutSeconds`, default 1 s) is taken as zero, and a probe
 *   never times out.
 * - `failureThreshold` plays no part: a readiness result already starts as Failure, and the
 *   application is assumed not to fail once it is up.
 * - Time after Ready until the endpoint receives traffic (EndpointSlice update, kube-proxy or load
 *   balancer programming) is not included.
 *
 * Float safety: the probe index is found with a 1e-9 tolerance, so a probe within 1e-9 periods
 * before the app is ready counts as at it.
 * @returns a time ≥ `containerStartedMs`; `Infinity` if `appStartMs` is `Infinity`.
 * @throws RangeError naming the field if an input is out of range.
 */
export function readyAtMs(timeline: ReadinessTimeline): number {
  const { containerStartedMs, appStartMs } = timeline;
  const initialDelayMs = timeline.initialDelayMs ?? PROBE_DEFAULTS.initialDelaySeconds * 1000;
  const periodMs = timeline.periodMs ?? PROBE_DEFAULTS.periodSeconds * 1000;
  const successThreshold = timeline.successThreshold ?? PROBE_DEFAULTS.successThreshold;
  if (!Number.isFinite(containerStartedMs))
    throw new RangeError(`readyAtMs: containerStartedMs must be finite, got ${containerStartedMs}`);
  if (!(appStartMs >= 0))
    throw new RangeError(`readyAtMs: appStartMs must be ≥ 0 (Infinity for never), got ${appStartMs}`);
  if (!(initialDelayMs >= 0) || initialDelayMs === Infinity)
    throw new RangeError(`readyAtMs: initialDelayMs must be a finite number ≥ 0, got ${initialDelayMs}`);
  if (!(periodMs > 0) || periodMs === Infinity)
    throw new RangeError(`readyAtMs: periodMs must be a finite number > 0, got ${periodMs}`);
  if (!Number.isInteger(successThreshold) || successThreshold < 1)
    throw new RangeError(`readyAtMs: successThreshold must be an integer ≥ 1, got ${successThreshold}`);
  if (appStartMs === Infinity) return Infinity;
  // Index of the first probe at or after the app is ready (probe 0 is at the end of the delay).
  const k = Math.max(0, Math.ceil((appStartMs - initialDelayMs) / periodMs - 1e-9));
  return containerStartedMs + initialDelayMs + (k + successThreshold - 1) * periodMs;
}
