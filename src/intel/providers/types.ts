/**
 * What every LLM provider speaks, whatever its wire protocol: one chat request in (system
 * text, messages, tools), one answer out (text, tool calls with their raw JSON arguments,
 * token usage). Failures are LlmErrors whose kind decides retrying and the circuit breaker.
 *
 * @example
 * const answer = await provider.chat({ model: 'qwen2.5:7b', messages: [{ role: 'user', content: 'hi' }],
 *   maxTokens: 64, stream: true, timeoutMs: 30_000 });
 * answer.text; answer.usage.input;
 */

export interface ToolSpec {
  /** Matches ^[a-zA-Z0-9_-]{1,64}$, which both APIs accept. */
  name: string;
  description: string;
  /** JSON Schema of the arguments (an object schema). */
  parameters: Record<string, unknown>;
}

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  model: string;
  system?: string;
  messages: ChatMessage[];
  tools?: ToolSpec[];
  /** 'required' makes the model call a tool; 'auto' lets it answer in text. */
  toolChoice?: 'auto' | 'required';
  /** Ask for a JSON object as the text answer (where the API can enforce it). */
  json?: boolean;
  maxTokens: number;
  temperature?: number;
  stream: boolean;
  /** The whole exchange, first byte to last, must finish within this. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called with each piece of text as it streams in. */
  onText?: (delta: string) => void;
  /** Called when the provider accepted the request (a 2xx status), with its rate-limit headers. */
  onAdmitted?: (limits: RateLimits | undefined) => void;
}

export interface ToolCall {
  id: string;
  name: string;
  /** The arguments exactly as the model wrote them: JSON text, not yet parsed. */
  arguments: string;
}

export interface Usage {
  input: number;
  output: number;
  /** True when the server reported no usage and the figures are estimated from text length. */
  estimated: boolean;
}

/**
 * The provider's budgets as its headers state them (OpenAI's x-ratelimit-*, Anthropic's
 * anthropic-ratelimit-*): limits per minute, what is left, ms until full again.
 */
export interface RateLimits {
  limitTokens?: number;
  remainingTokens?: number;
  resetTokensMs?: number;
  limitRequests?: number;
  remainingRequests?: number;
  resetRequestsMs?: number;
}

export interface ChatResult {
  text: string;
  toolCalls: ToolCall[];
  usage: Usage;
  /** Why generation stopped, as the API said it (stop, tool_calls, end_turn, length, ...). */
  finish: string;
  /** The model that answered, as the server named it. */
  model: string;
  /** Its rate-limit headers, when it sent any. */
  limits?: RateLimits;
  /** performance.now() when the first text arrived (streamed answers). */
  firstTextAt?: number;
}

export interface Provider {
  readonly name: string;
  readonly api: 'openai' | 'anthropic';
  chat(request: ChatRequest): Promise<ChatResult>;
}

export type LlmErrorKind =
  | 'timeout'
  | 'rate_limit'
  | 'server'
  | 'network'
  | 'malformed'
  | 'auth'
  | 'bad_request'
  | 'aborted'
  /** aios's own LLM client thread failed (crashed, or a bug): not the provider's doing. */
  | 'client';

const RETRYABLE: ReadonlySet<LlmErrorKind> = new Set([
  'timeout',
  'rate_limit',
  'server',
  'network',
  'malformed',
]);

export class LlmError extends Error {
  override name = 'LlmError';
  readonly kind: LlmErrorKind;
  readonly provider: string;
  readonly status?: number;
  /** From Retry-After (or retry-after-ms) on a 429 or 503. */
  readonly retryAfterMs?: number;
  /** The rate-limit headers of the refusal, when it had any. */
  readonly limits?: RateLimits;

  constructor(
    kind: LlmErrorKind,
    provider: string,
    message: string,
    extra: { status?: number; retryAfterMs?: number; limits?: RateLimits } = {},
  ) {
    super(message);
    this.kind = kind;
    this.provider = provider;
    this.status = extra.status;
    this.retryAfterMs = extra.retryAfterMs;
    this.limits = extra.limits;
  }

  /** Worth another attempt: the same request may succeed later. */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }

  /**
   * Counts against the provider's circuit breaker. The caller's own abort does not, nor does a
   * rate limit (a 429 is back-pressure from a provider that works), nor a failure of aios's
   * own client thread.
   */
  get countsAgainstProvider(): boolean {
    return this.kind !== 'aborted' && this.kind !== 'rate_limit' && this.kind !== 'client';
  }
}

/** Rough token count of text the server did not count for us: about four characters a token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
