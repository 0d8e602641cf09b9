/**
 * Every config file in AIOS_HOME, checked before `aios up` boots: atlas.json (Atlas),
 * config.json's llm section (the model service) and memory section (memoryd's quotas and
 * embedder), and mcp.json (external tools). A mistake
 * stops the start with the loader's own line, which names the file, the field and the limit;
 * otherwise the first Atlas call would find it and every call would fail.
 *
 * @example
 * await checkConfigFiles(home, process.env); // throws ConfigFileError: '…/atlas.json: 'undoDays' is …'
 */
import { join } from 'node:path';

// Node built-ins with lazy parts come through getBuiltinModule, not import: this module loads
// before `aios up` is ready, and an import would load all those parts (docs/boot.md).
const { existsSync, readFileSync } = process.getBuiltinModule('node:fs');

export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
}

export async function checkConfigFiles(home: string, env: NodeJS.ProcessEnv): Promise<void> {
  const { llmConfigured } = await import('../intel/configured.ts');
  const checks: (() => unknown)[] = [];
  // Each validator loads only where its file is there to check: with no atlas.json Atlas runs
  // on its defaults, which cannot be wrong, and `aios up` is ready without loading zod.
  if (existsSync(join(home, 'atlas.json'))) {
    const { loadConfig } = await import('../shell/config.ts');
    checks.push(() => loadConfig(home, env));
  }
  if (existsSync(join(home, 'mcp.json'))) {
    const { loadMcpConfig } = await import('../tools/mcp/client.ts');
    checks.push(() => loadMcpConfig(home));
  }
  if (llmConfigured(home, env)) {
    const { loadLlmConfig } = await import('../intel/config.ts');
    checks.push(() => loadLlmConfig(home, env));
  }
  if (hasSection(join(home, 'config.json'), 'memory')) {
    const { memorydConfig } = await import('../services/memoryd/config.ts');
    checks.push(() => memorydConfig(home, env));
  }
  for (const check of checks) {
    try {
      check();
    } catch (error) {
      throw new ConfigFileError(`${(error as Error).message}; aios did not start`, { cause: error });
    }
  }
}

/** Whether `file` may hold `section`, without parsing it (the validator says for sure). */
function hasSection(file: string, section: string): boolean {
  try {
    return new RegExp(`"${section}"\\s*:`).test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}
