/**
 * Anthropic's messages API (POST {baseUrl}/v1/messages). Streams with named SSE events
 * (message_start, content_block_start/delta/stop, message_delta, message_stop, ping, error);
 * tool_use blocks arrive as input_json_delta fragments and are assembled here.
 *
 * @example
 * const p = new AnthropicProvider({ name: 'anthropic', api: 'anthropic',
 *   baseUrl: 'https://api.anthropic.com', apiKey, headers: {}, timeoutMs: 60_000 });
 * const answer = await p.chat({ model: 'claude-sonnet-4-5', messages, tools, maxTokens: 1024, stream: true, timeoutMs: 60_000 });
 */
import type { ProviderConfig } from '../config.ts';
import { eventJson, exchange, post, rateLimits, readJson, sse } from './http.ts';
import { type ChatRequest, type ChatResult, estimateTokens, LlmError, type Provider } from './types.ts';

export const ANTHROPIC_VERSION = '2023-06-01';

interface WireBlock {
  type: string;
  id?: string;
  name?: string;
  text?: string;
  input?: unknown;
}

interface WireUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

/** A content block being assembled from stream events. */
interface BlockDraft {
  type: string;
  id: string;
  name: string;
  text: string;
  json: string;
  /** tool_use input given whole in content_block_start (used when no delta follows). */
  input?: unknown;
}

export class AnthropicProvider implements Provider {
  readonly api = 'anthropic' as const;
  readonly name: string;
  readonly #config: ProviderConfig;

  constructor(config: ProviderConfig) {
    this.name = config.name;
    this.#config = config;
  }

  chat(request: ChatRequest): Promise<ChatResult> {
    const c = this.#config;
    const headers: Record<string, string> = { 'anthropic-version': ANTHROPIC_VERSION, ...c.headers };
    if (c.apiKey) headers['x-api-key'] = c.apiKey;
    const body = {
      model: request.model,
      max_tokens: request.maxTokens,
      temperature: request.temperature ?? 0,
      stream: request.stream,
      ...(request.system ? { system: request.system } : {}),
      messages: request.messages,
      ...(request.tools?.length
        ? {
            tools: request.tools.map((t) => ({
              name: t.name,
              description: t.description,
              input_schema: t.parameters,
            })),
            tool_choice: { type: request.toolChoice === 'required' ? 'any' : 'auto' },
          }
        : {}),
    };
    return exchange(this.name, request, async (signal) => {
      const res = await post(this.name, `${c.baseUrl}/v1/messages`, headers, body, signal);
      request.onAdmitted?.(rateLimits(res.headers));
      const result = request.stream
        ? await this.#streamed(res, request)
        : this.#whole(await readJson(this.name, res));
      result.limits = rateLimits(res.headers);
      return result;
    });
  }

  #whole(json: unknown): ChatResult {
    const j = json as {
      type?: string;
      content?: WireBlock[];
      usage?: WireUsage;
      stop_reason?: string;
      model?: string;
      error?: { type?: string; message?: string };
    };
    if (j?.type === 'error') throw streamError(this.name, j.error);
    if (!Array.isArray(j?.content))
      throw new LlmError('malformed', this.name, 'the answer has no content array');
    const blocks: BlockDraft[] = j.content.map((b) => ({
      type: b.type,
      id: b.id ?? '',
      name: b.name ?? '',
      text: b.text ?? '',
      json: '',
      input: b.input,
    }));
    return this.#result(blocks, j.usage, j.stop_reason ?? 'end_turn', j.model ?? '');
  }

  async #streamed(res: Response, request: ChatRequest): Promise<ChatResult> {
    const blocks: BlockDraft[] = [];
    let usage: WireUsage = {};
    let finish = '';
    let model = '';
    let stopped = false;
    for await (const event of sse(this.name, res)) {
      const data = eventJson(this.name, event.data) as Record<string, unknown> & {
        type?: string;
        index?: number;
      };
      const type = data.type ?? event.event;
      if (type === 'message_start') {
        const message = data.message as { usage?: WireUsage; model?: string } | undefined;
        usage = { ...usage, ...message?.usage };
        model = message?.model ?? model;
      } else if (type === 'content_block_start') {
        const b = data.content_block as WireBlock | undefined;
        const index = blockIndex(this.name, data.index);
        blocks[index] = {
          type: b?.type ?? 'text',
          id: b?.id ?? '',
          name: b?.name ?? '',
          text: b?.text ?? '',
          json: '',
          input: b?.input,
        };
      } else if (type === 'content_block_delta') {
        const block = blocks[blockIndex(this.name, data.index)];
        if (!block)
          throw new LlmError('malformed', this.name, `a delta for block ${data.index}, never started`);
        const delta = data.delta as { type?: string; text?: string; partial_json?: string } | undefined;
        if (delta?.type === 'text_delta' && delta.text) {
          block.text += delta.text;
          request.onText?.(delta.text);
        } else if (delta?.type === 'input_json_delta') {
          block.json += delta.partial_json ?? '';
        }
      } else if (type === 'message_delta') {
        const delta = data.delta as { stop_reason?: string } | undefined;
        if (delta?.stop_reason) finish = delta.stop_reason;
        usage = { ...usage, ...(data.usage as WireUsage | undefined) };
      } else if (type === 'message_stop') {
        stopped = true;
        break;
      } else if (type === 'error') {
        throw streamError(this.name, data.error as { type?: string; message?: string });
      }
      // ping and content_block_stop carry nothing we need
    }
    if (!stopped) throw new LlmError('malformed', this.name, 'the stream ended before message_stop');
    return this.#result(blocks.filter(Boolean), usage, finish || 'end_turn', model);
  }

  #result(blocks: BlockDraft[], usage: WireUsage | undefined, finish: string, model: string): ChatResult {
    const text = blocks
      .filter((b) => b.type === 'text')
      .map((b) => b.text)
      .join('');
    const toolCalls = blocks
      .filter((b) => b.type === 'tool_use')
      .map((b) => ({
        id: b.id,
        name: b.name,
        arguments: b.json !== '' ? b.json : JSON.stringify(b.input ?? {}),
      }));
    const reported = typeof usage?.input_tokens === 'number' && typeof usage?.output_tokens === 'number';
    const input =
      (usage?.input_tokens ?? 0) +
      (usage?.cache_creation_input_tokens ?? 0) +
      (usage?.cache_read_input_tokens ?? 0);
    return {
      text,
      toolCalls,
      usage: reported
        ? { input, output: usage?.output_tokens ?? 0, estimated: false }
        : {
            input,
            output: estimateTokens(text + toolCalls.map((c) => c.name + c.arguments).join('')),
            estimated: true,
          },
      finish,
      model,
    };
  }
}

function blockIndex(provider: string, index: unknown): number {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > 127) {
    throw new LlmError('malformed', provider, `content block index '${String(index)}' is not valid`);
  }
  return index;
}

function streamError(provider: string, error: { type?: string; message?: string } | undefined): LlmError {
  const type = error?.type ?? 'api_error';
  const kind =
    type === 'rate_limit_error'
      ? 'rate_limit'
      : type === 'overloaded_error' || type === 'api_error'
        ? 'server'
        : type === 'authentication_error' || type === 'permission_error'
          ? 'auth'
          : 'bad_request';
  return new LlmError(kind, provider, `${type}: ${error?.message ?? 'no message'}`);
}
