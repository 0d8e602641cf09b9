/**
 * LLM configuration: the `llm` section of $AIOS_HOME/config.json, overridden by AIOS_LLM_*
 * environment variables, validated into one LlmConfig. Every mistake is one line that names
 * the field and says what to do (docs/llm.md has the full reference).
 *
 * @example
 * const config = loadLlmConfig(home, process.env); // undefined when no model is configured
 * config?.models.strong?.model;                      // 'claude-sonnet-4-5'
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readConfigSection } from '../platform/config-file.ts';
import { ConfigError } from './config-error.ts';
import { DEFAULT_RETENTION, RETENTION_LIMITS, type Retention } from './retention.ts';

export const API_KINDS = ['openai', 'anthropic'] as const;
export type ApiKind = (typeof API_KINDS)[number];

export const ROLES = ['strong', 'cheap'] as const;
export type Role = (typeof ROLES)[number];

const DEFAULT_BASE_URL: Record<ApiKind, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
};
const DEFAULT_KEY_ENV: Record<ApiKind, string> = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' };

const ProviderSchema = z
  .object({
    api: z.enum(API_KINDS),
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    apiKey: z.string().min(1).optional(),
    apiKeyEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional(),
    headers: z.record(z.string(), z.string()).optional(),
    timeoutMs: z.number().int().min(100).max(600_000).optional(),
  })
  .strict();

const ModelSchema = z
  .object({
    provider: z.string().min(1),
    model: z.string().min(1),
    maxTokens: z.number().int().min(16).max(200_000).optional(),
    /** USD per million tokens. */
    price: z
      .object({ input: z.number().min(0), output: z.number().min(0) })
      .strict()
      .optional(),
    /** 'tools': the catalog is offered as tools; 'json': as text, the plan comes back as JSON. */
    mode: z.enum(['tools', 'json']).optional(),
    stream: z.boolean().optional(),
  })
  .strict();

const LlmSchema = z
  .object({
    providers: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/), ProviderSchema).default({}),
    models: z.object({ strong: ModelSchema.optional(), cheap: ModelSchema.optional() }).strict().default({}),
    timeoutMs: z.number().int().min(100).max(600_000).optional(),
    stream: z.boolean().optional(),
    router: z
      .object({ threshold: z.number().int().min(1).max(20) })
      .strict()
      .optional(),
    cache: z
      .object({
        enabled: z.boolean().optional(),
        ttlMs: z.number().int().min(0).optional(),
        maxEntries: z.number().int().min(1).max(1_000_000).optional(),
      })
      .strict()
      .optional(),
    retries: z
      .object({
        perModel: z.number().int().min(0).max(5).optional(),
        total: z.number().int().min(0).max(10).optional(),
        maxWaitMs: z.number().int().min(0).max(120_000).optional(),
      })
      .strict()
      .optional(),
    breaker: z
      .object({
        failures: z.number().int().min(1).max(100).optional(),
        cooldownMs: z.number().int().min(0).optional(),
      })
      .strict()
      .optional(),
    retention: z
      .object({
        days: z.number().int().min(RETENTION_LIMITS.days.min).max(RETENTION_LIMITS.days.max).optional(),
        rows: z.number().int().min(RETENTION_LIMITS.rows.min).max(RETENTION_LIMITS.rows.max).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export interface ProviderConfig {
  name: string;
  api: ApiKind;
  baseUrl: string;
  apiKey?: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface ModelConfig {
  role: Role;
  provider: string;
  model: string;
  maxTokens: number;
  price: { input: number; output: number };
  mode: 'tools' | 'json';
  stream: boolean;
}

export interface LlmConfig {
  providers: Map<string, ProviderConfig>;
  models: Partial<Record<Role, ModelConfig>>;
  routerThreshold: number;
  cache: { enabled: boolean; ttlMs: number; maxEntries: number };
  retries: { perModel: number; total: number; maxWaitMs: number };
  breaker: { failures: number; cooldownMs: number };
  /** How long intel.db keeps accounting, translations and feedback. */
  retention: Retention;
  /** Where the settings came from, for messages. */
  source: string;
}

export { ConfigError };

export function configPath(home: string, env: NodeJS.ProcessEnv): string {
  return env.AIOS_LLM_CONFIG || join(home, 'config.json');
}

/**
 * The validated configuration, or undefined when no model is configured (or AIOS_LLM=off).
 * Throws ConfigError on any mistake.
 */
export function loadLlmConfig(home: string, env: NodeJS.ProcessEnv): LlmConfig | undefined {
  if (env.AIOS_LLM === 'off') return undefined;
  const file = configPath(home, env);
  const raw = readConfigSection(file, 'llm');
  const parsed = LlmSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new ConfigError(`${file}: ${describeIssue(parsed.error.issues[0], 'llm')}`);
  const section = parsed.data;
  applyEnv(section, env);
  const source = envSets(env) ? (raw ? `${file} and AIOS_LLM_* variables` : 'AIOS_LLM_* variables') : file;
  if (!section.models.strong && !section.models.cheap) return undefined;

  const timeoutMs = section.timeoutMs ?? 60_000;
  const providers = new Map<string, ProviderConfig>();
  for (const [name, p] of Object.entries(section.providers)) {
    providers.set(name, {
      name,
      api: p.api,
      baseUrl: (p.baseUrl ?? DEFAULT_BASE_URL[p.api]).replace(/\/+$/, ''),
      apiKey: apiKeyOf(name, p, env, source),
      headers: p.headers ?? {},
      timeoutMs: p.timeoutMs ?? timeoutMs,
    });
  }
  const models: Partial<Record<Role, ModelConfig>> = {};
  for (const role of ROLES) {
    const m = section.models[role];
    if (!m) continue;
    if (!providers.has(m.provider)) {
      const known = [...providers.keys()];
      throw new ConfigError(
        `${source}: llm.models.${role}.provider '${m.provider}' names no provider; ${
          known.length ? `use one of ${known.join(', ')}` : 'define it under llm.providers'
        }`,
      );
    }
    models[role] = {
      role,
      provider: m.provider,
      model: m.model,
      maxTokens: m.maxTokens ?? 1024,
      price: m.price ?? { input: 0, output: 0 },
      mode: m.mode ?? 'tools',
      stream: m.stream ?? section.stream ?? true,
    };
  }
  return {
    providers,
    models,
    routerThreshold: section.router?.threshold ?? 3,
    cache: {
      enabled: section.cache?.enabled ?? true,
      ttlMs: section.cache?.ttlMs ?? 3_600_000,
      maxEntries: section.cache?.maxEntries ?? 1000,
    },
    retries: {
      perModel: section.retries?.perModel ?? 1,
      total: section.retries?.total ?? 3,
      maxWaitMs: section.retries?.maxWaitMs ?? 10_000,
    },
    breaker: { failures: section.breaker?.failures ?? 3, cooldownMs: section.breaker?.cooldownMs ?? 30_000 },
    retention: {
      days: section.retention?.days ?? DEFAULT_RETENTION.days,
      rows: section.retention?.rows ?? DEFAULT_RETENTION.rows,
    },
    source,
  };
}

type Section = z.infer<typeof LlmSchema>;

const ENV_NAMES = [
  'AIOS_LLM_API',
  'AIOS_LLM_BASE_URL',
  'AIOS_LLM_API_KEY',
  'AIOS_LLM_MODEL',
  'AIOS_LLM_CHEAP_MODEL',
  'AIOS_LLM_TIMEOUT_MS',
] as const;

function envSets(env: NodeJS.ProcessEnv): boolean {
  return ENV_NAMES.some((n) => env[n] !== undefined && env[n] !== '');
}

/** AIOS_LLM_* variables define (or override) a provider named 'env' and the models on it. */
function applyEnv(section: Section, env: NodeJS.ProcessEnv): void {
  if (!envSets(env)) return;
  const api = env.AIOS_LLM_API || 'openai';
  if (!(API_KINDS as readonly string[]).includes(api)) {
    throw new ConfigError(`AIOS_LLM_API must be one of ${API_KINDS.join(', ')}, not '${api}'`);
  }
  const model = env.AIOS_LLM_MODEL;
  const cheap = env.AIOS_LLM_CHEAP_MODEL;
  if (!model && !cheap) {
    throw new ConfigError(
      'AIOS_LLM_* variables are set but AIOS_LLM_MODEL is not; set the model name (e.g. AIOS_LLM_MODEL=qwen2.5:7b) or unset them',
    );
  }
  const provider = ProviderSchema.safeParse({
    api,
    baseUrl: env.AIOS_LLM_BASE_URL || undefined,
    apiKey: env.AIOS_LLM_API_KEY || undefined,
    timeoutMs: env.AIOS_LLM_TIMEOUT_MS ? Number(env.AIOS_LLM_TIMEOUT_MS) : undefined,
  });
  if (!provider.success) {
    const issue = provider.error.issues[0];
    const variable = issue.path[0] === 'baseUrl' ? 'AIOS_LLM_BASE_URL' : 'AIOS_LLM_TIMEOUT_MS';
    throw new ConfigError(`${variable}: ${describeIssue(issue, '', false)}`);
  }
  section.providers.env = provider.data;
  if (model) section.models.strong = { provider: 'env', model };
  if (cheap) section.models.cheap = { provider: 'env', model: cheap };
}

function apiKeyOf(
  name: string,
  p: z.infer<typeof ProviderSchema>,
  env: NodeJS.ProcessEnv,
  source: string,
): string | undefined {
  if (p.apiKey) return p.apiKey;
  if (p.apiKeyEnv) {
    const value = env[p.apiKeyEnv];
    if (!value) {
      throw new ConfigError(
        `${source}: llm.providers.${name}.apiKeyEnv names '${p.apiKeyEnv}', which is not set; export it or remove apiKeyEnv`,
      );
    }
    return value;
  }
  return env[DEFAULT_KEY_ENV[p.api]] || undefined;
}

const HINTS: Record<string, string> = {
  api: `use ${API_KINDS.join(' or ')}`,
  baseUrl: 'give an http(s) URL such as http://127.0.0.1:11434/v1',
  apiKeyEnv: 'give the name of an environment variable, e.g. OPENAI_API_KEY',
  price: 'give USD per million tokens, e.g. {"input": 0.15, "output": 0.6}',
  mode: "use 'tools' or 'json'",
};

/** One line for a zod issue: the dotted field, what is wrong and, where known, the fix. */
export function describeIssue(issue: z.core.$ZodIssue, prefix: string, named = true): string {
  const field = named ? [prefix, ...issue.path.map(String)].filter(Boolean).join('.') : '';
  const last = String(issue.path.at(-1) ?? '');
  const hint = HINTS[last] ?? HINTS[String(issue.path.at(-2) ?? '')];
  let what: string;
  if (issue.code === 'unrecognized_keys') {
    what = `unknown field${issue.keys.length > 1 ? 's' : ''} '${issue.keys.join("', '")}'`;
    return `${field || 'llm'}: ${what}; remove it or check the spelling against docs/llm.md`;
  }
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) what = 'is required';
  else what = issue.message.replace(/^Invalid input: /, '');
  return `${field ? `${field}: ` : ''}${what}${hint ? `; ${hint}` : '; see docs/llm.md'}`;
}
