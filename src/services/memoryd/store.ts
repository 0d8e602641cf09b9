/**
 * memoryd's rows: namespaces, memories, their versions and the FTS5 index, kept in step in
 * one transaction per write. Vectors live beside them in vectors.ts.
 *
 * @example
 * const store = new MemoryStore(db, { now: Date.now });
 * const ns = store.ensureNamespace('notes', 'use-lite-512', 512);
 * const [m] = store.insert(ns, [checkMemoryInput({ text: 'Dana handles the annual audit' })]);
 */
import { createHash } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { MemoryError } from './errors.ts';
import { MEMORY_LIMITS } from './limits.ts';
import type { CheckedInput, MemoryKind } from './validate.ts';

export interface Namespace {
  id: number;
  name: string;
  model: string;
  dimension: number;
  createdAt: number;
}

export interface Memory {
  id: number;
  namespace: string;
  kind: MemoryKind;
  text: string;
  metadata: Record<string, unknown>;
  importance: number;
  /** sha256 of the text, hex: what an audit records instead of the content. */
  hash: string;
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** What a namespace holds: memories, and bytes of their text and metadata (current versions). */
export interface Usage {
  count: number;
  bytes: number;
}

type Row = Record<string, string | number | null>;

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class MemoryStore {
  readonly db: DatabaseSync;
  readonly #now: () => number;
  readonly #sql: Record<string, StatementSync>;

  constructor(db: DatabaseSync, options: { now: () => number }) {
    this.db = db;
    this.#now = options.now;
    const p = (sql: string) => db.prepare(sql);
    this.#sql = {
      nsByName: p('select id, name, model, dimension, created_at from namespaces where name = ?'),
      nsInsert: p(
        'insert into namespaces (name, model, dimension, created_at) values (?, ?, ?, ?) returning id',
      ),
      nsAll: p('select id, name, model, dimension, created_at, count, bytes from namespaces order by name'),
      usage: p('select count, bytes from namespaces where id = ?'),
      insert: p(
        `insert into memories (namespace_id, kind, text, metadata, importance, hash, version, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      ),
      update: p(
        'update memories set kind = ?, text = ?, metadata = ?, importance = ?, hash = ?, version = ?, updated_at = ? where id = ?',
      ),
      versionInsert: p(
        `insert into memory_versions (memory_id, version, kind, text, metadata, importance, hash, valid_from)
         values (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      versionClose: p('update memory_versions set valid_to = ? where memory_id = ? and valid_to is null'),
      ftsInsert: p('insert into memory_fts (rowid, text) values (?, ?)'),
      ftsDelete: p('delete from memory_fts where rowid = ?'),
      get: p('select * from memories where id = ? and namespace_id = ?'),
      asOf: p(
        `select v.*, m.namespace_id, m.created_at from memory_versions v join memories m on m.id = v.memory_id
         where v.memory_id = ? and m.namespace_id = ? and v.valid_from <= ? order by v.version desc limit 1`,
      ),
      history: p(
        `select v.*, m.namespace_id, m.created_at from memory_versions v join memories m on m.id = v.memory_id
         where v.memory_id = ? and m.namespace_id = ? order by v.version`,
      ),
      version: p(
        `select v.*, m.namespace_id, m.created_at from memory_versions v join memories m on m.id = v.memory_id
         where v.memory_id = ? and m.namespace_id = ? and v.version = ?`,
      ),
      versions: p('select min(version) lo, max(version) hi from memory_versions where memory_id = ?'),
      all: p('select * from memories where namespace_id = ? order by id'),
      deleteRow: p('delete from memories where id = ? and namespace_id = ?'),
      deleteVersions: p('delete from memory_versions where memory_id = ?'),
      many: p('select * from memories where id in (select value from json_each(?))'),
    };
  }

  /** The namespace `name`, created for `model`/`dimension` if new; refuses a different model. */
  ensureNamespace(name: string, model: string, dimension: number): Namespace {
    const found = this.namespace(name);
    if (found) {
      if (found.dimension !== dimension || found.model !== model) {
        throw new MemoryError(
          found.dimension !== dimension ? 'E_DIMENSION' : 'E_MODEL',
          `Namespace '${name}' holds ${found.dimension}-dimensional vectors of model '${found.model}', not ${dimension}-dimensional '${model}'; use the namespace's model or another namespace`,
        );
      }
      return found;
    }
    if (!Number.isInteger(dimension) || dimension < 1 || dimension > MEMORY_LIMITS.DIMENSION_MAX) {
      throw new MemoryError(
        'E_DIMENSION',
        `Dimension '${dimension}' is not an integer from 1 to ${MEMORY_LIMITS.DIMENSION_MAX}; check the embedder's configuration`,
      );
    }
    const createdAt = this.#now();
    const row = this.#sql.nsInsert.get(name, model, dimension, createdAt) as Row;
    return { id: Number(row.id), name, model, dimension, createdAt };
  }

  namespace(name: string): Namespace | undefined {
    const row = this.#sql.nsByName.get(name) as Row | undefined;
    return row ? toNamespace(row) : undefined;
  }

  /** Every namespace with its memory count and bytes (kept by triggers, see schema.ts). */
  namespaces(): (Namespace & Usage)[] {
    return (this.#sql.nsAll.all() as Row[]).map((row) => ({
      ...toNamespace(row),
      count: Number(row.count),
      bytes: Number(row.bytes),
    }));
  }

  usage(ns: Namespace): Usage {
    const row = this.#sql.usage.get(ns.id) as Row;
    return { count: Number(row.count), bytes: Number(row.bytes) };
  }

  /**
   * Inserts rows, first versions and FTS entries, and returns the memories as stored (built
   * from what was written, not read back); the caller holds the transaction.
   */
  insertRows(ns: Namespace, inputs: CheckedInput[]): Memory[] {
    const now = this.#now();
    return inputs.map((m) => {
      const hash = contentHash(m.text);
      const id = Number(
        this.#sql.insert.run(ns.id, m.kind, m.text, m.metadata, m.importance, hash, now, now).lastInsertRowid,
      );
      this.#sql.versionInsert.run(id, 1, m.kind, m.text, m.metadata, m.importance, hash, now);
      this.#sql.ftsInsert.run(id, m.text);
      return {
        id,
        namespace: ns.name,
        kind: m.kind,
        text: m.text,
        metadata: JSON.parse(m.metadata),
        importance: m.importance,
        hash,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
    });
  }

  /** Writes a new version of memory `id`; the caller holds the transaction. */
  updateRow(ns: Namespace, id: number, next: CheckedInput): Memory {
    const current = this.get(ns, id);
    if (!current) throw notFound(ns, id);
    const now = this.#now();
    const version = current.version + 1;
    const hash = contentHash(next.text);
    this.#sql.update.run(next.kind, next.text, next.metadata, next.importance, hash, version, now, id);
    this.#sql.versionClose.run(now, id);
    this.#sql.versionInsert.run(id, version, next.kind, next.text, next.metadata, next.importance, hash, now);
    this.#sql.ftsDelete.run(id);
    this.#sql.ftsInsert.run(id, next.text);
    return this.get(ns, id)!;
  }

  /** The memory now, or as it read at time `asOf` (undefined if it did not exist yet). */
  get(ns: Namespace, id: number, asOf?: number): Memory | undefined {
    if (asOf === undefined) {
      const row = this.#sql.get.get(id, ns.id) as Row | undefined;
      return row ? toMemory(row, ns.name) : undefined;
    }
    const row = this.#sql.asOf.get(id, ns.id, asOf) as Row | undefined;
    return row ? versionToMemory(row, ns.name) : undefined;
  }

  getMany(ns: Namespace, ids: number[]): Map<number, Memory> {
    const out = new Map<number, Memory>();
    for (const row of this.#sql.many.all(JSON.stringify(ids)) as Row[]) {
      if (row.namespace_id === ns.id) out.set(Number(row.id), toMemory(row, ns.name));
    }
    return out;
  }

  /** Every version of memory `id`, oldest first. */
  history(ns: Namespace, id: number): Memory[] {
    return (this.#sql.history.all(id, ns.id) as Row[]).map((row) => versionToMemory(row, ns.name));
  }

  /** Version `version` of memory `id`; E_NOT_FOUND naming the versions it has. */
  version(ns: Namespace, id: number, version: number): Memory {
    const row = this.#sql.version.get(id, ns.id, version) as Row | undefined;
    if (row) return versionToMemory(row, ns.name);
    if (!this.get(ns, id)) throw notFound(ns, id);
    const { lo, hi } = this.#sql.versions.get(id) as Row;
    throw new MemoryError(
      'E_NOT_FOUND',
      `Memory ${id} in namespace '${ns.name}' has no version ${version}; it has versions ${lo} to ${hi}`,
    );
  }

  /** Every current memory of the namespace, oldest first. */
  all(ns: Namespace): Memory[] {
    return (this.#sql.all.all(ns.id) as Row[]).map((row) => toMemory(row, ns.name));
  }

  /** Removes the row, its versions and its FTS entry; the caller holds the transaction. */
  deleteRow(ns: Namespace, id: number): boolean {
    if (Number(this.#sql.deleteRow.run(id, ns.id).changes) === 0) return false;
    this.#sql.deleteVersions.run(id);
    this.#sql.ftsDelete.run(id);
    return true;
  }
}

export function notFound(ns: Namespace, id: number): MemoryError {
  return new MemoryError(
    'E_NOT_FOUND',
    `No memory ${id} in namespace '${ns.name}'; list or search the namespace for ids`,
  );
}

function toNamespace(row: Row): Namespace {
  return {
    id: Number(row.id),
    name: String(row.name),
    model: String(row.model),
    dimension: Number(row.dimension),
    createdAt: Number(row.created_at),
  };
}

function toMemory(row: Row, namespace: string): Memory {
  return {
    id: Number(row.id),
    namespace,
    kind: row.kind as MemoryKind,
    text: String(row.text),
    metadata: JSON.parse(String(row.metadata)),
    importance: Number(row.importance),
    hash: String(row.hash),
    version: Number(row.version),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function versionToMemory(row: Row, namespace: string): Memory {
  return toMemory({ ...row, id: row.memory_id, updated_at: row.valid_from }, namespace);
}
