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

type Json = Record<string, unknown>;

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

/** Definitions hoisted out of schemas into components.schemas (a $ref inside a path item resolves against the document). */
let hoisted: Record<string, Json> = {};

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
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      const out: Json = {};
      for (const [k, v] of Object.entries(value)) {
        out[k] =
          k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')
            ? `#/components/schemas/${prefix}${v.slice(8)}`
            : rewrite(v);
      }
      return out;
    }
    return value;
  };
  for (const [key, def] of Object.entries($defs)) hoisted[`${prefix}${key}`] = rewrite(def) as Json;
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

function operation(def: RouteDef): Json {
  const errors: Json = {
    '400': { description: 'A field is not valid (the problem names it)' },
    '401': { description: 'No token, or the token is expired, forged or revoked' },
    '403': { description: 'The token lacks a right this call needs' },
    '404': { description: 'No such agent, token or route' },
    '413': { description: 'The body is over the size limit' },
  };
  for (const value of Object.values(errors)) {
    (value as Json).content = { 'application/problem+json': { schema: PROBLEM_REF } };
  }
  const op: Json = {
    operationId: operationId(def),
    summary: def.summary,
    tags: [def.tag],
    parameters: [...parameters(def.params, 'path'), ...parameters(def.query, 'query')],
    responses: {
      '200': {
        description: def.summary,
        content: def.raw
          ? { [def.raw]: { schema: { type: 'string' } } }
          : { 'application/json': { schema: schemaOf(def.response, 'output', operationId(def)) } },
      },
      ...errors,
    },
  };
  if (def.auth === 'none') op.security = [];
  if (def.body) {
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: schemaOf(def.body, 'input', operationId(def)) } },
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

/** The OpenAPI 3.1 document describing `routes`. */
export function openApiDocument(routes: readonly RouteDef[], version = '0.1.0'): Json {
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
      description:
        'The HTTP API of aios, an operating system for AI agents. Every call is a kernel syscall of the ' +
        'session that presented the bearer capability token, checked against its rights and written to the ' +
        'audit chain. Errors are application/problem+json naming the offending field.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A capability token from `aios token mint` (or the dashboard login)',
        },
      },
      schemas: { Problem: schemaOf(ProblemSchema, 'output'), ...hoisted },
    },
    paths,
  };
}
