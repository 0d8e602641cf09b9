/**
 * The implicit safety steps of a goal, added to the plan as real steps: an inventory of what a
 * step deletes, just before it; a backup (a .tar.gz in the backup folder) of what it deletes
 * or overwrites; a check after a move or copy that every file arrived with its size; the
 * project's tests (its package.json test script) after an npm install or removal, and a
 * service's status after it was started or restarted. Each is added only for a goal the person
 * said (a goal word, its typo or synonym), only where the plan does what it guards, and says why.
 *
 * @example
 * const { plan, added } = addSafetySteps(goal, plan, previewed, { backupDir, cwd, stamp: '20261207-1200' });
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan, Step } from '../../intel/intent.ts';
import { contentOf } from '../../tools/files/check.ts';
import { GOAL_LIMITS } from '../limits.ts';
import type { PlannedStep } from '../types.ts';
import type { InferredGoal } from './classify.ts';
import { GOALS, type GoalKind } from './kinds.ts';

/** How a step Atlas added is marked in the preview and --json. */
export interface AddedBy {
  goal: GoalKind;
  /** Why it is there, in words. */
  reason: string;
  /** The step it guards. */
  guards: string;
}

export interface SafetyOptions {
  cwd: string;
  /** Where backups go (absolute); undefined when it is outside what Atlas may write. */
  backupDir: string | undefined;
  /** Part of each backup's name: the time of the request. */
  stamp: string;
  /** Steps whose paths are known only when they run. */
  deferred: ReadonlySet<string>;
}

/** The plan with the goal's safety steps in place, and which steps were added. */
export function addSafetySteps(
  goal: InferredGoal | undefined,
  plan: Plan,
  previewed: readonly PlannedStep[],
  o: SafetyOptions,
): { plan: Plan; added: Map<string, AddedBy> } {
  const added = new Map<string, AddedBy>();
  // A goal only hinted at ("delete all .log files" leans to a clean-up) is named, not acted on.
  if (!goal?.said) return { plan, added };
  const needs = new Set(GOALS[goal.kind].needs);
  const steps: Step[] = [];
  const after: Step[] = [];
  const push = (
    list: Step[],
    step: Omit<Step, 'risk' | 'dependsOn'> & { dependsOn?: string[] },
    guards: string,
  ) => {
    list.push({ risk: 0, dependsOn: [], ...step });
    added.set(step.id, { goal: goal.kind, reason: step.why ?? '', guards });
  };
  let check: { step: Omit<Step, 'risk' | 'dependsOn'>; guards: string } | undefined;
  for (const step of plan.steps) {
    const p = previewed.find((s) => s.id === step.id);
    const deferred = o.deferred.has(step.id);
    const from = typeof step.args.from === 'string' ? step.args.from : undefined;
    const source = deferred && from ? { from } : undefined;
    const gate: string[] = [];
    if (p && `${step.tool}.${step.action}` === 'files.delete' && needs.has('list-before-destroy')) {
      const paths = p.preview.paths;
      // A selection (what a search found, several paths) is listed; one file named is itself the list.
      if ((paths.length > 0 && (from !== undefined || paths.length > 1)) || source) {
        push(
          steps,
          {
            id: `list-${step.id}`,
            tool: 'files',
            action: 'inventory',
            args: source ?? { paths },
            why: `to ${goal.label}: shows what step ${step.id} deletes, just before it does`,
          },
          step.id,
        );
      }
    }
    const destroyed = p ? destroyedBy(p) : [];
    if (
      needs.has('backup-before-destroy') &&
      o.backupDir &&
      (destroyed.length > 0 || (source && p?.action === 'delete'))
    ) {
      const id = `backup-${step.id}`;
      push(
        steps,
        {
          id,
          tool: 'files',
          action: 'archive',
          args: {
            ...(source ?? { paths: destroyed }),
            to: join(o.backupDir, `${o.stamp}-${goal.kind}-${step.id}.tar.gz`),
          },
          why: `to ${goal.label}: keeps a copy of what step ${step.id} ${p?.action === 'delete' ? 'deletes' : 'overwrites'} before it does`,
        },
        step.id,
      );
      gate.push(id);
    }
    steps.push(gate.length > 0 ? { ...step, dependsOn: [...step.dependsOn, ...gate] } : step);
    if (p && !deferred && needs.has('verify-after-move')) {
      const arrival = arrivalOf(p);
      if (arrival)
        push(
          steps,
          {
            id: `verify-${step.id}`,
            tool: 'files',
            action: 'verify',
            args: arrival,
            dependsOn: [step.id],
            why: `to ${goal.label}: checks that what step ${step.id} ${p.action === 'copy' ? 'copies' : 'moves'} arrived (${arrival.files} files, ${arrival.bytes} bytes)`,
          },
          step.id,
        );
    }
    if (needs.has('check-after-change')) check = checkAfter(step, o.cwd, goal.label) ?? check;
  }
  if (check) push(after, { ...check.step, dependsOn: [check.guards] }, check.guards);
  const all = [...steps, ...after];
  if (all.length > GOAL_LIMITS.MAX_STEPS) return { plan, added: new Map() };
  return { plan: { ...plan, steps: all }, added };
}

/** What a previewed step deletes or writes over: the paths a backup must keep. */
export function destroyedBy(p: PlannedStep): string[] {
  const paths = p.preview.paths;
  const key = `${p.tool}.${p.action}`;
  if (key === 'files.delete') return paths;
  if (p.risk < 2) return [];
  const there = (list: string[]) => list.filter((x) => existsSync(x));
  switch (key) {
    case 'files.copy':
    case 'files.move':
      return there(paths.filter((_, i) => i % 2 === 1));
    case 'files.write':
      return there(paths.slice(0, 1));
    case 'files.archive':
      return there(paths.slice(-1));
    case 'files.extract':
      return there(paths.slice(2));
    case 'text.replace':
      return there(paths);
    default:
      return [];
  }
}

/** Where a move or copy puts things, and the files and bytes that should arrive there. */
function arrivalOf(p: PlannedStep): { paths: string[]; files: number; bytes: number } | undefined {
  if (!['files.move', 'files.copy', 'files.organise'].includes(`${p.tool}.${p.action}`)) return undefined;
  const paths = p.preview.paths;
  if (paths.length < 2 || paths.length % 2 !== 0) return undefined;
  let files = 0;
  let bytes = 0;
  const to: string[] = [];
  for (let i = 0; i < paths.length; i += 2) {
    const sent = contentOf(paths[i]);
    files += sent.files;
    bytes += sent.bytes;
    to.push(paths[i + 1]);
  }
  return { paths: to, files, bytes };
}

/** The check after a change of software: the project's tests, or the service's status. */
function checkAfter(
  step: Step,
  cwd: string,
  label: string,
): { step: Omit<Step, 'risk' | 'dependsOn'>; guards: string } | undefined {
  const key = `${step.tool}.${step.action}`;
  if ((key === 'service.start' || key === 'service.restart') && typeof step.args.name === 'string')
    return {
      guards: step.id,
      step: {
        id: `check-${step.id}`,
        tool: 'service',
        action: 'status',
        args: { name: step.args.name, ...(step.args.user === true ? { user: true } : {}) },
        why: `to ${label}: checks that ${step.args.name} is up after step ${step.id}`,
      },
    };
  if (
    (key === 'package.install' || key === 'package.remove') &&
    step.args.manager !== 'apt' &&
    testScript(cwd)
  )
    return {
      guards: step.id,
      step: {
        id: `check-${step.id}`,
        tool: 'shell',
        action: 'run',
        args: { command: 'npm test', cwd: '.' },
        why: `to ${label}: runs the project's tests (package.json's test script) after step ${step.id}`,
      },
    };
  return undefined;
}

/** Whether the project in `cwd` has a test script of its own (not npm's placeholder). */
function testScript(cwd: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as {
      scripts?: Record<string, unknown>;
    };
    const test = pkg.scripts?.test;
    return typeof test === 'string' && test.trim() !== '' && !/no test specified/.test(test);
  } catch {
    return false;
  }
}
