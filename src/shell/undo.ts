/**
 * `aios undo`: which request to take back (the last undoable one, or the one named), the checks
 * that say why it cannot be, and the replay of its journal newest first, each entry authorised
 * by the kernel as a risk-1 action of the atlas agent. Undo data older than `undoDays` expires.
 *
 * @example
 * const result = await undoRequest(history, store, '12', { context, agent: () => atlas.agent });
 */
import { toolMap } from '../tools/registry.ts';
import type { ToolContext } from '../tools/types.ts';
import type { AtlasAgent } from './agent.ts';
import type { History } from './history.ts';
import { AtlasError, type UndoResult } from './types.ts';
import type { UndoStore } from './undo-store.ts';

/** Reverses request `undoId` (default: the last undoable one) from its journal. Throws AtlasError. */
export async function undoRequest(
  history: History,
  store: UndoStore,
  undoId: string | undefined,
  o: { context(cwd: string): ToolContext; agent(): AtlasAgent },
): Promise<UndoResult> {
  const id = undoId ?? history.lastUndoable();
  if (id === undefined) throw new AtlasError('Nothing to undo: no request has changed anything yet');
  const record = history.get(id);
  if (!record) throw new AtlasError(`There is no request ${id}; see 'aios history'`);
  if (record.status === 'undone') throw new AtlasError(`Request ${id} was undone already`);
  if (!record.undoable || store.count(id) === 0)
    throw new AtlasError(`Request ${id} changed nothing that can be undone`);
  const ctx = o.context(record.cwd);
  const agent = o.agent();
  const report = await store.undo(id, toolMap(), ctx, (entry) => {
    const target = 'path' in entry ? entry.path : 'from' in entry ? entry.from : undefined;
    agent.authorise(agent.baseHandle, entry.kind === 'tool' ? entry.tool : 'files', 'undo', 1, target);
  });
  const complete = report.conflicts.length === 0;
  history.undone(id, Date.now(), complete);
  // What undo displaced (a file the request made, edits made since) stays in the store until it expires.
  return { undoId: id, restored: report.restored, conflicts: report.conflicts };
}

/** Drops the undo data of requests executed more than `days` ago. */
export function expireUndo(history: History, store: UndoStore, days: number): void {
  const before = Date.now() - days * 86_400_000;
  for (const id of history.expired(before)) {
    store.forget(id);
    history.expire(id);
  }
}
