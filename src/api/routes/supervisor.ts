/**
 * /v1/supervisor: supervision trees (start, stop, status) and requests to supervised
 * workers. Only the owner (the Unix socket) may use them: the supervisor spawns with its own
 * authority, which a bearer token must not borrow.
 */
import { basename, extname } from 'node:path';
import { z } from 'zod';
import { AiosError } from '../../sdk/errors.ts';
import { SupervisorError, type SupervisorErrorCode } from '../../services/supervisor/errors.ts';
import type { SupervisorClient } from '../../services/supervisor/service.ts';
import { resolveTree, TreeInput } from '../../services/supervisor/spec.ts';
import { ProblemError, problem, statusOf } from '../problem.ts';
import { type RouteContext, route } from '../route.ts';
import { Ok } from '../schemas.ts';

const STATUS: Record<SupervisorErrorCode, number> = {
  bad_spec: 400,
  already_present: 409,
  not_found: 404,
  start_failed: 422,
  reached_max_restart_intensity: 409,
  not_a_service: 400,
  unavailable: 503,
};

const SUPERVISOR_ERRORS = {
  403: 'Supervision is open to the owner only (the Unix socket)',
  409: 'A tree of that name is already running, or a tree gave up after too many restarts',
  503: 'Supervision is not running here, or the supervisor did not answer',
};

const Exit = z.object({ code: z.number(), reason: z.string(), message: z.string().optional() });

interface ChildStatusShape {
  id: string;
  kind: 'worker' | 'supervisor';
  restart: string;
  state: 'running' | 'stopped' | 'failed';
  pid: number | null;
  standbyPid: number | null;
  restarts: number;
  lastExit: z.infer<typeof Exit> | null;
  strategy?: string;
  intensity?: number;
  period?: number;
  children?: ChildStatusShape[];
}

export const ChildStatus: z.ZodType<ChildStatusShape> = z
  .object({
    id: z.string(),
    kind: z.enum(['worker', 'supervisor']),
    restart: z.string(),
    state: z.enum(['running', 'stopped', 'failed']),
    pid: z.number().nullable(),
    standbyPid: z.number().nullable(),
    restarts: z.number(),
    lastExit: Exit.nullable(),
    strategy: z.string().optional(),
    intensity: z.number().optional(),
    period: z.number().optional(),
    get children() {
      return z.array(ChildStatus).optional();
    },
  })
  .meta({ id: 'TreeChildStatus' }); // recursive: the document refers to it by name

export const TreeStatus = z.object({
  name: z.string(),
  pid: z.number(),
  strategy: z.string(),
  intensity: z.number(),
  period: z.number(),
  children: z.array(ChildStatus),
});

const CallRequest = z
  .object({
    path: z.string().min(1).max(1024).describe('Worker path: tree/child[/child...]'),
    body: z.unknown().describe('JSON sent as the request'),
    timeoutMs: z.number().int().min(1).max(600_000).optional(),
  })
  .strict();

/** The owner's supervisor client, or a problem saying why there is none. */
export function supervisorOf(ctx: RouteContext<unknown, unknown, unknown>): SupervisorClient {
  if (!ctx.principal.owner) {
    throw new ProblemError(
      problem(403, 'Forbidden', 'Supervision is open to the owner only (the Unix socket)', {
        code: 'E_NO_RIGHTS',
      }),
    );
  }
  const sup = ctx.system.supervisor;
  if (!sup) {
    throw new ProblemError(
      problem(503, 'unavailable', 'Supervision is not running here; it runs in `aios up` (see aios logs)', {
        code: 'unavailable',
      }),
    );
  }
  return sup;
}

/** Runs fn, turning a SupervisorError into its problem. */
export async function supervised<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof SupervisorError) {
      throw new ProblemError(problem(STATUS[error.code], error.code, error.message, { code: error.code }));
    }
    if (AiosError.is(error)) {
      throw new ProblemError(problem(statusOf(error.code), error.code, error.message, { code: error.code }));
    }
    throw error;
  }
}

/** A one-child tree for `aios spawn --restart`: named after the agent, gone when the child ends for good. */
export function singleChildTree(request: {
  file: string;
  name?: string;
  restart: string;
  critical?: boolean;
  runtime?: string;
  schedClass?: string;
  weight?: number;
  quotas?: Record<string, number>;
  grants?: Partial<Record<string, string>>;
}): unknown {
  const name = request.name ?? basename(request.file, extname(request.file));
  return {
    name,
    autoShutdown: true,
    children: [
      {
        id: name,
        file: request.file,
        restart: request.restart,
        critical: request.critical,
        runtime: request.runtime,
        class: request.schedClass,
        weight: request.weight,
        quotas: request.quotas,
        grants: request.grants,
      },
    ],
  };
}

export const supervisorRoutes = [
  route({
    method: 'get',
    path: '/v1/supervisor',
    summary: 'Supervision trees: children, pids, standbys and restart counts',
    tag: 'supervisor',
    response: TreeStatus,
    errors: SUPERVISOR_ERRORS,
    handler: (ctx) => supervised(() => supervisorOf(ctx).status()),
  }),
  route({
    method: 'post',
    path: '/v1/supervisor/trees',
    summary: 'Start a supervision tree (children start in order)',
    tag: 'supervisor',
    // Checked by resolveTree, whose messages name the child at fault (a union's do not).
    body: z.record(z.string(), z.unknown()),
    bodyDoc: TreeInput.describe('A tree spec as in SPEC.json; see docs/supervision.md'),
    response: ChildStatus,
    errors: { ...SUPERVISOR_ERRORS, 422: 'A child of the tree could not be started' },
    handler: (ctx) =>
      supervised(async () => {
        const sup = supervisorOf(ctx);
        const tree = resolveTree(ctx.body, { hasRuntime: (r) => ctx.system.host.hasRuntime(r as never) });
        return sup.start(tree);
      }),
  }),
  route({
    method: 'delete',
    path: '/v1/supervisor/trees/:name',
    summary: 'Stop a tree (children in reverse order) and forget its checkpoints',
    tag: 'supervisor',
    params: z.object({ name: z.string().min(1).max(64) }),
    response: Ok,
    errors: SUPERVISOR_ERRORS,
    handler: (ctx) =>
      supervised(async () => {
        await supervisorOf(ctx).stop(ctx.params.name);
        return { ok: true as const };
      }),
  }),
  route({
    method: 'post',
    path: '/v1/supervisor/call',
    summary: 'Send a request to a supervised worker’s service endpoint and return its reply',
    tag: 'supervisor',
    body: CallRequest,
    response: z.object({ reply: z.unknown() }),
    errors: {
      ...SUPERVISOR_ERRORS,
      404: 'No worker at that path',
      410: 'The worker closed its endpoint',
      504: 'The worker did not reply within timeoutMs',
    },
    handler: (ctx) =>
      supervised(async () => {
        const sup = supervisorOf(ctx);
        const reply = await sup.call(ctx.body.path.split('/'), ctx.body.body ?? null, ctx.body.timeoutMs);
        const text = reply.text();
        try {
          return { reply: JSON.parse(text) as unknown };
        } catch {
          return { reply: text };
        }
      }),
  }),
];
