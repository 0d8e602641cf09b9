/**
 * Atlas's multi-step plans run on the planner (/svc/planner), so a request of several steps
 * survives a kill -9: each step is a tool node that commits when it finishes, and the next
 * `aios up` goes on from the last one that committed. What stays Atlas's: the preview, the
 * person's yes (given before the plan is handed over, never as an approval node: the run's rights
 * are fixed when it is submitted, and Atlas holds risk 2-3 rights only after that yes), the
 * history, and undo: the copies the planner kept of what its nodes overwrote or deleted are
 * taken into Atlas's undo store when the run ends.
 *
 * The plan is submitted by an agent of its own (AtlasAgent.submitter) holding a tool handle good
 * for exactly the risk this request was cleared for, so the planner's check of the submitter's
 * rights is the same bound the kernel puts on Atlas's direct path; the plan's `roots` are
 * Atlas's roots, so its nodes touch no path Atlas would refuse.
 *
 * @example
 * const onPlanner = new OnPlanner({ system, history, undo, home });
 * if (onPlanner.accepts(planned, roots)) ran = await onPlanner.execute(planned, state, risk, roots);
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { System } from '../boot.ts';
import { KernelError } from '../kernel/errors.ts';
import type { Risk } from '../kernel/risk.ts';
import { PLAN_LIMITS } from '../services/planner/limits.ts';
import { inside, realLocation } from '../tools/roots.ts';
import { AtlasAgent } from './agent.ts';
import type { History } from './history.ts';
import { adoptUndo, type RunView } from './planner-undo.ts';
import type { Outcome, PlannedRequest, PlannedStep, StepResult } from './types.ts';
import type { UndoStore } from './undo-store.ts';

const NODE_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const ENDED = ['done', 'failed', 'rejected', 'cancelled'];

/** What planning found out: outputs of read-only steps already run, steps skipped or resolved late. */
export interface PlanState {
  outputs: ReadonlyMap<string, unknown>;
  skipped: ReadonlySet<string>;
  deferred: ReadonlySet<string>;
}

/** How a request ran on the planner, in Atlas's terms. */
export interface Ran {
  ok: boolean;
  results: StepResult[];
  ranSteps: string[];
  /** The planner refused the plan before anything ran. */
  refused?: boolean;
  run?: string;
}

/** The name of request `id`'s run: how a request cut off by a crash finds its run again. */
export function runName(id: string, request: string): string {
  return `atlas #${id}: ${request.replace(/\s+/g, ' ')}`.slice(0, 128);
}

/** Each step's node id: the step's own id when the planner takes it, else `stepN`. */
export function nodeIds(steps: readonly PlannedStep[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const [i, step] of steps.entries()) {
    let id = NODE_ID.test(step.id) && !used.has(step.id) ? step.id : `step${i + 1}`;
    while (used.has(id)) id = `${id}_`;
    used.add(id);
    ids.set(step.id, id);
  }
  return ids;
}

/**
 * The plan document of a planned request: one tool node per step that still has to run, in
 * order (each after the one before, one at a time), its arguments as previewed; a step that
 * takes the paths of an earlier step that changes things reads them with `$paths`.
 */
export function planDocument(planned: PlannedRequest, state: PlanState, roots: readonly string[]) {
  const ids = nodeIds(planned.steps);
  const nodes: Record<string, unknown>[] = [];
  let previous: string | undefined;
  for (const step of planned.steps) {
    if (state.skipped.has(step.id) || state.outputs.has(step.id)) continue;
    const id = ids.get(step.id)!;
    let args: Record<string, unknown> = step.args;
    const from = state.deferred.has(step.id) && typeof args.from === 'string' ? args.from : undefined;
    if (from !== undefined) {
      const { from: _, ...rest } = args;
      const source = ids.get(from);
      args = { ...rest, paths: source ? { $paths: `${source}.output` } : [] };
    }
    nodes.push({
      id,
      kind: 'tool',
      tool: `${step.tool}.${step.action}`,
      args,
      // Atlas's steps never time out on the direct path; give a long copy the longest a node may run
      timeoutMs: PLAN_LIMITS.TIMEOUT_MAX_MS,
      ...(previous ? { after: [previous] } : {}),
    });
    previous = id;
  }
  return {
    name: runName(planned.id, planned.request),
    parallel: 1,
    roots: [...roots],
    nodes,
  };
}

export class OnPlanner {
  readonly #system: System;
  readonly #history: History;
  readonly #undo: UndoStore;
  readonly #home: string;

  constructor(o: { system: System; history: History; undo: UndoStore; home: string }) {
    this.#system = o.system;
    this.#history = o.history;
    this.#undo = o.undo;
    this.#home = o.home;
  }

  /**
   * Whether this request runs on the planner: more than one step, the planner is running (under
   * `aios up`), and the planner's HOME and roots hold Atlas's (its nodes touch only paths inside
   * HOME unless the owner submits). Otherwise Atlas runs the steps itself.
   */
  accepts(planned: PlannedRequest, roots: readonly string[]): boolean {
    if (planned.steps.length < 2) return false;
    if (!this.#system.services.declarations().some((d) => d.name === 'planner')) return false;
    const home = process.env.HOME ?? homedir();
    if (resolve(this.#home) !== resolve(home)) return false;
    const real = realLocation(resolve(home));
    return roots.every((r) => inside(realLocation(resolve(r)), real));
  }

  /**
   * Submits the plan with the rights of `risk` and waits until the run ends (or waits for a
   * person); undefined when the planner is not there after all (then Atlas runs it itself).
   */
  async execute(
    planned: PlannedRequest,
    state: PlanState,
    risk: Risk,
    roots: readonly string[],
  ): Promise<Ran | undefined> {
    const plan = planDocument(planned, state, roots);
    this.#history.onPlanner(planned.id);
    const submitter = AtlasAgent.submitter(this.#system, risk);
    try {
      let view: RunView;
      try {
        view = (await this.#call(submitter.pid, 'run', { plan, cwd: planned.cwd, wait: true })) as RunView;
      } catch (error) {
        if (!(error instanceof KernelError)) throw error;
        if (error.code === 'E_UNAVAILABLE') return undefined;
        const first = planned.steps.find((s) => !state.skipped.has(s.id))!;
        return {
          ok: false,
          refused: true,
          ranSteps: [],
          results: [{ stepId: first.id, ok: false, output: null, error: `${error.code}: ${error.message}` }],
        };
      }
      while (view.state === 'running')
        view = (await this.#call(submitter.pid, 'wait', { id: view.id })) as RunView;
      if (this.#undo.count(planned.id) === 0) adoptUndo(this.#undo, planned.id, view);
      return outcomeOf(planned, state, view);
    } finally {
      submitter.end();
    }
  }

  /**
   * Requests a crash cut off while they ran on the planner: when their run has ended (the
   * planner resumed it), its undo data is taken over and its outcome recorded. With
   * `wait`, waits for runs still going.
   */
  async settle(live: ReadonlySet<string>, wait = false): Promise<void> {
    const ids = this.#history.unsettled().filter((id) => !live.has(id));
    if (ids.length === 0 || !this.#system.services.declarations().some((d) => d.name === 'planner')) return;
    const reader = AtlasAgent.submitter(this.#system, 0);
    try {
      const { runs } = (await this.#call(reader.pid, 'ls', { limit: PLAN_LIMITS.LIST_MAX })) as {
        runs: { id: string; name: string }[];
      };
      for (const id of ids) {
        const record = this.#history.get(id);
        if (!record?.planned || live.has(id)) continue;
        const planned = record.planned;
        const run = runs.find((r) => r.name === runName(id, planned.request));
        if (!run) continue;
        let view = (await this.#call(reader.pid, 'show', { id: run.id })) as RunView;
        while (wait && view.state === 'running')
          view = (await this.#call(reader.pid, 'wait', { id: run.id })) as RunView;
        if (!ENDED.includes(view.state) && view.state !== 'waiting') continue;
        if (this.#undo.count(id) === 0) adoptUndo(this.#undo, id, view);
        const state: PlanState = {
          outputs: new Map(),
          skipped: new Set(record.state.skipped),
          deferred: new Set(record.state.deferred),
        };
        const ran = outcomeOf(planned, state, view);
        const mutating = planned.steps.filter((s) => s.risk >= 1).length;
        this.#history.finished(this.outcome(planned, ran), ran.ok ? 'done' : 'failed', mutating, Date.now());
      }
    } finally {
      reader.end();
    }
  }

  /** The outcome of a request that ran on the planner, undoable when its run left ways back. */
  outcome(planned: PlannedRequest, ran: Ran): Outcome {
    const undoId = this.#undo.count(planned.id) > 0 ? planned.id : undefined;
    return {
      id: planned.id,
      ok: ran.ok,
      results: ran.results,
      ranSteps: ran.ranSteps,
      ...(undoId ? { undoId } : {}),
    };
  }

  #call(pid: number, op: string, args: Record<string, unknown>): Promise<unknown> {
    return this.#system.services.call(pid, 'planner', op, args);
  }
}

/** The steps' results from the run's nodes, as Atlas reports them: in order, up to the first that did not finish. */
export function outcomeOf(planned: PlannedRequest, state: PlanState, view: RunView): Ran {
  const ids = nodeIds(planned.steps);
  const nodes = new Map(view.nodes.map((n) => [n.id, n]));
  const results: StepResult[] = [];
  const ranSteps: string[] = [];
  for (const step of planned.steps) {
    if (state.skipped.has(step.id)) {
      results.push({ stepId: step.id, ok: true, output: { skipped: step.preview.summary } });
      continue;
    }
    ranSteps.push(step.id);
    const node = nodes.get(ids.get(step.id)!);
    if (node === undefined) {
      // run while planning (a read-only step whose paths later steps took)
      results.push({ stepId: step.id, ok: true, output: state.outputs.get(step.id) ?? null });
      continue;
    }
    if (node.state === 'done') {
      results.push({ stepId: step.id, ok: true, output: withoutUndo(node.output) });
      continue;
    }
    const why =
      node.state === 'waiting' || node.state === 'unknown'
        ? `Plan run ${view.id} waits for a person: ${node.error ?? view.waiting.find((w) => w.node === node.id)?.why ?? ''}; 'aios plan approve ${view.id}' runs it, 'aios plan reject ${view.id}' ends it`
        : (node.error ?? `Step ${step.id} did not run (${node.state}) in plan run ${view.id}`);
    results.push({ stepId: step.id, ok: false, output: null, error: why });
    break;
  }
  const ok = view.state === 'done' && results.every((r) => r.ok) && results.length === planned.steps.length;
  return { ok, results, ranSteps, run: view.id };
}

/** A node's output without the undo entries the planner keeps in it (Atlas's undo has them now). */
function withoutUndo(output: unknown): unknown {
  if (typeof output !== 'object' || output === null || Array.isArray(output) || !('undo' in output))
    return output;
  const { undo: _, ...rest } = output as Record<string, unknown>;
  return rest;
}
