/**
 * The worker threads' code as one JavaScript file. Loading the TypeScript through tsx costs each
 * thread 2–3 s (every module transformed and resolved through the loader's hooks); esbuild bundles
 * the same sources into one ES module in about 0.1 s, and a thread loads that in about 0.25 s
 * (measured on this 2-core machine). npm packages stay imports (`packages: 'external'`), resolved
 * from the project's `node_modules`, which is why the bundle is written under it.
 *
 * The file is named by its content's hash: a changed source gives a new file, never a stale one,
 * and processes or threads building at once write the same bytes (each to its own temporary file,
 * renamed).
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const ENTRY = new URL('./simulate-worker.ts', import.meta.url);
const CACHE = new URL('../../node_modules/.cache/capsim/', import.meta.url);

let built: string | null | undefined;

/**
 * The bundle's file URL, built on first use in this process; null when it cannot be built or
 * written (a read-only install): then the pool loads the TypeScript through tsx instead.
 */
export function workerBundle(): string | null {
  if (built !== undefined) return built;
  try {
    const result = buildSync({
      entryPoints: [fileURLToPath(ENTRY)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
    const file = new URL(`simulate-worker-${hash}.mjs`, CACHE);
    if (!existsSync(file)) {
      mkdirSync(CACHE, { recursive: true });
      // Threads of one process share its pid: the temporary name is unique per call.
      const temporary = new URL(`simulate-worker-${hash}.${randomUUID()}.tmp`, CACHE);
      writeFileSync(temporary, code);
      renameSync(temporary, file);
    }
    built = file.href;
  } catch {
    built = null;
  }
  return built;
}
