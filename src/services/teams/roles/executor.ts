/**
 * The executor of a team: runs the plan on the team's context bus through the planner service,
 * so it is durable and its approvals apply, with this agent's own tool handle — the rights the
 * team was given, no more. A plan that needs more is refused by the planner naming the node, and
 * the executor reports the refusal rather than trying another way.
 */
import type { Os } from '../../../sdk/os.ts';
import type { PlanDoc } from './planner.ts';
import { bus, type Step, type StepReply, serveRole } from './protocol.ts';

export default (os: Os) => serveRole(os, undefined, execute);

async function execute(os: Os, step: Step): Promise<StepReply> {
  if (step.step !== 'execute') return { ok: false, text: `the executor executes; it does not ${step.step}` };
  const b = bus(os);
  const doc = (await b.get(step.context, 'plan')) as PlanDoc | undefined;
  if (doc === undefined) return { ok: false, text: 'no plan on the team context to run' };
  if (doc.plan === undefined) {
    await b.set(step.context, 'execution', { state: 'nothing', nodes: [] });
    return { ok: true, text: 'nothing to run' };
  }
  let run: Awaited<ReturnType<typeof os.plan.run>>;
  try {
    run = await os.plan.run({ plan: doc.plan, wait: true });
  } catch (error) {
    const e = error as { code?: string; message?: string };
    await b.set(step.context, 'execution', { state: 'refused', error: e.message, nodes: [] });
    return {
      ok: false,
      text: `the planner refused the plan (${e.code}): ${e.message}`,
      data: { refused: e.code },
    };
  }
  const nodes = run.nodes.map((n) => ({ id: n.id, state: n.state, ...(n.error ? { error: n.error } : {}) }));
  const execution = { run: run.id, state: run.state, nodes, ...(run.error ? { error: run.error } : {}) };
  await b.set(step.context, 'execution', execution);
  await b.publish(step.context, 'execution', { run: run.id, state: run.state });
  const states = nodes.map((n) => `${n.id} ${n.state}${n.error ? ` (${n.error})` : ''}`).join(', ');
  if (run.state === 'waiting')
    return {
      ok: false,
      text: `plan run ${run.id} waits for a person: aios plan approve ${run.id}`,
      data: execution,
    };
  return {
    ok: run.state === 'done',
    text: `plan run ${run.id} ${run.state}: ${states}`,
    data: { run: run.id, state: run.state },
  };
}
