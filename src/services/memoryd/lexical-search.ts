/**
 * The lexical side's FTS5 work, with its cost bounded. FTS5's bm25() scores every match of the
 * query (and first counts every phrase's matches for its IDF), so a WordNet-widened query of 16
 * terms that reaches 12,000 of 100,000 memories cost 8 ms where the median one cost 1. So:
 *
 * - a query whose terms appear in at most LEXICAL_EXACT_POSTINGS memories in all (most queries)
 *   is ranked exactly, every match by BM25;
 * - a heavier one is split by document frequency: its rare terms (each in at most
 *   LEXICAL_RARE_DF memories: the ones BM25 weighs most) still rank all their matches exactly,
 *   while its common terms score only their newest LEXICAL_COMMON_CAP matches, and a memory's two
 *   scores add up (BM25 is a sum over terms);
 * - FTS5's segments are merged once enough has been written since the last merge: a term's
 *   lookup probes every segment, which dominated cheap queries on an index built by many puts.
 *
 * Document frequencies come from FTS5 itself, counted once per term and cached.
 *
 * @example
 * const lexical = new LexicalSearch(db);
 * lexical.search(ns, [['yearly', 'annual'], ['audit']], 50, (id) => index.has(id));
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { MEMORY_LIMITS } from './limits.ts';
import type { Namespace } from './store.ts';

export interface LexicalHit {
  id: number;
  /** BM25, higher is better. */
  score: number;
}

type Row = { id: number; score: number };

function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

function matchOf(terms: string[]): string {
  return terms.map(quote).join(' OR ');
}

export class LexicalSearch {
  readonly #db: DatabaseSync;
  readonly #sql: Record<string, StatementSync>;
  readonly #df = new Map<string, number>();
  /** Memories in the store when the cached frequencies were counted. */
  #dfRows = 0;
  #writesSinceMerge = 0;

  constructor(db: DatabaseSync) {
    this.#db = db;
    const p = (sql: string) => db.prepare(sql);
    this.#sql = {
      df: p('select count(*) n from memory_fts where memory_fts match ?'),
      rows: p('select coalesce(sum(count), 0) n from namespaces'),
      exact: p(
        'select rowid id, bm25(memory_fts) score from memory_fts where memory_fts match ? order by score limit ?',
      ),
      exactIn: p(
        `select f.rowid id, bm25(memory_fts) score from memory_fts f join memories m on m.id = f.rowid
         where memory_fts match ? and m.namespace_id = ? order by score limit ?`,
      ),
      newest: p(
        'select rowid id, bm25(memory_fts) score from memory_fts where memory_fts match ? order by rowid desc limit ?',
      ),
      newestIn: p(
        `select f.rowid id, bm25(memory_fts) score from memory_fts f join memories m on m.id = f.rowid
         where memory_fts match ? and m.namespace_id = ? order by f.rowid desc limit ?`,
      ),
      texts: p('select id, text from memories where id in (select value from json_each(?))'),
    };
  }

  /**
   * The best `limit` BM25 matches in `ns` of any term of `groups` (a query word and its
   * synonyms per group), best first. `holds` says from memory whether an id is in `ns`: a join
   * with memories costs a row read per match, so it runs only when other namespaces crowd the
   * first LEXICAL_OVERFETCH × limit matches.
   */
  search(ns: Namespace, groups: string[][], limit: number, holds: (id: number) => boolean): LexicalHit[] {
    const terms = [...new Set(groups.flat())];
    if (terms.length === 0) return [];
    const wide = limit * MEMORY_LIMITS.LEXICAL_OVERFETCH;
    const rows = this.#ranked(terms, wide);
    let mine = rows.filter((r) => holds(r.id));
    if (mine.length < limit && rows.length === wide) mine = this.#ranked(terms, limit, ns);
    return mine.slice(0, limit);
  }

  /** Texts of memories `ids` (for coverage), by id. */
  texts(ids: number[]): Map<number, string> {
    const out = new Map<number, string>();
    for (const row of this.#sql.texts.all(JSON.stringify(ids)) as { id: number; text: string }[])
      out.set(Number(row.id), row.text);
    return out;
  }

  /**
   * Notes `count` memories written (inserted, replaced or removed) and merges FTS5's segments
   * when the writes since the last merge reach LEXICAL_MERGE_SHARE of the store (and at least
   * LEXICAL_MERGE_MIN): merging rewrites the whole index (a quarter second at 100,000), so its
   * cost stays a small share of the writes that called for it.
   */
  written(count: number): void {
    this.#writesSinceMerge += count;
    if (this.#writesSinceMerge < MEMORY_LIMITS.LEXICAL_MERGE_MIN) return;
    if (this.#writesSinceMerge < this.#rows() * MEMORY_LIMITS.LEXICAL_MERGE_SHARE) return;
    try {
      this.#db.exec("insert into memory_fts (memory_fts) values ('optimize')");
      this.#writesSinceMerge = 0;
    } catch {
      // The writes that called for it are committed; a merge that cannot run now (another
      // connection holds the write lock) runs after the next write instead.
    }
  }

  /** The best `wide` matches of `terms`, by the plan their frequencies call for (see above). */
  #ranked(terms: string[], wide: number, ns?: Namespace): Row[] {
    const rows = this.#rows();
    const df = terms.map((t) => this.#frequency(t, rows));
    if (df.reduce((a, b) => a + b, 0) <= MEMORY_LIMITS.LEXICAL_EXACT_POSTINGS)
      return this.#exact(matchOf(terms), wide, ns);
    const rare = terms.filter((_, i) => df[i] <= MEMORY_LIMITS.LEXICAL_RARE_DF);
    const common = terms.filter((_, i) => df[i] > MEMORY_LIMITS.LEXICAL_RARE_DF);
    const score = new Map<number, number>();
    if (rare.length > 0) for (const r of this.#exact(matchOf(rare), wide, ns)) score.set(r.id, r.score);
    const newest = ns
      ? this.#sql.newestIn.all(matchOf(common), ns.id, MEMORY_LIMITS.LEXICAL_COMMON_CAP)
      : this.#sql.newest.all(matchOf(common), MEMORY_LIMITS.LEXICAL_COMMON_CAP);
    for (const r of newest as Row[]) score.set(Number(r.id), (score.get(Number(r.id)) ?? 0) - r.score);
    return [...score]
      .map(([id, s]) => ({ id, score: s }))
      .sort((a, b) => b.score - a.score)
      .slice(0, wide);
  }

  #exact(match: string, limit: number, ns?: Namespace): Row[] {
    const rows = (
      ns ? this.#sql.exactIn.all(match, ns.id, limit) : this.#sql.exact.all(match, limit)
    ) as Row[];
    return rows.map((r) => ({ id: Number(r.id), score: -r.score }));
  }

  /** Memories (in every namespace, as FTS5's BM25 counts them) that hold `term`. */
  #frequency(term: string, rows: number): number {
    // Frequencies drift as memories come and go: count afresh once the store has changed size
    // by a quarter; the cache is bounded as well.
    if (Math.abs(rows - this.#dfRows) > this.#dfRows / 4 || this.#df.size >= MEMORY_LIMITS.LEXICAL_DF_CACHE) {
      this.#df.clear();
      this.#dfRows = rows;
    }
    let n = this.#df.get(term);
    if (n === undefined) {
      n = Number((this.#sql.df.get(quote(term)) as { n: number }).n);
      this.#df.set(term, n);
    }
    return n;
  }

  #rows(): number {
    return Number((this.#sql.rows.get() as { n: number }).n);
  }
}
