/**
 * memoryd's settings: the `memory` section of `$AIOS_HOME/config.json`, read by the service
 * when it starts, in its own thread, and checked by `aios up` before it boots. Quotas default
 * to MEMORYD_QUOTAS; the embedder to the offline sentence encoder (USE lite).
 *
 * @example
 * // config.json: { "memory": { "quotas": { "items": 50000 },
 * //   "embedder": { "provider": "onnx", "model": "models/bge-small/model.onnx",
 * //                 "tokenizer": "models/bge-small/tokenizer.json", "pooling": "cls" } } }
 * const { quotas, embedder } = memorydConfig(home, process.env);
 */
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, readConfigSection } from '../../platform/config-file.ts';
import { MEMORY_LIMITS, MEMORYD_QUOTAS } from './limits.ts';
import { EMBEDDER_PROVIDERS } from './ops.ts';

export interface MemorydQuotas {
  items: number;
  bytes: number;
  writesPerSec: number;
  writeBurst: number;
}

/** Which embedder memoryd uses, checked; paths absolute, the key read from its variable. */
export type EmbedderConfig =
  | { provider: 'use-lite' }
  | {
      provider: 'openai';
      baseUrl: string;
      model: string;
      dimensions: number;
      apiKey?: string;
      timeoutMs?: number;
    }
  | {
      provider: 'onnx';
      model: string;
      tokenizer: string;
      pooling: 'mean' | 'cls';
      normalise: boolean;
      maxLength?: number;
    };

const Count = z.number().int().positive();
const Path = z.string().min(1).max(4096);
const Embedder = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('use-lite') }).strict(),
  z
    .object({
      provider: z.literal('openai'),
      baseUrl: z.url({ protocol: /^https?$/ }),
      model: z.string().min(1).max(256),
      dimensions: z.number().int().min(1).max(MEMORY_LIMITS.DIMENSION_MAX),
      apiKeyEnv: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
        .optional(),
      timeoutMs: z.number().int().min(100).max(600_000).optional(),
    })
    .strict(),
  z
    .object({
      provider: z.literal('onnx'),
      model: Path,
      tokenizer: Path,
      pooling: z.enum(['mean', 'cls']).optional(),
      normalise: z.boolean().optional(),
      maxLength: z.number().int().min(2).max(MEMORY_LIMITS.ONNX_MAX_TOKENS).optional(),
    })
    .strict(),
]);
const Section = z
  .object({
    quotas: z
      .object({ items: Count, bytes: Count, writesPerSec: Count, writeBurst: Count })
      .partial()
      .strict()
      .optional(),
    embedder: Embedder.optional(),
  })
  .strict();

export const DEFAULT_QUOTAS: MemorydQuotas = {
  items: MEMORYD_QUOTAS.ITEMS,
  bytes: MEMORYD_QUOTAS.BYTES,
  writesPerSec: MEMORYD_QUOTAS.WRITES_PER_SEC,
  writeBurst: MEMORYD_QUOTAS.WRITE_BURST,
};

export interface MemorydConfig {
  quotas: MemorydQuotas;
  embedder: EmbedderConfig;
}

/** The settings in `home`'s config.json; a ConfigError naming the file, the field and the limit when one is wrong. */
export function memorydConfig(home: string, env: NodeJS.ProcessEnv = process.env): MemorydConfig {
  const file = join(home, 'config.json');
  const raw = readConfigSection(file, 'memory');
  const parsed = Section.safeParse(raw ?? {});
  if (!parsed.success) throw new ConfigError(`${file}: ${describe(parsed.error.issues[0], raw)}`);
  const { quotas, embedder } = parsed.data;
  return { quotas: { ...DEFAULT_QUOTAS, ...quotas }, embedder: embedderOf(embedder, home, env, file) };
}

function embedderOf(
  e: z.infer<typeof Embedder> | undefined,
  home: string,
  env: NodeJS.ProcessEnv,
  file: string,
): EmbedderConfig {
  if (e === undefined || e.provider === 'use-lite') return { provider: 'use-lite' };
  if (e.provider === 'onnx') {
    // A relative path is the home's: config.json travels with it
    const at = (p: string) => (isAbsolute(p) ? p : resolve(home, p));
    return {
      provider: 'onnx',
      model: at(e.model),
      tokenizer: at(e.tokenizer),
      pooling: e.pooling ?? 'mean',
      normalise: e.normalise ?? true,
      ...(e.maxLength === undefined ? {} : { maxLength: e.maxLength }),
    };
  }
  let apiKey: string | undefined;
  if (e.apiKeyEnv !== undefined) {
    apiKey = env[e.apiKeyEnv];
    if (!apiKey)
      throw new ConfigError(
        `${file}: memory.embedder.apiKeyEnv names '${e.apiKeyEnv}', which is not set; export it before aios up, or remove apiKeyEnv for a server without keys`,
      );
  }
  return {
    provider: 'openai',
    baseUrl: e.baseUrl,
    model: e.model,
    dimensions: e.dimensions,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(e.timeoutMs === undefined ? {} : { timeoutMs: e.timeoutMs }),
  };
}

const HINTS: Record<string, string> = {
  quotas: 'quotas take positive whole numbers (items, bytes, writesPerSec, writeBurst)',
  embedder: "see docs/memory.md's embedding providers",
};

/** One issue as `memory.field is X, what it must be; what to do`. */
function describe(issue: z.core.$ZodIssue, raw: unknown): string {
  const field = ['memory', ...issue.path.map(String)].join('.');
  const hint = HINTS[String(issue.path[0])] ?? 'see docs/memory.md';
  const value = issue.path.reduce<unknown>(
    (v, key) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined),
    raw,
  );
  const given = value === undefined ? '' : ` is ${JSON.stringify(value)}`;
  if (issue.path.at(-1) === 'provider' && value !== undefined)
    return `${field}${given}, not a provider memoryd knows; use ${EMBEDDER_PROVIDERS.join(', ')}`;
  if (issue.code === 'unrecognized_keys')
    return `${field}: unknown field '${issue.keys.join("', '")}'; remove it (${hint})`;
  if (value === undefined) return `${field} is required; ${hint}`;
  if (issue.code === 'too_big' || issue.code === 'too_small') {
    const limit = issue.code === 'too_big' ? `at most ${issue.maximum}` : `at least ${issue.minimum}`;
    return `${field}${given}, but must be ${limit}; ${hint}`;
  }
  const what = issue.message.replace(/^Invalid input: /, '').replace(/^invalid option: /i, '');
  return `${field}${given}: ${what.charAt(0).toLowerCase()}${what.slice(1)}; ${hint}`;
}
