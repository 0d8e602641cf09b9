/**
 * Undo for a plan Atlas ran on the planner: the planner's journal (services/planner/effects.ts)
 * keeps copies of what a node overwrote or deleted under `$AIOS_HOME/planner/kept/RUN/NODE/` and
 * lists them in the node's output (`undo`). When the run ends, Atlas takes each entry into its
 * own undo store, in commit order, moving the kept copies into it, so `aios undo` reverses a
 * planner-run request like any other.
 *
 * @example
 * adoptUndo(undoStore, '12', view); // the run's ways back are request 12's now
 */
import type { UndoEntry } from '../tools/types.ts';
import type { UndoStore } from './undo-store.ts';

/** What Atlas reads of a planner run (the planner's RunView). */
export interface RunView {
  id: string;
  name: string;
  state: string;
  error?: string;
  waiting: { node: string; why: string }[];
  nodes: { id: string; state: string; checkpoint?: number; error?: string; output?: unknown }[];
}

/** Takes every undo entry of the run's committed nodes into request `id`'s journal, oldest first. */
export function adoptUndo(store: UndoStore, id: string, view: RunView): void {
  const committed = view.nodes
    .filter((n) => n.checkpoint !== undefined && Array.isArray((n.output as { undo?: unknown })?.undo))
    .sort((a, b) => (a.checkpoint ?? 0) - (b.checkpoint ?? 0));
  for (const node of committed) {
    for (const raw of (node.output as { undo: Record<string, unknown>[] }).undo) {
      const entry = undoEntryOf(raw);
      if (entry) store.adopt(id, entry.entry, entry.kept);
    }
  }
}

/** A planner journal entry as Atlas's, with the path of its kept copy; undefined for one it cannot read. */
function undoEntryOf(e: Record<string, unknown>): { entry: UndoEntry; kept?: string } | undefined {
  const str = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : undefined);
  const num = (k: string) => (typeof e[k] === 'number' ? (e[k] as number) : undefined);
  const path = str('path');
  switch (e.kind) {
    case 'created': {
      const type = e.type === 'file' || e.type === 'dir' || e.type === 'tree' ? e.type : undefined;
      if (path === undefined || type === undefined) return undefined;
      return { entry: { kind: 'created', path, type, ...(str('hash') ? { hash: str('hash') } : {}) } };
    }
    case 'saved': {
      const blob = str('blob');
      const mode = num('mode');
      const mtimeMs = num('mtimeMs');
      if (path === undefined || blob === undefined || mode === undefined || mtimeMs === undefined)
        return undefined;
      return { entry: { kind: 'saved', path, blob, mode, mtimeMs }, kept: blob };
    }
    case 'trashed': {
      const blob = str('blob');
      if (path === undefined || blob === undefined) return undefined;
      return { entry: { kind: 'trashed', path, blob }, kept: blob };
    }
    case 'moved': {
      const from = str('from');
      const to = str('to');
      return from === undefined || to === undefined ? undefined : { entry: { kind: 'moved', from, to } };
    }
    case 'appended': {
      const size = num('size');
      const hash = str('hash');
      const mtimeMs = num('mtimeMs');
      if (path === undefined || size === undefined || hash === undefined || mtimeMs === undefined)
        return undefined;
      return { entry: { kind: 'truncated', path, size, hash, mtimeMs } };
    }
    case 'tool': {
      const tool = str('tool');
      const op = str('op');
      const data = e.data;
      if (tool === undefined || op === undefined || typeof data !== 'object' || data === null)
        return undefined;
      return { entry: { kind: 'tool', tool, op, data: data as Record<string, unknown> } };
    }
    default:
      return undefined;
  }
}
