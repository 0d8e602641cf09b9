/**
 * Memories of one kind in a namespace, in the order they were written: a namespace's core
 * blocks, or its recorded conversation a page at a time. The `memories_by_namespace` index
 * (namespace, kind) makes this a range read, however many archival memories sit beside them.
 *
 * @example
 * ofKind(store, ns, 'recall', { limit: 20 });              // the last 20 messages, oldest first
 * ofKind(store, ns, 'recall', { after: 120, limit: 20 });  // the 20 after memory 120
 */
import type { StatementSync } from 'node:sqlite';
import type { Memory, MemoryStore, Namespace } from './store.ts';
import type { MemoryKind } from './validate.ts';

export interface KindPage {
  /** Only memories with a larger id (written later); without it, the last `limit`. */
  after?: number;
  /** At most this many (all of them when not given). */
  limit?: number;
}

const statements = new WeakMap<MemoryStore, Record<'after' | 'last', StatementSync>>();

export function ofKind(store: MemoryStore, ns: Namespace, kind: MemoryKind, page: KindPage = {}): Memory[] {
  let sql = statements.get(store);
  if (sql === undefined) {
    sql = {
      after: store.db.prepare(
        'select id from memories where namespace_id = ? and kind = ? and id > ? order by id limit ?',
      ),
      last: store.db.prepare(
        'select id from memories where namespace_id = ? and kind = ? order by id desc limit ?',
      ),
    };
    statements.set(store, sql);
  }
  const limit = page.limit ?? -1; // SQLite: a negative limit is none
  const rows = (
    page.after === undefined
      ? sql.last.all(ns.id, kind, limit).reverse()
      : sql.after.all(ns.id, kind, page.after, limit)
  ) as { id: number }[];
  const ids = rows.map((r) => Number(r.id));
  const found = store.getMany(ns, ids);
  return ids.map((id) => found.get(id)).filter((m): m is Memory => m !== undefined);
}
