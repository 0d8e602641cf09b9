/**
 * /v1/do, /v1/undo, /v1/history: Atlas over HTTP, so that `aios do` works against a running
 * system (the CLI cannot boot a second kernel on the same home). Plan first, then execute by
 * id, confirmed or not: an unconfirmed plan runs with the atlas agent's own rights, so the
 * kernel refuses its risk 2-3 steps. Owner only (the Unix socket) for now.
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { AtlasError, PlanError } from '../../shell/types.ts';
import { ProblemError, problem } from '../problem.ts';
import { route } from '../route.ts';

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
});

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

function ownerOnly(ctx: { principal: { owner: boolean } }): void {
  if (!ctx.principal.owner) {
    throw new ProblemError(
      problem(403, 'Forbidden', 'Atlas acts on your files; use the owner socket (aios do)'),
    );
  }
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
    method: 'post',
    path: '/v1/do',
    summary: 'Translate and preview a request; nothing runs yet',
    tag: 'atlas',
    body: z.object({
      request: z.string().min(1).max(2000),
      cwd: z.string().refine(isAbsolute, 'an absolute path'),
      session: z.string().max(64).optional(),
    }),
    response: Planned,
    handler: (ctx) => {
      ownerOnly(ctx);
      return atlasCall((atlasFor) =>
        atlasFor(ctx.system).plan(ctx.body.request, { cwd: ctx.body.cwd, session: ctx.body.session }),
      );
    },
  }),
  route({
    method: 'post',
    path: '/v1/do/:id/execute',
    summary: 'Run a planned request (confirmed: the person said yes to its risk)',
    tag: 'atlas',
    params: Id,
    body: z.object({ confirmed: z.boolean().default(false) }),
    response: Outcome,
    handler: async (ctx) => {
      ownerOnly(ctx);
      const out = await atlasCall((atlasFor) =>
        atlasFor(ctx.system).execute(ctx.params.id, { confirmed: ctx.body.confirmed }),
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
    body: z.object({
      undoId: z
        .string()
        .regex(/^\d{1,12}$/)
        .optional(),
    }),
    response: z.object({ undoId: z.string(), restored: z.array(z.string()), conflicts: z.array(z.string()) }),
    handler: async (ctx) => {
      ownerOnly(ctx);
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
      ownerOnly(ctx);
      return atlasCall(
        (atlasFor) => atlasFor(ctx.system).history(ctx.query.limit) as unknown as Record<string, unknown>[],
      );
    },
  }),
];
