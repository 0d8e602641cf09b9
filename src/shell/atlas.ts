/**
 * Atlas: a request in plain words becomes a plan of tool actions, previewed step by step,
 * run as syscalls of the atlas agent (so the kernel authorises and audits each one), and
 * recorded so that it can be undone, also after a restart. No terminal code lives here: the
 * CLI, the HTTP API and MCP all drive this class.
 *
 * @example
 * const atlas = new Atlas(system);
 * const planned = await atlas.plan('delete all .tmp files', { cwd: process.cwd() });
 * const outcome = await atlas.execute(planned.id, { confirmed: true });
 * await atlas.undo(outcome.undoId);
 */
import { homedir } from 'node:os';
import type { System } from '../boot.ts';
import { type Plan, PlanSchema, type Risk, type Translator } from '../intel/intent.ts';
import { KernelError } from '../kernel/errors.ts';
import { higherRisk, RISK_CONFIRM } from '../kernel/risk.ts';
import { findAction } from '../tools/registry.ts';
import { type ToolContext, ToolError } from '../tools/types.ts';
import { AtlasAgent } from './agent.ts';
import { type Alternatives, type Choice, proposalOf, proposerOf, type Variant } from './alternatives.ts';
import { type AtlasConfig, loadConfig, rootsFor } from './config.ts';
import { toolContext } from './context.ts';
import { Conversations } from './conversation.ts';
import { useExternalTools } from './external-tools.ts';
import { type Reframed, translateFramed } from './goals/frame.ts';
import { History, type HistoryEntry } from './history.ts';
import { alternativesOf } from './model-variants.ts';
import { OnPlanner } from './on-planner.ts';
import { asPlanError, isSystemError, runStep, targetOf } from './preview.ts';
import { backupsOf, doubtQuestion, reflect } from './reflect.ts';
import { runningIn } from './running.ts';
import { selectTranslator, translateContext } from './translator.ts';
import {
  AtlasError,
  type AtlasOptions,
  type ExecuteOptions,
  type Outcome,
  PlanError,
  type PlannedRequest,
  type PlannedStep,
  type StepResult,
  type UndoResult,
} from './types.ts';
import { expireUndo, undoRequest } from './undo.ts';
import { UndoStore } from './undo-store.ts';

/** What a request is before it is planned: its id, words, place and source. */
type RequestBase = Omit<PlannedRequest, 'goal' | 'steps' | 'requiresConfirmation'>;

/** A planned request waiting for execute: what planning found out. */
interface Pending {
  planned: PlannedRequest;
  /** Outputs of read-only steps already run while planning (their paths are pinned in later steps). */
  outputs: Map<string, unknown>;
  /** Steps with nothing to act on (an earlier step found nothing). */
  skipped: Set<string>;
  /** Steps whose paths come from an earlier step that changes things: resolved when they run. */
  deferred: Set<string>;
  session?: string;
  /** The plan as translated, before paths were pinned (what alternatives rewrite). */
  plan?: Plan;
  /** A model made the plan: its outcome teaches the intelligence layer. */
  learn?: boolean;
}

export class Atlas {
  readonly #system: System;
  readonly #config: AtlasConfig;
  readonly #home: string;
  readonly #history: History;
  readonly #undo: UndoStore;
  readonly #pending = new Map<string, Pending>();
  readonly #conversations = new Conversations();
  readonly #planner: OnPlanner;
  #translator: Translator | undefined;
  #agent: AtlasAgent | undefined;

  constructor(system: System, options: AtlasOptions = {}) {
    this.#system = system;
    this.#config = options.config ?? loadConfig(system.home);
    this.#home = options.home ?? process.env.HOME ?? homedir();
    this.#translator = options.translator;
    this.#history = new History(system.store.db);
    this.#undo = new UndoStore(system.store.db, system.home);
    this.#planner = new OnPlanner({ system, history: this.#history, undo: this.#undo, home: this.#home });
    this.#recoverInterrupted();
    expireUndo(this.#history, this.#undo, this.#config.undoDays);
    // a request a crash cut off on the planner ends when its resumed run does
    this.settle(true).catch((error: unknown) =>
      system.log.warn('atlas: plans on the planner not settled', { error: String(error) }),
    );
  }

  /** Records the outcome of requests a crash cut off on the planner whose runs have ended since. */
  async settle(wait = false): Promise<void> {
    await this.#planner.settle(this.#running(), wait);
  }

  /** The kernel agent Atlas acts as (spawned on first use). */
  get agent(): AtlasAgent {
    if (!this.#agent?.alive) this.#agent = AtlasAgent.spawn(this.#system);
    return this.#agent;
  }

  /** Translates and previews a request; nothing is changed. Throws PlanError when it cannot be planned. */
  async plan(request: string, opts: { cwd: string; session?: string }): Promise<PlannedRequest> {
    const text = request.trim();
    if (text === '') throw new PlanError('The request is empty; say what you want done');
    if (text.length > 2000) throw new PlanError('The request is over 2000 characters; say it shorter');
    await useExternalTools(this.#system);
    this.#translator ??= await selectTranslator(this.#system);
    const translator = this.#translator;
    const context = translateContext(opts.cwd, this.#home, this.#conversations.turns(opts.session));
    // A request said as a goal ("migrate X to Y") is said again as the action it stands for.
    const { translation, frame } = await translateFramed(text, (request) =>
      translator.translate(request, context),
    );
    const id = this.#history.open(text, opts.cwd, Date.now());
    if (translation.id) await this.#learn((l) => l.linkHistory(this.#system.home, translation.id!, id));
    const base = {
      id,
      request: text,
      source: translation.source,
      cwd: opts.cwd,
      ...(translation.trail && translation.trail.length > 0 ? { trail: translation.trail } : {}),
    };
    if (!translation.plan) {
      const planned: PlannedRequest = {
        ...base,
        goal: '',
        steps: [],
        requiresConfirmation: false,
        clarify: translation.clarify,
        suggestions: translation.suggestions,
      };
      this.#history.planned(planned);
      return planned;
    }
    const checked = PlanSchema.safeParse(translation.plan);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new PlanError(`The plan is not valid: '${issue.path.join('.')}' ${issue.message}`);
    }
    return this.#prepare(base, checked.data, {
      session: opts.session,
      learn: translation.id !== undefined,
      frame,
    });
  }

  /** Previews `plan` step by step and keeps it for execute. Throws PlanError. */
  async #prepare(
    base: RequestBase,
    plan: Plan,
    extra: { session?: string; learn?: boolean; frame?: Reframed } = {},
  ): Promise<PlannedRequest> {
    const { frame, ...kept } = extra;
    const ctx = this.#context(base.cwd);
    const pending: Pending = {
      planned: { ...base, goal: plan.goal, steps: [], requiresConfirmation: false },
      outputs: new Map(),
      skipped: new Set(),
      deferred: new Set(),
      plan,
      ...kept,
    };
    // Previewed, with the goal's safety steps added and the critique's confidence in each step.
    const readOnly = (step: PlannedStep) => this.#readOnly(step, ctx);
    const backups = backupsOf(this.#config, this.#system.home, this.#home);
    Object.assign(
      pending.planned,
      await reflect({
        request: base.request,
        frame,
        plan,
        ctx,
        state: pending,
        readOnly,
        backups,
        config: this.#config,
        id: base.id,
      }),
    );
    const steps = pending.planned.steps;
    pending.planned.requiresConfirmation =
      plan.requiresConfirmation || steps.some((s) => s.risk >= RISK_CONFIRM);
    this.#pending.set(base.id, pending);
    this.#history.planned(pending.planned, {
      skipped: [...pending.skipped],
      deferred: [...pending.deferred],
    });
    return pending.planned;
  }

  /**
   * Tree of thoughts: up to `k` ways to do planned request `id` (itself first; with a model, up
   * to `k` of its proposals too), each planned and previewed as a request of its own, checked as
   * a plan graph and scored, best first. Nothing runs; execute the one chosen, and `choose`
   * records the choice.
   */
  async alternatives(id: string, k: number): Promise<Alternatives> {
    const pending = this.#pendingOf(id);
    this.#translator ??= await selectTranslator(this.#system);
    return alternativesOf({ ...pending }, k, {
      translator: this.#translator,
      context: translateContext(pending.planned.cwd, this.#home, this.#conversations.turns(pending.session)),
      ways: {
        plan: (v) => this.#prepareOwn(pending, v),
        forget: (p, clarify) => {
          this.#pending.delete(p.id);
          this.#history.planned({ ...p, steps: [], requiresConfirmation: false, clarify });
        },
      },
    });
  }

  /** Plans alternative `v` of `from` as a request of its own; one that cannot be planned is recorded as unclear. */
  async #prepareOwn(from: Pending, v: Variant): Promise<Pending> {
    const { planned } = from;
    const request = `${planned.request} (${v.label})`.slice(0, 2000);
    const id = this.#history.open(request, planned.cwd, Date.now());
    const base = { id, request, source: planned.source, cwd: planned.cwd, proposal: proposalOf(v) };
    try {
      await this.#prepare(base, v.plan, { session: from.session });
      return this.#pending.get(base.id)!;
    } catch (error) {
      const clarify = (error as Error).message;
      this.#history.planned({ ...base, goal: '', steps: [], requiresConfirmation: false, clarify });
      throw error;
    }
  }

  /** Records which alternative was chosen, among which, by whom, and which source proposed it. */
  choose(id: string, choice: Choice): void {
    const { planned } = this.#pendingOf(id);
    const label = planned.proposal?.label ?? 'as asked';
    this.#history.chose(id, { ...choice, label, source: proposerOf(planned) });
  }

  /**
   * Runs a planned request. Unconfirmed, it runs with the agent's own handle (risk 0-1), so
   * the kernel refuses any risk 2-3 step before anything runs; confirmed, with a clearance for
   * the plan's risk. A failing step stops the plan; what ran stays undoable.
   */
  async execute(id: string, opts: ExecuteOptions): Promise<Outcome> {
    const pending = this.#pendingOf(id);
    const { planned } = pending;
    if (planned.steps.length === 0)
      throw new AtlasError(
        `Request ${id} has no plan to run${planned.clarify ? `: ${planned.clarify}` : ''}`,
      );
    if (planned.doubts && planned.doubts.length > 0 && !opts.acceptDoubts)
      throw new AtlasError(
        `${doubtQuestion(planned)}; nothing was changed. Ask again and say to run it anyway`,
      );
    const live = planned.steps.filter((s) => !pending.skipped.has(s.id));
    const mutating = live.filter((s) => s.risk >= 1).length;
    this.#history.checkRate(mutating, this.#config.mutatingStepsPerMinute);
    this.#pending.delete(id);
    const risk = live.reduce<Risk>((r, s) => higherRisk(r, s.risk), 0);
    const clearance = this.agent.clearance(risk, opts.confirmed);
    const results: StepResult[] = [];
    const ranSteps: string[] = [];
    try {
      // The kernel authorises every step before any runs: a refusal changes nothing.
      for (const step of live) {
        try {
          this.agent.authorise(clearance.handle, step.tool, step.action, step.risk, targetOf(step));
        } catch (error) {
          if (!(error instanceof KernelError)) throw error;
          results.push({
            stepId: step.id,
            ok: false,
            output: null,
            error: `${error.code}: ${error.message}`,
          });
          return this.#finish(pending, { id, ok: false, results, ranSteps }, 'refused', 0);
        }
      }
      // Recorded before the first step acts: a kill from here on leaves an interrupted, undoable request.
      this.#history.started(id, mutating, Date.now());
      this.#running().add(id);
      const roots = rootsFor(this.#config, planned.cwd, this.#home);
      const ran = this.#planner.accepts(planned, roots)
        ? await this.#planner.execute(planned, pending, clearance.risk, roots)
        : undefined;
      if (ran)
        return this.#finish(
          pending,
          this.#planner.outcome(planned, ran),
          ran.ok ? 'done' : 'failed',
          mutating,
        );
      const journal = this.#undo.journal(id);
      const outputs = new Map<string, unknown>();
      for (const step of planned.steps) {
        if (pending.skipped.has(step.id)) {
          results.push({ stepId: step.id, ok: true, output: { skipped: step.preview.summary } });
          continue;
        }
        ranSteps.push(step.id);
        const ctx = this.#context(planned.cwd, {
          journal,
          progress: opts.onProgress && ((d: number, t: number) => opts.onProgress?.(step.id, d, t)),
        });
        try {
          const output = pending.outputs.has(step.id)
            ? pending.outputs.get(step.id)
            : await runStep(step, pending.deferred.has(step.id), outputs, ctx, clearance.risk);
          outputs.set(step.id, output);
          results.push({ stepId: step.id, ok: true, output });
        } catch (error) {
          if (!(error instanceof ToolError || error instanceof KernelError || isSystemError(error))) {
            // not the step's own failure: still, what ran stays undoable
            const undoId = this.#undo.count(id) > 0 ? id : undefined;
            this.#history.finished(
              { id, ok: false, results, ranSteps, ...(undoId ? { undoId } : {}) },
              'failed',
              mutating,
              Date.now(),
            );
            throw error;
          }
          results.push({ stepId: step.id, ok: false, output: null, error: (error as Error).message });
          break;
        }
      }
      const ok = results.length === planned.steps.length && results.every((r) => r.ok);
      const undoId = this.#undo.count(id) > 0 ? id : undefined;
      return this.#finish(
        pending,
        { id, ok, results, ranSteps, ...(undoId ? { undoId } : {}) },
        ok ? 'done' : 'failed',
        mutating,
      );
    } finally {
      this.#running().delete(id);
      clearance.release();
    }
  }

  /** Reverses the last undoable request, or `undoId`, from its journal. */
  async undo(undoId?: string): Promise<UndoResult> {
    await this.settle();
    // Undo puts paths back where they were, wherever it is run from: no roots apply.
    return undoRequest(this.#history, this.#undo, undoId, {
      context: (cwd) => this.#context(cwd),
      agent: () => this.agent,
    });
  }

  /** Ends the atlas agent; a later request starts a new one. */
  close(): void {
    this.#agent?.end();
    this.#agent = undefined;
    (this.#translator as { close?: () => void } | undefined)?.close?.();
  }

  /** Past requests, newest first, with their plans and outcomes. */
  history(limit = 20): HistoryEntry[] {
    return this.#history.list(limit);
  }

  /** Runs a read-only step while planning (authorised like any other, with the agent's own handle). */
  async #readOnly(step: PlannedStep, ctx: ToolContext): Promise<unknown> {
    const def = findAction(step.tool, step.action)!;
    this.agent.authorise(this.agent.baseHandle, step.tool, step.action, 0, targetOf(step));
    try {
      return await def.run(step.args, ctx);
    } catch (error) {
      throw asPlanError(step.id, error);
    }
  }

  async #finish(
    pending: Pending,
    outcome: Outcome,
    status: 'done' | 'failed' | 'refused',
    mutating: number,
  ): Promise<Outcome> {
    this.#history.finished(outcome, status, mutating, Date.now());
    if (pending.learn) await this.#learn((l) => l.recordOutcome(this.#system.home, outcome.id, outcome.ok));
    if (pending.session && outcome.ok) this.#conversations.record(pending.session, pending.planned, outcome);
    return outcome;
  }

  /** Feeds the intelligence layer's learning; never fails a request over it. */
  async #learn(fn: (l: typeof import('../intel/index.ts')) => Promise<unknown>): Promise<void> {
    try {
      await fn(await import('../intel/index.ts'));
    } catch (error) {
      this.#system.log.warn('atlas: learning hook failed', {
        error: String((error as Error)?.message ?? error),
      });
    }
  }

  #pendingOf(id: string): Pending {
    const pending = this.#pending.get(id);
    if (pending) return pending;
    const record = this.#history.get(id);
    if (!record?.planned) throw new AtlasError(`There is no planned request ${id}; plan it first`);
    if (record.status !== 'planned') throw new AtlasError(`Request ${id} has already run (${record.status})`);
    // Planned by an earlier process: paths from earlier steps were pinned into the arguments.
    return {
      planned: record.planned,
      outputs: new Map(),
      skipped: new Set(record.state.skipped),
      deferred: new Set(record.state.deferred),
    };
  }

  #context(
    cwd: string,
    extra: Pick<Parameters<typeof toolContext>[0], 'journal' | 'progress'> = {},
  ): ToolContext {
    return toolContext({
      cwd,
      home: this.#home,
      roots: rootsFor(this.#config, cwd, this.#home),
      forbidden: [this.#system.home],
      kept: [backupsOf(this.#config, this.#system.home, this.#home)],
      ...extra,
    });
  }

  /** Requests executing in this process, per AIOS_HOME: not interrupted, whatever the history says. */
  #running(): Set<string> {
    return runningIn(this.#system.home);
  }

  /** Requests a dead process left running: interrupted, and undoable as far as they got. */
  #recoverInterrupted(): void {
    const ids = this.#history.recover(this.#running(), (id) => this.#undo.count(id));
    if (ids.length > 0) this.#system.log.warn('atlas: requests were interrupted', { ids });
  }
}

const atlases = new WeakMap<System, Atlas>();

/** The Atlas of a running system (one per system), for the API and MCP. */
export function atlasFor(system: System): Atlas {
  let atlas = atlases.get(system);
  if (!atlas) {
    atlas = new Atlas(system);
    atlases.set(system, atlas);
  }
  return atlas;
}
