/**
 * The HTTP application: every route validated by its schemas, errors as problem+json, and
 * authority from the connection (the owner's Unix socket) or a bearer capability token.
 *
 * @example
 * const app = createApp(system, { trustSocket: true });
 * serveUnix(app, socketPath(home));
 */

import type { Context } from 'hono';
import { Hono } from 'hono';
import type { z } from 'zod';
import type { System } from '../boot.ts';
import { KernelError } from '../kernel/errors.ts';
import { ProblemError, problem, statusOf } from './problem.ts';
import type { RouteDef } from './route.ts';
import { agentRoutes } from './routes/agents.ts';
import { atlasRoutes } from './routes/atlas.ts';
import { auditRoutes } from './routes/audit.ts';
import { supervisorRoutes } from './routes/supervisor.ts';
import { systemRoutes } from './routes/system.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { type Principal, Sessions } from './session.ts';

export const ROUTES: RouteDef[] = [
  ...systemRoutes,
  ...agentRoutes,
  ...tokenRoutes,
  ...auditRoutes,
  ...supervisorRoutes,
  ...atlasRoutes,
];

export interface AppOptions {
  /** Requests carry no token and act as the owner (the Unix socket, mode 0600). */
  owner: boolean;
  /** Largest request body in bytes. */
  bodyLimit?: number;
}

export function createApp(system: System, options: AppOptions, sessions = new Sessions(system)): Hono {
  const app = new Hono();
  const limit = options.bodyLimit ?? 1024 * 1024;

  app.onError((error, c) => {
    if (error instanceof ProblemError) return c.json(error.problem, error.problem.status as 400, PROBLEM);
    if (error instanceof KernelError) {
      return c.json(
        problem(statusOf(error.code), error.code, error.message, { code: error.code }),
        statusOf(error.code) as 400,
        PROBLEM,
      );
    }
    system.log.error('request failed', { path: c.req.path, error: String((error as Error)?.stack ?? error) });
    return c.json(
      problem(500, 'Internal error', 'The request failed inside aios; see aios logs'),
      500,
      PROBLEM,
    );
  });
  app.notFound((c) =>
    c.json(problem(404, 'Not found', `No route ${c.req.method} ${c.req.path}`), 404, PROBLEM),
  );

  for (const def of ROUTES) {
    app.on(def.method.toUpperCase(), def.path, async (c) => {
      const principal = authenticate(c, options.owner, sessions);
      const params = parse(def.params, c.req.param(), 'path');
      const query = parse(def.query, c.req.query(), 'query');
      const body = def.body ? parse(def.body, await readJson(c, limit), 'body') : undefined;
      const kernel = system.kernel;
      const sys = <T>(name: string, args: Record<string, unknown> = {}) =>
        kernel.syscall(principal.pid, name, args) as T;
      const result = await def.handler({ system, principal, params, query, body, sys, c });
      if (result instanceof Response) return result;
      const checked = def.response.safeParse(result);
      if (!checked.success) {
        system.log.error('response failed its schema', {
          path: def.path,
          issues: checked.error.issues.slice(0, 3),
        });
        throw new Error(`Response of ${def.path} does not match its schema`);
      }
      return c.json(checked.data as object);
    });
  }
  return app;
}

const PROBLEM = { 'content-type': 'application/problem+json' };

function authenticate(c: Context, owner: boolean, sessions: Sessions): Principal {
  if (owner) return sessions.owner();
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const token = match?.[1] ?? c.req.query('token');
  if (!token) {
    throw new ProblemError(
      problem(
        401,
        'Unauthorized',
        'Send a capability token: Authorization: Bearer <token> (mint one with aios token mint)',
      ),
    );
  }
  return sessions.fromBearer(token);
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join('.') || where;
  throw new ProblemError(
    problem(400, 'Bad request', `${where} field '${field}': ${issue.message}`, { field }),
  );
}

async function readJson(c: Context, limit: number): Promise<unknown> {
  const length = Number(c.req.header('content-length') ?? 0);
  if (length > limit)
    throw new ProblemError(problem(413, 'Payload too large', `The body is over ${limit} bytes`));
  const text = await c.req.text();
  if (text.length > limit)
    throw new ProblemError(problem(413, 'Payload too large', `The body is over ${limit} bytes`));
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ProblemError(problem(400, 'Bad request', 'The body is not valid JSON', { field: 'body' }));
  }
}
