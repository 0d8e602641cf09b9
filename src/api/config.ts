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
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, readConfigSection } from '../platform/config-file.ts';

const ApiSchema = z
  .object({
    hosts: z.array(z.string().min(1).max(253)).max(64).default([]),
  })
  .strict();

export type ApiConfig = z.infer<typeof ApiSchema>;

export function loadApiConfig(home: string): ApiConfig {
  const file = join(home, 'config.json');
  const parsed = ApiSchema.safeParse(readConfigSection(file, 'api') ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['api', ...issue.path].join('.');
    throw new ConfigError(`${file}: '${field}' ${issue.message.toLowerCase()}; see docs/interfaces.md`);
  }
  return parsed.data;
}
