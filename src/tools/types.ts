/**
 * What a system tool action is: a schema for its arguments, a risk, the rights it needs, a
 * dry-run preview and a run that records how to undo it. Atlas validates a plan step against
 * `args`, asks `preview` what it would touch, has the kernel authorise it (tool_invoke) and
 * only then calls `run`.
 *
 * @example
 * const mkdir = action({
 *   tool: 'files', action: 'mkdir', summary: 'Create a directory', risk: 1,
 *   args: z.object({ path: z.string() }).strict(),
 *   preview: async (a, ctx) => ({ summary: `create ${a.path}`, paths: [ctx.paths.target(a.path)], bytes: 0 }),
 *   run: async (a, ctx) => { ... ctx.journal.created(dir, 'dir'); return { path: dir }; },
 * });
 */
import type { z } from 'zod';
import type { Risk } from '../intel/intent.ts';
import type { RunOptions, RunResult } from '../platform/exec.ts';
import type { Roots } from './roots.ts';

/** What a step would do, before it runs. */
export interface Preview {
  /** One line a person reads: what will happen. */
  summary: string;
  /** Absolute paths it reads, creates, changes or removes. */
  paths: string[];
  /** Bytes it writes, moves or removes (0 for read-only). */
  bytes: number;
  /** The risk for these arguments, when higher than the action's base risk (write over a file). */
  risk?: Risk;
  /** Arguments made concrete (a process name resolved to pids): what was previewed is what runs. */
  pinned?: Record<string, unknown>;
  /** Why this cannot be undone, when it cannot. */
  irreversible?: string;
  /** What the audit names as the target when it is not a path: pids, a URL, a package, a service. */
  target?: string;
}

/** One way back: recorded while a step runs, replayed in reverse by `aios undo`. */
export type UndoEntry =
  | { kind: 'created'; path: string; type: 'file' | 'dir' | 'tree'; hash?: string }
  | { kind: 'saved'; path: string; blob: string; mode: number; mtimeMs: number }
  | { kind: 'trashed'; path: string; blob: string }
  | { kind: 'moved'; from: string; to: string }
  | { kind: 'truncated'; path: string; size: number; hash: string; mtimeMs: number }
  | { kind: 'tool'; tool: string; op: string; data: Record<string, unknown> };

/** Records undo entries for the running step; file snapshots go into the undo store. */
export interface Journal {
  /**
   * A path this step created: a file, an empty directory it made, or a whole tree it
   * copied or extracted. Undo moves files and trees into the store and removes empty dirs.
   */
  created(path: string, type: 'file' | 'dir' | 'tree'): void;
  /** Keep a copy of `path` before it is changed in place (undo puts it back). */
  save(path: string): void;
  /** Moves `path` into the undo store instead of removing it (journaled before it moves). */
  trash(path: string): void;
  /** `from` is about to be moved to `to`: call it before the move, so a crash between leaves a way back. */
  moved(from: string, to: string): void;
  /** `path` had `size` bytes before data was appended (undo truncates it back). */
  appended(path: string, size: number): void;
  /** A tool-specific way back (git reset, npm uninstall), run by the tool's `undo`. */
  tool(tool: string, op: string, data: Record<string, unknown>): void;
}

export interface ToolContext {
  cwd: string;
  home: string;
  paths: Roots;
  /** Present while a step runs (absent in previews). */
  journal?: Journal;
  /** Bytes done of a long operation (copies), for a progress bar. */
  progress?(done: number, total: number): void;
  exec(command: string, args: string[], options?: RunOptions): Promise<RunResult>;
  now(): number;
  signal?: AbortSignal;
}

export interface ActionDef<A = Record<string, unknown>> {
  tool: string;
  action: string;
  summary: string;
  args: z.ZodType<A>;
  /** Risk for any arguments (levels in src/kernel/risk.ts). */
  risk: Risk;
  /** Highest risk some arguments reach (write over an existing file), default `risk`. */
  maxRisk?: Risk;
  preview(args: A, ctx: ToolContext): Promise<Preview>;
  run(args: A, ctx: ToolContext): Promise<unknown>;
}

export interface ToolDef {
  name: string;
  summary: string;
  actions: ActionDef[];
  /** Reverses a 'tool' undo entry recorded by one of its actions. */
  undo?(op: string, data: Record<string, unknown>, ctx: ToolContext): Promise<string>;
}

/** Typed helper: keeps the argument type of an action's functions. */
export function action<A>(def: ActionDef<A>): ActionDef {
  return def as unknown as ActionDef;
}

/** A tool refused or failed: one line a person can act on. */
export class ToolError extends Error {
  override name = 'ToolError';
}
