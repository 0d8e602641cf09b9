/**
 * /v1/do, /v1/undo, /v1/history: Atlas over HTTP, so that `aios do` works against a running
 * system (the CLI cannot boot a second kernel on the same home) and the dashboard and MCP
 * clients can use it. Plan first, then execute by id, confirmed or not: an unconfirmed plan
 * runs with the atlas agent's own rights, so the kernel refuses its risk 2-3 steps.
 *
 * The owner (the Unix socket) may do anything Atlas can. A bearer token must hold, on the
 * system or the tool resource, the rights of the risk it asks for (RISK_RIGHTS: planning and
 * history need risk 0's, undo risk 1's, running a plan its highest step's); it may run and
 * confirm only plans it made, in the person's home. Refusals and runs are in the audit chain.
 */
import { homedir } from 'node:os';
import { isAbsolute, relative } from 'node:path';
import { z } from 'zod';
import { KernelError } from '../../kernel/errors.ts';
import { RISK } from '../../kernel/index.ts';
import { PLAN_LIMITS } from '../../services/planner/limits.ts';
import { AtlasError, PlanError } from '../../shell/types.ts';
import { ProblemError, problem } from '../problem.ts';
import { type RouteContext, route } from '../route.ts';

const Step = z.object({
  id: z.string(),
  tool: z.string(),
  action: z.string(),
  args: z.record(z.string(), z.unknown()),
  risk: z.number(),
  dependsOn: z.array(z.string()),
  why: z.string().optional(),
  preview: z.object({
    summary: z.string(),
    paths: z.array(z.string()),
    bytes: z.number(),
    irreversible: z.string().optional(),
    target: z.string().optional(),
  }),
  added: z.object({ goal: z.string(), reason: z.string(), guards: z.string() }).optional(),
  confidence: z.number().optional(),
  reasons: z.array(z.string()).optional(),
});

const Planned = z.object({
  id: z.string(),
  request: z.string(),
  goal: z.string(),
  steps: z.array(Step),
  requiresConfirmation: z.boolean(),
  clarify: z.string().optional(),
  suggestions: z.array(z.string()).optional(),
  source: z.enum(['offline', 'llm', 'cache']),
  cwd: z.string(),
  trail: z.array(z.string()).optional(),
  inferredGoal: z
    .object({
      kind: z.string(),
      label: z.string(),
      confidence: z.number(),
      cues: z.array(z.string()),
      said: z.boolean(),
      note: z.string().optional(),
    })
    .optional(),
  doubts: z.array(z.object({ stepId: z.string(), confidence: z.number(), reason: z.string() })).optional(),
  proposal: z
    .object({ label: z.string(), source: z.enum(['model', 'offline']), model: z.string().optional() })
    .optional()
    .describe('Planned as an alternative: its label and who proposed it'),
});

const Proposer = z
  .enum(['model', 'offline'])
  .describe('Who proposed it: a configured model, or the offline rewrites');

const Outcome = z.object({
  id: z.string(),
  ok: z.boolean(),
  results: z.array(
    z.object({ stepId: z.string(), ok: z.boolean(), output: z.unknown(), error: z.string().optional() }),
  ),
  undoId: z.string().optional(),
  ranSteps: z.array(z.string()),
});

const Id = z.object({ id: z.string().regex(/^\d{1,12}$/, 'a request id is a number') });

type Ctx = RouteContext<unknown, unknown, unknown>;

/** Who planned each pending request (a token may run only its own) and the plan's risk. */
const planners = new Map<string, { pid: number; risk: number }>();
const PLANNERS_MAX = 1000;

/** The person's home, where a token's requests run (Atlas's own default). */
const home = () => process.env.HOME ?? homedir();

/**
 * Throws E_NO_RIGHTS unless the caller may act at `risk`: the owner always may; a token's
 * handle must name the system or the tool resource and hold RISK_RIGHTS[risk]. The decision
 * is recorded in the audit chain as `what` by the caller's session.
 */
function allow(ctx: Ctx, risk: number, what: string, detail: Record<string, unknown> = {}): void {
  if (ctx.principal.owner) return;
  try {
    ctx.sys('tool_invoke', {
      handle: ctx.principal.handle,
      tool: 'atlas',
      action: what,
      risk,
      target: detail.request === undefined ? undefined : String(detail.request),
    });
  } catch (error) {
    if (error instanceof KernelError) {
      throw new KernelError(
        error.code,
        error.code === 'E_NO_RIGHTS'
          ? `${what} at risk ${risk} needs rights this token lacks`
          : error.message,
      );
    }
    throw error;
  }
}

/** A token's requests run in the person's home (Atlas's roots follow the cwd). */
function cwdFor(ctx: Ctx, cwd: string | undefined): string {
  const HOME = home();
  if (cwd === undefined) return HOME;
  const rel = relative(HOME, cwd);
  if (!ctx.principal.owner && (rel.startsWith('..') || isAbsolute(rel))) {
    throw new ProblemError(
      problem(403, 'Forbidden', `A token's requests run inside ${HOME}, not '${cwd}'`, { field: 'body.cwd' }),
    );
  }
  return cwd;
}

type AtlasOf = typeof import('../../shell/atlas.ts').atlasFor;

/**
 * Runs fn with the system's Atlas (loaded on first use, so `aios up` starts without it).
 * Atlas's own errors are the caller's to fix: 400 (bad plan) or 409 (wrong state).
 */
async function atlasCall<T>(fn: (atlasFor: AtlasOf) => Promise<T> | T): Promise<T> {
  const { atlasFor } = await import('../../shell/atlas.ts');
  try {
    return await fn(atlasFor);
  } catch (error) {
    if (error instanceof PlanError) throw new ProblemError(problem(400, 'Cannot plan', error.message));
    if (error instanceof AtlasError)
      throw new ProblemError(problem(409, 'Cannot do that now', error.message));
    throw error;
  }
}

export const atlasRoutes = [
  route({
    method: 'get',
    path: '/v1/tools',
    summary: "Atlas's tool catalog: every action with its summary, risk and argument schema",
    tag: 'atlas',
    response: z.array(
      z.object({
        tool: z.string(),
        action: z.string(),
        summary: z.string(),
        risk: z.number(),
        args: z.record(z.string(), z.unknown()),
      }),
    ),
    handler: async (ctx) => {
      ctx.sys('handle_info', { handle: ctx.principal.handle });
      const { toolCatalog } = await import('../../tools/catalog.ts');
      return toolCatalog().map((e) => ({ ...e }));
    },
  }),
  route({
    method: 'post',
    path: '/v1/do',
    summary: 'Translate and preview a request; nothing runs yet',
    tag: 'atlas',
    body: z
      .object({
        request: z.string().min(1).max(2000),
        cwd: z
          .string()
          .max(4096)
          .regex(/^\//, 'an absolute path')
          .optional()
          .describe('An absolute path (default: the home folder; a token’s must be inside it)'),
        session: z.string().max(64).optional(),
      })
      .strict(),
    response: Planned,
    errors: { 400: 'A field is not valid, or the request cannot be planned (the problem says why)' },
    handler: async (ctx) => {
      allow(ctx, 0, 'atlas_plan');
      const cwd = cwdFor(ctx, ctx.body.cwd);
      const planned = await atlasCall((atlasFor) =>
        atlasFor(ctx.system).plan(ctx.body.request, { cwd, session: ctx.body.session }),
      );
      if (!ctx.principal.owner) {
        if (planners.size >= PLANNERS_MAX) planners.delete(planners.keys().next().value!);
        planners.set(planned.id, {
          pid: ctx.principal.pid,
          risk: Math.max(0, ...planned.steps.map((s) => s.risk)),
        });
      }
      return planned;
    },
  }),
  route({
    method: 'post',
    path: '/v1/do/:id/alternatives',
    summary:
      'Tree of thoughts: other ways to do a planned request, each planned, scored and explained, best first',
    tag: 'atlas',
    params: Id,
    body: z.object({ k: z.number().int().min(1).max(PLAN_LIMITS.CHOOSE_MAX).default(3) }).strict(),
    response: z.object({
      of: z.string(),
      best: z.string(),
      options: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          source: Proposer,
          rationale: z.string().optional(),
          merged: z.array(z.object({ label: z.string(), source: Proposer })).optional(),
          planned: Planned,
          score: z.number(),
          valid: z.boolean(),
          risk: z.number(),
          blast: z.object({ paths: z.number(), bytes: z.number(), reversible: z.boolean() }),
          cost: z.number(),
          timeMs: z.number(),
          confidence: z.number(),
          pros: z.array(z.string()),
          cons: z.array(z.string()),
        }),
      ),
      dropped: z
        .array(z.object({ label: z.string(), source: Proposer, reason: z.string() }))
        .describe('Ways proposed that cannot run (invalid, outside the roots, …), with why; never run'),
      model: z.string().optional().describe('The model that proposed alternatives, when one did'),
      note: z
        .string()
        .optional()
        .describe('Why a configured model proposed none (the offline ones stand alone)'),
    }),
    errors: {
      403: 'The token did not plan this request',
      409: 'There is no such planned request, or it has already run',
    },
    handler: async (ctx) => {
      allow(ctx, 0, 'atlas_plan');
      const mine = planners.get(ctx.params.id);
      if (!ctx.principal.owner && mine?.pid !== ctx.principal.pid)
        throw new ProblemError(
          problem(403, 'Forbidden', `Request ${ctx.params.id} was not planned with this token`, {
            field: 'path.id',
          }),
        );
      const out = await atlasCall((atlasFor) => atlasFor(ctx.system).alternatives(ctx.params.id, ctx.body.k));
      // a token may run the alternatives of its own request, with the rights their steps need
      if (!ctx.principal.owner)
        for (const o of out.options)
          if (o.planned)
            planners.set(o.id, {
              pid: ctx.principal.pid,
              risk: Math.max(0, ...o.planned.steps.map((s) => s.risk)),
            });
      return out;
    },
  }),
  route({
    method: 'post',
    path: '/v1/do/:id/choose',
    summary: 'Record that this planned request was chosen among alternatives, and by whom',
    tag: 'atlas',
    params: Id,
    body: z
      .object({
        of: z
          .array(z.string().regex(/^\d{1,12}$/))
          .min(1)
          .max(PLAN_LIMITS.CHOOSE_MAX),
        by: z.enum(['score', 'person']),
      })
      .strict(),
    response: z.object({ ok: z.boolean() }),
    errors: {
      403: 'The token did not plan this request',
      409: 'There is no such planned request, or it has already run',
    },
    handler: async (ctx) => {
      allow(ctx, 0, 'atlas_plan');
      if (!ctx.principal.owner && planners.get(ctx.params.id)?.pid !== ctx.principal.pid)
        throw new ProblemError(
          problem(403, 'Forbidden', `Request ${ctx.params.id} was not planned with this token`, {
            field: 'path.id',
          }),
        );
      await atlasCall((atlasFor) => atlasFor(ctx.system).choose(ctx.params.id, ctx.body));
      return { ok: true };
    },
  }),
  route({
    method: 'post',
    path: '/v1/do/:id/execute',
    summary: 'Run a planned request (confirmed: the person said yes to its risk)',
    tag: 'atlas',
    params: Id,
    body: z
      .object({
        confirmed: z.boolean().default(false),
        acceptDoubts: z.boolean().default(false).describe('Run even the steps the critique doubts'),
      })
      .strict(),
    response: Outcome,
    errors: {
      403: 'The token lacks the rights of the plan’s riskiest step, or did not plan this request',
      409: 'There is no such planned request, or it has already run',
    },
    handler: async (ctx) => {
      if (!ctx.principal.owner) {
        const mine = planners.get(ctx.params.id);
        if (mine?.pid !== ctx.principal.pid) {
          throw new ProblemError(
            problem(403, 'Forbidden', `Request ${ctx.params.id} was not planned with this token`, {
              field: 'path.id',
            }),
          );
        }
        // unconfirmed, the kernel holds it to risk 1 anyway; confirmed, the token must allow it all
        allow(ctx, ctx.body.confirmed ? mine.risk : Math.min(RISK.CREATE, mine.risk), 'atlas_execute', {
          request: ctx.params.id,
          confirmed: ctx.body.confirmed,
        });
        planners.delete(ctx.params.id);
      }
      const out = await atlasCall((atlasFor) =>
        atlasFor(ctx.system).execute(ctx.params.id, {
          confirmed: ctx.body.confirmed,
          acceptDoubts: ctx.body.acceptDoubts,
        }),
      );
      ctx.system.persist.flush();
      return out;
    },
  }),
  route({
    method: 'post',
    path: '/v1/undo',
    summary: 'Undo the last request that changed something, or the one named',
    tag: 'atlas',
    body: z
      .object({
        undoId: z
          .string()
          .regex(/^\d{1,12}$/)
          .optional(),
      })
      .strict(),
    errors: {
      409: 'Nothing to undo, no such request, it was undone already, or it changed nothing that can be undone',
    },
    response: z.object({ undoId: z.string(), restored: z.array(z.string()), conflicts: z.array(z.string()) }),
    handler: async (ctx) => {
      allow(ctx, 1, 'atlas_undo', { request: ctx.body.undoId ?? 'last' });
      const out = await atlasCall((atlasFor) => atlasFor(ctx.system).undo(ctx.body.undoId));
      ctx.system.persist.flush();
      return out;
    },
  }),
  route({
    method: 'get',
    path: '/v1/history',
    summary: 'Past requests with their plans and outcomes, newest first',
    tag: 'atlas',
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(20) }),
    response: z.array(z.record(z.string(), z.unknown())),
    handler: (ctx) => {
      allow(ctx, 0, 'atlas_history');
      return atlasCall(async (atlasFor) => {
        const atlas = atlasFor(ctx.system);
        await atlas.settle(); // requests a crash cut off on the planner, whose runs ended since
        return atlas.history(ctx.query.limit) as unknown as Record<string, unknown>[];
      });
    },
  }),
];
