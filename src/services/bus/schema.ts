/**
 * Opens the context bus's database: node:sqlite in WAL mode and its own tables. Deleting a
 * context deletes its state, events and grants with it (foreign keys cascade), in one statement.
 *
 * @example
 * const db = openBusDb('/home/me/.aios/bus.db');
 */
import { DatabaseSync } from 'node:sqlite';
import { SHARE_LEVELS } from '../declare.ts';

/** What a grant row may hold: a share level other than none (none deletes the row). */
const GRANTED = SHARE_LEVELS.filter((l) => l !== 'none')
  .map((l) => `'${l}'`)
  .join(', ');

const SCHEMA = `
-- autoincrement: a dropped context's id is never given to a new one (waiting readers key on it).
create table if not exists contexts (
  id integer primary key autoincrement,
  name text not null unique,
  owner text not null,
  backlog integer not null,
  created_at integer not null,
  last_seq integer not null default 0,
  held_bytes integer not null default 0
);
create index if not exists contexts_by_owner on contexts(owner);
create table if not exists state (
  context_id integer not null references contexts(id) on delete cascade,
  key text not null,
  value text not null,
  version integer not null,
  updated_by text not null,
  updated_at integer not null,
  primary key (context_id, key)
) without rowid;
-- Append-only; the oldest beyond the context's backlog are deleted in the publishing transaction.
create table if not exists events (
  context_id integer not null references contexts(id) on delete cascade,
  seq integer not null,
  type text not null,
  data text not null,
  size integer not null,
  from_agent text not null,
  at integer not null,
  primary key (context_id, seq)
) without rowid;
create table if not exists grants (
  context_id integer not null references contexts(id) on delete cascade,
  agent text not null,
  access text not null check (access in (${GRANTED})),
  primary key (context_id, agent)
) without rowid;
`;

/** Opens (creating if needed) the database at `path` (':memory:' for a private one). */
export function openBusDb(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  // synchronous = normal in WAL: a commit survives the process being killed (kill -9), and a
  // crash never leaves half a transaction; only a power cut may lose the last commits.
  db.exec('pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = on;');
  db.exec(SCHEMA);
  return db;
}
