/**
 * The API's own metrics in the Prometheus text exposition format (version 0.0.4): requests by
 * method, route and status, their total duration, and the simulation queue.
 */
import type { FastifyInstance } from 'fastify';

/** Counts requests as they complete; `render` writes the exposition text. */
export class ApiMetrics {
  // `method route status` → count, and `method route` → seconds.
  readonly #requests = new Map<string, number>();
  readonly #seconds = new Map<string, { sum: number; count: number }>();

  /** Hooks the app: every response is counted under its route pattern (not its URL). */
  attach(app: FastifyInstance): void {
    app.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const key = `${request.method} ${route}`;
      const status = `${key} ${reply.statusCode}`;
      this.#requests.set(status, (this.#requests.get(status) ?? 0) + 1);
      const s = this.#seconds.get(key) ?? { sum: 0, count: 0 };
      s.sum += reply.elapsedTime / 1000;
      s.count++;
      this.#seconds.set(key, s);
      done();
    });
  }

  /** The exposition text, with the gauges given by the caller. */
  render(gauges: Readonly<Record<string, { help: string; value: number }>>): string {
    const label = (v: string) => v.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
    const out = [
      '# HELP capsim_http_requests_total HTTP requests answered, by method, route and status.',
      '# TYPE capsim_http_requests_total counter',
    ];
    for (const [k, n] of [...this.#requests].sort()) {
      const [method, route, status] = k.split(' ');
      out.push(
        `capsim_http_requests_total{method="${method}",route="${label(route!)}",status="${status}"} ${n}`,
      );
    }
    out.push(
      '# HELP capsim_http_request_duration_seconds Time to answer, by method and route.',
      '# TYPE capsim_http_request_duration_seconds summary',
    );
    for (const [k, s] of [...this.#seconds].sort()) {
      const [method, route] = k.split(' ');
      const labels = `method="${method}",route="${label(route!)}"`;
      out.push(`capsim_http_request_duration_seconds_sum{${labels}} ${s.sum}`);
      out.push(`capsim_http_request_duration_seconds_count{${labels}} ${s.count}`);
    }
    for (const [name, g] of Object.entries(gauges))
      out.push(`# HELP ${name} ${g.help}`, `# TYPE ${name} gauge`, `${name} ${g.value}`);
    return `${out.join('\n')}\n`;
  }
}
