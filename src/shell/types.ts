/**
 * What Atlas hands its callers (the CLI, the HTTP API, MCP): a planned request with a
 * preview of every step, the outcome of running it, and the result of an undo. Plain data,
 * JSON-serialisable, no terminal formatting.
 */
import type { Risk, Translator } from '../intel/intent.ts';
import type { AtlasConfig } from './config.ts';
import type { InferredGoal } from './goals/classify.ts';
import type { AddedBy } from './goals/safety.ts';

export type { AddedBy, InferredGoal };

export interface PlannedStep {
  id: string;
  tool: string;
  action: string;
  /** Validated arguments, made concrete (paths of earlier steps filled in). */
  args: Record<string, unknown>;
  /** Effective risk: the highest of the translator's, the action's and what the preview found. */
  risk: Risk;
  dependsOn: string[];
  why?: string;
  preview: { summary: string; paths: string[]; bytes: number; irreversible?: string; target?: string };
  /** Present on a safety step Atlas added for the request's goal: which goal, why, what it guards. */
  added?: AddedBy;
  /** The critique's confidence (0-1) that the step will do what it should, and why. */
  confidence?: number;
  reasons?: string[];
}

/** A step the critique doubts: below atlas.json's minConfidence, so Atlas asks before running. */
export interface Doubt {
  stepId: string;
  confidence: number;
  reason: string;
}

export interface PlannedRequest {
  id: string;
  request: string;
  goal: string;
  steps: PlannedStep[];
  /** Risk 2 or 3 anywhere in the plan: run it only after the person says yes (or --yes). */
  requiresConfirmation: boolean;
  /** A question, when the request was ambiguous. */
  clarify?: string;
  /** Closest requests Atlas can do, when it did not understand. */
  suggestions?: string[];
  source: 'offline' | 'llm' | 'cache';
  cwd: string;
  /** What the translator tried before this plan (models, cache, fallbacks), for --explain. */
  trail?: string[];
  /** The goal read from the request and its plan (deploy, clean up, migrate, …). */
  inferredGoal?: InferredGoal;
  /** Steps below the confidence threshold: the plan runs only when the person says so. */
  doubts?: Doubt[];
  /** Planned as an alternative (`aios do --alternatives`): what it is and who proposed it. */
  proposal?: { label: string; source: 'model' | 'offline'; model?: string };
}

export interface StepResult {
  stepId: string;
  ok: boolean;
  output: unknown;
  error?: string;
}

export interface Outcome {
  id: string;
  ok: boolean;
  results: StepResult[];
  /** Present when something was changed that `undo` can take back. */
  undoId?: string;
  /** Ids of the steps that ran (succeeded or failed), in order. */
  ranSteps: string[];
}

export interface UndoResult {
  undoId: string;
  restored: string[];
  /** What could not be reversed, one line each (empty when the undo was complete). */
  conflicts: string[];
}

/** The request cannot be planned as asked (bad plan, path outside the roots, missing file). */
export class PlanError extends Error {
  override name = 'PlanError';
}

/** A request id that is unknown, already ran, or cannot be undone. */
export class AtlasError extends Error {
  override name = 'AtlasError';
}

/** How an Atlas is made (tests pass a translator and a config). */
export interface AtlasOptions {
  translator?: Translator;
  config?: AtlasConfig;
  /** The person's home directory (default $HOME). */
  home?: string;
}

/** How a planned request is run. */
export interface ExecuteOptions {
  confirmed: boolean;
  /** The person was told of the doubted steps and said to run anyway. */
  acceptDoubts?: boolean;
  /** Bytes done of a long step (copies), for a progress bar. */
  onProgress?(stepId: string, done: number, total: number): void;
}
