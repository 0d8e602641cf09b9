/**
 * Re-embedding a namespace with another model, as stored state: the job (target model and
 * dimension, how far it got) and the new vectors staged beside the old ones until every memory
 * has one, then switched in one transaction. The old vectors keep their table and dimension
 * until that moment, so a search never compares vectors of two models; a kill -9 loses at most
 * the batch in flight, and the job goes on from its stored cursor.
 *
 * The tables belong to this module and are created when missing (they need no migration: an
 * older engine never wrote them).
 *
 * @example
 * const jobs = new ReembedStore(db);
 * jobs.start(ns, 'onnx:model.onnx@3f2a', 384, now);
 * const batch = jobs.pending(ns, 64);            // [{ id, text, hash }]
 * jobs.stage(ns, batch[0].id, batch[0].hash, vector, now);
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Namespace } from './store.ts';

const TABLES = `
create table if not exists memory_reembed (
  namespace_id integer primary key,
  model text not null,
  dimension integer not null,
  -- memories with an id up to cursor have been through the job (staged, or changed since)
  cursor integer not null default 0,
  started_at integer not null,
  updated_at integer not null
);
-- float32 little-endian, memory_reembed.dimension floats: the new model's vectors.
create table if not exists memory_vectors_next (
  memory_id integer primary key,
  namespace_id integer not null,
  embedding blob not null
);
create index if not exists memory_vectors_next_by_namespace on memory_vectors_next(namespace_id);
`;

/** A namespace's re-embedding as stored. */
export interface ReembedJob {
  namespaceId: number;
  model: string;
  dimension: number;
  cursor: number;
  /** Memories of the namespace with a vector of the new model. */
  done: number;
  /** Memories of the namespace. */
  total: number;
  startedAt: number;
  updatedAt: number;
}

type Row = Record<string, number | string>;

function blob(vector: Float32Array): Uint8Array {
  return new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
}

export class ReembedStore {
  readonly #db: DatabaseSync;
  readonly #sql: Record<string, StatementSync>;

  constructor(db: DatabaseSync) {
    this.#db = db;
    db.exec(TABLES);
    const p = (sql: string) => db.prepare(sql);
    this.#sql = {
      get: p(
        `select j.*, (select count(*) from memory_vectors_next v where v.namespace_id = j.namespace_id) done,
                (select count from namespaces n where n.id = j.namespace_id) total
         from memory_reembed j where j.namespace_id = ?`,
      ),
      all: p('select namespace_id from memory_reembed order by namespace_id'),
      start: p(
        `insert or replace into memory_reembed (namespace_id, model, dimension, cursor, started_at, updated_at)
         values (?, ?, ?, 0, ?, ?)`,
      ),
      clearStaged: p('delete from memory_vectors_next where namespace_id = ?'),
      delete: p('delete from memory_reembed where namespace_id = ?'),
      pending: p(
        `select id, text, hash from memories m where namespace_id = ? and id > ?
           and not exists (select 1 from memory_vectors_next n where n.memory_id = m.id)
         order by id limit ?`,
      ),
      // the job's vector only if the text it embedded is still the memory's, and nothing newer is staged
      stageIfCurrent: p(
        `insert or ignore into memory_vectors_next (memory_id, namespace_id, embedding)
         select id, namespace_id, ? from memories where id = ? and namespace_id = ? and hash = ?`,
      ),
      stage: p(
        'insert or replace into memory_vectors_next (memory_id, namespace_id, embedding) values (?, ?, ?)',
      ),
      advance: p('update memory_reembed set cursor = max(cursor, ?), updated_at = ? where namespace_id = ?'),
      rewind: p('update memory_reembed set cursor = 0 where namespace_id = ?'),
      forget: p('delete from memory_vectors_next where memory_id = ?'),
      staged: p('select memory_id id from memory_vectors_next where namespace_id = ?'),
      dropOld: p('delete from memory_vectors where namespace_id = ?'),
      moveNew: p(
        `insert into memory_vectors (memory_id, namespace_id, embedding)
         select memory_id, namespace_id, embedding from memory_vectors_next where namespace_id = ?`,
      ),
      setModel: p('update namespaces set model = ?, dimension = ? where id = ?'),
    };
  }

  get(ns: Namespace): ReembedJob | undefined {
    const row = this.#sql.get.get(ns.id) as Row | undefined;
    return row ? toJob(row) : undefined;
  }

  /** Namespace ids with a job, in order. */
  namespaceIds(): number[] {
    return (this.#sql.all.all() as Row[]).map((r) => Number(r.namespace_id));
  }

  /** Starts (or restarts, for another target) the namespace's re-embedding; a job for this target is kept. */
  start(ns: Namespace, model: string, dimension: number, now: number): ReembedJob {
    const job = this.get(ns);
    if (job && job.model === model && job.dimension === dimension) return job;
    this.#write(() => {
      this.#sql.clearStaged.run(ns.id);
      this.#sql.start.run(ns.id, model, dimension, now, now);
    });
    return this.get(ns)!;
  }

  /** Drops the job and its staged vectors (the namespace keeps the model it has). */
  cancel(ns: Namespace): void {
    this.#write(() => {
      this.#sql.clearStaged.run(ns.id);
      this.#sql.delete.run(ns.id);
    });
  }

  /** The next memories the job has not embedded yet, in id order. */
  pending(ns: Namespace, cursor: number, limit: number): { id: number; text: string; hash: string }[] {
    return (this.#sql.pending.all(ns.id, cursor, limit) as Row[]).map((r) => ({
      id: Number(r.id),
      text: String(r.text),
      hash: String(r.hash),
    }));
  }

  /**
   * Stores a batch the job embedded and moves its cursor past it, in one transaction: a vector
   * whose memory changed meanwhile (its new text was staged by the write) is dropped.
   */
  commitBatch(ns: Namespace, batch: { id: number; hash: string; vector: Float32Array }[], now: number): void {
    this.#write(() => {
      for (const m of batch) this.#sql.stageIfCurrent.run(blob(m.vector), m.id, ns.id, m.hash);
      this.#sql.advance.run(batch.at(-1)?.id ?? 0, now, ns.id);
    });
  }

  /** Sends the job over the whole namespace again (it skips what is staged). */
  rewind(ns: Namespace): void {
    this.#sql.rewind.run(ns.id);
  }

  /** A new model's vector for memory `id`, written by a put or update; the caller holds the transaction. */
  stage(ns: Namespace, id: number, vector: Float32Array): void {
    this.#sql.stage.run(id, ns.id, blob(vector));
  }

  /** Forgets memory `id`'s staged vector; the caller holds the transaction. */
  forget(id: number): void {
    this.#sql.forget.run(id);
  }

  /** Ids with a staged vector. */
  staged(ns: Namespace): Set<number> {
    return new Set((this.#sql.staged.all(ns.id) as Row[]).map((r) => Number(r.id)));
  }

  /**
   * The switch: the staged vectors replace the old ones and the namespace records the new model,
   * in one transaction with `moved`, only when every memory has a staged vector (false otherwise).
   */
  finish(ns: Namespace, moved: (job: ReembedJob) => void): boolean {
    return this.#write(() => {
      const job = this.get(ns);
      if (!job || job.done !== job.total) return false;
      this.#sql.dropOld.run(ns.id);
      this.#sql.moveNew.run(ns.id);
      this.#sql.clearStaged.run(ns.id);
      this.#sql.setModel.run(job.model, job.dimension, ns.id);
      this.#sql.delete.run(ns.id);
      // in the same transaction: what else is derived from the vectors (their quantised codes)
      moved(job);
      return true;
    });
  }

  #write<T>(fn: () => T): T {
    this.#db.exec('begin immediate');
    try {
      const out = fn();
      this.#db.exec('commit');
      return out;
    } catch (error) {
      this.#db.exec('rollback');
      throw error;
    }
  }
}

function toJob(row: Row): ReembedJob {
  return {
    namespaceId: Number(row.namespace_id),
    model: String(row.model),
    dimension: Number(row.dimension),
    cursor: Number(row.cursor),
    done: Number(row.done),
    total: Number(row.total),
    startedAt: Number(row.started_at),
    updatedAt: Number(row.updated_at),
  };
}
