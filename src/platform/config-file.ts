// Node built-ins with lazy parts come through getBuiltinModule, not import: this module loads
// before `aios up` is ready, and an import would load all those parts (docs/boot.md).
const { readFileSync } = process.getBuiltinModule('node:fs');
/**
 * $AIOS_HOME/config.json holds one section per layer (`llm`, `api`, …); each layer validates
 * its own. This reads the file once per call and hands back one section, with every mistake
 * in the file itself as one ConfigError line naming the file and what to do.
 *
 * @example
 * const raw = readConfigSection(join(home, 'config.json'), 'api'); // undefined: no file or no section
 */

/**
 * A mistake in a config file or variable. Its message is one line that names the file and
 * field (or the variable) and says what to do; the CLI prints it as it is.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readConfigSection(file: string, section: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
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
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConfigError(`${file}: must hold a JSON object like {"${section}": {...}}; see docs/llm.md`);
  }
  return (json as Record<string, unknown>)[section];
}
