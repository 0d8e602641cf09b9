/**
 * An operation's arguments as text: what the HTTP API's query strings and the CLI's flags carry,
 * read by the schema of the declaration (../declare.ts) rather than by hand. Each field's type
 * comes from the args' JSON Schema (z.toJSONSchema), so any zod shape a service declares with
 * (optional, default, enum, array, record) is read the same way by every surface.
 *
 * @example
 * const fields = fieldsOf(MEMORYD.ops.search.args);
 * fromStrings(fields, { query: ['audit'], limit: ['5'], kinds: ['core', 'archival'] });
 * // { query: 'audit', limit: 5, kinds: ['core', 'archival'] }
 * toQuery({ query: 'audit', kinds: ['core', 'archival'] }); // 'query=audit&kinds=core&kinds=archival'
 */
import { z } from 'zod';

/** How one argument is written as text. */
export interface Field {
  name: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'any';
  /** The element type of an array. */
  items?: Field['type'];
  /** The values an enum (or an array of one) takes. */
  values?: string[];
  /** Bounds of a number (inclusive), where the schema sets them. */
  min?: number;
  max?: number;
  required: boolean;
  description?: string;
}

type Json = Record<string, unknown>;

/** The fields of an object schema, in declaration order; a schema that is no object has none. */
export function fieldsOf(args: z.ZodType): Field[] {
  const json = z.toJSONSchema(args, { io: 'input', unrepresentable: 'any' }) as Json;
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => {
    const plain = nonNull(schema);
    const type = typeOf(plain);
    const items = type === 'array' ? nonNull((plain.items ?? {}) as Json) : undefined;
    const values = enumOf(items ?? plain);
    const min = bound(plain.minimum, plain.exclusiveMinimum, 1, type);
    const max = bound(plain.maximum, plain.exclusiveMaximum, -1, type);
    return {
      name,
      type,
      ...(items ? { items: typeOf(items) } : {}),
      ...(values ? { values } : {}),
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      required: required.has(name),
      ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    };
  });
}

/** An inclusive bound from JSON Schema's inclusive or exclusive one (integers only step past it). */
function bound(
  inclusive: unknown,
  exclusive: unknown,
  step: number,
  type: Field['type'],
): number | undefined {
  if (typeof inclusive === 'number' && Number.isFinite(inclusive) && Math.abs(inclusive) < 2 ** 53)
    return inclusive;
  if (typeof exclusive === 'number' && type === 'integer') return exclusive + step;
  return undefined;
}

/** A nullable field's schema without its null branch. */
function nonNull(schema: Json): Json {
  const branches = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (!branches) return schema;
  const rest = branches.filter((b) => b.type !== 'null');
  return rest.length === 1 ? rest[0] : schema;
}

function typeOf(schema: Json): Field['type'] {
  const type = schema.type;
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean') return type;
  if (type === 'array' || type === 'object') return type;
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) return 'string';
  return 'any';
}

function enumOf(schema: Json): string[] | undefined {
  return Array.isArray(schema.enum) ? schema.enum.map(String) : undefined;
}

/**
 * Arguments from text, each value converted to its field's type: numbers, booleans (true or
 * false), arrays element by element, objects from JSON. A value that does not convert is left
 * as the text it was, for the schema to refuse naming the field; a name no field has is kept
 * as well (the schema, or the surface, says it is not taken).
 */
export function fromStrings(
  fields: readonly Field[],
  raw: Record<string, string[]>,
): Record<string, unknown> {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const out: Record<string, unknown> = {};
  for (const [name, texts] of Object.entries(raw)) {
    const field = byName.get(name);
    if (!field) out[name] = texts.length === 1 ? texts[0] : texts;
    else if (field.type === 'array') out[name] = texts.map((t) => scalar(field.items ?? 'any', t));
    else out[name] = scalar(field.type, texts[texts.length - 1]);
  }
  return out;
}

function scalar(type: Field['type'], text: string): unknown {
  switch (type) {
    case 'number':
    case 'integer': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'object':
    case 'any':
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    default:
      return text;
  }
}

/** Arguments as a query string: arrays as repeated keys, objects as JSON, undefined left out. */
export function toQuery(args: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      query.append(name, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
    }
  }
  return query.toString();
}
