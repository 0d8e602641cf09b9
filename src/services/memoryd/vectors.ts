/**
 * Vectors: exact float32 rows in SQLite (scored by sqlite-vec's vec_distance_cosine) and, per
 * namespace, a binary-quantised copy in memory (binary-index.ts) that picks candidates for
 * exact rescoring. The in-memory copy is built lazily from the table on a namespace's first
 * search, then kept in step with every write.
 *
 * @example
 * const vectors = new VectorStore(db);
 * vectors.put(ns, id, vector);
 * vectors.search(ns, query, 10);      // quantised candidates, exact rescoring
 * vectors.exact(ns, query, 10);       // brute-force scan: the reference
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { BinaryIndex } from './binary-index.ts';
import { MEMORY_LIMITS } from './limits.ts';
import type { Namespace } from './store.ts';

export interface VectorHit {
  id: number;
  /** Cosine similarity, -1 to 1. */
  similarity: number;
}

type Row = Record<string, unknown>;

function blob(vector: Float32Array): Uint8Array {
  return new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
}

export class VectorStore {
  readonly #sql: Record<string, StatementSync>;
  readonly #indexes = new Map<number, BinaryIndex>();

  constructor(db: DatabaseSync) {
    const p = (sql: string) => db.prepare(sql);
    this.#sql = {
      put: p('insert or replace into memory_vectors (memory_id, namespace_id, embedding) values (?, ?, ?)'),
      get: p('select embedding from memory_vectors where memory_id = ?'),
      delete: p('delete from memory_vectors where memory_id = ?'),
      exact: p(
        `select memory_id id, vec_distance_cosine(embedding, ?) d from memory_vectors
         where namespace_id = ? order by d limit ?`,
      ),
      rescore: p(
        `select memory_id id, vec_distance_cosine(embedding, ?) d from memory_vectors
         where memory_id in (select value from json_each(?))`,
      ),
      codes: p(
        'select memory_id id, vec_quantize_binary(embedding) code from memory_vectors where namespace_id = ?',
      ),
      codesJs: p('select memory_id id, embedding from memory_vectors where namespace_id = ?'),
    };
  }

  /** Stores `vector` for memory `id`; the caller holds the transaction and checked the dimension. */
  put(ns: Namespace, id: number, vector: Float32Array): void {
    this.#sql.put.run(id, ns.id, blob(vector));
    this.#indexes.get(ns.id)?.add(id, vector);
  }

  get(id: number): Float32Array | undefined {
    const row = this.#sql.get.get(id) as { embedding: Uint8Array } | undefined;
    return row ? new Float32Array(row.embedding.slice().buffer) : undefined;
  }

  delete(ns: Namespace, id: number): boolean {
    this.#indexes.get(ns.id)?.delete(id);
    return Number(this.#sql.delete.run(id).changes) > 0;
  }

  /** Forgets the in-memory copy of a namespace (after a rollback, or to free memory). */
  drop(ns: Namespace): void {
    this.#indexes.delete(ns.id);
  }

  /** The namespace's binary index, loaded from the table on first use. */
  index(ns: Namespace): BinaryIndex {
    let index = this.#indexes.get(ns.id);
    if (index) return index;
    index = new BinaryIndex(ns.dimension);
    if (ns.dimension % 8 === 0) {
      // sqlite-vec packs sign bits low bit first, the same order as signBits.
      for (const row of this.#sql.codes.iterate(ns.id) as Iterable<{ id: number; code: Uint8Array }>) {
        index.set(Number(row.id), new Uint32Array(padTo4(row.code).buffer));
      }
    } else {
      for (const row of this.#sql.codesJs.iterate(ns.id) as Iterable<{ id: number; embedding: Uint8Array }>) {
        index.add(Number(row.id), new Float32Array(row.embedding.slice().buffer));
      }
    }
    this.#indexes.set(ns.id, index);
    return index;
  }

  /** Top `k` by cosine: candidates scored against the binary codes, rescored exactly. */
  search(
    ns: Namespace,
    query: Float32Array,
    k: number,
    candidates: number = MEMORY_LIMITS.RESCORE_CANDIDATES,
  ): VectorHit[] {
    const ids = this.index(ns).candidates(query, Math.max(candidates, k));
    if (ids.length === 0) return [];
    const rows = this.#sql.rescore.all(blob(query), JSON.stringify(ids)) as Row[];
    return toHits(rows)
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, k);
  }

  /**
   * Memories to auto-link a new memory `self` (its vector `vector`) to: its nearest others at
   * AUTO_LINK_MIN_SIMILARITY or above, at most AUTO_LINK_MAX, best first.
   */
  neighbours(ns: Namespace, vector: Float32Array, self: number): VectorHit[] {
    return this.search(ns, vector, MEMORY_LIMITS.AUTO_LINK_MAX + 1, 32)
      .filter((h) => h.id !== self && h.similarity >= MEMORY_LIMITS.AUTO_LINK_MIN_SIMILARITY)
      .slice(0, MEMORY_LIMITS.AUTO_LINK_MAX);
  }

  /** Top `k` by an exact scan of every vector in the namespace. */
  exact(ns: Namespace, query: Float32Array, k: number): VectorHit[] {
    return toHits(this.#sql.exact.all(blob(query), ns.id, k) as Row[]);
  }
}

function toHits(rows: Row[]): VectorHit[] {
  return rows.map((r) => ({ id: Number(r.id), similarity: 1 - Number(r.d) }));
}

function padTo4(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  out.set(bytes);
  return out;
}
