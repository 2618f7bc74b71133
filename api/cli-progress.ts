/**
 * A progress bar on a terminal: `[########------------]  12/40 replications  0:07`, redrawn in
 * place on stderr. Nothing at all when the stream is not a terminal or `CI` is set, so logs stay
 * clean.
 */

/** What a job reports to. */
export interface Progress {
  /** One more unit done. */
  tick(): void;
  /** Clears the bar. */
  end(): void;
}

const WIDTH = 30;

/** A bar over `total` units on `stream`; `enabled` defaults to "a terminal, not CI". */
export function progressBar(
  stream: NodeJS.WritableStream,
  total: number,
  unit: string,
  enabled = (stream as { isTTY?: boolean }).isTTY === true && !process.env.CI,
): Progress {
  if (!enabled) return { tick() {}, end() {} };
  const started = Date.now();
  let done = 0;
  let line = '';
  const draw = () => {
    const filled = Math.round((WIDTH * done) / total);
    const s = Math.floor((Date.now() - started) / 1000);
    const clock = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
    line = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(done).padStart(String(total).length)}/${total} ${unit}  ${clock}`;
    stream.write(`\r${line}`);
  };
  draw();
  return {
    tick() {
      done = Math.min(total, done + 1);
      draw();
    },
    end() {
      stream.write(`\r${' '.repeat(line.length)}\r`);
    },
  };
}
