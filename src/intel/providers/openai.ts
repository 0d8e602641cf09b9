/**
 * The OpenAI-compatible chat-completions API (POST {baseUrl}/chat/completions), which
 * Ollama, vLLM, llama.cpp's server, LM Studio, OpenAI, DeepSeek and Groq all serve. Streams
 * with SSE (`data: {chunk}` ... `data: [DONE]`), assembling tool calls from their fragments.
 *
 * @example
 * const p = new OpenAiProvider({ name: 'local', api: 'openai', baseUrl: 'http://127.0.0.1:11434/v1',
 *   headers: {}, timeoutMs: 30_000 });
 * const answer = await p.chat({ model: 'qwen2.5:7b', messages, tools, maxTokens: 512, stream: true, timeoutMs: 30_000 });
 */
import type { ProviderConfig } from '../config.ts';
import { eventJson, exchange, post, rateLimits, readJson, sse } from './http.ts';
import {
  type ChatRequest,
  type ChatResult,
  estimateTokens,
  LlmError,
  type Provider,
  type ToolCall,
} from './types.ts';

interface WireToolCall {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

interface WireChoice {
  message?: { content?: string | null; tool_calls?: WireToolCall[] };
  delta?: { content?: string | null; tool_calls?: WireToolCall[] };
  finish_reason?: string | null;
}

interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
}

export class OpenAiProvider implements Provider {
  readonly api = 'openai' as const;
  readonly name: string;
  readonly #config: ProviderConfig;
  /** What each model has been found to accept, learnt from the server's refusals. */
  readonly #dialects = new Map<string, Dialect>();

  constructor(config: ProviderConfig) {
    this.name = config.name;
    this.#config = config;
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    // A model that refuses a parameter says which one (OpenAI's reasoning models refuse
    // max_tokens and a temperature other than 1): adapt, remember it for the model, ask again.
    for (let attempt = 0; ; attempt++) {
      const dialect = this.#dialects.get(request.model) ?? defaultDialect(this.#config.baseUrl);
      try {
        return await this.#chat(request, dialect);
      } catch (error) {
        const adapted = attempt < 2 ? adapt(dialect, error) : undefined;
        if (!adapted) throw error;
        this.#dialects.set(request.model, adapted);
      }
    }
  }

  #chat(request: ChatRequest, dialect: Dialect): Promise<ChatResult> {
    const c = this.#config;
    const headers: Record<string, string> = { ...c.headers };
    if (c.apiKey) headers.authorization = `Bearer ${c.apiKey}`;
    const body = requestBody(request, dialect);
    return exchange(this.name, request, async (signal) => {
      const res = await post(this.name, `${c.baseUrl}/chat/completions`, headers, body, signal);
      request.onAdmitted?.(rateLimits(res.headers));
      const result = request.stream
        ? await this.#streamed(res, request)
        : this.#whole(await readJson(this.name, res));
      if (result.usage.estimated) {
        result.usage.input = estimateTokens(JSON.stringify(body.messages) + JSON.stringify(body.tools ?? ''));
      }
      result.limits = rateLimits(res.headers);
      return result;
    });
  }

  #whole(json: unknown): ChatResult {
    const j = json as {
      choices?: WireChoice[];
      usage?: WireUsage;
      model?: string;
      error?: { message?: string };
    };
    if (j?.error)
      throw new LlmError('server', this.name, `the server answered with an error: ${j.error.message}`);
    const choice = j?.choices?.[0];
    if (!choice?.message) throw new LlmError('malformed', this.name, 'the answer has no choices[0].message');
    const text = choice.message.content ?? '';
    const toolCalls = (choice.message.tool_calls ?? []).map((t, i) => ({
      id: t.id ?? `call_${i}`,
      name: t.function?.name ?? '',
      arguments: t.function?.arguments ?? '',
    }));
    return {
      text,
      toolCalls,
      usage: usageOf(j.usage, text, toolCalls),
      finish: choice.finish_reason ?? 'stop',
      model: j.model ?? '',
    };
  }

  async #streamed(res: Response, request: ChatRequest): Promise<ChatResult> {
    let text = '';
    const calls: ToolCall[] = [];
    let finish = '';
    let model = '';
    let usage: WireUsage | undefined;
    let done = false;
    let firstTextAt: number | undefined;
    for await (const event of sse(this.name, res)) {
      if (event.data === '[DONE]') {
        done = true;
        break;
      }
      const chunk = eventJson(this.name, event.data) as {
        choices?: WireChoice[];
        usage?: WireUsage | null;
        model?: string;
        error?: { message?: string };
      };
      if (chunk.error) {
        throw new LlmError('server', this.name, `the stream carried an error: ${chunk.error.message}`);
      }
      if (chunk.model) model = chunk.model;
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      const delta = choice.delta ?? {};
      if (delta.content) {
        if (text === '') firstTextAt = performance.now();
        text += delta.content;
        request.onText?.(delta.content);
      }
      for (const t of delta.tool_calls ?? []) {
        const index = t.index ?? calls.length - 1;
        if (index < 0 || index > 127) throw new LlmError('malformed', this.name, `tool call index ${index}`);
        calls[index] ??= { id: '', name: '', arguments: '' };
        const call = calls[index];
        if (t.id) call.id = t.id;
        if (t.function?.name) call.name = call.name ? call.name : t.function.name;
        if (t.function?.arguments) call.arguments += t.function.arguments;
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    if (!done && !finish)
      throw new LlmError('malformed', this.name, 'the stream ended before the answer did');
    const toolCalls = calls.filter(Boolean).map((c, i) => ({ ...c, id: c.id || `call_${i}` }));
    return {
      text,
      toolCalls,
      usage: usageOf(usage, text, toolCalls),
      finish: finish || 'stop',
      model,
      firstTextAt,
    };
  }
}

/**
 * The parameters a model accepts. OpenAI deprecated max_tokens for max_completion_tokens, which
 * its newer models require; the servers that copy its API (Ollama, vLLM, llama.cpp, DeepSeek)
 * know max_tokens. Reasoning models accept only the default temperature.
 */
interface Dialect {
  tokens: 'max_tokens' | 'max_completion_tokens';
  temperature: boolean;
}

/** What a model is sent before it has refused anything. */
export function defaultDialect(baseUrl: string): Dialect {
  const official = URL.canParse(baseUrl) && new URL(baseUrl).hostname === 'api.openai.com';
  return { tokens: official ? 'max_completion_tokens' : 'max_tokens', temperature: true };
}

/** The dialect a 400 asks for, or undefined when the refusal is about something else. */
function adapt(dialect: Dialect, error: unknown): Dialect | undefined {
  if (!(error instanceof LlmError) || error.kind !== 'bad_request') return undefined;
  const said = error.message;
  if (!/unsupported|not supported|unrecognized|unknown/i.test(said)) return undefined;
  const other = dialect.tokens === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
  if (new RegExp(`\\b${dialect.tokens}\\b`).test(said)) return { ...dialect, tokens: other };
  if (dialect.temperature && /\btemperature\b/.test(said)) return { ...dialect, temperature: false };
  return undefined;
}

function requestBody(r: ChatRequest, dialect: Dialect) {
  const messages = [...(r.system ? [{ role: 'system', content: r.system }] : []), ...r.messages];
  return {
    model: r.model,
    messages,
    [dialect.tokens]: r.maxTokens,
    ...(dialect.temperature ? { temperature: r.temperature ?? 0 } : {}),
    stream: r.stream,
    ...(r.stream ? { stream_options: { include_usage: true } } : {}),
    ...(r.tools?.length
      ? {
          tools: r.tools.map((t) => ({
            type: 'function',
            function: { name: t.name, description: t.description, parameters: t.parameters },
          })),
          tool_choice: r.toolChoice ?? 'auto',
        }
      : {}),
    ...(r.json ? { response_format: { type: 'json_object' } } : {}),
  };
}

function usageOf(u: WireUsage | undefined, text: string, calls: ToolCall[]) {
  if (u && typeof u.prompt_tokens === 'number' && typeof u.completion_tokens === 'number') {
    return { input: u.prompt_tokens, output: u.completion_tokens, estimated: false };
  }
  const out = text + calls.map((c) => c.name + c.arguments).join('');
  return { input: 0, output: estimateTokens(out), estimated: true };
}
