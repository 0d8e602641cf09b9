/**
 * How long intel.db keeps its records: LLM call accounting, translations and feedback grow with
 * every request, so each is kept for at most `days` and `rows` (the plan cache has its own TTL
 * and size, llm.cache). Pruning runs when intel.db is opened, at most once an hour.
 *
 * @example
 * // $AIOS_HOME/config.json
 * { "llm": { "retention": { "days": 30, "rows": 20000 } } }
 */
import type { IntelDb } from './db.ts';

export interface Retention {
  /** Records older than this many days are deleted. */
  days: number;
  /** At most this many of the newest records are kept, per table. */
  rows: number;
}

export const DEFAULT_RETENTION: Retention = { days: 90, rows: 100_000 };

/** Bounds of the setting, checked by the config schema. */
export const RETENTION_LIMITS = { days: { min: 1, max: 3650 }, rows: { min: 100, max: 10_000_000 } } as const;

const PRUNE_EVERY_MS = 3_600_000;
const PRUNED_AT = 'retention.pruned_at';
const TABLES = ['llm_calls', 'translations', 'feedback'] as const;

/** Deletes what is older or beyond the newest `rows`; returns how many rows went, per table. */
export function prune(db: IntelDb, retention: Retention, now: number): Record<string, number> {
  const cutoff = now - retention.days * 86_400_000;
  const removed: Record<string, number> = {};
  db.flush();
  db.transaction(() => {
    for (const table of TABLES) {
      const old = db.sql(`DELETE FROM ${table} WHERE at < ?`).run(cutoff).changes;
      const extra = db
        .sql(
          `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} ORDER BY at DESC LIMIT -1 OFFSET ?)`,
        )
        .run(retention.rows).changes;
      removed[table] = Number(old) + Number(extra);
    }
    db.set(PRUNED_AT, String(now));
  });
  return removed;
}

/** Prunes when the last pruning was over an hour ago (or never); true if it ran. */
export function pruneIfDue(db: IntelDb, retention: Retention, now: number): boolean {
  const last = Number(db.get(PRUNED_AT) ?? Number.NEGATIVE_INFINITY);
  if (now - last < PRUNE_EVERY_MS) return false;
  prune(db, retention, now);
  return true;
}
