/**
 * The context a tool action runs in: the directory of the request, the allowed roots, the
 * journal of the running step, a clock and the program runner.
 */
import { runProgram } from '../platform/exec.ts';
import { Roots } from '../tools/roots.ts';
import type { Journal, ToolContext } from '../tools/types.ts';

export interface ContextOptions {
  cwd: string;
  home: string;
  roots: string[];
  forbidden: string[];
  /** Folders inside a forbidden one Atlas may still use (its backups). */
  kept?: string[];
  journal?: Journal;
  progress?(done: number, total: number): void;
  signal?: AbortSignal;
}

export function toolContext(o: ContextOptions): ToolContext {
  return {
    cwd: o.cwd,
    home: o.home,
    paths: new Roots({ cwd: o.cwd, home: o.home, roots: o.roots, forbidden: o.forbidden, kept: o.kept }),
    journal: o.journal,
    progress: o.progress,
    signal: o.signal,
    exec: (command, args, options) => runProgram(command, args, { cwd: o.cwd, signal: o.signal, ...options }),
    now: () => Date.now(),
  };
}

/** The paths an action's output names: what a follow-up ("delete them", "zip those") acts on. */
export function subjectsOf(output: unknown): string[] {
  if (typeof output !== 'object' || output === null) return [];
  const o = output as Record<string, unknown>;
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  if (Array.isArray(o.paths)) return strings(o.paths);
  // An archive lists its entries by name: what it made is `path`.
  if (Array.isArray(o.entries) && o.entries.some((e) => typeof e?.path === 'string'))
    return o.entries.flatMap((e) => (typeof e?.path === 'string' ? [e.path as string] : []));
  if (Array.isArray(o.deleted)) return strings(o.deleted);
  if (Array.isArray(o.matches))
    return [...new Set(o.matches.flatMap((m) => (typeof m?.path === 'string' ? [m.path as string] : [])))];
  if (typeof o.path === 'string') return [o.path];
  return [];
}
