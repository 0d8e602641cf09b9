/**
 * The planner of a team: turns the goal and the researcher's findings (from the team's context
 * bus) into a plan document for the planner service — the same format `aios plan run` takes —
 * and puts it on the bus as `plan`, with what the validator should find afterwards. It holds no
 * tool handle: it decides, it never acts. With an LLM it asks the model which of the found files
 * the goal means, and keeps only files the researcher found.
 */
import type { Os } from '../../../sdk/os.ts';
import type { GoalAction, GoalReading } from './goal.ts';
import { baseName, bus, jsonIn, type Step, type StepReply, serveRole, think } from './protocol.ts';

export default (os: Os) => serveRole(os, undefined, plan);

export interface Findings {
  reading: GoalReading;
  total: number;
  selected: string[];
}

export interface PlanDoc {
  action: GoalAction;
  paths: string[];
  /** The archive or folder the files go to. */
  to?: string;
  plan?: { name: string; nodes: Record<string, unknown>[] };
  how: 'rules' | 'llm';
}

const ACTIONS: GoalAction[] = ['archive', 'move', 'copy', 'delete', 'report'];

async function plan(os: Os, step: Step): Promise<StepReply> {
  if (step.step !== 'plan') return { ok: false, text: `the planner plans; it does not ${step.step}` };
  const b = bus(os);
  const findings = (await b.get(step.context, 'findings')) as Findings | undefined;
  if (findings === undefined) return { ok: false, text: 'no findings on the team context to plan from' };
  let { action } = findings.reading;
  let paths = findings.selected;
  let how: PlanDoc['how'] = 'rules';
  const advice = jsonIn(
    await think(
      os,
      'You plan file operations for a team of agents. Answer with one JSON object {"action": "archive|move|copy|delete|report", "paths": [paths chosen from the list]} and nothing else.',
      `Goal: ${step.goal}\nFiles found: ${JSON.stringify(findings.selected)}`,
    ),
  );
  if (advice && ACTIONS.includes(advice.action as GoalAction) && Array.isArray(advice.paths)) {
    // the model chooses among what the researcher saw; it cannot add a path of its own
    const known = new Set(findings.selected);
    action = advice.action as GoalAction;
    paths = advice.paths.filter((p): p is string => typeof p === 'string' && known.has(p));
    how = 'llm';
  }
  const doc = planFor(step, findings.reading, action, paths, how);
  await b.set(step.context, 'plan', doc);
  await b.publish(step.context, 'plan', {
    action: doc.action,
    files: doc.paths.length,
    nodes: doc.plan?.nodes.length ?? 0,
  });
  const names = doc.paths.map(baseName).join(', ');
  const text =
    doc.plan === undefined
      ? doc.action === 'report'
        ? 'the goal asks for facts only: nothing to change'
        : `nothing to ${doc.action}: no file matches`
      : `${doc.action} ${doc.paths.length} file(s) (${names})${doc.to ? ` into ${doc.to}` : ''}: ${doc.plan.nodes.length} step(s)${how === 'llm' ? ', chosen with the LLM' : ''}`;
  return { ok: true, text, data: { action: doc.action, files: doc.paths.length } };
}

function planFor(
  step: Step,
  reading: GoalReading,
  action: GoalAction,
  paths: string[],
  how: PlanDoc['how'],
): PlanDoc {
  const name = `team ${step.team}: ${action}`;
  if (action === 'report' || paths.length === 0) return { action, paths, how };
  if (action === 'archive') {
    const kind = reading.ext[0] ?? 'files';
    const to = `${reading.dir}/archive/${kind}-${step.team}-r${step.round}.tar.gz`;
    return {
      action,
      paths,
      to,
      how,
      plan: { name, nodes: [{ id: 'archive', kind: 'tool', tool: 'files.archive', args: { paths, to } }] },
    };
  }
  if (action === 'delete')
    return {
      action,
      paths,
      how,
      plan: { name, nodes: [{ id: 'delete', kind: 'tool', tool: 'files.delete', args: { paths } }] },
    };
  const to = `${reading.to ?? `${reading.dir}/${action === 'move' ? 'moved' : 'copies'}`}/`;
  return {
    action,
    paths,
    to,
    how,
    plan: { name, nodes: [{ id: action, kind: 'tool', tool: `files.${action}`, args: { paths, to } }] },
  };
}
