/**
 * fast-check arbitraries from the JSON Schemas of an OpenAPI document: values a schema accepts
 * (for requests a generated client could send) and values it refuses (one field broken at a
 * time), for the API contract test. Covers what the aios document uses: types, enum, const,
 * pattern, length and range bounds, required and additional properties, anyOf, $ref.
 *
 * @example
 * const valid = validOf(schema, doc);   // fc.Arbitrary<unknown>
 * const invalid = invalidOf(schema, doc);
 */
import fc from 'fast-check';

export type Schema = Record<string, unknown>;
type Doc = { components?: { schemas?: Record<string, Schema> } };

const MAX_DEPTH = 3;

function deref(schema: Schema, doc: Doc): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const name = ref.replace('#/components/schemas/', '');
  const target = doc.components?.schemas?.[name];
  if (!target) throw new Error(`Unresolvable $ref '${ref}'`);
  return deref(target, doc);
}

function typeOf(schema: Schema): string | undefined {
  const t = schema.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null') as string | undefined;
  return t as string | undefined;
}

function stringOf(schema: Schema): fc.Arbitrary<string> {
  const min = (schema.minLength as number | undefined) ?? 0;
  const max = Math.min((schema.maxLength as number | undefined) ?? 24, Math.max(min, 24));
  if (typeof schema.pattern === 'string') {
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((s) => s.length >= min && s.length <= ((schema.maxLength as number | undefined) ?? 1e9));
  }
  return fc.string({ minLength: min, maxLength: max });
}

function numberOf(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const lo =
    (schema.minimum as number | undefined) ??
    (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + (integer ? 1 : 1e-6) : -1e6);
  const hi =
    (schema.maximum as number | undefined) ??
    (typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - (integer ? 1 : 1e-6) : 1e6);
  if (integer) {
    const small = fc.integer({ min: Math.ceil(lo), max: Math.min(Math.floor(hi), Math.ceil(lo) + 50) });
    const any = fc.integer({
      min: Math.max(Math.ceil(lo), Number.MIN_SAFE_INTEGER),
      max: Math.min(Math.floor(hi), Number.MAX_SAFE_INTEGER),
    });
    return fc.oneof(small, any); // small values hit real agents and real limits
  }
  return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

/** Values `schema` accepts. */
export function validOf(schema: Schema, doc: Doc, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(schema, doc);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (alternatives) {
    const usable = depth >= MAX_DEPTH ? alternatives.filter((a) => !hasRef(a)) : alternatives;
    return fc.oneof(...(usable.length ? usable : alternatives).map((a) => validOf(a, doc, depth + 1)));
  }
  const nullable = Array.isArray(s.type) && s.type.includes('null');
  const value = validOfType(s, doc, depth);
  return nullable ? fc.option(value, { nil: null }) : value;
}

function hasRef(schema: Schema): boolean {
  return JSON.stringify(schema).includes('"$ref"');
}

function validOfType(s: Schema, doc: Doc, depth: number): fc.Arbitrary<unknown> {
  switch (typeOf(s)) {
    case 'string':
      return stringOf(s);
    case 'integer':
      return numberOf(s, true);
    case 'number':
      return numberOf(s, false);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const max = depth >= MAX_DEPTH ? 0 : Math.min((s.maxItems as number | undefined) ?? 3, 3);
      return fc.array(validOf((s.items as Schema) ?? {}, doc, depth + 1), {
        minLength: (s.minItems as number | undefined) ?? 0,
        maxLength: Math.max(max, (s.minItems as number | undefined) ?? 0),
      });
    }
    case 'object':
      return objectOf(s, doc, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectOf(s: Schema, doc: Doc, depth: number): fc.Arbitrary<unknown> {
  const properties = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set((s.required ?? []) as string[]);
  if (Object.keys(properties).length > 0) {
    const shape: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, p] of Object.entries(properties)) shape[name] = validOf(p, doc, depth + 1);
    return fc.record(shape, { requiredKeys: [...required].filter((k) => k in properties) });
  }
  const values = s.additionalProperties;
  if (values && typeof values === 'object') {
    const names = s.propertyNames as Schema | undefined;
    const key = names
      ? (validOf(names, doc, depth + 1) as fc.Arbitrary<string>)
      : fc.string({ maxLength: 8 });
    return fc.dictionary(key, validOf(values as Schema, doc, depth + 1), { maxKeys: 3 });
  }
  return fc.constant({});
}

/** One way of breaking a value of `schema`: a wrong type, a bound crossed, an unknown field. */
export function invalidOf(schema: Schema, doc: Doc): fc.Arbitrary<unknown> {
  const s = deref(schema, doc);
  const t = typeOf(s);
  const wrongType = fc.constantFrom<unknown>(
    ...([
      t === 'string' ? 7 : 'x',
      t === 'object' ? [] : { x: 1 },
      t === 'boolean' ? 'yes' : true,
    ] as unknown[]),
  );
  const options: fc.Arbitrary<unknown>[] = [wrongType];
  if (t === 'string' && typeof s.maxLength === 'number')
    options.push(fc.constant('x'.repeat(s.maxLength + 1)));
  if (t === 'string' && typeof s.pattern === 'string') options.push(fc.constant('\u0000 not/this'));
  if (Array.isArray(s.enum)) options.push(fc.constant('not-one-of-them'));
  if ((t === 'integer' || t === 'number') && typeof s.maximum === 'number')
    options.push(fc.constant(s.maximum + 1));
  if ((t === 'integer' || t === 'number') && typeof s.minimum === 'number')
    options.push(fc.constant(s.minimum - 1));
  if (t === 'integer') options.push(fc.constant(1.5));
  if (t === 'object' && s.properties) {
    const properties = s.properties as Record<string, Schema>;
    const valid = validOf(s, doc) as fc.Arbitrary<Record<string, unknown>>;
    if (s.additionalProperties === false) {
      options.push(valid.map((v) => ({ ...v, notAField: 1 })));
    }
    for (const name of (s.required ?? []) as string[]) {
      options.push(
        valid.map((v) => {
          const { [name]: _gone, ...rest } = v;
          return rest;
        }),
      );
    }
    for (const [name, p] of Object.entries(properties)) {
      options.push(fc.tuple(valid, invalidOf(p, doc)).map(([v, bad]) => ({ ...v, [name]: bad })));
    }
  }
  return fc.oneof(...options);
}
