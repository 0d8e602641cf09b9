/**
 * Running one node of a plan: its arguments resolved from the outputs committed so far, once, or
 * once per item (`foreach`), or round after round (`repeat`), each attempt under the node's
 * timeout and retried with exponential backoff. Tool actions run with the rights of the run's
 * submitter (the kernel's tool_invoke consents at the action's risk, and the planner refuses a
 * risk the submitter's rights do not reach); an action that changes something writes its
 * idempotency record first (effects.ts), so it runs exactly once whatever stops the system.
 *
 * @example
 * const output = await runNode(env, { run, node, row, outputs, signal });
 */
import { RISK_WORDS } from '../../kernel/risk.ts';
import { previewAction } from '../../tools/exec-config.ts';
import type { ActionDef, Journal, ToolContext } from '../../tools/types.ts';
import { checkEffect, planJournal, probeEffect } from './effects.ts';
import { PlanError } from './errors.ts';
import type { PlanNode } from './format.ts';
import type { FindAction } from './graph.ts';
import { PLAN_LIMITS as L } from './limits.ts';
import { holds, resolve } from './refs.ts';
import type { NodeRow, PlanStore, RunRow } from './store.ts';

/** The node waits for a person (an approval, a sub-plan's approval): not a failure. */
export class Waiting extends Error {}
/** An effect whose outcome nobody can tell: a person decides whether it runs again. */
export class NeedsPerson extends Error {}

export interface NodeEnv {
  store: PlanStore;
  findAction: FindAction;
  /** The context a tool action of `run` runs in, writing its way back into `journal`. */
  toolContext(run: RunRow, journal: Journal, signal: AbortSignal): ToolContext;
  /** Where the tool actions of node `node` keep copies of what they replace or delete (planJournal). */
  keptDir(run: RunRow, node: string): string;
  /** The kernel's consent to one tool action (tool_invoke, audited); throws E_NO_RIGHTS. */
  authorise(run: RunRow, node: string, tool: string, risk: number, target: string): Promise<void>;
  llm(run: RunRow, node: string, args: Record<string, unknown>, signal: AbortSignal): Promise<unknown>;
  agent(run: RunRow, node: string, args: Record<string, unknown>, signal: AbortSignal): Promise<unknown>;
  /** Runs a sub-plan as a run of its own and resolves with its outputs once it is done. */
  subPlan(run: RunRow, node: PlanNode & { kind: 'plan' }, signal: AbortSignal): Promise<unknown>;
  crashPoint(point: string): void;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export interface NodeCall {
  run: RunRow;
  node: PlanNode;
  row: NodeRow;
  outputs: Record<string, unknown>;
  signal: AbortSignal;
}

export async function runNode(env: NodeEnv, call: NodeCall): Promise<unknown> {
  const { run, node, row } = call;
  if (node.kind === 'approval') {
    throw new Waiting(`Waits for approval: ${node.prompt} (aios plan approve ${run.id} --node ${node.id})`);
  }
  if (node.kind === 'plan') {
    env.store.startNode(run.id, node.id, null);
    return env.subPlan(run, node, call.signal);
  }
  const outputs = { ...call.outputs };
  const base = { ...node.args, ...row.editedArgs };
  if (node.foreach) {
    const items = resolve(node.foreach.items, node.id, outputs);
    if (!Array.isArray(items))
      throw new PlanError('E_BAD_ARG', `Node '${node.id}': 'foreach.items' is not a list; reference a list`);
    if (items.length > node.foreach.max)
      throw new PlanError(
        'E_TOO_BIG',
        `Node '${node.id}' would run over ${items.length} items, more than its max of ${node.foreach.max}`,
      );
    env.store.startNode(run.id, node.id, { items: items.length });
    const results: unknown[] = [];
    for (const [i, value] of items.entries()) {
      const args = resolve(base, node.id, outputs, { value }) as Record<string, unknown>;
      results.push(await attempt(env, call, `${node.id}#${i}`, args, true));
    }
    return results;
  }
  if (node.repeat) {
    env.store.startNode(run.id, node.id, base);
    for (let round = 0; round < node.repeat.max; round++) {
      const args = resolve(base, node.id, outputs) as Record<string, unknown>;
      outputs[node.id] = await attempt(env, call, `${node.id}@${round}`, args, true);
      if (holds(node.repeat.until, node.id, outputs)) return outputs[node.id];
    }
    throw new PlanError(
      'E_BAD_STATE',
      `Node '${node.id}' ran ${node.repeat.max} rounds and its 'until' never held`,
    );
  }
  const args = resolve(base, node.id, outputs) as Record<string, unknown>;
  env.store.startNode(run.id, node.id, args);
  return attempt(env, call, node.id, args, false);
}

/** A compensation: the node's `compensate` action, its arguments reading the node's own output too. */
export async function runCompensation(env: NodeEnv, call: NodeCall): Promise<unknown> {
  const { node } = call;
  const c = node.compensate!;
  const args = resolve(c.args, node.id, { ...call.outputs, [node.id]: call.row.output }) as Record<
    string,
    unknown
  >;
  return withRetries(env, call, (signal) =>
    tool(env, call, `${node.id}~compensate`, c.tool, args, signal, true),
  );
}

/** One unit of work (a whole node, or one round or item of it) with retries and timeout. */
function attempt(
  env: NodeEnv,
  call: NodeCall,
  key: string,
  args: Record<string, unknown>,
  round: boolean,
): Promise<unknown> {
  const { node, run } = call;
  return withRetries(env, call, async (signal) => {
    switch (node.kind) {
      case 'tool':
        return tool(env, call, key, node.tool, args, signal, round);
      case 'llm':
        return env.llm(run, node.id, args, signal);
      case 'agent':
        return message(env, call, key, args, signal, round);
      default:
        throw new PlanError('E_BAD_STATE', `Node '${node.id}' of kind ${node.kind} has no work to attempt`);
    }
  });
}

async function withRetries(
  env: NodeEnv,
  call: NodeCall,
  work: (signal: AbortSignal) => Promise<unknown>,
): Promise<unknown> {
  const { node } = call;
  for (let tries = 0; ; tries++) {
    const timeout = AbortSignal.timeout(node.timeoutMs);
    const signal = AbortSignal.any([call.signal, timeout]);
    try {
      return await raceAbort(work(signal), signal, () =>
        timeout.aborted
          ? new TimedOut(`Node '${node.id}' timed out after ${node.timeoutMs} ms`)
          : new PlanError('E_BAD_STATE', `Node '${node.id}' was cancelled`),
      );
    } catch (error) {
      const final = error instanceof PlanError || error instanceof NeedsPerson || error instanceof Waiting;
      if (final || call.signal.aborted || tries >= node.retries) throw error;
      const backoff = Math.min(node.backoffMs * 2 ** tries, L.BACKOFF_MAX_MS);
      await env.sleep(backoff, call.signal);
    }
  }
}

class TimedOut extends Error {}

/** Settles with `work`, or rejects as soon as `signal` aborts (the work may still finish behind it). */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal, why: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(why());
  return new Promise<T>((ok, fail) => {
    const onAbort = () => fail(why());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(ok, fail).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * One tool action as the run's submitter. Read-only actions just run; an action that changes
 * something runs at most once per key: a record found done gives its output back, one found
 * started is checked (effects.ts) before anything runs again.
 */
async function tool(
  env: NodeEnv,
  call: NodeCall,
  key: string,
  name: string,
  raw: Record<string, unknown>,
  signal: AbortSignal,
  round: boolean,
): Promise<unknown> {
  const { run, node } = call;
  const [toolName, actionName] = name.split('.');
  const def = env.findAction(toolName, actionName) as ActionDef | undefined;
  if (!def) throw new PlanError('E_NOT_FOUND', `Node '${node.id}' uses the unknown tool '${name}'`);
  const parsed = def.args.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PlanError(
      'E_BAD_ARG',
      `Node '${node.id}' gives ${name} a bad '${issue.path.join('.') || 'args'}': ${issue.message}`,
    );
  }
  const args = parsed.data as Record<string, unknown>;
  const entries: Record<string, unknown>[] = [];
  const kept = env.keptDir(run, node.id);
  const ctx = env.toolContext(run, planJournal(kept, entries), signal);
  const record = env.store.effect(run.id, key);
  if (record?.state === 'done' && round) return record.output;
  if (record?.state === 'started') {
    const seen = checkEffect(name, record.args, record.probe);
    if (seen.outcome === 'done') {
      if (round) env.store.finishEffect(run.id, key, seen.output);
      return seen.output;
    }
    if (seen.outcome === 'unknown')
      throw new NeedsPerson(
        `Node '${node.id}' ${name}: ${seen.why}; approve it to run it again, or reject the run`,
      );
  }
  let preview: Awaited<ReturnType<ActionDef['preview']>>;
  try {
    // Atlas's rule too: a change to a file deciding what programs run (~/.bashrc, .git/hooks,
    // through a symlink as well) is risk 3, whatever the action, checked when it runs.
    preview = await previewAction(def, args, ctx);
  } catch (error) {
    throw new PlanError('E_BAD_ARG', `Node '${node.id}' ${name}: ${(error as Error).message}`);
  }
  const risk = Math.max(def.risk, preview.risk ?? 0);
  if (risk > run.toolRisk) {
    const may =
      run.toolRisk < 0 ? 'no tools' : `tools up to risk ${run.toolRisk} (${RISK_WORDS[run.toolRisk]})`;
    throw new PlanError(
      'E_NO_RIGHTS',
      `Node '${node.id}' runs ${name} at risk ${risk} (${RISK_WORDS[risk]}: ${preview.summary}), but '${run.submitter}', who submitted the plan, may run ${may}`,
    );
  }
  const target = `plan ${run.id} node ${node.id} for ${run.submitter}: ${(preview.target ?? preview.paths.join(' ')) || preview.summary}`;
  await env.authorise(run, node.id, name, risk, target);
  if (risk === 0) return def.run({ ...args, ...preview.pinned }, ctx);
  env.store.beginEffect(run.id, key, node.id, args, probeEffect(name, args, ctx, kept));
  env.crashPoint(`before-effect:${node.id}`);
  let output: unknown;
  try {
    output = await def.run({ ...args, ...preview.pinned }, ctx);
  } catch (error) {
    // The action said it failed: that is known, not unknown. Whether it may run again is the
    // node's `retries` (its author's word that it is safe to); a stop that cut it off (no
    // answer at all) leaves the record started instead, for the check or a person.
    env.store.dropEffect(run.id, key);
    throw error;
  }
  env.crashPoint(`after-effect:${node.id}`);
  const result = entries.length > 0 && isRecord(output) ? { ...output, undo: entries } : output;
  if (round) env.store.finishEffect(run.id, key, result);
  return result;
}

/**
 * A message to an agent by intent: a side effect with no check, so it is sent at most once; one
 * whose record is found started (the system stopped while it was out) waits for a person.
 */
async function message(
  env: NodeEnv,
  call: NodeCall,
  key: string,
  args: Record<string, unknown>,
  signal: AbortSignal,
  round: boolean,
): Promise<unknown> {
  const { run, node } = call;
  const record = env.store.effect(run.id, key);
  if (record?.state === 'done' && round) return record.output;
  if (record?.state === 'started')
    throw new NeedsPerson(
      `Node '${node.id}' sent its message, or was about to, when the system stopped; approve it to send it again, or reject the run`,
    );
  env.store.beginEffect(run.id, key, node.id, args, {});
  env.crashPoint(`before-effect:${node.id}`);
  let output: unknown;
  try {
    output = await env.agent(run, node.id, args, signal);
  } catch (error) {
    // refused before it was delivered (no handler, no rights): nothing was sent
    if (
      (error as { code?: string }).code !== 'E_UNAVAILABLE' &&
      (error as { code?: string }).code !== 'E_TIMED_OUT'
    )
      env.store.dropEffect(run.id, key);
    throw error;
  }
  env.crashPoint(`after-effect:${node.id}`);
  if (round) env.store.finishEffect(run.id, key, output);
  return output;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
