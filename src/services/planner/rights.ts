/**
 * A plan runs with its submitter's rights, never the planner's. The host vouches for the rights
 * of each resource handle a caller holds (ServiceCaller.resources); from them comes the highest
 * tool risk the caller's runs may reach, recorded with the run, and the check at submission
 * that names the first node needing more. Each action is checked again at run time at the risk
 * its preview finds (nodes.ts).
 *
 * @example
 * const toolRisk = toolRiskOf(caller);           // 1: creates and moves, no overwrites
 * checkRights(plan, caller, toolRisk, findAction); // PlanError E_NO_RIGHTS naming the node
 * checkRoots(plan, caller, homedir());             // a plan's roots only narrow the submitter's
 */
import { RIGHTS } from '../../kernel/rights.ts';
import { RISK_MAX, riskAllowedBy } from '../../kernel/risk.ts';
import { inside, realLocation } from '../../tools/roots.ts';
import type { ServiceCaller } from '../serve.ts';
import { PlanError } from './errors.ts';
import { type Plan, parsePlan } from './format.ts';
import type { FindAction } from './graph.ts';
import type { PlanStore, RunRow } from './store.ts';

/** The highest tool risk `caller` may run (-1: none); the owner may run any. */
export function toolRiskOf(caller: ServiceCaller): number {
  return caller.owner ? RISK_MAX : riskAllowedBy(caller.resources?.tool ?? 0);
}

/** Refuses a plan whose nodes need rights its submitter does not hold, naming the first such node. */
export function checkRights(
  plan: Plan,
  caller: ServiceCaller,
  toolRisk: number,
  findAction: FindAction,
): void {
  const llm = caller.owner || ((caller.resources?.llm ?? 0) & RIGHTS.USE) !== 0;
  for (const node of plan.nodes) {
    const tools = [node.kind === 'tool' ? node.tool : undefined, node.compensate?.tool].filter(
      (t) => t !== undefined,
    );
    for (const name of tools) {
      const [tool, action] = name.split('.');
      const risk = findAction(tool, action)?.risk ?? 0;
      if (risk > toolRisk) {
        throw new PlanError(
          'E_NO_RIGHTS',
          `Node '${node.id}' runs ${name} (risk ${risk}), but '${caller.name}' holds no tool rights for risk ${risk}; a plan runs with its submitter's rights, so grant the tool handle first`,
        );
      }
    }
    if (node.kind === 'llm' && !llm)
      throw new PlanError(
        'E_NO_RIGHTS',
        `Node '${node.id}' calls the LLM, but '${caller.name}' holds no llm handle; grant it with --grant llm`,
      );
    if (node.kind === 'plan') checkRights(node.plan, caller, toolRisk, findAction);
  }
}

/**
 * Refuses a plan whose `roots` reach past what its submitter may touch: the owner names any
 * directory; anyone else only directories inside HOME (`userHome`), symlinks followed. Without
 * `userHome` a non-owner may name none.
 */
export function checkRoots(plan: Plan, caller: ServiceCaller, userHome?: string): void {
  if (!plan.roots || caller.owner) return;
  const home = userHome === undefined ? undefined : realLocation(userHome);
  for (const root of plan.roots) {
    if (home !== undefined && inside(realLocation(root), home)) continue;
    throw new PlanError(
      'E_NO_RIGHTS',
      `The plan's root '${root}' is outside ${userHome ?? 'HOME'}, and '${caller.name}' may touch only paths inside it; name directories inside HOME`,
    );
  }
}

/**
 * The directories the tool nodes of `run` may touch: its plan's `roots` (a sub-run takes its
 * top run's), else HOME, and the run's cwd when the owner submitted it.
 */
export function rootsOfRun(run: RunRow, store: PlanStore, userHome: string): string[] {
  let top = run;
  for (let parent = run.parent; parent !== null; ) {
    const row = store.run(parent);
    if (!row) break;
    top = row;
    parent = row.parent;
  }
  const roots = parsePlan(top.plan).roots;
  if (roots) return roots;
  return top.owner && run.cwd ? [run.cwd, userHome] : [userHome];
}
