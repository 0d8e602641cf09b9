/**
 * The HTTP routes of the system services, derived from their declarations (services/declare.ts):
 * `GET /v1/{noun}` lists a service's operations; each operation is `GET /v1/{noun}/{op}` with
 * its arguments in the query string when it only reads, else `POST /v1/{noun}/{op}` with a JSON
 * body. The args and result schemas validate the request and the reply and make the OpenAPI
 * document; the call goes to the service through the gateway as the caller's principal, so the
 * service checks the caller's own access on its own connection.
 *
 * An operation of risk RISK_CONFIRM or more (overwrite, destroy) asks what Atlas's routes ask of
 * a bearer token acting at that risk: the kernel's consent through tool_invoke on the token's
 * handle, which must hold RISK_RIGHTS[risk] (manage for an overwrite, destroy too for a delete)
 * and is written to the audit chain. The owner, on the Unix socket, may always.
 *
 * @example
 * const routes = serviceRoutes(system.services); // GET /v1/memory/search?query=…, POST /v1/memory/put …
 */
import { z } from 'zod';
import { KernelError } from '../../kernel/errors.ts';
import { rightNames } from '../../kernel/rights.ts';
import { RISK_CONFIRM, RISK_RIGHTS } from '../../kernel/risk.ts';
import { fieldsOf, fromStrings, toQuery } from '../../services/args.ts';
import { ACCESS_LEVELS, type OpDecl, type ServiceDecl, type ServiceGateway } from '../../services/declare.ts';
import { type RouteContext, type RouteDef, route } from '../route.ts';

type Ctx = RouteContext<unknown, unknown, unknown>;

/** What `GET /v1/{noun}` answers: the service and its operations, each with its route. */
export const ServiceListing = z.object({
  name: z.string(),
  noun: z.string(),
  summary: z.string(),
  ops: z.array(
    z.object({
      name: z.string(),
      summary: z.string(),
      method: z.enum(['GET', 'POST']),
      path: z.string(),
      access: z.enum(ACCESS_LEVELS),
      risk: z.number(),
    }),
  ),
});

/** The method an operation is served with: reads are GETs (cacheable, safe), the rest POSTs. */
export function methodOf(op: OpDecl): 'get' | 'post' {
  return op.access === 'read' ? 'get' : 'post';
}

export function pathOf(decl: ServiceDecl, name: string): string {
  return `/v1/${decl.noun}/${name}`;
}

/**
 * The request that calls `decl`'s operation `name` with `args`: a read's args in the query
 * string (lists as repeated keys), anything else's in the body. MCP's tools and the CLI send it.
 */
export function requestOf(
  decl: ServiceDecl,
  name: string,
  args: Record<string, unknown>,
): [method: string, path: string, body?: unknown] {
  const path = pathOf(decl, name);
  if (methodOf(decl.ops[name]) === 'post') return ['POST', path, args];
  const query = toQuery(args);
  return ['GET', query ? `${path}?${query}` : path];
}

/** The OpenAPI tags of the services: one per noun, described by the service's summary. */
export function serviceTags(decls: readonly ServiceDecl[]): { name: string; description: string }[] {
  return decls.map((d) => ({ name: d.noun, description: d.summary }));
}

/** Every service's routes: its listing, then one route per operation. */
export function serviceRoutes(gateway: ServiceGateway): RouteDef[] {
  return gateway
    .declarations()
    .flatMap((decl) => [
      listing(decl),
      ...Object.entries(decl.ops).map(([name, op]) => opRoute(gateway, decl, name, op)),
    ]);
}

function listing(decl: ServiceDecl): RouteDef {
  const ops = Object.entries(decl.ops).map(([name, op]) => ({
    name,
    summary: op.summary,
    method: methodOf(op).toUpperCase() as 'GET' | 'POST',
    path: pathOf(decl, name),
    access: op.access,
    risk: op.risk,
  }));
  return route({
    method: 'get',
    path: `/v1/${decl.noun}`,
    summary: `${decl.name}'s operations, each with its route, access and risk`,
    tag: decl.noun,
    response: ServiceListing,
    handler: () => ({ name: decl.name, noun: decl.noun, summary: decl.summary, ops }),
  });
}

function opRoute(gateway: ServiceGateway, decl: ServiceDecl, name: string, op: OpDecl): RouteDef {
  const method = methodOf(op);
  const args = op.args instanceof z.ZodObject ? op.args : undefined;
  const common = {
    path: pathOf(decl, name),
    summary: op.summary,
    tag: decl.noun,
    response: op.result,
    errors: ERRORS,
    handler: async (ctx: Ctx) => {
      if (op.risk >= RISK_CONFIRM) consent(ctx, decl, name, op.risk);
      const given = method === 'get' ? ctx.query : ctx.body;
      return gateway.call(ctx.principal.pid, decl.name, name, given ?? {});
    },
  };
  if (method === 'get') {
    const fields = fieldsOf(op.args);
    // args of another shape than an object cannot come in a query string: they come as none
    return route({
      ...common,
      method,
      query: args ?? z.object({}),
      queryFrom: (raw: Record<string, string[]>) => fromStrings(fields, raw),
    });
  }
  // an unknown field is refused, as an unknown query parameter is: a misspelt one never
  // silently does the default
  return route({ ...common, method, body: args ? args.strict() : op.args });
}

/** Statuses a service's operation answers besides every route's. */
const ERRORS = {
  403: 'The caller may not do this on that service (the namespace or object is not theirs, or the token lacks the rights of the risk)',
  404: 'No such object (a memory, a namespace) where the caller may look',
  409: 'The caller cannot call now (its session is no longer running)',
  413: 'An argument is over the service’s size limit',
  429: 'A quota of the caller on the service is reached',
  503: 'The service is not running now (starting or restarting); try again shortly',
};

/**
 * Throws E_NO_RIGHTS unless the caller may act at `risk` (RISK_CONFIRM or more): the owner
 * always may; a token's handle must name the system or the tool resource and hold
 * RISK_RIGHTS[risk], as for Atlas's risky steps. The kernel writes the decision to the audit.
 */
function consent(ctx: Ctx, decl: ServiceDecl, name: string, risk: number): void {
  if (ctx.principal.owner) return;
  try {
    ctx.sys('tool_invoke', { handle: ctx.principal.handle, tool: decl.name, action: name, risk });
  } catch (error) {
    if (error instanceof KernelError && (error.code === 'E_NO_RIGHTS' || error.code === 'E_BAD_HANDLE')) {
      throw new KernelError(
        'E_NO_RIGHTS',
        `${decl.noun} ${name} is risk ${risk}; it needs a token with ${rightNames(RISK_RIGHTS[risk as 2 | 3]).join(',')} on the system or the tool resource`,
      );
    }
    throw error;
  }
}
