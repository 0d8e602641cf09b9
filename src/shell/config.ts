/**
 * Atlas settings: $AIOS_HOME/atlas.json, overridden by environment variables.
 *
 *   { "roots": ["~/projects", "/srv/data"],       directories Atlas may touch besides cwd and HOME
 *     "onlyRoots": false,                          true: only `roots`, not cwd and HOME
 *     "mutatingStepsPerMinute": 30,                rate limit on steps that change something
 *     "undoDays": 30,                              how long undo data is kept
 *     "minConfidence": 0.5,                        below it (a step the critique doubts) Atlas asks first
 *     "backupDir": "~/backups" }                   where the backups Atlas adds for a goal go (default $AIOS_HOME/backups)
 *
 *   AIOS_ATLAS_ROOTS=dir1:dir2   replaces "roots" (and implies onlyRoots)
 *
 * @example
 * const config = loadConfig(home);   // throws ConfigError with the file and field named
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const ConfigSchema = z
  .object({
    roots: z.array(z.string().min(1)).max(64).default([]),
    onlyRoots: z.boolean().default(false),
    mutatingStepsPerMinute: z.number().int().min(1).max(10_000).default(30),
    undoDays: z.number().min(0).max(3650).default(30),
    // Optional rather than defaulted, so a config made in code may leave them out.
    minConfidence: z.number().min(0).max(1).optional(),
    backupDir: z.string().min(1).max(4096).optional(),
  })
  .strict();

export type AtlasConfig = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function configPath(aiosHome: string): string {
  return join(aiosHome, 'atlas.json');
}

export function loadConfig(aiosHome: string, env: NodeJS.ProcessEnv = process.env): AtlasConfig {
  const file = configPath(aiosHome);
  let raw: unknown = {};
  if (existsSync(file)) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`${file} is not valid JSON (${(error as Error).message}); fix or remove it`);
    }
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${file}: ${describe(parsed.error.issues[0], raw)}`);
  const config = parsed.data;
  if (env.AIOS_ATLAS_ROOTS) {
    config.roots = env.AIOS_ATLAS_ROOTS.split(':').filter(Boolean);
    config.onlyRoots = true;
  }
  return config;
}

/** The field at fault and, for a number out of range, its value and the limit. */
function describe(issue: z.core.$ZodIssue, raw: unknown): string {
  const field = `'${issue.path.join('.') || 'top level'}'`;
  const value = issue.path.reduce<unknown>(
    (v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k],
    raw,
  );
  const shown = JSON.stringify(value);
  if (issue.code === 'too_big' && issue.origin === 'number')
    return `${field} is ${shown}, over the limit; set it to at most ${issue.maximum} or remove it`;
  if (issue.code === 'too_small' && issue.origin === 'number')
    return `${field} is ${shown}, under the limit; set it to at least ${issue.minimum} or remove it`;
  return `${field} ${issue.message.toLowerCase()}`;
}

/** The allowed roots for a request made in `cwd`. */
export function rootsFor(config: AtlasConfig, cwd: string, home: string): string[] {
  return config.onlyRoots ? config.roots : [cwd, home, ...config.roots];
}
