/**
 * A mistake in the LLM configuration: the one ConfigError of every config file
 * (platform/config-file.ts), under the name the intelligence layer has always exported.
 *
 * @example
 * throw new ConfigError("AIOS_LLM_API must be one of openai, anthropic, not 'gemini'");
 */
export { ConfigError } from '../platform/config-file.ts';
