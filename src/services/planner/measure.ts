/**
 * Measuring an alternative plan before anything runs, for `choose` (choose.ts scores it): the
 * plan is read and its graph checked like a submission (an invalid one is measured as invalid,
 * with the one line that says why), the submitter's rights and roots are checked, and each tool
 * node whose arguments are known now is previewed in the submitter's tool context (what paths
 * and bytes it would touch, its risk as the preview finds it, whether it can be undone).
 *
 * @example
 * const m = await measurePlan(env, caller, { plan, cwd, confidence: 0.8 });
 */

import { previewAction } from '../../tools/exec-config.ts';
import { walkBudget } from '../../tools/files/walk.ts';
import type { ActionDef } from '../../tools/types.ts';
import type { ServiceCaller } from '../serve.ts';
import { countStep, emptyMeasure, type PlanMeasure, type RankedPlan, rankPlans } from './choose.ts';
import { PlanError } from './errors.ts';
import { type Plan, type PlanNode, parsePlan } from './format.ts';
import { checkGraph } from './graph.ts';
import { PLAN_LIMITS as L } from './limits.ts';
import { refsIn, usesItem } from './refs.ts';
import { checkRights, checkRoots, toolRiskOf } from './rights.ts';
import type { RunnerEnv } from './runner.ts';
import type { RunRow } from './store.ts';

export interface MeasureInput {
  plan: unknown;
  cwd?: string;
  confidence?: number;
  userHome?: string;
}

/**
 * Measures every alternative and ranks them; `best` is the first valid one's index. E_BAD_ARG
 * when none is valid; E_QUOTA when their previews together would walk more than
 * CHOOSE_WALK_ENTRIES_MAX entries or take longer than CHOOSE_TIME_MAX_MS.
 */
export async function choosePlans(
  env: RunnerEnv,
  caller: ServiceCaller,
  opts: { plans: unknown[]; cwd?: string; confidence?: number[]; userHome?: string },
): Promise<{ best: number; ranked: RankedPlan[] }> {
  const budget = new PreviewBudget();
  const measures: PlanMeasure[] = [];
  await walkBudget.run(budget.charge, async () => {
    for (const [i, plan] of opts.plans.entries())
      measures.push(
        await measurePlan(env, caller, budget, {
          plan,
          cwd: opts.cwd,
          confidence: opts.confidence?.[i],
          userHome: opts.userHome,
        }),
      );
  });
  // With no valid alternative there is nothing to choose: say what is wrong with each
  if (measures.every((m) => m.invalid !== undefined))
    throw new PlanError(
      'E_BAD_ARG',
      `None of the ${measures.length} plans can be run: ${measures.map((m, i) => `plan ${i}: ${m.invalid}`).join('; ')}`,
    );
  const ranked = rankPlans(measures);
  return { best: ranked[0].index, ranked };
}

/**
 * What the previews of one choose call may spend, over all its plans: the entries their walks
 * visit and the time they take. A preview is synchronous where it walks, so the walk itself is
 * stopped (charge throws inside it); `check` then refuses the whole call.
 */
class PreviewBudget {
  #entries = 0;
  #spent: PlanError | undefined;
  readonly #deadline = performance.now() + L.CHOOSE_TIME_MAX_MS;

  readonly charge = (entries: number): void => {
    this.#entries += entries;
    if (this.#entries > L.CHOOSE_WALK_ENTRIES_MAX)
      this.#stop(`walks more than ${L.CHOOSE_WALK_ENTRIES_MAX} directory entries in previews`);
    // the clock is read once per thousand entries: a walk visits a few thousand a millisecond
    if (this.#entries % 1024 === 0) this.check();
  };

  /** Throws E_QUOTA once the budget is spent (whoever caught the error inside a preview). */
  check(): void {
    if (!this.#spent && performance.now() > this.#deadline)
      this.#stop(`takes more than ${L.CHOOSE_TIME_MAX_MS / 1000} s of previews`);
    if (this.#spent) throw this.#spent;
  }

  #stop(what: string): never {
    this.#spent ??= new PlanError(
      'E_QUOTA',
      `Comparing these plans ${what} (the budget of one choose call); compare fewer plans, or plans over narrower folders`,
    );
    throw this.#spent;
  }
}

async function measurePlan(
  env: RunnerEnv,
  caller: ServiceCaller,
  budget: PreviewBudget,
  input: MeasureInput,
): Promise<PlanMeasure> {
  let plan: Plan;
  try {
    plan = parsePlan(input.plan);
    checkGraph(plan, env.findAction);
    checkRights(plan, caller, toolRiskOf(caller), env.findAction);
    checkRoots(plan, caller, input.userHome);
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    const name =
      typeof (input.plan as { name?: unknown })?.name === 'string'
        ? (input.plan as { name: string }).name
        : 'plan';
    return { ...emptyMeasure(name, input.confidence), invalid: error.message };
  }
  const m = emptyMeasure(plan.name, input.confidence);
  const paths = new Set<string>();
  let ctx: ReturnType<RunnerEnv['toolContext']>;
  try {
    ctx = env.toolContext(
      previewRun(plan.name, input.plan, caller, input.cwd),
      noJournal,
      new AbortController().signal,
    );
  } catch (error) {
    return { ...m, invalid: `Its tool nodes cannot be previewed: ${(error as Error).message}` };
  }
  const visit = async (nodes: readonly PlanNode[]) => {
    for (const node of nodes) {
      budget.check();
      if (node.kind === 'plan') {
        await visit(node.plan.nodes);
        continue;
      }
      if (node.kind !== 'tool') {
        m.nodes++;
        if (node.kind === 'llm') m.llm++;
        else if (node.kind === 'agent') m.agents++;
        else if (node.kind === 'approval') m.approvals++;
        continue;
      }
      const [tool, action] = node.tool.split('.');
      const def = env.findAction(tool, action) as ActionDef;
      const known = refsIn(node.args).length === 0 && !usesItem(node.args) && node.foreach === undefined;
      const parsed = known ? def.args.safeParse(node.args) : undefined;
      let preview: Awaited<ReturnType<typeof previewAction>> | undefined;
      if (parsed?.success) preview = await previewAction(def, parsed.data, ctx).catch(() => undefined);
      budget.check();
      const risk = preview ? Math.max(def.risk, preview.risk ?? 0) : (def.maxRisk ?? def.risk);
      countStep(m, paths, { id: node.id, risk, preview, known: preview !== undefined });
    }
  };
  await visit(plan.nodes);
  m.paths = paths.size;
  return m;
}

/** The run a preview acts for: none is stored; its roots and cwd are the submission's. */
function previewRun(name: string, plan: unknown, caller: ServiceCaller, cwd: string | undefined): RunRow {
  return {
    id: 'choose',
    parent: null,
    parentNode: null,
    name,
    plan,
    state: 'running',
    submitter: caller.name,
    submitterPid: caller.pid,
    owner: caller.owner,
    toolRisk: toolRiskOf(caller),
    cwd: cwd ?? null,
    forkedFrom: null,
    forkedAt: null,
    error: null,
    createdAt: 0,
    updatedAt: 0,
    endedAt: null,
  };
}

/** Previews write nothing: a journal that is never called. */
const noJournal = {
  created() {},
  save() {},
  trash() {},
  moved() {},
  appended() {},
  tool() {},
};
