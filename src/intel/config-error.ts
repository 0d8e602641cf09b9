/**
 * A mistake in the LLM configuration. Its message is one line that names the field (or the
 * variable) and says what to do; the CLI prints it as it is.
 *
 * @example
 * throw new ConfigError("AIOS_LLM_API must be one of openai, anthropic, not 'gemini'");
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
