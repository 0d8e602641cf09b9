/**
 * Tree of thoughts for Atlas (`aios do --alternatives K`): other ways to the same end as the
 * plan the translator made, from a configured model (model-variants.ts) and from rewrites of the
 * plan itself (offline-variants.ts). Each is planned and previewed like any request, checked as a
 * plan graph (services/planner/graph.ts) and scored by the planner's deterministic scoring
 * (services/planner/choose.ts) on risk, blast radius (paths and bytes changed, reversible or
 * not), cost, time and confidence. Duplicates are merged into the first way that proposed them;
 * a way that cannot be planned or checked is dropped with its reason, never ranked or run.
 *
 * @example
 * const alts = await rankAlternatives(first, 3, { plan, forget }, await modelVariants(...));
 * alts.options[0].id === alts.best; alts.dropped; // [{ label, source: 'model', reason }]
 */
import type { Plan } from '../intel/intent.ts';
import { countStep, emptyMeasure, type PlanMeasure, rankPlans } from '../services/planner/choose.ts';
import { parsePlan } from '../services/planner/format.ts';
import { checkGraph } from '../services/planner/graph.ts';
import { PLAN_LIMITS } from '../services/planner/limits.ts';
import { findAction } from '../tools/registry.ts';
import { offlineVariants } from './offline-variants.ts';
import { planDocument } from './on-planner.ts';
import type { PlannedRequest } from './types.ts';

/** Who proposed a way: a configured model, or the offline rewrites (the translator's plan: its own source). */
export type Proposer = 'model' | 'offline';

/** One alternative way to do a request. */
export interface Variant {
  /** What is different about it, in a few words. */
  label: string;
  plan: Plan;
  /** How sure we are it is what the person meant (1: the same effect by other means). */
  confidence: number;
  source: Proposer;
  /** Why this way, in the proposer's words. */
  rationale?: string;
  /** The model that proposed it. */
  model?: string;
}

/** What a planned alternative records of itself: its label and who proposed it. */
export function proposalOf(v: Variant): NonNullable<PlannedRequest['proposal']> {
  return { label: v.label, source: v.source, ...(v.model ? { model: v.model } : {}) };
}

/** A way that was proposed but cannot run, and why. */
export interface Dropped {
  label: string;
  source: Proposer;
  reason: string;
}

/** What a configured model proposed: valid plans as variants, the others dropped, or a note saying why none. */
export interface ModelVariants {
  model?: string;
  variants: Variant[];
  dropped: Dropped[];
  /** One line when the model gave no alternatives (the offline ones stand alone). */
  note?: string;
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
  /** Who proposed it: the model, or the offline rewrites (the plan as asked: its translator). */
  source: Proposer;
  rationale?: string;
  /** The same plan proposed again under other names (merged into this one). */
  merged?: { label: string; source: Proposer }[];
  planned: PlannedRequest;
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
  /** Ways proposed that cannot run, with why: never ranked, never run. */
  dropped: Dropped[];
  /** The model that proposed alternatives, when one did. */
  model?: string;
  /** One line when a configured model gave none: the offline alternatives stand alone. */
  note?: string;
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

/** Who proposed a planned request: its proposal's source, else its translator's. */
export function proposerOf(p: PlannedRequest): Proposer {
  return p.proposal?.source ?? (p.source === 'offline' ? 'offline' : 'model');
}

/** How alternatives become requests of their own: planned (or a throw saying why not), and forgotten when dropped. */
export interface VariantPlanner {
  plan(variant: Variant): Promise<PlannedVariant>;
  /** `planned` was dropped after planning (`why`): it must not stay runnable. */
  forget(planned: PlannedRequest, why: string): void;
}

interface Candidate {
  variant: PlannedVariant;
  label: string;
  source: Proposer;
  rationale?: string;
  merged: { label: string; source: Proposer }[];
  measure: PlanMeasure;
}

/**
 * Plans the model's ways (`model`, up to `k`) and up to `k - 1` offline rewrites of `first`
 * (through `ways.plan`, which previews each as a request of its own), merges duplicates, checks each
 * as a plan graph and ranks them all with the planner's scoring; at most CHOOSE_MAX are ranked.
 */
export async function rankAlternatives(
  first: PlannedVariant,
  k: number,
  ways: VariantPlanner,
  model?: ModelVariants,
): Promise<Alternatives> {
  const asked = first.plan ?? planOf(first.planned);
  const candidates: Candidate[] = [];
  const dropped: Dropped[] = [...(model?.dropped ?? [])];
  const byKey = new Map<string, Candidate>();
  const add = (variant: PlannedVariant, v: Omit<Variant, 'plan'>, key: string, invalid?: string) => {
    const c: Candidate = {
      variant,
      label: v.label,
      source: v.source,
      ...(v.rationale ? { rationale: v.rationale } : {}),
      merged: [],
      measure: measureOf(variant.planned, variant, v.label, v.confidence, invalid),
    };
    candidates.push(c);
    byKey.set(key, c);
  };
  add(
    first,
    { label: 'as asked', source: proposerOf(first.planned), confidence: 1 },
    keyOf(asked),
    graphProblem(first),
  );
  for (const v of [...(model?.variants ?? []), ...offlineVariants(asked, k)]) {
    const key = keyOf(v.plan);
    const same = byKey.get(key);
    if (same) {
      same.merged.push({ label: v.label, source: v.source });
      continue;
    }
    const drop = (reason: string) => dropped.push({ label: v.label, source: v.source, reason });
    if (candidates.length >= PLAN_LIMITS.CHOOSE_MAX) {
      drop(`only ${PLAN_LIMITS.CHOOSE_MAX} ways are compared at once`);
      continue;
    }
    let planned: PlannedVariant;
    try {
      planned = await ways.plan(v);
    } catch (error) {
      drop((error as Error).message);
      continue;
    }
    const problem = graphProblem(planned);
    if (!problem) add(planned, v, key);
    else {
      drop(problem);
      ways.forget(planned.planned, problem);
    }
  }
  const ranked = rankPlans(candidates.map((c) => c.measure));
  const options = ranked.map((r): Alternative => {
    const c = candidates[r.index];
    const { index: _, name: __, ...scored } = r;
    return {
      id: c.variant.planned.id,
      label: c.label,
      source: c.source,
      ...(c.rationale ? { rationale: c.rationale } : {}),
      ...(c.merged.length > 0 ? { merged: c.merged } : {}),
      planned: c.variant.planned,
      ...scored,
    };
  });
  return {
    of: first.planned.id,
    best: options[0].id,
    options,
    dropped,
    ...(model?.model ? { model: model.model } : {}),
    ...(model?.note ? { note: model.note } : {}),
  };
}

/** The same steps doing the same things in the same order, whatever their ids: one way, not two. */
function keyOf(plan: Plan): string {
  const at = new Map(plan.steps.map((s, i) => [s.id, i]));
  return JSON.stringify(
    plan.steps.map((s) => [s.tool, s.action, sorted(s.args), s.dependsOn.map((d) => at.get(d) ?? d)]),
  );
}

/** `value` with every object's keys in order, so equal arguments give equal JSON. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
  );
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
