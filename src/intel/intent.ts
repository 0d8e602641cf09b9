/**
 * The Intent IR: what a request means, as a plan of tool actions. Every translator (offline
 * rules, an LLM, the plan cache) produces it; Atlas validates it against each action's schema
 * before anything runs.
 *
 * Risk levels: see src/kernel/risk.ts.
 *
 * @example
 * const plan: Plan = { goal: 'List the five largest files', requiresConfirmation: false,
 *   steps: [{ id: 's1', tool: 'files', action: 'find', args: { sort: 'size', limit: 5 }, risk: 0, dependsOn: [] }] };
 * PlanSchema.parse(plan);
 */
import { z } from 'zod';
import { RISK_MAX, type Risk as RiskLevel } from '../kernel/risk.ts';

export const Risk = z.number().int().min(0).max(RISK_MAX);
export type Risk = RiskLevel;

export const StepSchema = z
  .object({
    id: z.string().min(1).max(32),
    tool: z.string().min(1).max(32),
    action: z.string().min(1).max(48),
    args: z.record(z.string(), z.unknown()),
    risk: Risk,
    dependsOn: z.array(z.string()).default([]),
    /** One line a person can read: what this step does. */
    why: z.string().max(300).optional(),
  })
  .strict();

export const PlanSchema = z
  .object({
    goal: z.string().min(1).max(500),
    steps: z.array(StepSchema).max(50),
    requiresConfirmation: z.boolean(),
  })
  .strict();

export type Step = z.infer<typeof StepSchema>;
export type Plan = z.infer<typeof PlanSchema>;

/** One tool action as translators see it: enough to choose it and fill its arguments. */
export interface CatalogEntry {
  tool: string;
  action: string;
  summary: string;
  /** The action's fixed risk, or the highest it can reach. */
  risk: Risk;
  /** JSON Schema of the arguments. */
  args: Record<string, unknown>;
}

/** A previous turn of a shell session ("and now zip them" refers to it). */
export interface Turn {
  request: string;
  plan: Plan;
  /** Paths or names the turn produced or selected, for follow-ups. */
  subjects: string[];
}

export interface TranslateContext {
  cwd: string;
  home: string;
  catalog: readonly CatalogEntry[];
  history?: readonly Turn[];
  signal?: AbortSignal;
}

export interface Translation {
  /** Absent when the translator could not produce a plan (see clarify / suggestions). */
  plan?: Plan;
  source: 'offline' | 'llm' | 'cache';
  model?: string;
  /** A question to ask when the request is ambiguous. */
  clarify?: string;
  /** Closest requests it can do, when it did not understand. */
  suggestions?: string[];
  /** Prompt tokens and completion tokens spent (LLM). */
  usage?: { input: number; output: number; costUsd: number };
  /** The record of this translation, for `aios feedback` and outcomes (set when models are configured). */
  id?: string;
  /** What the cascade tried before this answer, one line each (for --explain). */
  trail?: string[];
}

export interface Translator {
  readonly name: string;
  translate(request: string, context: TranslateContext): Promise<Translation>;
  /**
   * Other ways to do `request` (tree of thoughts), from a model: up to `k` plans, each validated
   * like a translated plan. Only translators with a model have it.
   */
  propose?(request: string, context: TranslateContext, o: { k: number; asked?: Plan }): Promise<Proposed>;
}

/** One way a model proposed: a validated plan, or why it cannot be used (never run). */
export interface Proposal {
  /** What is different about it, in a few words (one line, at most CHOOSE_LABEL_MAX_CHARS). */
  label: string;
  /** Why this way, in the model's words (one line, at most CHOOSE_RATIONALE_MAX_CHARS). */
  rationale?: string;
  /** How sure the model is this is what the person meant (0-1; 1 when it did not say). */
  confidence: number;
  plan?: Plan;
  problem?: string;
}

/** What asking a model for alternatives gave: its proposals, or why there are none. */
export type Proposed =
  | { model: string; proposals: Proposal[]; trail: string[] }
  | { failed: string; trail: string[] };
