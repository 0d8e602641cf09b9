/**
 * What a CLI command is: a name, help text, its options (node:util parseArgs) and run().
 * Usage mistakes throw UsageError (exit 2); failures throw CliError (exit 1).
 */
import type { ParseArgsOptionsConfig } from 'node:util';

export interface CommandContext {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  json: boolean;
  debug: boolean;
  home: string;
  out: (line?: string) => void;
  err: (line: string) => void;
}

export interface Command {
  name: string;
  summary: string;
  /** Usage lines, without the leading `aios `. */
  usage: string[];
  /** Help text after the usage: options and examples. */
  help?: string;
  options?: ParseArgsOptionsConfig;
  /** Most positionals accepted (default 0). */
  maxPositionals?: number;
  /**
   * The command reads its own arguments (every word after its name comes as a positional):
   * a service's operations each take their own flags.
   */
  ownArgs?: boolean;
  run(ctx: CommandContext): Promise<number>;
}

export class UsageError extends Error {}
export class CliError extends Error {}

/** The positional at `index`, or a UsageError naming what is missing. */
export function need(ctx: CommandContext, index: number, what: string): string {
  const value = ctx.positionals[index];
  if (value === undefined || value === '') throw new UsageError(`missing ${what}`);
  return value;
}

/** Parses a positive integer option or positional; UsageError otherwise. */
export function intArg(
  value: string | boolean | string[] | undefined,
  what: string,
  min = 1,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${what} must be a whole number of at least ${min}, not '${String(value)}'`);
  }
  return n;
}

/** Parses "90s", "15m", "2h", "7d" or a number of ms. */
export function durationArg(
  value: string | boolean | string[] | undefined,
  what: string,
): number | undefined {
  if (value === undefined) return undefined;
  const m = typeof value === 'string' ? /^(\d+)(ms|s|m|h|d)?$/.exec(value) : null;
  if (!m) throw new UsageError(`${what} must be a duration like 90s, 15m, 2h or 7d, not '${String(value)}'`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? 'ms'] ?? 1;
  return Number(m[1]) * unit;
}
