/**
 * One run of a plan, driven from its stored state: whatever is committed is done and never runs
 * again, so starting a runner is both how a run begins and how it resumes after a crash. Nodes
 * whose dependencies are done run, up to the plan's `parallel` at once; each commits when it
 * finishes (nodes.ts runs one). A failure stops new nodes and runs the compensations of what
 * committed, newest first (a saga). An approval, or an effect whose outcome nobody can tell,
 * leaves the run `waiting` until a person decides.
 *
 * @example
 * const end = await new Runner(env, store.run(id)!, graph).drive(); // 'done' | 'waiting' | ...
 */
import { PlanError } from './errors.ts';
import type { Graph } from './graph.ts';
import { PLAN_LIMITS as L } from './limits.ts';
import { NeedsPerson, type NodeEnv, runCompensation, runNode, Waiting } from './nodes.ts';
import { holds } from './refs.ts';
import type { NodeRow, PlanStore, RunRow, RunState } from './store.ts';

/** What a runner needs from the planner around it. */
export interface RunnerEnv extends NodeEnv {
  store: PlanStore;
  /** An audit line of the run's progress (a node started or finished), through the kernel. */
  audit(run: RunRow, event: string, node: string, detail?: string): Promise<void>;
  /** Fault injection for the crash tests: kills the whole process at a named point when asked to. */
  crashPoint(point: string): void;
  /** What a person reading the logs should know (a runner that stopped on a bug). */
  log?(message: string): void;
}

const SETTLED = new Set(['done', 'failed', 'skipped', 'compensated', 'cancelled']);

export class Runner {
  readonly #env: RunnerEnv;
  readonly #graph: Graph;
  readonly #abort = new AbortController();
  #run: RunRow;
  #why: string | null = null;

  constructor(env: RunnerEnv, run: RunRow, graph: Graph) {
    this.#env = env;
    this.#run = run;
    this.#graph = graph;
  }

  /** Stops starting nodes; the ones running get the abort and the run ends cancelled (saying `why`). */
  cancel(why?: string): void {
    this.#why = why ?? null;
    this.#abort.abort(new PlanError('E_BAD_STATE', `Run ${this.#run.id} was cancelled`));
  }

  /** Runs until the run ends or waits for a person; returns the state it reached. */
  async drive(): Promise<RunState> {
    const { store } = this.#env;
    const id = this.#run.id;
    // A node found running was cut off by a stop: it runs again, and its effect record decides.
    for (const row of store.nodes(id)) if (row.state === 'running') store.markNode(id, row.nodeId, 'pending');
    const inflight = new Map<string, Promise<void>>();
    let failed = store.nodes(id).some((r) => r.state === 'failed');
    while (!failed && !this.#abort.signal.aborted) {
      const rows = new Map(store.nodes(id).map((r) => [r.nodeId, r]));
      this.#skipUnreachable(rows);
      const outputs = outputsOf(rows);
      for (const nodeId of this.#graph.order) {
        if (inflight.size >= this.#graph.plan.parallel) break;
        const row = rows.get(nodeId);
        if (row?.state !== 'pending' || inflight.has(nodeId)) continue;
        const deps = this.#graph.deps.get(nodeId) ?? [];
        if (!deps.every((d) => rows.get(d)?.state === 'done')) continue;
        const p = this.#one(nodeId, row, outputs).finally(() => inflight.delete(nodeId));
        inflight.set(nodeId, p);
      }
      if (inflight.size === 0) break;
      await Promise.race(inflight.values());
      failed = store.nodes(id).some((r) => r.state === 'failed');
    }
    await Promise.allSettled(inflight.values());
    return this.#finish();
  }

  /** Nodes that can never run (a dependency skipped, an edge's or its own condition false) are skipped. */
  #skipUnreachable(rows: Map<string, NodeRow>): void {
    for (let changed = true; changed; ) {
      changed = false;
      const outputs = outputsOf(rows);
      for (const nodeId of this.#graph.order) {
        const row = rows.get(nodeId);
        if (row?.state !== 'pending') continue;
        const deps = this.#graph.deps.get(nodeId) ?? [];
        if (!deps.every((d) => SETTLED.has(rows.get(d)?.state ?? ''))) continue;
        const node = this.#graph.byId.get(nodeId)!;
        const edges = this.#graph.edgeWhen.get(nodeId);
        const why = deps.some((d) => rows.get(d)?.state === 'skipped')
          ? 'a node it waits for was skipped'
          : [...(edges ?? [])].some(([, c]) => !holds(c, nodeId, outputs))
            ? 'the condition on an edge into it is false'
            : node.when && !holds(node.when, nodeId, outputs)
              ? "its 'when' is false"
              : undefined;
        if (why === undefined) continue;
        this.#env.store.commitNode(this.#run.id, nodeId, 'skipped', { error: `Skipped: ${why}` });
        rows.set(nodeId, { ...row, state: 'skipped' });
        changed = true;
      }
    }
  }

  async #one(nodeId: string, row: NodeRow, outputs: Record<string, unknown>): Promise<void> {
    const { store } = this.#env;
    const run = this.#run;
    const node = this.#graph.byId.get(nodeId)!;
    try {
      await this.#env.audit(run, 'node_start', nodeId, node.kind);
      const output = await runNode(this.#env, { run, node, row, outputs, signal: this.#abort.signal });
      const size = (JSON.stringify(output) ?? '').length;
      if (size > L.OUTPUT_MAX_BYTES)
        throw new PlanError(
          'E_TOO_BIG',
          `Node '${nodeId}' gave an output of ${size} characters, over the ${L.OUTPUT_MAX_BYTES} a node keeps; write big data to a file and pass its path`,
        );
      store.commitNode(run.id, nodeId, 'done', { output });
      this.#env.crashPoint(`committed:${nodeId}`);
      await this.#env.audit(run, 'node_done', nodeId);
    } catch (error) {
      if (error instanceof Waiting) {
        store.markNode(run.id, nodeId, 'waiting', error.message);
        await this.#env.audit(run, 'node_waiting', nodeId, error.message);
      } else if (error instanceof NeedsPerson) {
        store.markNode(run.id, nodeId, 'unknown', error.message);
        await this.#env.audit(run, 'node_unknown', nodeId, error.message);
      } else if (this.#abort.signal.aborted) {
        store.commitNode(run.id, nodeId, 'cancelled', { error: 'Cancelled while it ran' });
      } else {
        const message = oneLine(error);
        store.commitNode(run.id, nodeId, 'failed', { error: message });
        await this.#env.audit(run, 'node_failed', nodeId, message);
      }
    }
  }

  /** The state the run ends (or pauses) in, committed; compensations run first on a failure. */
  async #finish(): Promise<RunState> {
    const { store } = this.#env;
    const id = this.#run.id;
    const rows = store.nodes(id);
    let state: RunState;
    let error: string | null = null;
    if (this.#abort.signal.aborted) {
      for (const r of rows)
        if (!SETTLED.has(r.state))
          store.commitNode(id, r.nodeId, 'cancelled', { error: 'Cancelled before it ran' });
      state = 'cancelled';
      error = this.#why;
    } else if (rows.some((r) => r.state === 'failed')) {
      const first = rows.filter((r) => r.state === 'failed').sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))[0];
      const rejected = store.run(id)?.error?.startsWith('Rejected') === true;
      error = rejected ? (store.run(id)?.error ?? null) : `Node '${first.nodeId}' failed: ${first.error}`;
      await this.#compensate(rows);
      state = rejected ? 'rejected' : 'failed';
    } else if (rows.some((r) => r.state === 'waiting' || r.state === 'unknown')) {
      state = 'waiting';
    } else if (rows.every((r) => SETTLED.has(r.state))) {
      state = 'done';
    } else {
      // nothing runs, waits or failed, yet some nodes never ran: a bug, said plainly, never a hang
      const stuck = rows.filter((r) => !SETTLED.has(r.state)).map((r) => `'${r.nodeId}' (${r.state})`);
      error = `The run stopped with nodes that can never run: ${stuck.join(', ')}`;
      state = 'failed';
    }
    store.setRunState(id, state, error);
    this.#run = store.run(id) ?? this.#run;
    await this.#env.audit(this.#run, `run_${state}`, '-', error ?? undefined);
    return state;
  }

  /** Runs the compensation of every node that committed, newest first; each commits as it ends. */
  async #compensate(rows: NodeRow[]): Promise<void> {
    const done = rows.filter((r) => r.state === 'done').sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0));
    const outputs = outputsOf(new Map(rows.map((r) => [r.nodeId, r])));
    for (const row of done) {
      const node = this.#graph.byId.get(row.nodeId);
      if (!node?.compensate) continue;
      try {
        const output = await runCompensation(this.#env, {
          run: this.#run,
          node,
          row,
          outputs,
          signal: new AbortController().signal,
        });
        this.#env.store.commitNode(this.#run.id, row.nodeId, 'compensated', {
          output: { output: row.output, compensation: output },
        });
        await this.#env.audit(this.#run, 'node_compensated', row.nodeId);
      } catch (error) {
        // The node stays done: its compensation's failure is on the run for a person to see
        const message = `compensation of '${row.nodeId}' failed: ${oneLine(error)}`;
        this.#env.store.commitNode(this.#run.id, row.nodeId, 'done', { output: row.output, error: message });
        await this.#env.audit(this.#run, 'node_compensation_failed', row.nodeId, message);
      }
    }
  }
}

/** The outputs of the nodes that are done, by node id (what `$from` reads). */
export function outputsOf(rows: Map<string, NodeRow>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, r] of rows) if (r.state === 'done' || r.state === 'compensated') out[id] = r.output;
  return out;
}

export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].slice(0, 1000);
}
