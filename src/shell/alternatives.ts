/**
 * Tree of thoughts for Atlas (`aios do --alternatives K`): other ways to the same end as the
 * plan the translator made, each planned and previewed like any request, then checked as a
 * plan graph (services/planner/graph.ts) and scored by the planner's deterministic scoring
 * (services/planner/choose.ts) on risk, blast radius (paths and bytes changed, reversible or
 * not), cost, time and confidence. Offline, the other ways come from the plan itself:
 *
 * - other tools for the same effect: a move as a copy and then a delete of the originals; a
 *   delete with a zip of what it deletes first; a .tar.gz where a zip was asked for;
 * - other readings: moving what a delete names into a folder `archived` instead (the files stay);
 * - a narrower selection: a recursive change limited to the top folder.
 *
 * @example
 * const variants = offlineVariants(plan, 3); // [{ label: 'copy, then delete the originals', plan, confidence: 1 }, …]
 */
import type { Plan, Step } from '../intel/intent.ts';
import { countStep, emptyMeasure, type PlanMeasure, rankPlans } from '../services/planner/choose.ts';
import { parsePlan } from '../services/planner/format.ts';
import { checkGraph } from '../services/planner/graph.ts';
import { findAction } from '../tools/registry.ts';
import { planDocument } from './on-planner.ts';
import type { PlannedRequest } from './types.ts';

/** One alternative way to do a request. */
export interface Variant {
  /** What is different about it, in a few words. */
  label: string;
  plan: Plan;
  /** How sure we are it is what the person meant (1: the same effect by other means). */
  confidence: number;
}

type Rewrite = (step: Step, plan: Plan) => { label: string; steps: Step[]; confidence: number } | undefined;

const sources = (s: Step) =>
  typeof s.args.from === 'string' ? { from: s.args.from } : { paths: s.args.paths };

/** Each rewrite changes one step into one or more; the first step of a kind it fits is rewritten. */
const REWRITES: Rewrite[] = [
  (s) =>
    s.tool === 'files' && s.action === 'move'
      ? {
          label: 'copy, then delete the originals',
          confidence: 1,
          steps: [
            {
              ...s,
              id: `${s.id}c`,
              action: 'copy',
              risk: 1,
              why: 'copy first, so nothing is lost if it stops',
            },
            {
              ...s,
              id: `${s.id}d`,
              action: 'delete',
              args: sources(s),
              risk: 3,
              dependsOn: [`${s.id}c`],
              why: 'then remove the originals',
            },
          ],
        }
      : undefined,
  (s) =>
    s.tool === 'files' && s.action === 'delete'
      ? {
          label: "move into a folder 'archived' instead of deleting",
          confidence: 0.5,
          steps: [
            { ...s, id: `${s.id}m`, action: 'mkdir', args: { path: 'archived' }, risk: 1, dependsOn: [] },
            {
              ...s,
              id: s.id,
              action: 'move',
              args: { ...sources(s), to: 'archived/' },
              risk: 1,
              dependsOn: [...s.dependsOn, `${s.id}m`],
              why: 'kept in archived/, out of the way',
            },
          ],
        }
      : undefined,
  (s) =>
    s.tool === 'files' && s.action === 'delete'
      ? {
          label: 'zip what it deletes first, then delete',
          confidence: 1,
          steps: [
            {
              ...s,
              id: `${s.id}z`,
              action: 'archive',
              args: { ...sources(s), to: 'deleted.zip' },
              risk: 1,
              why: 'a zip of everything deleted',
            },
            { ...s, dependsOn: [...s.dependsOn, `${s.id}z`] },
          ],
        }
      : undefined,
  (s) =>
    s.args.recursive === true
      ? {
          label: 'only the top folder, not the folders below',
          confidence: 0.7,
          steps: [{ ...s, args: { ...s.args, recursive: false } }],
        }
      : undefined,
  (s) =>
    s.tool === 'files' &&
    s.action === 'archive' &&
    typeof s.args.to === 'string' &&
    s.args.to.endsWith('.zip')
      ? {
          label: 'a .tar.gz instead of a zip',
          confidence: 1,
          steps: [
            { ...s, args: { ...s.args, to: s.args.to.replace(/\.zip$/, '.tar.gz'), format: 'tar.gz' } },
          ],
        }
      : undefined,
];

/** Up to `k - 1` other ways to do `plan` (the plan itself is the first of the k), in a fixed order. */
export function offlineVariants(plan: Plan, k: number): Variant[] {
  const out: Variant[] = [];
  for (const rewrite of REWRITES) {
    if (out.length >= k - 1) break;
    const at = plan.steps.findIndex((s) => rewrite(s, plan) !== undefined);
    if (at < 0) continue;
    const { label, steps, confidence } = rewrite(plan.steps[at], plan)!;
    const last = steps.at(-1)!.id;
    // later steps that took the rewritten step's paths take those of its last replacement
    const rest = plan.steps.slice(at + 1).map((s) => ({
      ...s,
      args: s.args.from === plan.steps[at].id ? { ...s.args, from: last } : s.args,
      dependsOn: s.dependsOn.map((d) => (d === plan.steps[at].id ? last : d)),
    }));
    const changed: Plan = {
      ...plan,
      requiresConfirmation: plan.requiresConfirmation || steps.some((s) => s.risk >= 2),
      steps: [...plan.steps.slice(0, at), ...steps, ...rest],
    };
    out.push({ label, plan: changed, confidence });
  }
  return out;
}

/** A planned request as an Intent plan again (its arguments as previewed), for rewriting. */
export function planOf(p: PlannedRequest): Plan {
  return {
    goal: p.goal,
    requiresConfirmation: p.requiresConfirmation,
    steps: p.steps.map((s) => ({
      id: s.id,
      tool: s.tool,
      action: s.action,
      args: s.args,
      risk: s.risk,
      dependsOn: s.dependsOn,
      ...(s.why ? { why: s.why } : {}),
    })),
  };
}

/** What the scoring reads of a planned request: its previews, as the planner's choose measures a plan. */
export function measureOf(
  p: PlannedRequest,
  state: { skipped: ReadonlySet<string>; deferred: ReadonlySet<string> },
  label: string,
  confidence: number,
  invalid?: string,
): PlanMeasure {
  const m = emptyMeasure(label, confidence);
  const paths = new Set<string>();
  for (const s of p.steps.filter((s) => !state.skipped.has(s.id)))
    countStep(m, paths, { id: s.id, risk: s.risk, preview: s.preview, known: !state.deferred.has(s.id) });
  m.paths = paths.size;
  return invalid ? { ...m, invalid } : m;
}

/** One way to do the request, planned, scored and explained. */
export interface Alternative {
  /** Its request id: execute this one to do it this way. */
  id: string;
  label: string;
  planned?: PlannedRequest;
  score: number;
  valid: boolean;
  risk: number;
  blast: { paths: number; bytes: number; reversible: boolean };
  cost: number;
  timeMs: number;
  confidence: number;
  pros: string[];
  cons: string[];
}

/** The alternatives of request `of`, best first; `best` is the id scoring chose. */
export interface Alternatives {
  of: string;
  best: string;
  options: Alternative[];
}

/** Which alternative ran, among which, chosen by the scoring or by the person. */
export interface Choice {
  of: string[];
  by: 'score' | 'person';
}

/** What planning an alternative gives back: the planned request and what planning found out. */
export interface PlannedVariant {
  planned: PlannedRequest;
  /** The plan as translated, before paths were pinned (else the planned steps are rewritten). */
  plan?: Plan;
  skipped: ReadonlySet<string>;
  deferred: ReadonlySet<string>;
}

/**
 * Plans up to `k - 1` other ways to do `first` (through `plan`, which previews each as a request
 * of its own), checks each as a plan graph and ranks them all with the planner's scoring.
 */
export async function rankAlternatives(
  first: PlannedVariant,
  k: number,
  plan: (label: string, plan: Plan) => Promise<PlannedVariant>,
): Promise<Alternatives> {
  const candidates: { id: string; label: string; variant?: PlannedVariant; measure: PlanMeasure }[] = [];
  const add = (variant: PlannedVariant, label: string, confidence: number) =>
    candidates.push({
      id: variant.planned.id,
      label,
      variant,
      measure: measureOf(variant.planned, variant, label, confidence, graphProblem(variant)),
    });
  add(first, 'as asked', 1);
  for (const v of offlineVariants(first.plan ?? planOf(first.planned), k)) {
    try {
      add(await plan(v.label, v.plan), v.label, v.confidence);
    } catch (error) {
      const why = (error as Error).message;
      candidates.push({
        id: '',
        label: v.label,
        measure: { ...measureOf(first.planned, first, v.label, 0), invalid: why },
      });
    }
  }
  const ranked = rankPlans(candidates.map((c) => c.measure));
  const options = ranked.map((r) => {
    const c = candidates[r.index];
    const { index: _, name: __, ...scored } = r;
    return { id: c.id, label: c.label, ...(c.variant ? { planned: c.variant.planned } : {}), ...scored };
  });
  return { of: first.planned.id, best: options[0].id, options };
}

/** Why a planned alternative is not a valid plan graph (the planner's own check), or undefined. */
function graphProblem(v: PlannedVariant): string | undefined {
  try {
    const doc = planDocument(v.planned, { outputs: new Map(), skipped: v.skipped, deferred: v.deferred }, [
      v.planned.cwd,
    ]);
    checkGraph(parsePlan(doc), findAction);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
