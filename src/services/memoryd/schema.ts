/**
 * Opens memoryd's database: node:sqlite in WAL mode with sqlite-vec loaded (its vector
 * functions quantise and score the stored float32 vectors), and the engine's tables, migrated
 * to the current schema (`pragma user_version` counts the migrations applied).
 *
 * @example
 * const db = openMemoryDb('/home/me/.aios/memory.db');
 */
import { DatabaseSync } from 'node:sqlite';
import { getLoadablePath } from 'sqlite-vec';
import { codeLayout, quantise } from './codes.ts';

const SCHEMA = `
create table if not exists namespaces (
  id integer primary key,
  name text not null unique,
  model text not null,
  dimension integer not null,
  created_at integer not null
);
create table if not exists memories (
  id integer primary key,
  namespace_id integer not null references namespaces(id),
  kind text not null check (kind in ('core', 'archival', 'recall')),
  text text not null,
  metadata text not null,
  importance real not null,
  hash text not null,
  version integer not null,
  created_at integer not null,
  updated_at integer not null
);
create index if not exists memories_by_namespace on memories(namespace_id, kind);
-- Every write is a version; valid_to is null for the current one.
create table if not exists memory_versions (
  memory_id integer not null,
  version integer not null,
  kind text not null,
  text text not null,
  metadata text not null,
  importance real not null,
  hash text not null,
  valid_from integer not null,
  valid_to integer,
  primary key (memory_id, version)
) without rowid;
-- rowid = memories.id. Porter stemming lets "handles" match "handled".
create virtual table if not exists memory_fts using fts5(text, tokenize = 'porter unicode61');
-- float32 little-endian, namespaces.dimension floats: the exact vectors.
create table if not exists memory_vectors (
  memory_id integer primary key,
  namespace_id integer not null,
  embedding blob not null
);
create index if not exists memory_vectors_by_namespace on memory_vectors(namespace_id);
`;

// What one memory costs in storage: its text and metadata, in bytes (usage and quotas count this).
const ROW_BYTES = (row: 'new' | 'old') => `(octet_length(${row}.text) + octet_length(${row}.metadata))`;

/**
 * Migrations after the first schema, in order; migration i brings user_version from i to i + 1.
 * A store written by an older engine opens and is brought up to date in one transaction.
 */
const MIGRATIONS: (string | ((db: DatabaseSync) => void))[] = [
  // 1: links between memories (the memory graph), and each namespace's count and bytes kept by
  // triggers in the same transaction as every write, so usage is a read, not a scan.
  `
  create table memory_links (
    from_id integer not null,
    relation text not null,
    to_id integer not null,
    weight real not null,
    namespace_id integer not null,
    created_at integer not null,
    primary key (from_id, relation, to_id)
  ) without rowid;
  create index memory_links_to on memory_links(to_id);
  create index memory_links_by_namespace on memory_links(namespace_id);
  alter table namespaces add column count integer not null default 0;
  alter table namespaces add column bytes integer not null default 0;
  update namespaces set
    count = (select count(*) from memories m where m.namespace_id = namespaces.id),
    bytes = (select coalesce(sum(octet_length(m.text) + octet_length(m.metadata)), 0)
             from memories m where m.namespace_id = namespaces.id);
  create trigger memories_usage_insert after insert on memories begin
    update namespaces set count = count + 1, bytes = bytes + ${ROW_BYTES('new')} where id = new.namespace_id;
  end;
  create trigger memories_usage_delete after delete on memories begin
    update namespaces set count = count - 1, bytes = bytes - ${ROW_BYTES('old')} where id = old.namespace_id;
  end;
  create trigger memories_usage_update after update of text, metadata on memories begin
    update namespaces set bytes = bytes - ${ROW_BYTES('old')} + ${ROW_BYTES('new')} where id = new.namespace_id;
  end;
  `,
  // 2: each vector's quantised code (codes.ts) stored beside it, so that loading a namespace's
  // index reads 580 bytes a memory instead of re-quantising its 2 KiB float vector. Keyed by
  // namespace first, so that load is one range scan. Existing vectors get their codes here.
  (db) => {
    db.exec(`
    create table memory_codes (
      namespace_id integer not null,
      memory_id integer not null,
      code blob not null,
      primary key (namespace_id, memory_id)
    ) without rowid;`);
    const insert = db.prepare('insert into memory_codes (namespace_id, memory_id, code) values (?, ?, ?)');
    const rows = db.prepare(
      `select v.namespace_id, v.memory_id, v.embedding, n.dimension from memory_vectors v
       join namespaces n on n.id = v.namespace_id`,
    );
    rows.setReturnArrays(true);
    for (const [ns, id, embedding, dimension] of rows.iterate() as Iterable<
      [number, number, Uint8Array, number]
    >) {
      const floats = new Float32Array(embedding.slice().buffer);
      if (floats.length === dimension) insert.run(ns, id, quantise(floats, codeLayout(dimension)));
    }
  },
];

/** The schema version a store has once opened by this engine. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Opens (creating if needed) the database at `path` (':memory:' for a private one). */
export function openMemoryDb(path: string): DatabaseSync {
  const db = new DatabaseSync(path, { allowExtension: true });
  db.loadExtension(getLoadablePath());
  db.exec('pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = on;');
  migrate(db);
  return db;
}

function userVersion(db: DatabaseSync): number {
  return Number((db.prepare('pragma user_version').get() as { user_version: number }).user_version);
}

function migrate(db: DatabaseSync): void {
  if (userVersion(db) === SCHEMA_VERSION) return;
  // Immediate: two processes opening an old store at once migrate it once, one after the other.
  db.exec('begin immediate');
  try {
    db.exec(SCHEMA);
    for (let v = userVersion(db); v < SCHEMA_VERSION; v++) {
      const step = MIGRATIONS[v];
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.exec(`pragma user_version = ${v + 1}`);
    }
    db.exec('commit');
  } catch (err) {
    db.exec('rollback');
    throw err;
  }
}
