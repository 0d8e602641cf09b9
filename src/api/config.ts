/**
 * The API's settings: the `api` section of $AIOS_HOME/config.json (the file the `llm`
 * section lives in). Today one field: host names the TCP listener answers to besides the
 * loopback names and the address it listens on (see host-check.ts).
 *
 *   { "api": { "hosts": ["aios.lan", "192.168.1.20"] } }
 *
 * @example
 * const { hosts } = await loadApiConfig(home); // throws ConfigError naming the file and field
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../intel/config-error.ts';

export interface ApiConfig {
  hosts: string[];
}

// zod loads only when there is an api section to check: `aios up` reads this before it is ready.
async function apiSchema() {
  const { z } = await import('zod');
  return z
    .object({
      hosts: z.array(z.string().min(1).max(253)).max(64).default([]),
    })
    .strict();
}

export async function loadApiConfig(home: string): Promise<ApiConfig> {
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
  const section = (json as { api?: unknown } | null)?.api;
  if (section === undefined) return { hosts: [] };
  const parsed = (await apiSchema()).safeParse(section);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['api', ...issue.path].join('.');
    throw new ConfigError(`${file}: '${field}' ${issue.message.toLowerCase()}; see docs/interfaces.md`);
  }
  return parsed.data;
}
