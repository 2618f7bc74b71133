/**
 * The what-if page at `/` and its two files, served from `api/web/` (no CDN: the page loads
 * nothing from elsewhere; its charts are the API's server-rendered SVG). Read once at start.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

const FILES = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/web/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/web/style.css': ['style.css', 'text/css; charset=utf-8'],
} as const;

/** Adds the page's routes (left out of the OpenAPI document). */
export function registerWebRoutes(app: FastifyInstance): void {
  for (const [url, [file, type]] of Object.entries(FILES)) {
    const body = readFileSync(new URL(`../web/${file}`, import.meta.url), 'utf8');
    app.get(url, { schema: { hide: true } }, (_request, reply) =>
      reply.type(type).header('cache-control', 'no-cache').send(body),
    );
  }
}
