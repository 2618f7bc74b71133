/**
 * What the subcommands share: parsing their options with `--help`, and bad usage answered with
 * the message and the usage text on stderr (exit code 2).
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** A parsed command line, and how to refuse it. */
export interface ParsedCommand<T extends Options> {
  readonly values: ReturnType<
    typeof parseArgs<{ options: T & typeof HELP; allowPositionals: true }>
  >['values'];
  readonly positionals: string[];
  /** Writes `message` and the usage to stderr; returns the exit code 2. */
  readonly usage: (message: string) => 2;
  /**
   * The string option `name` as an integer in `min..max`: undefined when not given, null (after
   * saying so on stderr) when it is not such an integer.
   */
  readonly integer: (name: string, min: number, max: number) => number | undefined | null;
}

/**
 * Parses `argv` with `options` (plus `--help`). Returns the exit code instead when there is
 * nothing left to do: 0 after printing the usage for `--help`, 2 after an unknown option.
 */
export function parseCommand<T extends Options>(
  argv: readonly string[],
  options: T,
  usageText: string,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): ParsedCommand<T> | number {
  const usage = (message: string): 2 => (err.write(`${message}\n${usageText}\n`), 2);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { ...options, ...HELP } });
  } catch (e) {
    return usage((e as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help === true) {
    out.write(`${usageText}\n`);
    return 0;
  }
  const values = parsed.values as ParsedCommand<T>['values'];
  const integer = (name: string, min: number, max: number): number | undefined | null => {
    const text = (values as Record<string, unknown>)[name];
    if (text === undefined) return undefined;
    const n = Number(text);
    if (typeof text === 'string' && Number.isInteger(n) && n >= min && n <= max) return n;
    err.write(`--${name} must be an integer in ${min}..${max}, got ${String(text)}\n`);
    return null;
  };
  return { values, positionals: parsed.positionals, usage, integer };
}
