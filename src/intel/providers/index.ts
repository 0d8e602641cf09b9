/**
 * The provider for a configured endpoint, by the API it speaks.
 *
 * @example
 * const provider = createProvider(config.providers.get('local')!);
 */
import type { ProviderConfig } from '../config.ts';
import { AnthropicProvider } from './anthropic.ts';
import { OpenAiProvider } from './openai.ts';
import type { Provider } from './types.ts';

export function createProvider(config: ProviderConfig): Provider {
  return config.api === 'anthropic' ? new AnthropicProvider(config) : new OpenAiProvider(config);
}

export type { ChatRequest, ChatResult, Provider, ToolCall, ToolSpec, Usage } from './types.ts';
export { LlmError } from './types.ts';
