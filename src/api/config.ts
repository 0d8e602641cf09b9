/**
 * The API's settings: the `api` section of $AIOS_HOME/config.json (the file the `llm`
 * section lives in). Today one field: host names the TCP listener answers to besides the
 * loopback names and the address it listens on (see host-check.ts).
 *
 *   { "api": { "hosts": ["aios.lan", "192.168.1.20"] } }
 *
 * @example
 * const { hosts } = loadApiConfig(home); // throws ConfigError naming the file and field
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../intel/config-error.ts';

const ApiSchema = z
  .object({
    hosts: z.array(z.string().min(1).max(253)).max(64).default([]),
  })
  .strict();

export type ApiConfig = z.infer<typeof ApiSchema>;

export function loadApiConfig(home: string): ApiConfig {
  const file = join(home, 'config.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { hosts: [] };
    throw new ConfigError(`${file}: cannot be read (${(error as Error).message}); check its permissions`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      `${file}: not valid JSON (${(error as Error).message}); fix the file or move it aside`,
    );
  }
  const parsed = ApiSchema.safeParse((json as { api?: unknown } | null)?.api ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['api', ...issue.path].join('.');
    throw new ConfigError(`${file}: '${field}' ${issue.message.toLowerCase()}; see docs/interfaces.md`);
  }
  return parsed.data;
}
