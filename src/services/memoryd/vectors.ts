/**
 * Vectors: exact float32 rows in SQLite (the truth, scored by sqlite-vec's vec_distance_cosine)
 * and, per namespace, a quantised copy in memory (quantised-index.ts) that narrows a search to a
 * short list for exact rescoring. The in-memory copy is built from the table on a namespace's
 * first search, then kept in step with every write.
 *
 * @example
 * const vectors = new VectorStore(db);
 * vectors.put(ns, id, vector);
 * vectors.search(ns, query, 10);      // quantised stages, exact rescoring of the short list
 * vectors.exact(ns, query, 10);       // brute-force scan: the reference
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { type CodeLayout, codeLayout, quantise } from './codes.ts';
import { MEMORY_LIMITS } from './limits.ts';
import { QuantisedIndex } from './quantised-index.ts';
import type { Namespace } from './store.ts';

export interface VectorHit {
  id: number;
  /** Cosine similarity, -1 to 1. */
  similarity: number;
  /** The similarity is the int8 estimate (to about 0.005), not yet the exact cosine. */
  estimated?: boolean;
}

type Row = Record<string, unknown>;

function blob(vector: Float32Array): Uint8Array {
  return new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
}

export class VectorStore {
  readonly #sql: Record<string, StatementSync>;
  readonly #indexes = new Map<number, QuantisedIndex>();

  constructor(db: DatabaseSync) {
    const p = (sql: string) => db.prepare(sql);
    this.#sql = {
      put: p('insert or replace into memory_vectors (memory_id, namespace_id, embedding) values (?, ?, ?)'),
      get: p('select embedding from memory_vectors where memory_id = ?'),
      delete: p('delete from memory_vectors where memory_id = ?'),
      // A row of another size (a forged or damaged one) is never compared: sqlite-vec would fail
      // the whole search on it, and check() names it
      exact: p(
        `select memory_id id, vec_distance_cosine(embedding, ?1) d from memory_vectors
         where namespace_id = ?2 and length(embedding) = length(?1) order by d limit ?3`,
      ),
      rescore: p(
        `select memory_id id, vec_distance_cosine(embedding, ?1) d from memory_vectors
         where memory_id in (select value from json_each(?2)) and length(embedding) = length(?1)`,
      ),
      all: p(
        'select memory_id id, embedding from memory_vectors where namespace_id = ? and length(embedding) = ?',
      ),
      count: p('select count(*) n from memory_vectors where namespace_id = ? and length(embedding) = ?'),
      codePut: p('insert or replace into memory_codes (namespace_id, memory_id, code) values (?, ?, ?)'),
      codeDelete: p('delete from memory_codes where namespace_id = ? and memory_id = ?'),
      codeDeleteAll: p('delete from memory_codes where namespace_id = ?'),
      codes: p('select memory_id, code from memory_codes where namespace_id = ?'),
      stored: p('select count from namespaces where id = ?'),
    };
    this.#sql.codes.setReturnArrays(true);
  }

  /**
   * Stores `vector` for memory `id`, and its quantised code beside it; the caller holds the
   * transaction and checked the dimension.
   */
  put(ns: Namespace, id: number, vector: Float32Array): void {
    const code = quantise(vector, this.#layout(ns));
    this.#sql.put.run(id, ns.id, blob(vector));
    this.#sql.codePut.run(ns.id, id, code);
    this.#indexes.get(ns.id)?.setCode(id, code);
  }

  get(id: number): Float32Array | undefined {
    const row = this.#sql.get.get(id) as { embedding: Uint8Array } | undefined;
    return row ? floats(row.embedding) : undefined;
  }

  delete(ns: Namespace, id: number): boolean {
    this.#indexes.get(ns.id)?.delete(id);
    this.#sql.codeDelete.run(ns.id, id);
    return Number(this.#sql.delete.run(id).changes) > 0;
  }

  /** Forgets the in-memory copy of a namespace (after a rollback, or to free memory). */
  drop(ns: Namespace): void {
    this.#indexes.delete(ns.id);
  }

  /** The namespace's quantised index, loaded from the stored codes on first use. */
  index(ns: Namespace): QuantisedIndex {
    let index = this.#indexes.get(ns.id);
    if (index) return index;
    index = new QuantisedIndex(ns.dimension);
    const bytes = index.layout.bytes;
    index.reserve(Number((this.#sql.stored.get(ns.id) as { count: number } | undefined)?.count ?? 0));
    for (const [id, code] of this.#sql.codes.iterate(ns.id) as Iterable<[number, Uint8Array]>) {
      // A code of another size (a forged or damaged row) is never compared; check() names it
      if (code.length === bytes) index.setCode(id, code);
    }
    this.#indexes.set(ns.id, index);
    return index;
  }

  /** Vectors of the namespace's dimension stored for it. */
  count(ns: Namespace): number {
    return Number((this.#sql.count.get(ns.id, 4 * ns.dimension) as { n: number }).n);
  }

  /**
   * Writes every code of the namespace again from its vectors of `dimension` (a re-embedding
   * switched its vectors); the caller holds the transaction.
   */
  recode(ns: Namespace, dimension: number): void {
    this.#indexes.delete(ns.id);
    this.#sql.codeDeleteAll.run(ns.id);
    const layout = codeLayout(dimension);
    for (const row of this.#sql.all.iterate(ns.id, 4 * dimension) as Iterable<{
      id: number;
      embedding: Uint8Array;
    }>) {
      this.#sql.codePut.run(ns.id, Number(row.id), quantise(floats(row.embedding), layout));
    }
  }

  #layout(ns: Namespace): CodeLayout {
    return this.#indexes.get(ns.id)?.layout ?? codeLayout(ns.dimension);
  }

  /**
   * Top `k` by cosine: the SCAN_POOL nearest by sign bits, the best `k` of those by int8 dot
   * product, and the first EXACT_RESCORE of these rescored with the exact vectors, best first.
   * Hits past EXACT_RESCORE (a hybrid search asks for 50) keep their int8 estimate, marked.
   */
  search(ns: Namespace, query: Float32Array, k: number): VectorHit[] {
    const shortlist = this.index(ns).nearest(
      query,
      Math.max(k, MEMORY_LIMITS.EXACT_RESCORE),
      Math.max(k, MEMORY_LIMITS.SCAN_POOL),
    );
    const exact = this.#rescore(
      query,
      shortlist.slice(0, MEMORY_LIMITS.EXACT_RESCORE).map((h) => h.id),
    );
    const rest = shortlist
      .slice(MEMORY_LIMITS.EXACT_RESCORE)
      .map((h) => ({ id: h.id, similarity: h.score, estimated: true }));
    return [...exact, ...rest].slice(0, k);
  }

  /** Exact cosines of memories `ids` with `query` (for hits whose similarity was estimated). */
  similarities(query: Float32Array, ids: number[]): Map<number, number> {
    return new Map(this.#rescore(query, ids).map((h) => [h.id, h.similarity]));
  }

  /**
   * Memories to auto-link a new memory `self` (its vector `vector`) to: its nearest others at
   * AUTO_LINK_MIN_SIMILARITY or above, at most AUTO_LINK_MAX, best first. A small pool is
   * enough: a neighbour that close differs from it in few sign bits.
   */
  neighbours(ns: Namespace, vector: Float32Array, self: number): VectorHit[] {
    const near = this.index(ns)
      .nearest(vector, MEMORY_LIMITS.AUTO_LINK_MAX + 1, MEMORY_LIMITS.AUTO_LINK_POOL)
      .filter((h) => h.id !== self && h.score >= MEMORY_LIMITS.AUTO_LINK_MIN_SIMILARITY - 0.05);
    if (near.length === 0) return [];
    return this.#rescore(
      vector,
      near.map((h) => h.id),
    )
      .filter((h) => h.similarity >= MEMORY_LIMITS.AUTO_LINK_MIN_SIMILARITY)
      .slice(0, MEMORY_LIMITS.AUTO_LINK_MAX);
  }

  #rescore(query: Float32Array, ids: number[]): VectorHit[] {
    if (ids.length === 0) return [];
    const rows = this.#sql.rescore.all(blob(query), JSON.stringify(ids)) as Row[];
    return toHits(rows).sort((a, b) => b.similarity - a.similarity);
  }

  /** Top `k` by an exact scan of every vector in the namespace. */
  exact(ns: Namespace, query: Float32Array, k: number): VectorHit[] {
    return toHits(this.#sql.exact.all(blob(query), ns.id, k) as Row[]);
  }
}

function toHits(rows: Row[]): VectorHit[] {
  return rows.map((r) => ({ id: Number(r.id), similarity: 1 - Number(r.d) }));
}

/** A BLOB as floats: a view when its bytes are 4-byte aligned, else a copy. */
function floats(bytes: Uint8Array): Float32Array {
  return bytes.byteOffset % 4 === 0
    ? new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2)
    : new Float32Array(bytes.slice().buffer);
}
