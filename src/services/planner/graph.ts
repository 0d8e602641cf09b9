/**
 * The graph of a plan, checked before anything runs: node ids are unique, every reference names
 * a node that exists (and is not the node itself, except in its own `repeat.until`), every tool
 * action exists and takes the arguments given, an approval's target exists, and the
 * dependencies (`after`, `$from`, conditions) form no cycle. Each problem is one line naming the
 * node (PlanError E_BAD_ARG).
 *
 * @example
 * const graph = checkGraph(parsePlan(text), findAction);
 * graph.deps.get('note'); // ['list']: node 'note' runs once 'list' is done
 */
import type { ActionDef } from '../../tools/types.ts';
import { PlanError } from './errors.ts';
import type { Condition, Plan, PlanNode } from './format.ts';
import { conditionRefs, parseRef, refsIn, usesItem } from './refs.ts';

export type FindAction = (tool: string, action: string) => ActionDef | undefined;

export interface Graph {
  plan: Plan;
  byId: Map<string, PlanNode>;
  /** The nodes each node waits for. */
  deps: Map<string, string[]>;
  /** Conditions on edges: node -> dependency -> condition. */
  edgeWhen: Map<string, Map<string, Condition>>;
  /** The nodes in an order where each comes after what it waits for. */
  order: string[];
}

/** Checks `plan` and returns its graph; throws PlanError naming the first node at fault. */
export function checkGraph(plan: Plan, findAction: FindAction): Graph {
  const byId = new Map<string, PlanNode>();
  for (const node of plan.nodes) {
    if (byId.has(node.id)) throw bad(`Two nodes are named '${node.id}'; give each node its own id`);
    byId.set(node.id, node);
  }
  const deps = new Map<string, string[]>();
  const edgeWhen = new Map<string, Map<string, Condition>>();
  for (const node of plan.nodes) {
    const mine = new Set<string>();
    const conds = new Map<string, Condition>();
    const need = (text: string, where: string, selfOk = false) => {
      const ref = parseRef(text);
      if (!ref)
        throw bad(
          `Node '${node.id}' ${where} references '${text}'; write 'NODE.output' or 'NODE.output.FIELD'`,
        );
      if (!byId.has(ref.node))
        throw bad(
          `Node '${node.id}' ${where} references '${text}', but no node is named '${ref.node}'; name a node of this plan`,
        );
      if (ref.node === node.id) {
        if (!selfOk) throw bad(`Node '${node.id}' ${where} references its own output; only repeat.until may`);
        return;
      }
      mine.add(ref.node);
    };
    for (const edge of node.after) {
      const id = typeof edge === 'string' ? edge : edge.node;
      if (!byId.has(id)) throw bad(`Node '${node.id}' comes after '${id}', but no node is named '${id}'`);
      if (id === node.id) throw bad(`Node '${node.id}' comes after itself; remove it from its own 'after'`);
      mine.add(id);
      if (typeof edge !== 'string') {
        conds.set(id, edge.when);
        for (const r of conditionRefs(edge.when)) need(r, 'in an edge condition');
      }
    }
    const args = 'args' in node ? node.args : undefined;
    for (const r of refsIn(args)) need(r, 'in its arguments');
    if (node.when) for (const r of conditionRefs(node.when)) need(r, "in 'when'");
    if (node.foreach) {
      for (const r of refsIn(node.foreach.items)) need(r, "in 'foreach.items'");
      if (!Array.isArray(node.foreach.items) && refsIn(node.foreach.items).length === 0)
        throw bad(`Node '${node.id}': 'foreach.items' must be a list or a $from reference to one`);
    } else if (usesItem(args)) {
      throw bad(`Node '${node.id}' uses '$item' but has no foreach; add foreach or use $from`);
    }
    if (node.repeat) for (const r of conditionRefs(node.repeat.until)) need(r, "in 'repeat.until'", true);
    if (node.foreach && node.repeat)
      throw bad(`Node '${node.id}' has both foreach and repeat; use one of them`);
    if (node.kind === 'tool') checkTool(node.id, node.tool, node.args, findAction);
    if (node.compensate) {
      checkTool(node.id, node.compensate.tool, node.compensate.args, findAction, 'compensation ');
      for (const r of refsIn(node.compensate.args)) need(r, 'in its compensation', true);
    }
    if (node.kind === 'approval' && node.target !== undefined) {
      const target = byId.get(node.target);
      if (!target) throw bad(`Approval '${node.id}' targets '${node.target}', but no node is named so`);
      if (target.kind === 'approval' || target.kind === 'plan')
        throw bad(
          `Approval '${node.id}' targets '${node.target}', a ${target.kind} node; target a tool, llm or agent node`,
        );
    }
    if (node.kind === 'plan') checkGraph(node.plan, findAction);
    deps.set(node.id, [...mine]);
    if (conds.size > 0) edgeWhen.set(node.id, conds);
  }
  // An approval's target waits for it, whatever the plan says.
  for (const node of plan.nodes) {
    if (node.kind !== 'approval' || node.target === undefined) continue;
    const d = deps.get(node.target) ?? [];
    if (!d.includes(node.id)) deps.set(node.target, [...d, node.id]);
  }
  return { plan, byId, deps, edgeWhen, order: topological(plan, deps) };
}

function checkTool(
  node: string,
  name: string,
  args: Record<string, unknown>,
  findAction: FindAction,
  what = '',
): ActionDef {
  const [tool, action] = name.split('.');
  const def = findAction(tool, action);
  if (!def)
    throw new PlanError(
      'E_BAD_ARG',
      `Node '${node}' ${what}uses the unknown tool '${name}'; 'aios do --tools' lists the tools`,
    );
  // Arguments that reference other nodes are checked when they are known, just before the node runs.
  if (refsIn(args).length === 0 && !usesItem(args)) {
    const parsed = def.args.safeParse(args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw bad(
        `Node '${node}' ${what}gives ${name} a bad '${issue.path.join('.') || 'args'}': ${issue.message}`,
      );
    }
  }
  return def;
}

/** Kahn's order; a cycle is named by the nodes on it. */
function topological(plan: Plan, deps: Map<string, string[]>): string[] {
  const waiting = new Map(plan.nodes.map((n) => [n.id, new Set(deps.get(n.id))]));
  const order: string[] = [];
  for (;;) {
    const ready = [...waiting].filter(([, d]) => d.size === 0).map(([id]) => id);
    if (ready.length === 0) break;
    for (const id of ready) {
      order.push(id);
      waiting.delete(id);
      for (const d of waiting.values()) d.delete(id);
    }
  }
  if (waiting.size > 0) {
    const cycle = findCycle(waiting);
    throw bad(
      `The plan has a cycle: ${cycle.join(' -> ')}; a node cannot wait for itself, directly or through others`,
    );
  }
  return order;
}

function findCycle(waiting: Map<string, Set<string>>): string[] {
  let at = waiting.keys().next().value as string;
  const seen: string[] = [];
  while (!seen.includes(at)) {
    seen.push(at);
    at = [...(waiting.get(at) ?? [])].find((d) => waiting.has(d)) ?? at;
  }
  return [...seen.slice(seen.indexOf(at)), at].reverse();
}

function bad(message: string): PlanError {
  return new PlanError('E_BAD_ARG', message);
}
