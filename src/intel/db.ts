/**
 * The intelligence layer's own SQLite file, $AIOS_HOME/intel.db (WAL): token and cost
 * accounting, the plan cache, translations with their feedback and outcomes, prompt-variant
 * state and circuit breakers. Separate from the kernel's aios.db so that `aios do`, `aios
 * stats` and a running `aios up` can all use it without touching the kernel's store.
 *
 * @example
 * const db = IntelDb.open(home);
 * db.count('cache_hit');
 * db.close();
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { DEFAULT_RETENTION, pruneIfDue, type Retention } from './retention.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS llm_calls (
  id INTEGER PRIMARY KEY, at REAL NOT NULL, purpose TEXT NOT NULL, provider TEXT NOT NULL,
  model TEXT NOT NULL, role TEXT NOT NULL, input INTEGER NOT NULL, output INTEGER NOT NULL,
  estimated INTEGER NOT NULL, cost_usd REAL NOT NULL, latency_ms REAL NOT NULL, ok INTEGER NOT NULL,
  error TEXT, pid INTEGER);
CREATE INDEX IF NOT EXISTS llm_calls_at ON llm_calls(at);
CREATE TABLE IF NOT EXISTS plan_cache (
  key TEXT PRIMARY KEY, request TEXT NOT NULL, plan TEXT NOT NULL, model TEXT NOT NULL,
  created_at REAL NOT NULL, used_at REAL NOT NULL, hits INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS plan_cache_used ON plan_cache(used_at);
CREATE TABLE IF NOT EXISTS translations (
  id TEXT PRIMARY KEY, at REAL NOT NULL, request TEXT NOT NULL, norm TEXT NOT NULL,
  cache_key TEXT NOT NULL, plan TEXT, source TEXT NOT NULL, model TEXT, variant TEXT,
  history_id TEXT, outcome INTEGER, vote INTEGER);
CREATE INDEX IF NOT EXISTS translations_at ON translations(at);
CREATE INDEX IF NOT EXISTS translations_history ON translations(history_id);
CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY, at REAL NOT NULL, ref TEXT NOT NULL, vote INTEGER NOT NULL, translation_id TEXT);
CREATE INDEX IF NOT EXISTS feedback_at ON feedback(at);
CREATE TABLE IF NOT EXISTS breakers (
  provider TEXT PRIMARY KEY, state TEXT NOT NULL, failures INTEGER NOT NULL, opened_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;

export class IntelDb {
  readonly db: DatabaseSync;
  readonly path: string;
  readonly #statements = new Map<string, StatementSync>();
  /** Writes waiting for the end of this turn of the event loop (see defer()). */
  #deferred: (() => void)[] = [];

  private constructor(path: string) {
    this.path = path;
    this.db = new DatabaseSync(path, { timeout: 5000 });
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    this.db.exec(SCHEMA);
  }

  /**
   * Opens (creating if needed) intel.db in `home`, private to the user, and drops what is past
   * its retention (at most once an hour).
   */
  static open(home: string, retention: Retention = DEFAULT_RETENTION): IntelDb {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    const path = join(home, 'intel.db');
    const db = new IntelDb(path);
    chmodSync(path, 0o600);
    pruneIfDue(db, retention, Date.now());
    return db;
  }

  /** A prepared statement, compiled once per connection. */
  sql(text: string): StatementSync {
    let s = this.#statements.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.#statements.set(text, s);
    }
    return s;
  }

  /** Runs fn in one write transaction. */
  transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const value = fn();
      this.db.exec('COMMIT');
      return value;
    } catch (error) {
      // SQLite may have rolled back already (a full disk does): a second ROLLBACK would hide the error
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * Runs `write` at the end of this turn of the event loop, in one transaction with every
   * other write deferred meanwhile: with hundreds of agents, a commit per LLM call's accounting
   * row costs the event loop they all share more than the call's own path. Reads of what was
   * deferred call flush() first; close() flushes.
   */
  defer(write: () => void): void {
    if (this.#deferred.push(write) > 1) return;
    setImmediate(() => {
      try {
        this.flush();
      } catch (error) {
        // Kept for the next flush; a busy or full disk is no reason to take the host down.
        process.emitWarning(`intel.db: deferred writes failed: ${(error as Error).message}`);
      }
    });
  }

  /** Commits the deferred writes now. */
  flush(): void {
    if (this.#deferred.length === 0 || !this.db.isOpen) return;
    const writes = this.#deferred;
    this.transaction(() => {
      for (const write of writes) write();
    });
    this.#deferred = this.#deferred === writes ? [] : this.#deferred.slice(writes.length);
  }

  /** Adds to a named counter (cache hits, misses). */
  count(name: string, add = 1): void {
    this.sql(
      'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value',
    ).run(name, add);
  }

  counters(): Record<string, number> {
    const rows = this.sql('SELECT name, value FROM counters').all() as { name: string; value: number }[];
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  }

  get(key: string): string | undefined {
    return (this.sql('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  set(key: string, value: string): void {
    this.sql(
      'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }

  close(): void {
    if (!this.db.isOpen) return;
    this.flush();
    this.db.close();
  }
}
