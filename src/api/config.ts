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
import { join } from 'node:path';
import { ConfigError, readConfigSection } from '../platform/config-file.ts';

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
  const section = readConfigSection(file, 'api');
  if (section === undefined) return { hosts: [] };
  const parsed = (await apiSchema()).safeParse(section);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['api', ...issue.path].join('.');
    throw new ConfigError(`${file}: '${field}' ${issue.message.toLowerCase()}; see docs/interfaces.md`);
  }
  return parsed.data;
}
