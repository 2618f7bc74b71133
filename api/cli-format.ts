/** The CLI's readable rendering of a run summary: aligned tables, units in the headers. */
import type { Estimate, LatencySummary, RunSummary } from '../models/index.js';

const num = (x: number | null, digits = 3): string =>
  x === null ? '—' : Math.abs(x) >= 1000 ? x.toFixed(0) : Number(x.toPrecision(digits)).toString();

/** `value` or `value [lo, hi]` when there is a confidence interval. */
export function formatEstimate(e: Estimate | null, digits = 3): string {
  if (e === null) return '—';
  if (e.ci95 === null || e.ci95[0] === e.ci95[1]) return num(e.value, digits);
  return `${num(e.value, digits)} [${num(e.ci95[0], digits)}, ${num(e.ci95[1], digits)}]`;
}

/** Aligned columns: the first left-aligned, the others right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '),
    )
    .join('\n');
}

const latencyRow = (name: string, l: LatencySummary): string[] => [
  name,
  formatEstimate(l.count),
  formatEstimate(l.p50),
  formatEstimate(l.p95),
  formatEstimate(l.p99),
  formatEstimate(l.max),
];

/** The whole summary as text. */
export function formatSummary(s: RunSummary): string {
  const out: string[] = [];
  const ci = s.replications > 1 ? ` (95 % CI over ${s.replications} replications in brackets)` : '';
  out.push(`scenario ${s.scenario}  seed ${String(s.seed)}  hash ${s.scenarioHash}${ci}`);
  out.push(`measured ${s.window.fromMs / 1000} s → ${s.window.toMs / 1000} s, ${s.events} events`, '');
  const t = s.throughput;
  out.push(
    table([
      ['throughput (/s)', 'offered', 'started', 'completed', 'succeeded'],
      [
        '',
        formatEstimate(t.offeredPerSec),
        formatEstimate(t.startedPerSec),
        formatEstimate(t.completedPerSec),
        formatEstimate(t.succeededPerSec),
      ],
    ]),
    '',
  );
  out.push(
    table([
      ['latency (ms)', 'count', 'p50', 'p95', 'p99', 'max'],
      latencyRow('succeeded', s.latencyMs.succeeded),
      latencyRow('all requests', s.latencyMs.all),
      ...s.endpoints.map((e) => latencyRow(`  ${e.name}`, e.latencyMs)),
      latencyRow('iterations', s.iterations.durationMs),
    ]),
    '',
  );
  out.push(
    `requests sent ${formatEstimate(s.requests.sent)}, failed ${formatEstimate(s.requests.failed)}, failure rate ${formatEstimate(s.requests.failureRate)}`,
  );
  const causes = Object.entries(s.failures).filter(([, e]) => (e.value ?? 0) > 0);
  out.push(
    causes.length === 0
      ? 'no failures'
      : `failures: ${causes.map(([c, e]) => `${c} ${formatEstimate(e)}`).join(', ')}`,
    '',
  );
  out.push(
    table([
      [
        'service',
        'pods',
        'threads busy',
        'queued',
        'wait ms',
        'backlog',
        'CPU/limit',
        'CPU/request',
        'overflows',
      ],
      ...s.services.map((v) => [
        v.name,
        formatEstimate(v.meanReadyPods),
        formatEstimate(v.threadUtilization ?? v.meanBusyThreads),
        formatEstimate(v.meanQueued),
        formatEstimate(v.meanThreadWaitMs),
        formatEstimate(v.meanBacklog),
        formatEstimate(v.cpuUtilization),
        formatEstimate(v.cpuUtilizationOfRequests),
        formatEstimate(v.listenOverflows),
      ]),
    ]),
    '',
  );
  // The autoscalers: each decision, then how long new capacity took.
  for (const v of s.services) {
    const a = v.autoscaling;
    if (a === null) continue;
    out.push(
      `autoscaling ${v.name}: replicas ${a.minReplicas}–${a.maxReplicas}, mean desired ${formatEstimate(v.meanDesiredReplicas)}, max ${formatEstimate(v.maxDesiredReplicas)}, ${a.decisions.length} rescales in ${a.reconciles} reconciles`,
    );
    for (const d of a.decisions) {
      const metrics = d.metrics.map((m) => `${m.name} ${num(m.current)} vs ${num(m.target)}`).join(', ');
      const limit = d.limitedBy === null ? '' : `, ${d.limitedBy}`;
      const age = d.sampleAgeMs === null ? '' : `, on a sample ${num(d.sampleAgeMs / 1000)} s old`;
      out.push(`  t=${num(d.tMs / 1000)} s ${d.from} → ${d.to}: ${metrics}${limit}${age}`);
    }
    const r = a.reaction;
    if (r.decisionToReadyMs.value !== null) {
      const sec = (e: Estimate) => (e.value === null ? '—' : `${num(e.value / 1000)} s`);
      out.push(
        `  decision → ready ${sec(r.decisionToReadyMs)} = schedule ${sec(r.scheduleMs)} + image pull ${sec(r.imagePullMs)} + start-up ${sec(r.startupMs)} + readiness probe ${sec(r.readinessMs)}`,
      );
    }
  }
  if (s.services.some((v) => v.autoscaling !== null)) out.push('');
  // The data tier: one line per component with its levels (mean/max) and non-zero counts.
  for (const c of s.components) {
    const head = [
      c.utilization !== null && `utilization ${formatEstimate(c.utilization)}`,
      c.meanWaitMs !== null && `mean wait ${formatEstimate(c.meanWaitMs)} ms`,
    ].filter(Boolean);
    const levels = Object.entries(c.levels).map(
      ([name, l]) => `${name} ${num(l.mean.value)}/${num(l.max.value)}`,
    );
    const counts = Object.entries(c.counters)
      .filter(([, e]) => (e.value ?? 0) > 0)
      .map(([name, e]) => `${name} ${formatEstimate(e)}`);
    out.push(`${c.kind} ${c.name}: ${[...head, `mean/max ${levels.join(', ')}`].join('; ')}`);
    if (counts.length > 0) out.push(`  ${counts.join(', ')}`);
  }
  if (s.components.length > 0) out.push('');
  const b = s.breakdown;
  const dataParts = (
    [
      ['pool wait', b.poolWaitMs],
      ['database', b.databaseMs],
      ['redis', b.redisMs],
      ['kafka', b.kafkaMs],
      ['rabbitmq', b.rabbitmqMs],
    ] as const
  )
    .filter(([, e]) => (e.value ?? 0) !== 0)
    .map(([name, e]) => ` + ${name} ${formatEstimate(e)}`)
    .join('');
  out.push(
    `mean successful request (ms): cpu ${formatEstimate(b.cpuWorkMs)} + cpu contention ${formatEstimate(b.cpuContentionMs)} + thread queue ${formatEstimate(b.threadQueueMs)} + backlog ${formatEstimate(b.backlogMs)} + connect ${formatEstimate(b.connectMs)}${dataParts} + waits ${formatEstimate(b.otherMs)}`,
  );
  out.push(`bottleneck: ${s.bottleneck.component}: ${s.bottleneck.reason}`);
  for (const w of s.warnings) out.push(`warning ${w.code} at ${w.path || '(document)'}: ${w.message}`);
  return out.join('\n');
}
