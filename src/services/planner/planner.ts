/**
 * The planner: plans submitted, runs driven and resumed, people's decisions (approve, reject,
 * cancel) and time travel (checkpoints, fork). Every run is kept in the planner's store
 * (store.ts) and driven by a Runner from what is committed there, so `resumeAll()` at start is
 * all a restart needs. A run belongs to whoever submitted it: only that agent (by the name its
 * spawners vouch for) or the owner may see or decide on it, and its tool nodes run with the
 * rights the submitter held, never the planner's.
 *
 * @example
 * const planner = new Planner(env);
 * planner.resumeAll();
 * const view = await planner.submit(caller, { plan: text, wait: true });
 */
import { randomBytes } from 'node:crypto';
import type { ServiceCaller } from '../serve.ts';
import { PlanError } from './errors.ts';
import { type Plan, type PlanNode, parsePlan } from './format.ts';
import { checkGraph, type Graph } from './graph.ts';
import { PLAN_LIMITS as L } from './limits.ts';
import { choosePlans } from './measure.ts';
import { Waiting } from './nodes.ts';
import { checkRights, checkRoots, toolRiskOf } from './rights.ts';
import { Runner, type RunnerEnv } from './runner.ts';
import { ENDED, type NodeRow, type RunRow, type RunState } from './store.ts';
import { checkpointsOf, forkRun } from './timetravel.ts';
import { type RunView, viewOf } from './view.ts';

/** Everything a runner needs except subPlan, which the planner itself provides. */
export type PlannerEnv = Omit<RunnerEnv, 'subPlan'> & {
  /** The person's home: the directories a plan's `roots` may name when its submitter is not the owner. */
  userHome?: string;
};

export class Planner {
  readonly #env: RunnerEnv;
  readonly #userHome: string | undefined;
  readonly #active = new Map<string, { runner: Runner; done: Promise<RunState> }>();

  constructor(env: PlannerEnv) {
    this.#env = { ...env, subPlan: (run, node, signal) => this.#subPlan(run, node, signal) };
    this.#userHome = env.userHome;
  }

  /** Drives every run that had not ended when the system stopped, from its last committed node. */
  resumeAll(): string[] {
    const resumed: string[] = [];
    for (const run of this.#env.store.unfinished()) {
      if (run.state !== 'running' || run.parent !== null) continue; // sub-runs resume under their parent
      void this.#drive(run.id);
      resumed.push(run.id);
    }
    return resumed;
  }

  /** Checks and starts a plan as `caller`; with wait, answers when it ends or waits (at most WAIT_MAX_MS). */
  async submit(
    caller: ServiceCaller,
    opts: { plan: unknown; cwd?: string; wait?: boolean },
  ): Promise<RunView> {
    const plan = parsePlan(opts.plan);
    const graph = checkGraph(plan, this.#env.findAction);
    const toolRisk = toolRiskOf(caller);
    checkRights(plan, caller, toolRisk, this.#env.findAction);
    checkRoots(plan, caller, this.#userHome);
    if (this.#env.store.activeCount(caller.name) >= L.ACTIVE_RUNS_PER_AGENT)
      throw new PlanError(
        'E_QUOTA',
        `'${caller.name}' has ${L.ACTIVE_RUNS_PER_AGENT} runs that have not ended; wait for some or cancel them`,
      );
    const id = `p${randomBytes(5).toString('hex')}`;
    this.#env.store.createRun(
      {
        id,
        parent: null,
        parentNode: null,
        name: plan.name,
        plan: opts.plan,
        submitter: caller.name,
        submitterPid: caller.pid,
        owner: caller.owner,
        toolRisk,
        cwd: opts.cwd ?? null,
        forkedFrom: null,
        forkedAt: null,
      },
      graph.order,
    );
    this.#env.store.prune(L.ENDED_RUNS_KEPT);
    await this.#env.audit(this.#env.store.run(id)!, 'run_submitted', '-', `${plan.nodes.length} nodes`);
    const done = this.#drive(id);
    if (opts.wait) await settleWithin(done, L.WAIT_MAX_MS);
    return this.show(caller, id);
  }

  /** Tree of thoughts: checks and measures alternative plans (nothing runs) and ranks them, best first. */
  choose(caller: ServiceCaller, opts: { plans: unknown[]; cwd?: string; confidence?: number[] }) {
    return choosePlans(this.#env, caller, { ...opts, userHome: this.#userHome });
  }

  show(caller: ServiceCaller, id: string): RunView {
    const run = this.#owned(caller, id);
    const graph = this.#graph(run);
    const children = new Map<string, string>();
    for (const n of graph.plan.nodes) {
      const child = n.kind === 'plan' ? this.#env.store.childRun(run.id, n.id) : undefined;
      if (child) children.set(n.id, child.id);
    }
    return viewOf(run, this.#env.store.nodes(id), graph, children);
  }

  list(caller: ServiceCaller, opts: { states?: readonly string[]; limit?: number }) {
    const runs = this.#env.store.runs({
      submitter: caller.owner ? undefined : caller.name,
      states: opts.states,
      limit: Math.min(opts.limit ?? 50, L.LIST_MAX),
    });
    return runs.map((r) => {
      const rows = this.#env.store.nodes(r.id);
      return {
        id: r.id,
        name: r.name,
        state: r.state,
        submitter: r.submitter,
        nodes: rows.length,
        done: rows.filter((n) => n.state === 'done').length,
        waiting: rows
          .filter((n) => n.state === 'waiting' || n.state === 'unknown')
          .map((n) => n.nodeId)
          .join(','),
        updatedAt: r.updatedAt,
      };
    });
  }

  /** Waits up to `ms` for the run to end or wait, then shows it. */
  async wait(caller: ServiceCaller, id: string, ms: number): Promise<RunView> {
    this.#owned(caller, id);
    const active = this.#active.get(id);
    if (active) await settleWithin(active.done, Math.min(ms, L.WAIT_MAX_MS));
    return this.show(caller, id);
  }

  /**
   * A person's yes to a waiting node (an approval, or an effect whose outcome was unknown: it runs
   * again), optionally with new arguments for the node the approval targets; the run goes on.
   */
  async approve(
    caller: ServiceCaller,
    id: string,
    opts: { node?: string; args?: Record<string, unknown> },
  ): Promise<RunView> {
    const run = this.#owned(caller, id);
    const node = this.#waitingNode(run, opts.node, 'approve');
    const graph = this.#graph(run);
    const decl = graph.byId.get(node.nodeId)!;
    if (decl.kind === 'plan') {
      const child = this.#env.store.childRun(run.id, decl.id);
      if (!child) throw new PlanError('E_BAD_STATE', `Sub-plan '${decl.id}' of run ${id} has not started`);
      await this.approve({ ...caller, owner: true }, child.id, { args: opts.args });
      return this.show(caller, id);
    }
    if (decl.kind === 'approval') {
      if (opts.args !== undefined) {
        const target = decl.target ?? decl.id;
        if (target !== decl.id) this.#env.store.editArgs(id, target, opts.args);
      }
      const args = { ...decl.args, ...(decl.target === undefined ? opts.args : {}) };
      this.#env.store.commitNode(id, decl.id, 'done', { output: { approved: true, by: caller.name, args } });
    } else {
      // An effect nobody could check: the person says run it again
      for (const e of this.#env.store.effects(id, decl.id))
        if (e.state === 'started') this.#env.store.dropEffect(id, e.key);
      if (opts.args !== undefined) this.#env.store.editArgs(id, decl.id, opts.args);
      this.#env.store.markNode(id, decl.id, 'pending');
    }
    await this.#env.audit(run, 'node_approved', decl.id, `by ${caller.name}`);
    this.#env.store.setRunState(id, 'running');
    const done = this.#drive(id);
    await settleWithin(done, 2000);
    return this.show(caller, id);
  }

  /** A person's no: the waiting node fails, compensations run, the run ends rejected. */
  async reject(
    caller: ServiceCaller,
    id: string,
    opts: { node?: string; reason?: string },
  ): Promise<RunView> {
    const run = this.#owned(caller, id);
    const node = this.#waitingNode(run, opts.node, 'reject');
    const why = `Rejected by ${caller.name}${opts.reason ? `: ${opts.reason}` : ''}`;
    this.#env.store.commitNode(id, node.nodeId, 'failed', { error: why });
    this.#env.store.setRunState(id, 'running', why);
    await this.#env.audit(run, 'node_rejected', node.nodeId, `by ${caller.name}`);
    await this.#drive(id);
    return this.show(caller, id);
  }

  /** Stops a run: nothing new starts, what runs is told to stop, the rest is cancelled; `reason` is kept with it. */
  async cancel(caller: ServiceCaller, id: string, reason?: string): Promise<RunView> {
    const run = this.#owned(caller, id);
    if (ENDED.includes(run.state))
      throw new PlanError('E_BAD_STATE', `Run ${id} has already ended (${run.state}); nothing to cancel`);
    const active = this.#active.get(id);
    const why = `Cancelled by ${caller.name}${reason ? `: ${reason}` : ''}`;
    if (active) {
      active.runner.cancel(why);
      await active.done;
    } else {
      for (const r of this.#env.store.nodes(id))
        if (!['done', 'failed', 'skipped', 'compensated', 'cancelled'].includes(r.state))
          this.#env.store.commitNode(id, r.nodeId, 'cancelled', { error: 'Cancelled before it ran' });
      this.#env.store.setRunState(id, 'cancelled', why);
    }
    for (const n of this.#graph(run).plan.nodes) {
      const child = n.kind === 'plan' ? this.#env.store.childRun(id, n.id) : undefined;
      if (child && !ENDED.includes(child.state))
        await this.cancel({ ...caller, owner: true }, child.id, reason);
    }
    await this.#env.audit(run, 'run_cancelled', '-', `by ${caller.name}`);
    return this.show(caller, id);
  }

  /** Every committed node of a run, in commit order: the points a run can be forked from. */
  checkpoints(caller: ServiceCaller, id: string) {
    this.#owned(caller, id);
    return checkpointsOf(this.#env.store, id);
  }

  /** A new run of the same plan from node `from`'s checkpoint: what committed up to it is copied, the rest runs again. */
  async fork(caller: ServiceCaller, id: string, from: string): Promise<RunView> {
    const run = this.#owned(caller, id);
    const newId = forkRun(this.#env.store, run, this.#graph(run), from, caller);
    await this.#env.audit(this.#env.store.run(newId)!, 'run_forked', from, `from ${id}`);
    void this.#drive(newId);
    return this.show(caller, newId);
  }

  #drive(id: string): Promise<RunState> {
    const existing = this.#active.get(id);
    if (existing) return existing.done;
    const run = this.#env.store.run(id)!;
    const runner = new Runner(this.#env, run, this.#graph(run));
    const done = runner
      .drive()
      .catch((error: unknown): RunState => {
        // the store or the kernel failed under the runner: the run stops here, saying why,
        // and nothing past its last commit is lost (a restart resumes it)
        this.#env.log?.(`run ${id} stopped: ${(error as Error)?.stack ?? String(error)}`);
        return this.#env.store.run(id)?.state ?? 'running';
      })
      .finally(() => {
        this.#active.delete(id);
        // A decision that landed while the runner was ending (an approval, a rejection) is
        // picked up by a runner of its own, so no run is left waiting for nobody
        if (this.#undecided(id)) {
          this.#env.store.setRunState(id, 'running', this.#env.store.run(id)?.error ?? null);
          void this.#drive(id);
        } else this.#wakeParent(id);
      });
    this.#active.set(id, { runner, done });
    return done;
  }

  /** Whether run `id` stopped in a state its nodes no longer agree with. */
  #undecided(id: string): boolean {
    const state = this.#env.store.run(id)?.state;
    const rows = this.#env.store.nodes(id);
    const waits = rows.some((r) => r.state === 'waiting' || r.state === 'unknown');
    const failed = rows.some((r) => r.state === 'failed');
    if (state === 'waiting') return !waits || failed;
    if (state === 'done') return failed || rows.some((r) => r.state === 'pending');
    return false;
  }

  /** A sub-run that ended lets its parent's waiting node go on. */
  #wakeParent(id: string): void {
    const run = this.#env.store.run(id);
    if (!run?.parent || !run.parentNode || !ENDED.includes(run.state)) return;
    const parent = this.#env.store.run(run.parent);
    const node = this.#env.store.node(run.parent, run.parentNode);
    if (parent?.state !== 'waiting' || node?.state !== 'waiting') return;
    this.#env.store.markNode(parent.id, node.nodeId, 'pending');
    this.#env.store.setRunState(parent.id, 'running');
    void this.#drive(parent.id);
  }

  async #subPlan(run: RunRow, node: PlanNode & { kind: 'plan' }, signal: AbortSignal): Promise<unknown> {
    let child = this.#env.store.childRun(run.id, node.id);
    const graph = checkGraph(node.plan, this.#env.findAction);
    if (!child) {
      this.#env.store.createRun(
        {
          ...run,
          id: `${run.id}.${node.id}`,
          parent: run.id,
          parentNode: node.id,
          name: node.plan.name,
          plan: node.plan,
          forkedFrom: null,
          forkedAt: null,
        },
        graph.order,
      );
      child = this.#env.store.run(`${run.id}.${node.id}`)!;
    }
    const onAbort = () => this.#active.get(child.id)?.runner.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const state =
        ENDED.includes(child.state) || child.state === 'waiting' ? child.state : await this.#drive(child.id);
      if (state === 'done')
        return Object.fromEntries(
          this.#env.store
            .nodes(child.id)
            .filter((r) => r.state === 'done')
            .map((r) => [r.nodeId, r.output]),
        );
      if (state === 'waiting')
        throw new Waiting(`Waits for its sub-plan run ${child.id} (aios plan show ${child.id})`);
      throw new PlanError(
        'E_BAD_STATE',
        `Sub-plan run ${child.id} ended ${state}: ${this.#env.store.run(child.id)?.error ?? ''}`,
      );
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  #graph(run: RunRow): Graph {
    const plan: Plan = parsePlan(run.plan, run.parent === null ? 0 : 1);
    return checkGraph(plan, this.#env.findAction);
  }

  /** The run, if `caller` may see and decide on it: its submitter or the owner. */
  #owned(caller: ServiceCaller, id: string): RunRow {
    const run = this.#env.store.run(id);
    if (!run || (!caller.owner && run.submitter !== caller.name))
      throw new PlanError('E_NOT_FOUND', `No plan run '${id}' of yours; 'aios plan ls' lists your runs`);
    return run;
  }

  #waitingNode(run: RunRow, nodeId: string | undefined, verb: string): NodeRow {
    const rows = this.#env.store.nodes(run.id);
    const waiting = rows.filter((r) => r.state === 'waiting' || r.state === 'unknown');
    if (nodeId !== undefined) {
      const row = rows.find((r) => r.nodeId === nodeId);
      if (!row)
        throw new PlanError(
          'E_NOT_FOUND',
          `Run ${run.id} has no node '${nodeId}'; 'aios plan show ${run.id}' lists them`,
        );
      if (!waiting.includes(row))
        throw new PlanError(
          'E_BAD_STATE',
          `Node '${nodeId}' of run ${run.id} is ${row.state}, not waiting; only a waiting node can be ${verb}d`,
        );
      return row;
    }
    if (waiting.length === 0)
      throw new PlanError(
        'E_BAD_STATE',
        `Run ${run.id} is ${run.state} and waits for nobody; nothing to ${verb}`,
      );
    if (waiting.length > 1)
      throw new PlanError(
        'E_BAD_ARG',
        `Run ${run.id} waits at ${waiting.map((w) => `'${w.nodeId}'`).join(', ')}; name one with --node`,
      );
    return waiting[0];
  }
}

async function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => {}), new Promise<void>((ok) => (timer = setTimeout(ok, ms)))]);
  clearTimeout(timer);
}
