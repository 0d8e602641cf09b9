/**
 * The planner's tables and their rows: the schema of `planner.db` and how a stored row reads back
 * as a run, a node or an effect record. A value too big for its row (a long listing, a big read)
 * is kept apart in a file (outputs.ts); the row names the file and reading the row reads it back.
 *
 * @example
 * db.exec(SCHEMA); migrate(db);
 * const run = runOf(db.prepare('select * from runs where id = ?').get(id));
 */
import type { DatabaseSync } from 'node:sqlite';
import type { NodeState, RunState } from './states.ts';

export const SCHEMA = `
create table if not exists runs (
  id text primary key,
  parent text,
  parent_node text,
  name text not null,
  plan text not null,
  state text not null,
  submitter text not null,
  submitter_pid integer not null,
  owner integer not null,
  tool_risk integer not null,
  cwd text,
  forked_from text,
  forked_at text,
  error text,
  created_at integer not null,
  updated_at integer not null,
  ended_at integer
);
create index if not exists runs_by_state on runs(state);
create table if not exists nodes (
  run_id text not null references runs(id) on delete cascade,
  node_id text not null,
  state text not null,
  attempts integer not null default 0,
  args text,
  edited_args text,
  output text,
  error text,
  seq integer,
  started_at integer,
  finished_at integer,
  primary key (run_id, node_id)
) without rowid;
-- Written before a side effect runs and marked done when its node (or loop round) commits: a
-- 'started' row found on resume is an effect whose outcome is unknown.
create table if not exists effects (
  run_id text not null references runs(id) on delete cascade,
  key text not null,
  node_id text not null,
  state text not null check (state in ('started', 'done')),
  args text not null,
  probe text not null,
  output text,
  started_at integer not null,
  primary key (run_id, key)
) without rowid;
create table if not exists meta (key text primary key, value integer not null);
insert or ignore into meta values ('seq', 0);
`;

/** Columns added after the first release, for a planner.db made before them. */
const ADDED: Record<string, [string, string][]> = {
  nodes: [['output_file', 'text']],
  effects: [['output_file', 'text']],
};

export function migrate(db: DatabaseSync): void {
  for (const [table, columns] of Object.entries(ADDED)) {
    const have = new Set(
      (db.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name),
    );
    for (const [name, type] of columns)
      if (!have.has(name)) db.exec(`alter table ${table} add column ${name} ${type}`);
  }
}

export interface RunRow {
  id: string;
  parent: string | null;
  parentNode: string | null;
  name: string;
  plan: unknown;
  state: RunState;
  submitter: string;
  submitterPid: number;
  owner: boolean;
  /** The highest tool risk the submitter's rights allowed when it submitted (-1: none). */
  toolRisk: number;
  cwd: string | null;
  forkedFrom: string | null;
  forkedAt: string | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
  endedAt: number | null;
}

export interface NodeRow {
  nodeId: string;
  state: NodeState;
  attempts: number;
  args: unknown;
  editedArgs: Record<string, unknown> | undefined;
  output: unknown;
  hasOutput: boolean;
  error: string | null;
  seq: number | null;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface EffectRow {
  key: string;
  nodeId: string;
  state: 'started' | 'done';
  args: Record<string, unknown>;
  probe: Record<string, unknown>;
  output: unknown;
}

export type Raw = Record<string, unknown>;
export const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
const parsed = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : undefined);

/** Reads a value kept apart, by the file its row names. */
export type ReadKept = (file: string) => string;

export function runOf(r: Raw): RunRow {
  return {
    id: String(r.id),
    parent: (r.parent as string | null) ?? null,
    parentNode: (r.parent_node as string | null) ?? null,
    name: String(r.name),
    plan: parsed(r.plan),
    state: r.state as RunState,
    submitter: String(r.submitter),
    submitterPid: Number(r.submitter_pid),
    owner: r.owner === 1,
    toolRisk: Number(r.tool_risk),
    cwd: (r.cwd as string | null) ?? null,
    forkedFrom: (r.forked_from as string | null) ?? null,
    forkedAt: (r.forked_at as string | null) ?? null,
    error: (r.error as string | null) ?? null,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    endedAt: r.ended_at === null ? null : Number(r.ended_at),
  };
}

export function nodeOf(r: Raw, read: ReadKept): NodeRow {
  return {
    nodeId: String(r.node_id),
    state: r.state as NodeState,
    attempts: Number(r.attempts),
    args: parsed(r.args),
    editedArgs: parsed(r.edited_args),
    output: typeof r.output_file === 'string' ? JSON.parse(read(r.output_file)) : parsed(r.output),
    hasOutput: typeof r.output === 'string' || typeof r.output_file === 'string',
    error: (r.error as string | null) ?? null,
    seq: r.seq === null ? null : Number(r.seq),
    startedAt: r.started_at === null ? null : Number(r.started_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  };
}

export function effectOf(r: Raw, read: ReadKept): EffectRow {
  return {
    key: String(r.key),
    nodeId: String(r.node_id),
    state: r.state as 'started' | 'done',
    args: parsed(r.args),
    probe: parsed(r.probe),
    output: typeof r.output_file === 'string' ? JSON.parse(read(r.output_file)) : parsed(r.output),
  };
}
