/**
 * What capsim predicts for each variant of a preset whose document measured nothing (seed 002):
 * the headline figures of one run per variant, for the calibration report.
 */
import { runForMetrics } from '../calibration/run-metrics.js';
import type { Bottleneck } from '../report/summary-types.js';
import type { PresetCheck } from './check.js';
import { variantDocument } from './preset-document.js';
import type { Preset, PresetVariant } from './types.js';

/** One variant's predicted figures (k6 summary metrics). */
export interface VariantPrediction {
  readonly preset: Preset;
  readonly variant: PresetVariant;
  /** Completed requests per second over the run (`http_reqs.rate`). */
  readonly requestsPerSec: number | null;
  /** Share of requests that failed (`http_req_failed.rate`). */
  readonly failureRate: number | null;
  /** Latency percentiles (ms) of all requests (`http_req_duration`). */
  readonly medianMs: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  readonly bottleneck: Bottleneck;
  /** Per message queue or topic: its largest backlog and how busy its consumers were. */
  readonly backlogs: readonly {
    readonly name: string;
    readonly max: number;
    readonly consumerUtilization: number;
  }[];
}

/** Runs every variant of the checked presets that have no measured targets. */
export function predictVariants(checks: readonly PresetCheck[]): VariantPrediction[] {
  return checks
    .filter((c) => c.preset.targets.length === 0)
    .flatMap((c) =>
      c.preset.variants.map((variant): VariantPrediction => {
        const { summary, metrics } = runForMetrics(variantDocument(c.preset, variant.name, c.values));
        const m = (name: string) => metrics.get(name) ?? null;
        return {
          preset: c.preset,
          variant,
          requestsPerSec: m('http_reqs.rate'),
          failureRate: m('http_req_failed.rate'),
          medianMs: m('http_req_duration.med'),
          p95Ms: m('http_req_duration.p(95)'),
          p99Ms: m('http_req_duration.p(99)'),
          bottleneck: summary.bottleneck,
          // Work handed to consumers is off the request path: its backlog is the other prediction.
          backlogs: summary.components
            .filter((x) => x.kind === 'rabbitmq' || x.kind === 'kafka')
            .map((x) => {
              const max = (level: string) => x.levels[level]?.max.value ?? 0;
              return {
                name: x.name,
                max: x.kind === 'kafka' ? max('lag') : max('ready') + max('unacked'),
                consumerUtilization: x.utilization?.value ?? 0,
              };
            }),
        };
      }),
    );
}
