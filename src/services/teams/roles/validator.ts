/**
 * The validator of a team: checks the outcome with read-only probes (does the archive exist and
 * hold each file, are the moved files where they should be, are the deleted ones gone) and gives
 * a verdict, pass or fail with its reasons, on the team's context bus. It reads only: its tool
 * handle allows risk 0, and the kernel refuses anything more.
 */
import type { Os } from '../../../sdk/os.ts';
import type { Findings, PlanDoc } from './planner.ts';
import { baseName, bus, type Fact, probe, type Step, type StepReply, serveRole } from './protocol.ts';

export default (os: Os) =>
  serveRole(
    os,
    {
      description:
        'Validate an outcome: check with read-only probes that a goal was achieved, and give a verdict',
      examples: ['validate an outcome', 'check that it worked', 'verify the result of the plan'],
    },
    validate,
  );

interface Execution {
  state: string;
  error?: string;
}

async function validate(os: Os, step: Step): Promise<StepReply> {
  if (step.step !== 'validate')
    return { ok: false, text: `the validator validates; it does not ${step.step}` };
  const b = bus(os);
  const [doc, execution, findings] = (await Promise.all([
    b.get(step.context, 'plan'),
    b.get(step.context, 'execution'),
    b.get(step.context, 'findings'),
  ])) as [PlanDoc | undefined, Execution | undefined, Findings | undefined];
  const reasons: string[] = [];
  if (doc === undefined || findings === undefined) reasons.push('no findings or plan on the team context');
  else if (execution && !['done', 'nothing'].includes(execution.state))
    reasons.push(
      `the plan did not finish: ${execution.state}${execution.error ? ` (${execution.error})` : ''}`,
    );
  else if (doc.plan === undefined) {
    if (doc.action !== 'report') reasons.push(`nothing was done: no file matched the goal`);
  } else reasons.push(...(await check(os, step, doc)));
  const pass = reasons.length === 0;
  const summary = pass
    ? doc?.plan === undefined
      ? `pass: ${findings?.total ?? 0} file(s) reported, nothing needed changing`
      : `pass: ${doc.paths.length} file(s) ${past(doc.action)}${doc.to ? ` into ${doc.to}` : ''}, checked one by one`
    : `fail: ${reasons.join('; ')}`;
  const verdict = { pass, reasons, summary };
  await b.set(step.context, 'verdict', verdict);
  await b.publish(step.context, 'verdict', { pass });
  return { ok: true, text: summary, data: verdict };
}

const past = (action: string) =>
  ({ archive: 'archived', move: 'moved', copy: 'copied', delete: 'deleted' })[action] ?? action;

/** What is wrong with the outcome of `doc`'s plan, by probing; empty when nothing is. */
async function check(os: Os, step: Step, doc: PlanDoc): Promise<string[]> {
  const reasons: string[] = [];
  const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';
  if (doc.action === 'archive' && doc.to) {
    const out = await probe(os, `team ${step.team}: validate`, [
      { id: 'contents', tool: 'files.contents', args: { path: doc.to } },
    ]);
    const contents = out.contents as { entries?: { name: string }[]; error?: string } | undefined;
    if (contents?.error || !contents?.entries)
      return [`the archive ${doc.to} is missing or unreadable: ${contents?.error}`];
    const held = new Set(contents.entries.map((e) => baseName(e.name)));
    for (const p of doc.paths) if (!held.has(baseName(p))) reasons.push(`${baseName(p)} is not in ${doc.to}`);
    return reasons;
  }
  const where = doc.action === 'delete' ? [...new Set(doc.paths.map(dirOf))] : [doc.to ?? '.'];
  const nodes = where.map((path, i) => ({
    id: `look${i}`,
    tool: 'files.find',
    args: { path, type: 'any', recursive: false },
  }));
  if (doc.action === 'move')
    nodes.push(
      ...[...new Set(doc.paths.map(dirOf))].map((path, i) => ({
        id: `from${i}`,
        tool: 'files.find',
        args: { path, type: 'any', recursive: false },
      })),
    );
  const out = (await probe(os, `team ${step.team}: validate`, nodes)) as Record<
    string,
    { entries?: Fact[]; error?: string }
  >;
  const at = (prefix: string) =>
    new Set(
      Object.entries(out)
        .filter(([k]) => k.startsWith(prefix))
        .flatMap(([, v]) => (v.entries ?? []).map((e) => e.path)),
    );
  const there = at('look');
  const left = at('from');
  for (const p of doc.paths) {
    const target = `${(doc.to ?? '').replace(/\/$/, '')}/${baseName(p)}`;
    if (doc.action === 'delete' && there.has(p)) reasons.push(`${baseName(p)} is still there`);
    if (
      doc.action !== 'delete' &&
      ![...there].some((t) => t.endsWith(target.replace(/^~/, '')) || baseName(t) === baseName(p))
    )
      reasons.push(`${baseName(p)} is not in ${doc.to}`);
    if (doc.action === 'move' && left.has(p)) reasons.push(`${baseName(p)} is still in its old place`);
  }
  return reasons;
}
