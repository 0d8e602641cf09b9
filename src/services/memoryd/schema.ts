/**
 * Opens memoryd's database: node:sqlite in WAL mode with sqlite-vec loaded (its vector
 * functions quantise and score the stored float32 vectors), and the engine's tables.
 *
 * @example
 * const db = openMemoryDb('/home/me/.aios/memory.db');
 */
import { DatabaseSync } from 'node:sqlite';
import { getLoadablePath } from 'sqlite-vec';

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

/** Opens (creating if needed) the database at `path` (':memory:' for a private one). */
export function openMemoryDb(path: string): DatabaseSync {
  const db = new DatabaseSync(path, { allowExtension: true });
  db.loadExtension(getLoadablePath());
  db.exec('pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = on;');
  db.exec(SCHEMA);
  return db;
}
