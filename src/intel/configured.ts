/**
 * Whether any LLM model may be configured, decided without loading the validator: boot asks
 * this on every start, and most systems have no model. A true answer is confirmed (and any
 * mistake reported) by loadLlmConfig.
 *
 * @example
 * if (llmConfigured(home, process.env)) host.setExecutor('llm', await createLlmExecutor({ home, env }));
 */
import { join } from 'node:path';

// Node built-ins with lazy parts come through getBuiltinModule, not import: this module loads
// before `aios up` is ready, and an import would load all those parts (docs/boot.md).
const { readFileSync } = process.getBuiltinModule('node:fs');

export function llmConfigured(home: string, env: NodeJS.ProcessEnv): boolean {
  if (env.AIOS_LLM === 'off') return false;
  if (Object.keys(env).some((k) => k.startsWith('AIOS_LLM_') && k !== 'AIOS_LLM_CONFIG' && env[k]))
    return true;
  try {
    const text = readFileSync(env.AIOS_LLM_CONFIG || join(home, 'config.json'), 'utf8');
    return /"llm"\s*:/.test(text);
  } catch {
    return false;
  }
}
