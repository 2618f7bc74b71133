// Regressions: counters and maxima start at the end of the warm-up; event-loop queues are
// measured; connect() gives up one doubled interval after the last SYN retransmission.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../models/index.js';

const burst = (arrivals: string[], extra: Record<string, unknown> = {}) => ({
  name: 'window',
  load: { executor: 'replay', arrivals, timeout: '10m', ...extra },
  endpoints: { slow: { steps: [{ wait: '1s' }] } },
  services: {
    api: {
      tomcat: { maxThreads: 4, maxConnections: 10, acceptCount: 5 },
      linux: { tcpAbortOnOverflow: true },
      resources: { limits: { cpu: 1 } },
    },
  },
});

describe('the measured window', () => {
  it('leaves warm-up overflows, waits and maxima out of the service figures', () => {
    const s = runScenario({ ...burst([...Array(30).fill('0s'), '20s']), warmup: '10s' });
    const api = s.services[0]!;
    expect(s.failures['connection-refused'].value).toBe(0);
    expect(api.listenOverflows.value).toBe(0);
    expect(api.maxQueued.value).toBe(0);
    expect(api.maxBacklog.value).toBe(0);
    expect(api.maxBusyThreads.value).toBe(1);
    expect(api.meanThreadWaitMs.value).toBe(0);
  });

  it('gives a throughput over the horizon when every arrival is at t = 0', () => {
    const s = runScenario(burst(Array(3).fill('0s')));
    expect(s.throughput.succeededPerSec.value).toBeLessThan(1);
    expect(s.warnings.map((w) => w.code)).not.toContain('SCN_WARN_WARMUP_TOO_LONG');
  });
});

describe('event-loop queue', () => {
  it('counts requests waiting for the event loop', () => {
    const s = runScenario({
      name: 'node-queue',
      load: { executor: 'replay', arrivals: Array(30).fill('0s') },
      endpoints: { ping: { steps: [{ cpu: '1ms' }] } },
      services: { api: { server: 'event-loop', resources: { limits: { cpu: 1 } } } },
    });
    expect(s.services[0]!.maxQueued.value).toBe(29);
    expect(s.breakdown.cpuContentionMs.value).toBeCloseTo(14.5, 6);
  });
});

describe('connect() timeout', () => {
  it('fails 1 + 2 s after the first drop with tcp_syn_retries 1, not at the last retransmission', () => {
    const s = runScenario({
      ...burst(Array(16).fill('0s')),
      endpoints: { slow: { steps: [{ wait: '1m' }] } },
      services: {
        api: {
          tomcat: { maxThreads: 4, maxConnections: 10, acceptCount: 5 },
          linux: { tcpSynRetries: 1 },
          resources: { limits: { cpu: 1 } },
        },
      },
    });
    // The one overflowing request: dropped at 0 s and 1 s, gives up at 3 s.
    expect(s.failures['accept-queue-full'].value).toBe(1);
    const failedAt = s.latencyMs.all.min.value;
    expect(failedAt).toBeCloseTo(3000, 0);
  });
});
