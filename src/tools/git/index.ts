/**
 * The git tool: status, log, diff (risk 0, inspect.ts); add, commit, branch, checkout, stash
 * (risk 1-3, change.ts), each recording how to go back (undo.ts). Git runs through run.ts, so
 * nothing a repository configures (hooks, filters, fsmonitor) runs.
 */
import type { ToolDef } from '../types.ts';
import { add, branch, checkout, commit, stash } from './change.ts';
import { diff, log, status } from './inspect.ts';
import { undoGit } from './undo.ts';

export const gitTool: ToolDef = {
  name: 'git',
  summary: 'Git repositories',
  actions: [status, log, diff, add, commit, branch, checkout, stash],
  undo: undoGit,
};
