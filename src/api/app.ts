/**
 * The HTTP application: every route validated by its schemas, errors as problem+json, and
 * authority from the connection (the owner's Unix socket) or a bearer capability token. It
 * also serves the OpenAPI document, Prometheus metrics, the MCP endpoint and the dashboard.
 *
 * @example
 * const services = createServices(system);
 * serveUnix(createApp(system, { owner: true, services }), socketPath(home));
 */

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import type { System } from '../boot.ts';
import { ConfigError as LlmConfigError } from '../intel/config-error.ts';
import { KernelError } from '../kernel/errors.ts';
import { asDiskFull, type DiskFullError, isDiskFull } from '../platform/disk-full.ts';
import type { ServiceGateway } from '../services/declare.ts';
import { ConfigError as AtlasConfigError } from '../shell/config.ts';
import { allowedHosts, hostGuard } from './host-check.ts';
import type { McpTool } from './mcp.ts';
import { openApiDocument } from './openapi.ts';
import { type Problem, ProblemError, problem, statusOf } from './problem.ts';
import type { RouteContext, RouteDef } from './route.ts';
import { agentRoutes } from './routes/agents.ts';
import { atlasRoutes } from './routes/atlas.ts';
import { auditRoutes } from './routes/audit.ts';
import { eventRoutes } from './routes/events.ts';
import { inspectSystem } from './routes/guard.ts';
import { loginRoutes } from './routes/login.ts';
import { serviceRoutes, serviceTags } from './routes/services.ts';
import { supervisorRoutes } from './routes/supervisor.ts';
import { systemRoutes } from './routes/system.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { type ApiServices, createServices } from './services.ts';
import { type Principal, Sessions } from './session.ts';

export const ROUTES: RouteDef[] = [
  ...systemRoutes,
  ...agentRoutes,
  ...tokenRoutes,
  ...loginRoutes,
  ...auditRoutes,
  ...eventRoutes,
  ...supervisorRoutes,
  ...atlasRoutes,
];

/** The built dashboard (npm install / npm test / npm start build it with esbuild). */
export const WEB_DIST = resolve(import.meta.dirname, '..', '..', 'web', 'dist');

export interface AppOptions {
  /** Requests without a token act as the owner (the Unix socket, mode 0600). */
  owner: boolean;
  /** Largest request body in bytes. */
  bodyLimit?: number;
  /** Shared with the other listener of the same system; created for this app if absent. */
  services?: ApiServices;
  /** MCP tools beyond the system tools (Atlas's). */
  mcpTools?: McpTool[];
  /**
   * Host names a bearer-token app answers to (DNS rebinding); loopback names when absent.
   * The owner's socket is out of a browser's reach and checks none.
   */
  hosts?: ReadonlySet<string>;
  /**
   * The system services, whose routes, OpenAPI paths and MCP tools are derived from their
   * declarations: the system's own (system.services) unless a test gives another.
   */
  gateway?: ServiceGateway;
}

export function createApp(system: System, options: AppOptions, sessions = new Sessions(system)): Hono {
  const app = new Hono();
  const limit = options.bodyLimit ?? 1024 * 1024;
  const services = options.services ?? createServices(system);
  // prom-client loads beside the app; a scrape that comes first waits for it (see metrics.ts)
  services.metrics.load().catch(() => {});
  let openapi: object | undefined;
  // the services' routes are those of the services running when the app is built (aios up
  // builds it once they started): a service that is down later answers 503, never 404
  const gateway = options.gateway ?? system.services;
  const decls = gateway.declarations();
  const routes = [...ROUTES, ...serviceRoutes(gateway)];

  app.onError((error, c) => {
    const reply = (p: Problem) => c.json(p, p.status as 400, p.status === 401 ? challenge(c) : PROBLEM);
    if (error instanceof ProblemError) return reply(error.problem);
    if (error instanceof AtlasConfigError || error instanceof LlmConfigError) {
      // a config file that went bad after boot: the service cannot run until it is fixed
      return reply(problem(503, 'Misconfigured', error.message, { code: 'E_CONFIG' }));
    }
    const full = asDiskFull(error, system.store.path);
    if (full) return reply(diskFull(full));
    if (error instanceof KernelError) {
      return reply(problem(statusOf(error.code), error.code, error.message, { code: error.code }));
    }
    system.log.error('request failed', { path: c.req.path, error: String((error as Error)?.stack ?? error) });
    return c.json(
      problem(500, 'Internal error', 'The request failed inside aios; see aios logs'),
      500,
      PROBLEM,
    );
  });
  const methods = allowedMethods(routes);
  app.notFound((c) => {
    const allow = methods(c.req.path);
    if (allow) {
      const detail = `${c.req.path} does not take ${c.req.method}; use ${allow}`;
      return c.json(problem(405, 'Method not allowed', detail), 405, { ...PROBLEM, allow });
    }
    return c.json(problem(404, 'Not found', `No route ${c.req.method} ${c.req.path}`), 404, PROBLEM);
  });
  if (!options.owner) app.use('*', hostGuard(options.hosts ?? allowedHosts()));
  const tooLarge = problem(413, 'Payload too large', `The body is over ${limit} bytes`, { field: 'body' });
  app.use('*', bodyLimit({ maxSize: limit, onError: (c) => c.json(tooLarge, 413, PROBLEM) }));

  for (const def of routes) {
    app.on(def.method.toUpperCase(), def.path, async (c) => {
      const started = performance.now();
      let status = 500;
      try {
        const response = await handle(def, c);
        status = response.status;
        return response;
      } catch (error) {
        status =
          error instanceof ProblemError
            ? error.problem.status
            : error instanceof KernelError
              ? statusOf(error.code)
              : isDiskFull(error)
                ? 507
                : error instanceof AtlasConfigError || error instanceof LlmConfigError
                  ? 503
                  : 500;
        throw error;
      } finally {
        const seconds = (performance.now() - started) / 1000;
        services.metrics.request(def.method, def.path, status, seconds);
        if (def.method !== 'get' || status >= 400) {
          system.log.write(status >= 500 ? 'error' : 'info', 'api', {
            method: def.method.toUpperCase(),
            route: def.path,
            status,
            ms: Math.round(seconds * 10_000) / 10,
          });
        }
      }
    });
  }

  async function handle(def: RouteDef, c: Context): Promise<Response> {
    const principal =
      def.auth === 'none' ? NOBODY : authenticate(c, options.owner, sessions, def.queryToken === true);
    const params = parse(def.params, c.req.param(), 'path');
    const query = parse(
      def.query,
      def.queryFrom
        ? def.queryFrom(knownQuery(def, c.req.queries()))
        : firstOf(knownQuery(def, c.req.queries())),
      'query',
    );
    const body = def.body ? parse(def.body, await readJson(c), 'body') : undefined;
    // On a full disk a write is refused before it acts: it could not be kept. Reads go on.
    const full = system.persist.diskFull;
    if (full && def.method !== 'get' && !READS_BY_POST.has(def.path)) throw new ProblemError(diskFull(full));
    const kernel = system.kernel;
    const sys = <T>(name: string, args: Record<string, unknown> = {}) =>
      kernel.syscall(principal.pid, name, args) as T;
    const ctx: RouteContext<unknown, unknown, unknown> = {
      system,
      services,
      principal,
      params,
      query,
      body,
      sys: sys as RouteContext<unknown, unknown, unknown>['sys'],
      c,
    };
    const result = await def.handler(ctx);
    if (result instanceof Response) return result;
    const checked = (def.responseFor?.(query) ?? def.response).safeParse(result);
    if (!checked.success) {
      system.log.error('response failed its schema', {
        path: def.path,
        issues: checked.error.issues.slice(0, 3),
      });
      throw new Error(`Response of ${def.path} does not match its schema`);
    }
    return c.json(checked.data as object);
  }

  app.get('/openapi.json', (c) => {
    openapi ??= openApiDocument(routes, { tags: serviceTags(decls) });
    return c.json(openapi);
  });

  app.get('/metrics', async (c) => {
    const principal = authenticate(c, options.owner, sessions, false);
    const ctx = { system, principal } as RouteContext<unknown, unknown, unknown>;
    inspectSystem(ctx, 'Reading metrics');
    return c.text(await services.metrics.text(), 200, { 'content-type': services.metrics.contentType });
  });

  // MCP over streamable HTTP, stateless: each request gets a server acting with its own token
  app.all('/mcp', async (c) => {
    authenticate(c, options.owner, sessions, true);
    const bearer = c.req.query('token');
    const authorization = c.req.header('authorization') ?? (bearer ? `Bearer ${bearer}` : undefined);
    // The MCP SDK loads on first use: it would add a sixth to \`aios up\`'s time to ready.
    const [{ createMcpServer, invokeVia }, { WebStandardStreamableHTTPServerTransport }] = await Promise.all([
      import('./mcp.ts'),
      import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'),
    ]);
    const server = createMcpServer(
      invokeVia((path, init) => app.request(path, init), authorization),
      { tools: options.mcpTools, services: decls },
    );
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      void server.close();
    }
  });

  if (existsSync(join(WEB_DIST, 'index.html'))) {
    app.use('/*', serveStatic({ root: WEB_DIST, precompressed: true }));
  } else {
    app.get('/', (c) =>
      c.text('The dashboard is not built: run npm install (or npm run build:web) in the aios folder', 503),
    );
  }
  return app;
}

const PROBLEM = { 'content-type': 'application/problem+json' };

/** POSTs that keep nothing in the store: they go on while the disk is full (the dashboard can still log in and watch). */
const READS_BY_POST = new Set(['/v1/audit/verify', '/v1/login']);

function diskFull(error: DiskFullError) {
  return problem(507, 'Disk full', error.message, { code: 'E_DISK_FULL' });
}

/** The principal of routes that need no token: no agent, so any syscall it tried would fail. */
const NOBODY: Principal = { pid: 0, handle: 0, scope: 'none', owner: false };

/** The WWW-Authenticate challenge of a 401 (RFC 6750), saying whether the token sent was bad. */
function challenge(c: Context): Record<string, string> {
  const sent = c.req.header('authorization') !== undefined || c.req.query('token') !== undefined;
  return {
    ...PROBLEM,
    'www-authenticate': sent ? 'Bearer realm="aios", error="invalid_token"' : 'Bearer realm="aios"',
  };
}

function unauthorized(detail: string, code?: string): ProblemError {
  return new ProblemError(
    problem(401, 'Unauthorized', detail, { field: 'authorization', ...(code ? { code } : {}) }),
  );
}

/**
 * The caller's principal: the owner on the Unix socket, else the session of the bearer token
 * (from the Authorization header, or ?token= where the route takes one). Anything wrong with
 * the token is a 401: a client that sent a bad token must learn to send another.
 */
function authenticate(c: Context, owner: boolean, sessions: Sessions, queryToken: boolean): Principal {
  const header = c.req.header('authorization');
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (header !== undefined && !match) {
    throw unauthorized(
      'The Authorization header is not "Bearer <token>"; send the token minted by aios token mint',
    );
  }
  const token = match?.[1] ?? (queryToken ? c.req.query('token') : undefined);
  // On the owner's socket a token narrows authority to its rights (aios mcp --token).
  if (owner && !token) return sessions.owner();
  if (!token) {
    throw unauthorized(
      'Send a capability token: Authorization: Bearer <token> (mint one with aios token mint)',
    );
  }
  if (token.length > 16_384) throw unauthorized('That is not a capability token (too long)');
  try {
    return sessions.fromBearer(token);
  } catch (error) {
    if (!(error instanceof KernelError) || !TOKEN_REFUSALS.has(error.code)) throw error;
    const detail =
      error.code === 'E_BAD_ARG'
        ? 'That is not a capability token; send one minted by aios token mint'
        : error.message;
    throw unauthorized(detail, error.code);
  }
}

/**
 * What redeeming a token throws when the token itself is no good (not a token, forged,
 * tampered, expired, revoked, issued to another agent, scoped to an agent that has ended).
 */
const TOKEN_REFUSALS = new Set<string>([
  'E_BAD_ARG',
  'E_TOKEN_FORGED',
  'E_TOKEN_TAMPERED',
  'E_TOKEN_EXPIRED',
  'E_TOKEN_REVOKED',
  'E_NO_RIGHTS',
  'E_NOT_FOUND',
]);

/** A path's methods for an Allow header (HEAD wherever GET), or undefined for a path no route has. */
function allowedMethods(routes: readonly RouteDef[]): (path: string) => string | undefined {
  const byPattern = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const def of routes) {
    const source = `^${def.path.replace(/:[A-Za-z_]+/g, '[^/]+')}/?$`;
    const entry = byPattern.get(source) ?? { pattern: new RegExp(source), methods: new Set<string>() };
    entry.methods.add(def.method.toUpperCase());
    if (def.method === 'get') entry.methods.add('HEAD');
    byPattern.set(source, entry);
  }
  return (path) => {
    const methods = new Set<string>();
    for (const { pattern, methods: m } of byPattern.values())
      if (pattern.test(path)) for (const x of m) methods.add(x);
    return methods.size ? [...methods].join(', ') : undefined;
  };
}

/**
 * The query without ?token= (authority, not input); a parameter the route does not take is a
 * 400, as an unknown body field is, so a misspelt ?limt=5 does not silently do the default.
 */
function knownQuery(def: RouteDef, query: Record<string, string[]>): Record<string, string[]> {
  const known = new Set(Object.keys((def.query as { shape?: object } | undefined)?.shape ?? {}));
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(query)) {
    if (name === 'token' && def.queryToken) continue;
    if (!known.has(name)) {
      const takes = known.size ? `it takes ${[...known].join(', ')}` : 'it takes none';
      throw new ProblemError(
        problem(400, 'Bad request', `query.${name}: not a parameter of ${def.path}; ${takes}`, {
          field: `query.${name}`,
        }),
      );
    }
    out[name] = value;
  }
  return out;
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [where, ...issue.path].join('.');
  throw new ProblemError(problem(400, 'Bad request', `${field}: ${issue.message}`, { field }));
}

/** The first value of each query parameter (routes that take no list in their query). */
function firstOf(query: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).map(([name, values]) => [name, values[0]]));
}

/** The JSON body (its size already bounded by the bodyLimit middleware); {} when empty. */
async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ProblemError(problem(400, 'Bad request', 'The body is not valid JSON', { field: 'body' }));
  }
}
