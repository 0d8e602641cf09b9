/**
 * What Atlas does between translating a request and showing its plan: it reads the goal
 * behind the request (goals/classify.ts), adds the safety steps that goal needs where the
 * plan does what they guard (goals/safety.ts), previews the plan again with them, and has the
 * critique (critique/) check every step's assumptions with read-only probes. Steps below the
 * confidence threshold become doubts: the plan runs only when the person says so.
 *
 * @example
 * const r = await reflect({ request, plan, steps, ctx, state, readOnly, config, id });
 * r.goal?.kind;   // 'cleanup'
 * r.doubts;       // [{ stepId: 's2', confidence: 0.05, reason: 'needs 2 GB but … has 1 GB free' }]
 */
import { join, resolve } from 'node:path';
import type { Plan } from '../intel/intent.ts';
import type { ToolContext } from '../tools/types.ts';
import type { AtlasConfig } from './config.ts';
import { critique } from './critique/critique.ts';
import { type Probes, systemProbes } from './critique/probes.ts';
import { type InferredGoal, inferGoal } from './goals/classify.ts';
import type { Reframed } from './goals/frame.ts';
import { GOALS } from './goals/kinds.ts';
import { addSafetySteps } from './goals/safety.ts';
import { BACKUPS_FOLDER, CRITIQUE_LIMITS } from './limits.ts';
import { previewSteps, type StepsState } from './preview.ts';
import type { Doubt, PlannedRequest, PlannedStep } from './types.ts';

export interface ReflectInput {
  request: string;
  plan: Plan;
  ctx: ToolContext;
  /** The preview's state (paths pinned from read-only steps, skipped and deferred steps). */
  state: StepsState;
  readOnly: (step: PlannedStep) => Promise<unknown>;
  config: AtlasConfig;
  /** Where backups go (backupsOf). */
  backups: string;
  /** The request's id: part of its backups' names, with the time. */
  id: string;
  /** The goal the request was said as, when it had to be reworded to be planned. */
  frame?: Reframed;
  /** Tests may pass probes of their own; the machine's otherwise. */
  probes?: Probes;
}

/** The planned request's steps, its goal and its doubts. */
export type Reflection = Pick<PlannedRequest, 'steps' | 'inferredGoal' | 'doubts'>;

/** Previews `plan`, adds its goal's safety steps, and has the critique assess every step. Throws PlanError. */
export async function reflect(o: ReflectInput): Promise<Reflection> {
  const first = await previewSteps(o.plan, o.ctx, o.state, o.readOnly);
  const inferred = inferGoal(o.request, o.plan);
  const goal: InferredGoal | undefined = !o.frame
    ? inferred
    : inferred?.kind === o.frame.goal
      ? { ...inferred, note: o.frame.note }
      : {
          kind: o.frame.goal,
          label: GOALS[o.frame.goal].label,
          confidence: 1,
          cues: [],
          said: true,
          note: o.frame.note,
        };
  const stamp = `${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-${o.id}`;
  let steps = first;
  const { plan, added } = addSafetySteps(goal, o.plan, first, {
    cwd: o.ctx.cwd,
    backupDir: o.ctx.paths.allows(o.backups) ? o.backups : undefined,
    stamp,
    deferred: o.state.deferred,
  });
  if (added.size > 0) {
    const state: StepsState = { outputs: o.state.outputs, skipped: new Set(), deferred: new Set() };
    steps = (await previewSteps(plan, o.ctx, state, o.readOnly)).map((s) => {
      const by = added.get(s.id);
      return by ? { ...s, added: by } : s;
    });
    for (const key of ['skipped', 'deferred'] as const) {
      o.state[key].clear();
      for (const id of state[key]) o.state[key].add(id);
    }
  }
  const notes = await critique(steps, {
    probes: o.probes ?? systemProbes(o.ctx),
    cwd: o.ctx.cwd,
    skipped: o.state.skipped,
    deferred: o.state.deferred,
    display: (p) => o.ctx.paths.display(p),
  });
  const threshold = o.config.minConfidence ?? CRITIQUE_LIMITS.MIN_CONFIDENCE;
  const doubts: Doubt[] = [];
  steps = steps.map((s) => {
    const note = notes.get(s.id);
    if (!note) return s;
    if (note.confidence < threshold)
      doubts.push({
        stepId: s.id,
        confidence: note.confidence,
        reason: note.weakest ?? 'no reason given',
      });
    return { ...s, confidence: note.confidence, reasons: note.reasons };
  });
  return { steps, ...(goal ? { inferredGoal: goal } : {}), ...(doubts.length > 0 ? { doubts } : {}) };
}

/** The question asked before a plan with doubted steps, naming each and its reason. */
export function doubtQuestion(p: Pick<PlannedRequest, 'doubts' | 'steps'>): string {
  const lines = (p.doubts ?? []).map((d) => {
    const step = p.steps.find((s) => s.id === d.stepId);
    const n = step ? p.steps.indexOf(step) + 1 : '?';
    return `step ${n} (${step ? `${step.tool}.${step.action}` : d.stepId}) has confidence ${d.confidence}: ${d.reason}`;
  });
  return `Atlas doubts this plan: ${lines.join('; ')}`;
}

/**
 * Where Atlas keeps the backups it adds: atlas.json's backupDir (~ for the home folder), else
 * `backups` in aios's state directory, beside the undo store, out of the person's own files.
 */
export function backupsOf(config: AtlasConfig, aiosHome: string, home: string): string {
  const dir = config.backupDir;
  if (dir === undefined) return join(aiosHome, BACKUPS_FOLDER);
  return dir === '~' || dir.startsWith('~/') ? join(home, dir.slice(1)) : resolve(home, dir);
}
