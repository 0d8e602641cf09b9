/**
 * Argument schemas for the syscall table: a closed set of types, each with a checker. The
 * kernel cannot import a schema library, so this is the small, fast subset it needs; the same
 * specs generate docs/syscalls.md and the JSON Schemas the API publishes.
 */
import { PARAMS } from './params.ts';

export type ArgType =
  | 'handle'
  | 'u32'
  | 'int'
  | 'number'
  | 'bool'
  | 'string'
  | 'bytes'
  | 'handles'
  | 'image'
  | 'quotas'
  | 'labels'
  | 'grants'
  | 'json'
  | 'token'
  | `enum:${string}`;

export interface ArgSpec {
  type: ArgType;
  optional?: boolean;
  doc: string;
}

type Check = (v: unknown) => string | undefined;

const MAX_STRING = PARAMS.ARG_STRING_MAX_CHARS;
const MAX_TOKEN = PARAMS.ARG_TOKEN_MAX_CHARS;
const isU32 = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
const QUOTA_KEYS = new Set(['memoryBytes', 'cpuMsPerEpoch', 'ipcQueueDepth', 'llmTokensPerMin', 'children']);

const CHECKS: Record<string, Check> = {
  handle: (v) => (isU32(v) && v !== 0 ? undefined : 'must be a handle value (a non-zero 32-bit integer)'),
  u32: (v) => (isU32(v) ? undefined : 'must be an integer from 0 to 4294967295'),
  int: (v) => (Number.isSafeInteger(v) ? undefined : 'must be an integer'),
  number: (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : 'must be a finite number'),
  bool: (v) => (typeof v === 'boolean' ? undefined : 'must be true or false'),
  string: (v) =>
    typeof v === 'string' && v.length <= MAX_STRING
      ? undefined
      : `must be a string of at most ${MAX_STRING} characters`,
  bytes: (v) => (v instanceof Uint8Array ? undefined : 'must be bytes (a Uint8Array)'),
  handles: (v) =>
    Array.isArray(v) && v.length <= PARAMS.MSG_MAX_HANDLES && v.every((h) => isU32(h) && h !== 0)
      ? undefined
      : `must be a list of at most ${PARAMS.MSG_MAX_HANDLES} handle values`,
  image: (v) => {
    const o = v as { ref?: unknown; hash?: unknown };
    return typeof o === 'object' &&
      o !== null &&
      typeof o.ref === 'string' &&
      o.ref.length > 0 &&
      o.ref.length <= MAX_STRING &&
      typeof o.hash === 'string' &&
      o.hash.length <= 128
      ? undefined
      : 'must be { ref: string, hash: string }';
  },
  quotas: (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must be an object of quota numbers';
    for (const [key, value] of Object.entries(v)) {
      if (!QUOTA_KEYS.has(key)) return `has an unknown quota '${key}' (use ${[...QUOTA_KEYS].join(', ')})`;
      if (typeof value !== 'number' || !Number.isFinite(value)) return `quota '${key}' must be a number`;
    }
    return undefined;
  },
  labels: (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must be an object of strings';
    const entries = Object.entries(v);
    if (entries.length > 32) return 'may hold at most 32 labels';
    for (const [key, value] of entries) {
      if (typeof value !== 'string' || key.length > 64 || value.length > 1024)
        return `label '${key}' must be a short string`;
    }
    return undefined;
  },
  grants: (v) =>
    Array.isArray(v) &&
    v.length <= PARAMS.MSG_MAX_HANDLES &&
    v.every(
      (g) => typeof g === 'object' && g !== null && isU32(g.handle) && g.handle !== 0 && isU32(g.rights),
    )
      ? undefined
      : 'must be a list of { handle, rights }',
  token: (v) =>
    typeof v === 'string' && v.length <= MAX_TOKEN
      ? undefined
      : `must be an encoded token of at most ${MAX_TOKEN} characters`,
  json: (v) => {
    if (typeof v !== 'string') return 'must be JSON text';
    if (v.length > PARAMS.MSG_MAX_BYTES * 16) return 'is too long (at most 1 MiB of JSON)';
    return undefined;
  },
};

/** Inline tests for the simple types: `v` is the value, true means valid. */
const INLINE: Record<string, string> = {
  handle: "typeof v === 'number' && v > 0 && v <= 4294967295 && Number.isInteger(v)",
  u32: "typeof v === 'number' && v >= 0 && v <= 4294967295 && Number.isInteger(v)",
  int: 'Number.isSafeInteger(v)',
  number: "typeof v === 'number' && Number.isFinite(v)",
  bool: "typeof v === 'boolean'",
  bytes: 'v instanceof Uint8Array',
};

/**
 * Builds a validator for an argument spec; it returns the first problem or undefined. The
 * validator is compiled to straight-line code (from the table's own specs, never from input),
 * because it runs on every syscall: field reads by fixed name stay monomorphic.
 */
export function compileArgs(
  specs: Record<string, ArgSpec>,
): (args: Record<string, unknown>) => string | undefined {
  const entries = Object.entries(specs);
  const checks: Check[] = [];
  const lines = [
    "if (typeof a !== 'object' || a === null) return 'arguments must be an object';",
    'let n = 0;',
    'let v;',
  ];
  for (const [name, spec] of entries) {
    if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(name)) throw new Error(`Bad argument name '${name}'`);
    let check = CHECKS[spec.type];
    if (spec.type.startsWith('enum:')) {
      const allowed = spec.type.slice(5).split('|');
      check = (v) =>
        typeof v === 'string' && allowed.includes(v) ? undefined : `must be one of ${allowed.join(', ')}`;
    }
    checks.push(check);
    const index = checks.length - 1;
    lines.push(`v = a.${name};`);
    lines.push(
      spec.optional
        ? 'if (v !== undefined) {'
        : `if (v === undefined) return ${JSON.stringify(`'${name}' is required`)}; {`,
    );
    lines.push('n++;');
    const inline = INLINE[spec.type];
    if (inline) lines.push(`if (!(${inline})) return ${JSON.stringify(`'${name}' `)} + C[${index}](v);`);
    else
      lines.push(
        `const p = C[${index}](v); if (p !== undefined) return ${JSON.stringify(`'${name}' `)} + p;`,
      );
    lines.push('}');
  }
  lines.push(
    'let g = 0;',
    'for (const key in a) if (a[key] !== undefined) g++;',
    'return g === n ? undefined : U(a);',
  );
  const known = new Set(entries.map(([name]) => name));
  const unknown = (a: Record<string, unknown>) => {
    for (const key in a)
      if (a[key] !== undefined && !known.has(key)) return `'${key}' is not an argument of this call`;
    return 'has an argument that is not part of this call';
  };
  const factory = new Function('C', 'U', `return function validate(a) {\n${lines.join('\n')}\n};`);
  return factory(checks, unknown) as (args: Record<string, unknown>) => string | undefined;
}
