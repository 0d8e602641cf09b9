/**
 * Time travel: every committed node is a checkpoint, listed in commit order, and a run can be
 * forked from one: a new run of the same plan with the outputs committed up to it copied, the
 * later nodes to run again, with the forker's rights (never more than the original run had).
 *
 * @example
 * checkpointsOf(store, 'p3f9a0c1d2e');                         // [{ checkpoint: 1, node: 'fetch', … }]
 * const id = forkRun(store, run, graph, 'fetch', caller);     // the new run, created, not driven
 */
import { randomBytes } from 'node:crypto';
import type { ServiceCaller } from '../serve.ts';
import { PlanError } from './errors.ts';
import type { Graph } from './graph.ts';
import { toolRiskOf } from './rights.ts';
import type { PlanStore, RunRow } from './store.ts';

export function checkpointsOf(store: PlanStore, id: string) {
  return store
    .nodes(id)
    .filter((r) => r.seq !== null)
    .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
    .map((r, i) => ({
      checkpoint: i + 1,
      node: r.nodeId,
      state: r.state,
      committedAt: r.finishedAt ?? 0,
      error: r.error ?? undefined,
    }));
}

/** Creates the fork of `run` from node `from`'s checkpoint as `caller`'s run; returns its id. */
export function forkRun(
  store: PlanStore,
  run: RunRow,
  graph: Graph,
  from: string,
  caller: ServiceCaller,
): string {
  const id = run.id;
  const rows = store.nodes(id);
  const at = rows.find((r) => r.nodeId === from);
  if (!at)
    throw new PlanError(
      'E_NOT_FOUND',
      `Run ${id} has no node '${from}'; 'aios plan checkpoints ${id}' lists them`,
    );
  if (at.seq === null)
    throw new PlanError(
      'E_BAD_STATE',
      `Node '${from}' of run ${id} has not committed, so it is no checkpoint; pick one 'aios plan checkpoints ${id}' lists`,
    );
  const copied = rows.filter(
    (r) => r.seq !== null && r.seq <= (at.seq ?? 0) && (r.state === 'done' || r.state === 'skipped'),
  );
  // an approval kept by the fork keeps the arguments its approver gave the node it gates
  const edits = new Map<string, Record<string, unknown>>();
  for (const c of copied) {
    const decl = graph.byId.get(c.nodeId);
    const target = decl?.kind === 'approval' ? decl.target : undefined;
    const edited = target === undefined ? undefined : rows.find((r) => r.nodeId === target)?.editedArgs;
    if (target !== undefined && edited !== undefined) edits.set(target, edited);
  }
  const newId = `p${randomBytes(5).toString('hex')}`;
  store.createRun(
    {
      ...run,
      id: newId,
      submitter: caller.name,
      submitterPid: caller.pid,
      owner: caller.owner,
      toolRisk: Math.min(run.toolRisk, toolRiskOf(caller)),
      forkedFrom: id,
      forkedAt: from,
    },
    graph.order,
    copied,
    edits,
  );
  return newId;
}
