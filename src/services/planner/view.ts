/**
 * A run as its submitter sees it (`aios plan show`, GET /v1/plan/show, `os.plan.show`): its
 * state, each node's state with its inputs and output, and what it waits for.
 *
 * @example
 * viewOf(store.run(id)!, store.nodes(id), graph, new Map());
 */
import type { Graph } from './graph.ts';
import { PLAN_LIMITS as L } from './limits.ts';
import type { NodeRow, RunRow } from './store.ts';

export interface RunView {
  id: string;
  name: string;
  state: string;
  submitter: string;
  createdAt: number;
  updatedAt: number;
  endedAt?: number;
  error?: string;
  forkedFrom?: string;
  forkedAt?: string;
  parent?: string;
  waiting: { node: string; why: string }[];
  nodes: {
    id: string;
    kind: string;
    state: string;
    attempts: number;
    checkpoint?: number;
    error?: string;
    run?: string;
    args?: unknown;
    output?: unknown;
  }[];
}

export function viewOf(run: RunRow, rows: NodeRow[], graph: Graph, children: Map<string, string>): RunView {
  const byId = new Map(rows.map((r) => [r.nodeId, r]));
  // checkpoints are numbered within the run, in commit order (as `checkpoints` lists them)
  const order = rows.filter((r) => r.seq !== null).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const checkpoint = new Map(order.map((r, i) => [r.nodeId, i + 1]));
  return {
    id: run.id,
    name: run.name,
    state: run.state,
    submitter: run.submitter,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    ...(run.endedAt !== null ? { endedAt: run.endedAt } : {}),
    ...(run.error ? { error: run.error } : {}),
    ...(run.forkedFrom ? { forkedFrom: run.forkedFrom, forkedAt: run.forkedAt ?? undefined } : {}),
    ...(run.parent ? { parent: run.parent } : {}),
    waiting: rows
      .filter((r) => r.state === 'waiting' || r.state === 'unknown')
      .map((r) => ({ node: r.nodeId, why: r.error ?? 'waits' })),
    nodes: graph.order.map((id) => {
      const r = byId.get(id);
      const node = graph.byId.get(id)!;
      return {
        id,
        kind: node.kind,
        state: r?.state ?? 'pending',
        attempts: r?.attempts ?? 0,
        ...(checkpoint.has(id) ? { checkpoint: checkpoint.get(id) } : {}),
        ...(r?.error ? { error: r.error } : {}),
        ...(children.has(id) ? { run: children.get(id) } : {}),
        ...(r?.args !== undefined && r.args !== null ? { args: bounded(r.args) } : {}),
        ...(r?.hasOutput ? { output: bounded(r.output) } : {}),
      };
    }),
  };
}

/** A value as shown: whole up to the output limit, else a note of its size. */
function bounded(value: unknown): unknown {
  const text = JSON.stringify(value) ?? 'null';
  return text.length <= L.OUTPUT_MAX_BYTES ? value : { truncated: `${text.length} characters` };
}
