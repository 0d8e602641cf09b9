/**
 * The context a tool action runs in: the directory of the request, the allowed roots, the
 * journal of the running step, a clock and the program runner.
 */
import { runProgram } from '../platform/exec.ts';
import { pathsIn } from '../services/planner/refs.ts';
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
export const subjectsOf = pathsIn;
