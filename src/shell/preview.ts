/**
 * Turning a translated plan into planned steps: each step checked against its action's
 * schema and previewed, its risk raised to what the tools say, and the paths of earlier
 * read-only steps pinned into it ("delete them" names exactly the files that were found).
 */
import type { Plan, Risk } from '../intel/intent.ts';
import { KernelError } from '../kernel/errors.ts';
import { higherRisk } from '../kernel/risk.ts';
import { configuresExecution, previewAction } from '../tools/exec-config.ts';
import { findAction } from '../tools/registry.ts';
import { type ActionDef, type ToolContext, ToolError } from '../tools/types.ts';
import { subjectsOf } from './context.ts';
import { PlanError, type PlannedStep } from './types.ts';

export interface StepsState {
  /** Outputs of read-only steps already run while planning (their paths are pinned in later steps). */
  outputs: Map<string, unknown>;
  /** Steps with nothing to act on (an earlier step found nothing). */
  skipped: Set<string>;
  /** Steps whose paths come from an earlier step that changes things: resolved when they run. */
  deferred: Set<string>;
}

/**
 * The planned steps of `plan`. Read-only steps whose paths a later step takes are run now,
 * through `readOnly` (which has the kernel authorise them). Throws PlanError.
 */
export async function previewSteps(
  plan: Plan,
  ctx: ToolContext,
  state: StepsState,
  readOnly: (step: PlannedStep) => Promise<unknown>,
): Promise<PlannedStep[]> {
  const steps: PlannedStep[] = [];
  for (const step of plan.steps) {
    const def = findAction(step.tool, step.action);
    if (!def) throw new PlanError(`Step ${step.id}: there is no action ${step.tool}.${step.action}`);
    if (steps.some((s) => s.id === step.id)) throw new PlanError(`Step id '${step.id}' is used twice`);
    for (const dep of step.dependsOn) {
      if (!steps.some((s) => s.id === dep))
        throw new PlanError(`Step ${step.id} depends on '${dep}', no earlier step`);
    }
    let args = validArgs(def, step.id, step.args);
    const planned: PlannedStep = {
      id: step.id,
      tool: step.tool,
      action: step.action,
      args,
      risk: higherRisk(step.risk as Risk, def.risk),
      dependsOn: step.dependsOn,
      ...(step.why ? { why: step.why } : {}),
      preview: { summary: '', paths: [], bytes: 0 },
    };
    const from = typeof args.from === 'string' ? args.from : undefined;
    if (from !== undefined) {
      const source = steps.find((s) => s.id === from);
      if (!source) throw new PlanError(`Step ${step.id} takes the paths of '${from}', no earlier step`);
      if (source.risk === 0 && !state.deferred.has(source.id)) {
        if (!state.outputs.has(from)) state.outputs.set(from, await readOnly(source));
        const { from: _, ...rest } = args;
        args = { ...rest, paths: subjectsOf(state.outputs.get(from)) };
        planned.args = args;
        if ((args.paths as string[]).length === 0) {
          state.skipped.add(step.id);
          planned.risk = 0;
          planned.preview = { summary: `nothing to do: step ${from} found nothing`, paths: [], bytes: 0 };
          steps.push(planned);
          continue;
        }
      } else state.deferred.add(step.id);
    }
    if (!state.deferred.has(step.id)) {
      try {
        const preview = await previewAction(def, args, ctx);
        if (preview.pinned) planned.args = { ...args, ...preview.pinned };
        planned.risk = higherRisk(planned.risk, preview.risk ?? 0);
        planned.preview = {
          summary: preview.summary,
          paths: preview.paths,
          bytes: preview.bytes,
          ...(preview.irreversible ? { irreversible: preview.irreversible } : {}),
          ...(preview.target ? { target: preview.target } : {}),
        };
      } catch (error) {
        // It may depend on what an earlier step creates: preview it when it runs.
        const earlierChanges = steps.some((s) => s.risk > 0 && !state.skipped.has(s.id));
        if (!(error instanceof ToolError) || !earlierChanges) throw asPlanError(step.id, error);
        state.deferred.add(step.id);
      }
    }
    if (state.deferred.has(step.id)) {
      planned.risk = higherRisk(planned.risk, def.maxRisk ?? def.risk);
      planned.preview = {
        summary: `${def.summary.toLowerCase()}, on what ${from ?? 'earlier steps'} ${from ? 'produces' : 'leave'}`,
        paths: [],
        bytes: 0,
      };
    }
    steps.push(planned);
  }
  return steps;
}

export function validArgs(def: ActionDef, stepId: string, args: unknown): Record<string, unknown> {
  const parsed = def.args.safeParse(args);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.');
  throw new PlanError(
    `Step ${stepId} (${def.tool}.${def.action}): ${field ? `argument '${field}' ` : ''}${issue.message.toLowerCase()}`,
  );
}

/** What the audit entry of a step names: the target the preview gave, else its first path. */
export function targetOf(step: PlannedStep): string | undefined {
  return step.preview.target ?? step.preview.paths[0];
}

export function asPlanError(stepId: string, error: unknown): Error {
  if (error instanceof ToolError || error instanceof KernelError) return new PlanError(error.message);
  if (isSystemError(error)) return new PlanError(`Step ${stepId}: ${(error as Error).message}`);
  return error as Error;
}

/** An error from the operating system (ENOENT, EACCES, …): the step failed, Atlas did not. */
export function isSystemError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && !(error instanceof KernelError);
}

/**
 * Runs a planned step on Atlas's direct path: a step whose paths come from an earlier step that
 * changed things (`deferred`) takes them from `outputs` and is previewed again, its risk held to
 * `clearance`; any other step that changes something is checked once more for a path that now
 * leads into a file deciding what programs run.
 */
export async function runStep(
  step: PlannedStep,
  deferred: boolean,
  outputs: ReadonlyMap<string, unknown>,
  ctx: ToolContext,
  clearance: Risk,
): Promise<unknown> {
  const def = findAction(step.tool, step.action)!;
  let args = validArgs(def, step.id, step.args);
  if (deferred) {
    if (typeof args.from === 'string') {
      const paths = subjectsOf(outputs.get(args.from));
      if (paths.length === 0) return { skipped: `step ${args.from} produced nothing to act on` };
      const { from: _, ...rest } = args;
      args = { ...rest, paths };
    }
    const preview = await previewAction(def, args, ctx);
    const risk = higherRisk(step.risk, preview.risk ?? 0);
    if (risk > clearance) {
      throw new ToolError(
        `Step ${step.id} turned out to need risk ${risk} (${preview.summary}); plan the request again and confirm it`,
      );
    }
    if (preview.pinned) args = { ...args, ...preview.pinned };
  } else if (step.risk >= 1 && step.risk < 3) {
    // A path swapped for a symlink since planning could lead this step into a startup file.
    const now = step.preview.paths.find((p) => configuresExecution(p, ctx.home) !== undefined);
    if (now !== undefined) {
      throw new ToolError(
        `Step ${step.id} would now change '${ctx.paths.display(now)}', which decides what programs run; plan the request again and confirm it`,
      );
    }
  }
  return def.run(args, ctx);
}
