/**
 * The researcher of a team: reads the goal, looks at the files it is about with read-only
 * actions (files.find through the planner, with this agent's read-only tool handle), and puts
 * what it found on the team's context bus as `findings`. It never changes anything: its handle
 * allows risk 0 only, and the kernel refuses anything more.
 */
import type { Os } from '../../../sdk/os.ts';
import { type GoalAction, type GoalReading, readGoal } from './goal.ts';
import {
  baseName,
  bus,
  type Fact,
  jsonIn,
  probe,
  type Step,
  type StepReply,
  serveRole,
  size,
  think,
} from './protocol.ts';

export default (os: Os) =>
  serveRole(
    os,
    {
      description: 'Research a goal: find the files and folders it is about, their sizes and ages',
      examples: ['research a goal', 'gather the facts about these files', 'find out what is in that folder'],
    },
    research,
  );

interface Found {
  entries?: Fact[];
  total?: number;
  bytes?: number;
  error?: string;
}

async function research(os: Os, step: Step): Promise<StepReply> {
  if (step.step !== 'research')
    return { ok: false, text: `the researcher researches; it does not ${step.step}` };
  const { reading, how } = await understand(os, step.goal);
  const filter = reading.ext.length > 0 ? { ext: reading.ext } : {};
  const nodes = [
    {
      id: 'largest',
      tool: 'files.find',
      args: { path: reading.dir, ...filter, sort: 'size', limit: reading.largest ?? step.factsMax },
    },
  ];
  if (reading.olderThan)
    nodes.push({
      id: 'old',
      tool: 'files.find',
      args: {
        path: reading.dir,
        ...filter,
        olderThan: reading.olderThan,
        sort: 'size',
        limit: step.factsMax,
      } as never,
    });
  const out = (await probe(os, `team ${step.team}: research`, nodes)) as Record<string, Found>;
  if (out.largest?.error)
    return { ok: false, text: `could not look in ${reading.dir}: ${out.largest.error}` };
  const facts = (found: Found | undefined): Fact[] =>
    (found?.entries ?? [])
      .slice(0, step.factsMax)
      .map((e) => ({ path: e.path, size: e.size, mtime: e.mtime }));
  const largest = facts(out.largest);
  const old = reading.olderThan ? facts(out.old) : undefined;
  const selected = old ?? largest;
  const findings = {
    reading,
    total: out.largest?.total ?? 0,
    bytes: out.largest?.bytes ?? 0,
    largest,
    ...(old ? { old } : {}),
    selected: selected.map((f) => f.path),
  };
  const b = bus(os);
  await b.set(step.context, 'findings', findings);
  await b.publish(step.context, 'findings', { total: findings.total, selected: findings.selected.length });
  const kind = reading.ext.length > 0 ? reading.ext.map((e) => `.${e}`).join(', ') : 'all';
  const top = largest[0] ? `; the largest is ${baseName(largest[0].path)} (${size(largest[0].size)})` : '';
  const aged = old
    ? `; ${old.length} older than ${reading.olderThan}: ${old.map((f) => baseName(f.path)).join(', ') || 'none'}`
    : '';
  const read = how === 'llm' ? ' (the goal read with the LLM)' : '';
  return {
    ok: true,
    text: `found ${findings.total} ${kind} file(s) in ${reading.dir} (${size(findings.bytes)})${top}${aged}${read}`,
    data: { total: findings.total, selected: findings.selected.length },
  };
}

const ACTIONS: GoalAction[] = ['archive', 'move', 'copy', 'delete', 'report'];
const DURATION = /^\d+(\.\d+)?\s*(s|m|h|d|w|mo|y)$/;

/**
 * The goal read by the LLM when this role has one, each field checked and the rules' reading
 * kept for any field the model gets wrong; by the rules alone otherwise. Whatever the model says,
 * the researcher can only look (its handle reads) and only where the planner lets an agent look.
 */
async function understand(os: Os, goal: string): Promise<{ reading: GoalReading; how: 'rules' | 'llm' }> {
  const rules = readGoal(goal);
  const advice = jsonIn(
    await think(
      os,
      'You read requests about files. Answer with one JSON object {"dir": "the folder, e.g. ~/logs", "ext": ["extensions without the dot"], "olderThan": "a duration like 7d, or null", "action": "archive|move|copy|delete|report"} and nothing else.',
      `Request: ${goal}`,
    ),
  );
  if (advice === undefined) return { reading: rules, how: 'rules' };
  const reading: GoalReading = { ...rules };
  if (typeof advice.dir === 'string' && advice.dir.trim() !== '') reading.dir = advice.dir.trim();
  if (Array.isArray(advice.ext))
    reading.ext = advice.ext.filter((e): e is string => typeof e === 'string' && /^[a-z0-9]{1,16}$/.test(e));
  if (typeof advice.olderThan === 'string' && DURATION.test(advice.olderThan))
    reading.olderThan = advice.olderThan;
  if (ACTIONS.includes(advice.action as GoalAction)) reading.action = advice.action as GoalAction;
  return { reading, how: 'llm' };
}
