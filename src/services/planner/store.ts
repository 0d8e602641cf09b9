/**
 * The planner's own database (`$AIOS_HOME/planner.db`, node:sqlite in WAL mode): runs, the state
 * of each node with its inputs and output, and the idempotency records of side effects. A node
 * is committed in one transaction (its state, output, commit order and its effect records
 * together), so a plan's stored state is never half-written, and each committed node is a
 * checkpoint a run can be forked from. An output too big for its row is kept in a file beside
 * the database (outputs.ts) and read back with the row.
 *
 * @example
 * const store = new PlanStore(join(home, 'planner.db'));
 * store.createRun({ id, name, plan, submitter, ... });
 * store.commitNode(id, 'fetch', 'done', { output });
 */

import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { PLAN_LIMITS as L } from './limits.ts';
import { OutputFiles } from './outputs.ts';
import {
  type EffectRow,
  effectOf,
  json,
  migrate,
  type NodeRow,
  nodeOf,
  type Raw,
  type RunRow,
  runOf,
  SCHEMA,
} from './rows.ts';
import { ENDED, type NodeState, type RunState } from './states.ts';

export type { EffectRow, NodeRow, RunRow } from './rows.ts';

export { ENDED, NODE_STATES, type NodeState, RUN_STATES, type RunState } from './states.ts';

export class PlanStore {
  readonly #db: DatabaseSync;
  readonly #now: () => number;
  readonly #outputs: OutputFiles;
  readonly #read = (file: string) => this.#outputs.read(file);

  /** `path` is planner.db; big outputs go to `planner/outputs/` beside it. */
  constructor(path: string, now: () => number = Date.now) {
    this.#db = new DatabaseSync(path);
    // synchronous = normal in WAL: a commit survives kill -9, and a crash never leaves half a transaction.
    this.#db.exec('pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = on;');
    this.#db.exec(SCHEMA);
    migrate(this.#db);
    this.#now = now;
    this.#outputs = new OutputFiles(join(dirname(path), 'planner', 'outputs'));
  }

  close(): void {
    this.#db.close();
  }

  /**
   * A value as its row stores it: JSON in the row, or (over OUTPUT_INLINE_MAX_BYTES) a file named
   * `name` beside the database. Called inside the transaction that writes the row.
   */
  #value(runId: string, name: string, value: unknown): { text: string | null; file: string | null } {
    const text = json(value);
    if (text === null || text.length <= L.OUTPUT_INLINE_MAX_BYTES) return { text, file: null };
    return { text: null, file: this.#outputs.put(runId, name, text) };
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
        `insert into nodes (run_id, node_id, state, attempts, args, output, output_file, seq, started_at, finished_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const byId = new Map(copied.map((c) => [c.nodeId, c]));
      for (const id of nodeIds) {
        const c = byId.get(id);
        if (c) {
          const seq = this.#nextSeq();
          const output = c.hasOutput
            ? this.#value(run.id, `${id}-${seq}`, c.output)
            : { text: null, file: null };
          insert.run(
            run.id,
            id,
            c.state,
            c.attempts,
            json(c.args),
            output.text,
            output.file,
            seq,
            c.startedAt,
            c.finishedAt,
          );
        } else insert.run(run.id, id, 'pending', 0, null, null, null, null, null, null);
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
    return (this.#db.prepare('select * from nodes where run_id = ?').all(runId) as Raw[]).map((r) =>
      nodeOf(r, this.#read),
    );
  }

  node(runId: string, nodeId: string): NodeRow | undefined {
    const r = this.#db.prepare('select * from nodes where run_id = ? and node_id = ?').get(runId, nodeId) as
      | Raw
      | undefined;
    return r && nodeOf(r, this.#read);
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
    const before = this.#fileOf('nodes', runId, 'node_id', nodeId);
    this.#tx(() => {
      const seq = this.#nextSeq();
      const output =
        'output' in result
          ? this.#value(runId, `${nodeId}-${seq}`, result.output ?? null)
          : { text: null, file: null };
      this.#db
        .prepare(
          'update nodes set state = ?, output = ?, output_file = ?, error = ?, seq = ?, finished_at = ? where run_id = ? and node_id = ?',
        )
        .run(state, output.text, output.file, result.error ?? null, seq, now, runId, nodeId);
      this.#db
        .prepare(`update effects set state = 'done' where run_id = ? and node_id = ?`)
        .run(runId, nodeId);
      this.#db.prepare('update runs set updated_at = ? where id = ?').run(now, runId);
    });
    if (before !== null) this.#outputs.drop(before);
  }

  /** The file a row's value is kept in, if it is kept apart. */
  #fileOf(table: 'nodes' | 'effects', runId: string, column: 'node_id' | 'key', id: string): string | null {
    const r = this.#db
      .prepare(`select output_file from ${table} where run_id = ? and ${column} = ?`)
      .get(runId, id) as Raw | undefined;
    return typeof r?.output_file === 'string' ? r.output_file : null;
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
         on conflict (run_id, key) do update set state = 'started', args = excluded.args, probe = excluded.probe, output = null, output_file = null`,
      )
      .run(runId, key, nodeId, JSON.stringify(args), JSON.stringify(probe), this.#now());
  }

  /** One loop round's effect is done, with its output (the node commits when every round has). */
  finishEffect(runId: string, key: string, output: unknown): void {
    this.#tx(() => {
      const value = this.#value(runId, `effect-${key}-${this.#nextSeq()}`, output ?? null);
      this.#db
        .prepare(
          `update effects set state = 'done', output = ?, output_file = ? where run_id = ? and key = ?`,
        )
        .run(value.text, value.file, runId, key);
    });
  }

  /** A record for a side effect whose outcome was unknown and that a person will decide on: dropped so it can run anew. */
  dropEffect(runId: string, key: string): void {
    this.#db.prepare('delete from effects where run_id = ? and key = ?').run(runId, key);
  }

  effect(runId: string, key: string): EffectRow | undefined {
    const r = this.#db.prepare('select * from effects where run_id = ? and key = ?').get(runId, key) as
      | Raw
      | undefined;
    return r && effectOf(r, this.#read);
  }

  effects(runId: string, nodeId: string): EffectRow[] {
    return (
      this.#db.prepare('select * from effects where run_id = ? and node_id = ?').all(runId, nodeId) as Raw[]
    ).map((r) => effectOf(r, this.#read));
  }

  /** Forgets ended runs beyond `keep` (oldest first), with their nodes and effects. */
  prune(keep: number): void {
    const gone = this.#db
      .prepare(
        `delete from runs where id in (select id from runs where ended_at is not null and parent is null order by ended_at desc limit -1 offset ?) returning id`,
      )
      .all(keep) as Raw[];
    for (const r of gone) this.#outputs.removeRun(String(r.id));
  }
}
