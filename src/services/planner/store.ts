/**
 * The planner's own database (`$AIOS_HOME/planner.db`, node:sqlite in WAL mode): runs, the state
 * of each node with its inputs and output, and the idempotency records of side effects. A node
 * is committed in one transaction (its state, output, commit order and its effect records
 * together), so a plan's stored state is never half-written, and each committed node is a
 * checkpoint a run can be forked from.
 *
 * @example
 * const store = new PlanStore(join(home, 'planner.db'));
 * store.createRun({ id, name, plan, submitter, ... });
 * store.commitNode(id, 'fetch', 'done', { output });
 */
import { DatabaseSync } from 'node:sqlite';
import { ENDED, type NodeState, type RunState } from './states.ts';

const SCHEMA = `
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

export { ENDED, NODE_STATES, type NodeState, RUN_STATES, type RunState } from './states.ts';

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

type Raw = Record<string, unknown>;
const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
const parsed = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : undefined);

export class PlanStore {
  readonly #db: DatabaseSync;
  readonly #now: () => number;

  constructor(path: string, now: () => number = Date.now) {
    this.#db = new DatabaseSync(path);
    // synchronous = normal in WAL: a commit survives kill -9, and a crash never leaves half a transaction.
    this.#db.exec('pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = on;');
    this.#db.exec(SCHEMA);
    this.#now = now;
  }

  close(): void {
    this.#db.close();
  }

  #tx<T>(fn: () => T): T {
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

  /** A new run with every node pending, and `copied` nodes already committed (a fork). */
  createRun(
    run: Omit<RunRow, 'createdAt' | 'updatedAt' | 'endedAt' | 'error' | 'state'>,
    nodeIds: string[],
    copied: NodeRow[] = [],
    edits: Map<string, Record<string, unknown>> = new Map(),
  ): void {
    const now = this.#now();
    this.#tx(() => {
      this.#db
        .prepare(
          `insert into runs (id, parent, parent_node, name, plan, state, submitter, submitter_pid, owner, tool_risk, cwd, forked_from, forked_at, created_at, updated_at)
           values (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          run.id,
          run.parent,
          run.parentNode,
          run.name,
          JSON.stringify(run.plan),
          run.submitter,
          run.submitterPid,
          run.owner ? 1 : 0,
          run.toolRisk,
          run.cwd,
          run.forkedFrom,
          run.forkedAt,
          now,
          now,
        );
      const insert = this.#db.prepare(
        `insert into nodes (run_id, node_id, state, attempts, args, output, seq, started_at, finished_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const byId = new Map(copied.map((c) => [c.nodeId, c]));
      for (const id of nodeIds) {
        const c = byId.get(id);
        if (c)
          insert.run(
            run.id,
            id,
            c.state,
            c.attempts,
            json(c.args),
            c.hasOutput ? json(c.output) : null,
            this.#nextSeq(),
            c.startedAt,
            c.finishedAt,
          );
        else insert.run(run.id, id, 'pending', 0, null, null, null, null, null);
      }
      for (const [id, args] of edits) this.editArgs(run.id, id, args);
    });
  }

  #nextSeq(): number {
    const row = this.#db
      .prepare(`update meta set value = value + 1 where key = 'seq' returning value`)
      .get() as Raw;
    return Number(row.value);
  }

  run(id: string): RunRow | undefined {
    const r = this.#db.prepare('select * from runs where id = ?').get(id) as Raw | undefined;
    return r && runOf(r);
  }

  /** Runs, newest first; `submitter` narrows to one agent's, `states` to those states. */
  runs(filter: { submitter?: string; states?: readonly string[]; limit: number }): RunRow[] {
    const rows = this.#db
      .prepare(
        'select * from runs where parent is null and (? is null or submitter = ?) order by created_at desc, id desc limit ?',
      )
      .all(filter.submitter ?? null, filter.submitter ?? null, filter.limit * 4) as Raw[];
    return rows
      .map(runOf)
      .filter((r) => !filter.states || filter.states.includes(r.state))
      .slice(0, filter.limit);
  }

  /** Runs that had not ended when the system stopped: what resumes at start. */
  unfinished(): RunRow[] {
    return (
      this.#db
        .prepare(`select * from runs where state in ('running', 'waiting') order by created_at`)
        .all() as Raw[]
    ).map(runOf);
  }

  activeCount(submitter: string): number {
    const r = this.#db
      .prepare(
        `select count(*) as n from runs where submitter = ? and parent is null and state in ('running', 'waiting')`,
      )
      .get(submitter) as Raw;
    return Number(r.n);
  }

  childRun(parent: string, node: string): RunRow | undefined {
    const r = this.#db.prepare('select * from runs where parent = ? and parent_node = ?').get(parent, node) as
      | Raw
      | undefined;
    return r && runOf(r);
  }

  setRunState(id: string, state: RunState, error: string | null = null): void {
    const now = this.#now();
    this.#db
      .prepare('update runs set state = ?, error = ?, updated_at = ?, ended_at = ? where id = ?')
      .run(state, error, now, ENDED.includes(state) ? now : null, id);
  }

  nodes(runId: string): NodeRow[] {
    return (this.#db.prepare('select * from nodes where run_id = ?').all(runId) as Raw[]).map(nodeOf);
  }

  node(runId: string, nodeId: string): NodeRow | undefined {
    const r = this.#db.prepare('select * from nodes where run_id = ? and node_id = ?').get(runId, nodeId) as
      | Raw
      | undefined;
    return r && nodeOf(r);
  }

  /** The node starts (again): its attempt is counted, its resolved inputs kept. */
  startNode(runId: string, nodeId: string, args: unknown): void {
    this.#db
      .prepare(
        `update nodes set state = 'running', attempts = attempts + 1, args = ?, error = null, started_at = ? where run_id = ? and node_id = ?`,
      )
      .run(json(args), this.#now(), runId, nodeId);
  }

  /** A state that is no commit (waiting, unknown, pending again), with why. */
  markNode(runId: string, nodeId: string, state: NodeState, error: string | null = null): void {
    this.#db
      .prepare('update nodes set state = ?, error = ? where run_id = ? and node_id = ?')
      .run(state, error, runId, nodeId);
  }

  editArgs(runId: string, nodeId: string, args: Record<string, unknown>): void {
    this.#db
      .prepare('update nodes set edited_args = ? where run_id = ? and node_id = ?')
      .run(JSON.stringify(args), runId, nodeId);
  }

  /**
   * Commits a node that finished (done, failed, skipped, compensated, cancelled) in one
   * transaction: its state, output and error, its place in the commit order (its checkpoint),
   * and its effect records marked done.
   */
  commitNode(
    runId: string,
    nodeId: string,
    state: NodeState,
    result: { output?: unknown; error?: string } = {},
  ): void {
    const now = this.#now();
    this.#tx(() => {
      this.#db
        .prepare(
          'update nodes set state = ?, output = ?, error = ?, seq = ?, finished_at = ? where run_id = ? and node_id = ?',
        )
        .run(
          state,
          'output' in result ? json(result.output ?? null) : null,
          result.error ?? null,
          this.#nextSeq(),
          now,
          runId,
          nodeId,
        );
      this.#db
        .prepare(`update effects set state = 'done' where run_id = ? and node_id = ?`)
        .run(runId, nodeId);
      this.#db.prepare('update runs set updated_at = ? where id = ?').run(now, runId);
    });
  }

  /** The idempotency record, written before the effect runs. */
  beginEffect(
    runId: string,
    key: string,
    nodeId: string,
    args: Record<string, unknown>,
    probe: Record<string, unknown>,
  ): void {
    this.#db
      .prepare(
        `insert into effects (run_id, key, node_id, state, args, probe, started_at) values (?, ?, ?, 'started', ?, ?, ?)
         on conflict (run_id, key) do update set state = 'started', args = excluded.args, probe = excluded.probe, output = null`,
      )
      .run(runId, key, nodeId, JSON.stringify(args), JSON.stringify(probe), this.#now());
  }

  /** One loop round's effect is done, with its output (the node commits when every round has). */
  finishEffect(runId: string, key: string, output: unknown): void {
    this.#db
      .prepare(`update effects set state = 'done', output = ? where run_id = ? and key = ?`)
      .run(json(output ?? null), runId, key);
  }

  /** A record for a side effect whose outcome was unknown and that a person will decide on: dropped so it can run anew. */
  dropEffect(runId: string, key: string): void {
    this.#db.prepare('delete from effects where run_id = ? and key = ?').run(runId, key);
  }

  effect(runId: string, key: string): EffectRow | undefined {
    const r = this.#db.prepare('select * from effects where run_id = ? and key = ?').get(runId, key) as
      | Raw
      | undefined;
    return r && effectOf(r);
  }

  effects(runId: string, nodeId: string): EffectRow[] {
    return (
      this.#db.prepare('select * from effects where run_id = ? and node_id = ?').all(runId, nodeId) as Raw[]
    ).map(effectOf);
  }

  /** Forgets ended runs beyond `keep` (oldest first), with their nodes and effects. */
  prune(keep: number): void {
    this.#db
      .prepare(
        `delete from runs where id in (select id from runs where ended_at is not null and parent is null order by ended_at desc limit -1 offset ?)`,
      )
      .run(keep);
  }
}

function runOf(r: Raw): RunRow {
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

function nodeOf(r: Raw): NodeRow {
  return {
    nodeId: String(r.node_id),
    state: r.state as NodeState,
    attempts: Number(r.attempts),
    args: parsed(r.args),
    editedArgs: parsed(r.edited_args),
    output: parsed(r.output),
    hasOutput: typeof r.output === 'string',
    error: (r.error as string | null) ?? null,
    seq: r.seq === null ? null : Number(r.seq),
    startedAt: r.started_at === null ? null : Number(r.started_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  };
}

function effectOf(r: Raw): EffectRow {
  return {
    key: String(r.key),
    nodeId: String(r.node_id),
    state: r.state as 'started' | 'done',
    args: parsed(r.args),
    probe: parsed(r.probe),
    output: parsed(r.output),
  };
}
