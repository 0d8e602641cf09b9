/**
 * The plan cache: validated LLM plans keyed on the normalised request and only the context
 * that changes the plan (working directory, home, the recent turns a follow-up can refer to,
 * and the tool catalog), never a timestamp. Entries live one hour (ttlMs) and the least
 * recently used go first beyond maxEntries. An in-memory LRU sits in front of intel.db, so a
 * shell session hits memory and a fresh `aios do` process hits SQLite.
 *
 * @example
 * const key = planKey('Show the 5 biggest files here!', context);
 * cache.set(key, request, plan, 'qwen2.5:7b');
 * cache.get(key)?.plan;
 */
import { createHash } from 'node:crypto';
import type { IntelDb } from './db.ts';
import type { CatalogEntry, Plan, TranslateContext } from './intent.ts';

export interface CachedPlan {
  plan: Plan;
  model: string;
  createdAt: number;
}

/** Lower case, one space between words, unified quotes, no trailing punctuation. */
export function normaliseRequest(request: string): string {
  return request
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.!?]+$/, '');
}

const catalogHashes = new WeakMap<readonly CatalogEntry[], string>();

/** A hash of what the model is offered: tool, action, risk and argument schema of each entry. */
export function catalogHash(catalog: readonly CatalogEntry[]): string {
  let hash = catalogHashes.get(catalog);
  if (!hash) {
    const h = createHash('sha256');
    for (const e of catalog) h.update(JSON.stringify([e.tool, e.action, e.risk, e.args])).update('\n');
    hash = h.digest('hex').slice(0, 16);
    catalogHashes.set(catalog, hash);
  }
  return hash;
}

/** How many earlier turns a follow-up may refer to (and so how many are in the key). */
export const KEY_TURNS = 3;

/** The cache key of `request` in `context`. */
export function planKey(request: string, context: TranslateContext, catalog = context.catalog): string {
  const turns = (context.history ?? [])
    .slice(-KEY_TURNS)
    .map((t) => [normaliseRequest(t.request), t.subjects]);
  return createHash('sha256')
    .update(
      JSON.stringify([normaliseRequest(request), context.cwd, context.home, turns, catalogHash(catalog)]),
    )
    .digest('hex');
}

export class PlanCache {
  readonly #db: IntelDb;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  /** Insertion order is recency order: the first key is the least recently used. */
  readonly #memory = new Map<string, CachedPlan>();

  constructor(db: IntelDb, options: { ttlMs: number; maxEntries: number }, now: () => number = Date.now) {
    this.#db = db;
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
    this.#now = now;
  }

  get(key: string): CachedPlan | undefined {
    const now = this.#now();
    let entry = this.#memory.get(key);
    if (entry) this.#memory.delete(key);
    else {
      const row = this.#db.sql('SELECT plan, model, created_at FROM plan_cache WHERE key = ?').get(key) as
        | { plan: string; model: string; created_at: number }
        | undefined;
      if (row) entry = { plan: JSON.parse(row.plan) as Plan, model: row.model, createdAt: row.created_at };
    }
    if (!entry) return undefined;
    if (now - entry.createdAt >= this.#ttlMs) {
      this.delete(key);
      return undefined;
    }
    // The row is the truth: another process may have dropped it (feedback down, eviction).
    const touched = this.#db
      .sql('UPDATE plan_cache SET used_at = ?, hits = hits + 1 WHERE key = ?')
      .run(now, key);
    if (touched.changes === 0) return undefined;
    this.#remember(key, entry);
    return entry;
  }

  set(key: string, request: string, plan: Plan, model: string): void {
    const now = this.#now();
    this.#remember(key, { plan, model, createdAt: now });
    this.#db
      .sql(
        `INSERT INTO plan_cache (key, request, plan, model, created_at, used_at, hits) VALUES (?, ?, ?, ?, ?, ?, 0)
         ON CONFLICT(key) DO UPDATE SET request = excluded.request, plan = excluded.plan, model = excluded.model,
           created_at = excluded.created_at, used_at = excluded.used_at, hits = 0`,
      )
      .run(key, request, JSON.stringify(plan), model, now, now);
    this.#evict(now);
  }

  delete(key: string): void {
    this.#memory.delete(key);
    this.#db.sql('DELETE FROM plan_cache WHERE key = ?').run(key);
  }

  /** Entries stored (expired ones not yet evicted included). */
  size(): number {
    return (this.#db.sql('SELECT count(*) AS n FROM plan_cache').get() as { n: number }).n;
  }

  /** Drops expired entries and, beyond maxEntries, the least recently used. */
  #evict(now: number): void {
    this.#db.sql('DELETE FROM plan_cache WHERE created_at <= ?').run(now - this.#ttlMs);
    this.#db
      .sql(
        'DELETE FROM plan_cache WHERE key IN (SELECT key FROM plan_cache ORDER BY used_at DESC LIMIT -1 OFFSET ?)',
      )
      .run(this.#maxEntries);
  }

  #remember(key: string, entry: CachedPlan): void {
    this.#memory.set(key, entry);
    while (this.#memory.size > this.#maxEntries) {
      const oldest = this.#memory.keys().next().value;
      if (oldest === undefined) break;
      this.#memory.delete(oldest);
    }
  }
}
