/**
 * The critique pass: before a plan runs, each step's assumptions are checked with read-only
 * probes (probes.ts), and the step gets a confidence from 0 to 1 with the reasons. A source
 * that is not there and that no earlier step makes is 0; a copy, archive or extraction that
 * does not fit the free space of its filesystem, a move across filesystems and a destination
 * under a file or an unwritable folder are close to 0; a process or service that is not
 * running, a file another process holds open, a git repository with uncommitted changes
 * before a checkout lower it less. The lowest finding is the step's confidence.
 *
 * @example
 * const notes = await critique(steps, { probes: systemProbes(ctx), cwd });
 * notes.get('s1');   // { confidence: 0, reasons: ["'missing.txt' does not exist, and no earlier step makes it"] }
 */
import { dirname, resolve } from 'node:path';
import { human } from '../../tools/format.ts';
import { CRITIQUE_LIMITS } from '../limits.ts';
import type { PlannedStep } from '../types.ts';
import type { Probes } from './probes.ts';

export interface Assessment {
  confidence: number;
  /** Every finding, the weakest first. */
  reasons: string[];
  /** The finding that set the confidence. */
  weakest?: string;
}

interface Finding {
  confidence: number;
  reason: string;
}

interface Ctx {
  probes: Probes;
  cwd: string;
  /** How a reason names a path (relative to the request's folder). */
  show: (path: string) => string;
}

/** What a copy, archive, extraction or write adds to its filesystem, per device, across the plan. */
type Claims = Map<number, number>;

export async function critique(
  steps: readonly PlannedStep[],
  o: {
    probes: Probes;
    cwd: string;
    skipped?: ReadonlySet<string>;
    deferred?: ReadonlySet<string>;
    display?: (path: string) => string;
  },
): Promise<Map<string, Assessment>> {
  const c: Ctx = { probes: o.probes, cwd: o.cwd, show: o.display ?? ((p) => p) };
  const out = new Map<string, Assessment>();
  const claims: Claims = new Map();
  for (const [i, step] of steps.entries()) {
    const findings: Finding[] = [];
    if (o.skipped?.has(step.id)) findings.push({ confidence: 1, reason: 'nothing to do' });
    else {
      const earlier = steps.slice(0, i);
      if (o.deferred?.has(step.id))
        findings.push({
          confidence: 0.8,
          reason: 'what it acts on is known only when the earlier steps have run',
        });
      findings.push(
        ...sourcesFound(step, earlier, c),
        ...destination(step, c, claims),
        ...(await running(step, c)),
      );
    }
    const weakest = findings.reduce<Finding | undefined>(
      (w, f) => (!w || f.confidence < w.confidence ? f : w),
      undefined,
    );
    out.set(step.id, {
      confidence: Math.round(Math.min(1, weakest?.confidence ?? 1) * 100) / 100,
      reasons: [...findings].sort((a, b) => a.confidence - b.confidence).map((f) => f.reason),
      ...(weakest ? { weakest: weakest.reason } : {}),
    });
  }
  return out;
}

/** The paths a step reads from or takes away, by what its preview lists. */
function sourcesOf(step: PlannedStep, cwd: string): string[] {
  const paths = step.preview.paths;
  const key = `${step.tool}.${step.action}`;
  if (paths.length === 0 && Array.isArray(step.args.paths))
    return (step.args.paths as string[]).map((p) => resolve(cwd, p));
  switch (key) {
    case 'files.copy':
    case 'files.move':
    case 'files.organise':
      return paths.filter((_, j) => j % 2 === 0);
    case 'files.delete':
    case 'files.inventory':
    case 'files.stat':
    case 'files.read':
    case 'text.replace':
      return paths;
    case 'files.archive':
      return paths.slice(0, -1);
    case 'files.extract':
      return paths.slice(0, 1);
    default:
      return [];
  }
}

function sourcesFound(step: PlannedStep, earlier: readonly PlannedStep[], o: Ctx): Finding[] {
  const { show } = o;
  const sources = sourcesOf(step, o.cwd);
  if (sources.length === 0) return [];
  const findings: Finding[] = [];
  const missing = sources.filter((p) => !o.probes.exists(p));
  for (const p of missing.slice(0, 3)) {
    const maker = earlier.find((s) => makes(s, p));
    findings.push(
      maker
        ? { confidence: 0.9, reason: `'${show(p)}' is made by step ${maker.id}` }
        : { confidence: 0, reason: `'${show(p)}' does not exist, and no earlier step makes it` },
    );
  }
  if (missing.length === 0)
    findings.push({
      confidence: 1,
      reason: sources.length === 1 ? `'${show(sources[0])}' exists` : `all ${sources.length} sources exist`,
    });
  const key = `${step.tool}.${step.action}`;
  if (['files.delete', 'files.move', 'files.write', 'text.replace'].includes(key)) {
    for (const p of sources.slice(0, 50)) {
      const holders = o.probes.openBy(p);
      if (holders.length > 0) {
        findings.push({
          confidence: 0.6,
          reason: `'${show(p)}' is open in ${holders
            .slice(0, 3)
            .map((h) => `process ${h.pid} (${h.name})`)
            .join(', ')}`,
        });
        break;
      }
    }
  }
  return findings;
}

/** Whether an earlier step puts something at `path`: the folder it makes, or what it writes, copies, moves or unpacks. */
function makes(step: PlannedStep, path: string): boolean {
  if (step.risk === 0 || step.action === 'delete') return false;
  if (step.action === 'mkdir') return step.preview.paths[0] === path;
  return step.preview.paths.some((q) => q === path || path.startsWith(`${q}/`));
}

/** Where a step writes: the folder exists or can be made, it may be written, the data fits. */
function destination(step: PlannedStep, o: Ctx, claims: Claims): Finding[] {
  const { probes, show } = o;
  const key = `${step.tool}.${step.action}`;
  const paths = step.preview.paths;
  let targets: string[];
  let needs = 0;
  switch (key) {
    case 'files.copy':
      targets = paths.filter((_, j) => j % 2 === 1);
      needs = step.preview.bytes;
      break;
    case 'files.move':
      targets = paths.filter((_, j) => j % 2 === 1);
      break;
    case 'files.archive':
      targets = paths.slice(-1);
      needs = step.preview.bytes;
      break;
    case 'files.extract':
      targets = paths.slice(1, 2);
      needs = step.preview.bytes;
      break;
    case 'files.write':
    case 'files.mkdir':
      targets = paths.slice(0, 1);
      needs = step.preview.bytes;
      break;
    default:
      return [];
  }
  if (targets.length === 0) return [];
  const findings: Finding[] = [];
  const parent = probes.nearest(dirname(targets[0]));
  if (!parent.dir) {
    findings.push({ confidence: 0, reason: `'${show(parent.path)}' is a file, so nothing can go under it` });
    return findings;
  }
  if (!parent.writable)
    findings.push({ confidence: 0.1, reason: `there is no permission to write in '${show(parent.path)}'` });
  else if (parent.path !== dirname(targets[0]))
    findings.push({ confidence: 0.95, reason: `creates the folder '${show(dirname(targets[0]))}' first` });
  if (key === 'files.move') {
    const sources = paths.filter((_, j) => j % 2 === 0);
    const dev = probes.device(parent.path);
    const apart = sources.find((s) => probes.exists(s) && probes.device(s) !== dev);
    if (apart)
      findings.push({
        confidence: 0.05,
        reason: `'${show(apart)}' is on another filesystem than '${show(parent.path)}'; a move cannot cross filesystems (copy it, then delete the original)`,
      });
    return findings;
  }
  if (needs > 0) {
    const space = probes.space(parent.path);
    const claimed = (claims.get(space.dev) ?? 0) + needs;
    claims.set(space.dev, claimed);
    const where = `the filesystem of '${show(parent.path)}'`;
    if (claimed > space.free)
      findings.push({
        confidence: 0.05,
        reason: `needs ${human(claimed)} but ${where} has ${human(space.free)} free`,
      });
    else if (space.free - claimed < space.size * CRITIQUE_LIMITS.SPACE_MARGIN)
      findings.push({ confidence: 0.6, reason: `leaves ${human(space.free - claimed)} free on ${where}` });
    else
      findings.push({
        confidence: 1,
        reason: `${human(claimed)} fits in the ${human(space.free)} free on ${where}`,
      });
  }
  return findings;
}

/** A process to stop is alive; a service to stop or restart is up; a repository is clean before a checkout. */
async function running(step: PlannedStep, o: Ctx): Promise<Finding[]> {
  const { show } = o;
  const key = `${step.tool}.${step.action}`;
  if (key === 'process.kill' && Array.isArray(step.args.pids)) {
    const dead = (step.args.pids as number[]).filter((pid) => !o.probes.alive(pid));
    return dead.length > 0
      ? [{ confidence: 0, reason: `process ${dead.join(', ')} is not running` }]
      : [{ confidence: 1, reason: 'the process is running' }];
  }
  if (step.tool === 'service' && typeof step.args.name === 'string') {
    const name = step.args.name;
    const state = await o.probes.service(name, step.args.user === true);
    if (state === undefined)
      return [{ confidence: 0.1, reason: 'systemd is not running here, so there are no services' }];
    if ((step.action === 'stop' || step.action === 'restart') && state !== 'active')
      return [{ confidence: 0.6, reason: `service ${name} is ${state}, not running` }];
    if (step.action === 'start' && state === 'active')
      return [{ confidence: 0.7, reason: `service ${name} is running already` }];
    return [{ confidence: 1, reason: `service ${name} is ${state}` }];
  }
  if (key === 'git.checkout') {
    const dir = resolve(o.cwd, typeof step.args.path === 'string' ? step.args.path : '.');
    const changes = await o.probes.gitChanges(dir);
    if (changes === undefined) return [{ confidence: 0.2, reason: `'${show(dir)}' is not a git repository` }];
    return changes > 0
      ? [
          {
            confidence: 0.6,
            reason: `the repository has uncommitted changes in ${changes} ${changes === 1 ? 'path' : 'paths'}; they go along or stop the checkout`,
          },
        ]
      : [{ confidence: 1, reason: 'the repository is clean' }];
  }
  return [];
}
