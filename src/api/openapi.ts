/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate every request
 * and response (z.toJSONSchema, JSON Schema 2020-12, which is OpenAPI 3.1's dialect).
 *
 * @example
 * const doc = openApiDocument(ROUTES); // served at /openapi.json
 */
import { z } from 'zod';
import type { RouteDef } from './route.ts';
import { ProblemSchema } from './schemas.ts';
import { errorStatuses } from './status.ts';

const TAGS = [
  { name: 'system', description: 'Kernel status, the syscall table and the scheduler' },
  { name: 'agents', description: 'Spawn, inspect, suspend, resume and kill agents' },
  { name: 'tokens', description: 'Capability tokens and the dashboard login' },
  { name: 'audit', description: 'The signed, hash-chained audit journal' },
  { name: 'events', description: 'Live events, resource samples and IPC statistics' },
  { name: 'supervisor', description: 'Supervision trees (the owner only)' },
  { name: 'atlas', description: 'Atlas, the natural-language shell: plan, run, undo' },
];

type Json = Record<string, unknown>;

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

/** Definitions hoisted out of schemas into components.schemas (a $ref inside a path item resolves against the document). */
let hoisted: Record<string, Json> = {};

/** zod's names for the definitions it makes up; named schemas (.meta({ id })) keep their own name. */
const ANONYMOUS = /^__schema\d+$/;

/**
 * A schema as JSON Schema, its definitions hoisted into components.schemas. A recursive shape
 * must be named (.meta({ id: 'TreeChild' })): it is emitted once as a component and referenced
 * by #/components/schemas/TreeChild, never by "#" (which would point at the whole document).
 */
function schemaOf(schema: z.ZodType, io: 'input' | 'output', name = 'schema'): Json {
  const {
    $schema: _drop,
    $defs,
    ...json
  } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    reused: 'inline',
  }) as Json & { $defs?: Record<string, Json> };
  if (!$defs) return json;
  const prefix = `${name}_${io}_`;
  const component = (key: string) => (ANONYMOUS.test(key) ? `${prefix}${key}` : key);
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      const out: Json = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === '$ref' && v === '#')
          throw new Error(`Schema ${name} refers to itself unnamed; name it with .meta({ id })`);
        out[k] =
          k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')
            ? `#/components/schemas/${component(v.slice(8))}`
            : rewrite(v);
      }
      return out;
    }
    return value;
  };
  for (const [key, def] of Object.entries($defs)) hoisted[component(key)] = rewrite(def) as Json;
  return rewrite(json) as Json;
}

/** Path and query parameters from an object schema; each property becomes one parameter. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as Json & { description?: string };
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** Headers that come with some error statuses. */
const ERROR_HEADERS: Record<number, Json> = {
  401: {
    'WWW-Authenticate': {
      description: 'Bearer realm="aios", with error="invalid_token" when a token was sent',
      schema: { type: 'string' },
    },
  },
  405: { Allow: { description: 'The methods this path takes', schema: { type: 'string' } } },
  429: {
    'Retry-After': { description: 'Seconds to wait, where known', schema: { type: 'string' } },
  },
};

function operation(def: RouteDef): Json {
  const id = operationId(def);
  const responses: Json = {
    '200': {
      description: def.summary,
      content: def.raw
        ? { [def.raw]: { schema: { type: 'string' } } }
        : { 'application/json': { schema: schemaOf(def.response, 'output', id) } },
    },
  };
  for (const [status, description] of Object.entries(errorStatuses(def))) {
    responses[status] = {
      description,
      ...(ERROR_HEADERS[Number(status)] ? { headers: ERROR_HEADERS[Number(status)] } : {}),
      content: { 'application/problem+json': { schema: PROBLEM_REF } },
    };
  }
  const op: Json = {
    operationId: id,
    summary: def.summary,
    tags: [def.tag],
    parameters: [...parameters(def.params, 'path'), ...parameters(def.query, 'query')],
    responses,
  };
  if (def.auth === 'none') op.security = [];
  else if (def.queryToken) op.security = [{ bearer: [] }, { queryToken: [] }];
  const body = def.bodyDoc ?? def.body;
  if (body) {
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: schemaOf(body, 'input', id) } },
    };
  }
  return op;
}

function operationId(def: RouteDef): string {
  const words = def.path
    .split('/')
    .filter((w) => w && w !== 'v1')
    .map((w) => (w.startsWith(':') ? `by-${w.slice(1)}` : w));
  return [def.method, ...words]
    .join('-')
    .replace(/[^a-zA-Z0-9]+(.)/g, (_m, c: string) => c.toUpperCase())
    .replace(/[^a-zA-Z0-9]/g, '');
}

export interface DocumentOptions {
  version?: string;
  /** Tags beyond the built-in ones: one per system service, whose routes are derived. */
  tags?: readonly { name: string; description: string }[];
}

/** The OpenAPI 3.1 document describing `routes`. */
export function openApiDocument(routes: readonly RouteDef[], options: DocumentOptions = {}): Json {
  const version = options.version ?? '0.1.0';
  hoisted = {};
  const paths: Record<string, Json> = {};
  for (const def of routes) {
    const path = def.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][def.method] = operation(def);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'aios API',
      version,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      description:
        'The HTTP API of aios, an operating system for AI agents. Every call is a kernel syscall of the ' +
        'session that presented the bearer capability token, checked against its rights and written to the ' +
        'audit chain. Errors are application/problem+json naming the offending field.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    tags: [...TAGS, ...(options.tags ?? [])],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A capability token from `aios token mint` (or the dashboard login)',
        },
        queryToken: {
          type: 'apiKey',
          in: 'query',
          name: 'token',
          description: 'The same token as ?token=, for EventSource, which cannot send headers',
        },
      },
      schemas: { Problem: schemaOf(ProblemSchema, 'output'), ...hoisted },
    },
    paths,
  };
}
