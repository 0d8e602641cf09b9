/**
 * The HTTP underneath every provider: a POST under one deadline, HTTP failures turned into
 * LlmErrors (429 with its Retry-After, 5xx, auth), bounded JSON bodies, and Server-Sent
 * Events parsed by eventsource-parser.
 *
 * @example
 * const events = await exchange('local', { timeoutMs: 30_000 }, async (signal) => {
 *   const res = await post('local', url, headers, body, signal);
 *   for await (const e of sse('local', res)) handle(e.event, e.data);
 * });
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { LlmError, type RateLimits } from './types.ts';

/** Largest JSON body or buffered SSE event accepted from a server. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const MAX_ERROR_BYTES = 16 * 1024;

/**
 * Runs one exchange (request and whole response) under a deadline and the caller's signal.
 * Anything thrown that is not already an LlmError becomes one: timeout, aborted or network.
 */
export async function exchange<T>(
  provider: string,
  options: { timeoutMs: number; signal?: AbortSignal },
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    return await run(signal);
  } catch (error) {
    if (error instanceof LlmError) throw error;
    if (options.signal?.aborted) throw new LlmError('aborted', provider, 'the request was cancelled');
    if (timeout.aborted) {
      throw new LlmError('timeout', provider, `no complete answer within ${options.timeoutMs} ms`);
    }
    throw new LlmError('network', provider, `cannot reach the provider: ${causeOf(error)}`);
  }
}

/** POSTs JSON; resolves with a 2xx response, throws an LlmError for any other status. */
export async function post(
  provider: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
  signal: AbortSignal,
): Promise<Response> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal,
  });
  if (!res.ok) throw await httpError(provider, res);
  return res;
}

/** The error for a non-2xx response, with the server's own message when it gave one. */
export async function httpError(provider: string, res: Response): Promise<LlmError> {
  const text = await readText(provider, res, MAX_ERROR_BYTES).catch(() => '');
  let detail = text.trim().slice(0, 300);
  try {
    const json = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    const message = typeof json.error === 'string' ? json.error : (json.error?.message ?? json.message);
    if (message) detail = message;
  } catch {
    // not JSON: keep the text
  }
  const s = res.status;
  const kind =
    s === 429
      ? 'rate_limit'
      : s === 408 || s === 504
        ? 'timeout'
        : s >= 500
          ? 'server'
          : s === 401 || s === 403
            ? 'auth'
            : 'bad_request';
  const retryAfterMs = retryAfter(res.headers);
  return new LlmError(kind, provider, `HTTP ${s}${detail ? `: ${detail}` : ''}`, {
    status: s,
    retryAfterMs,
    limits: rateLimits(res.headers),
  });
}

/**
 * The budgets a response's headers state: OpenAI's x-ratelimit-{limit,remaining,reset}-
 * {tokens,requests} (resets as 20ms, 1.5s, 6m0s) or Anthropic's anthropic-ratelimit-
 * {tokens,requests}-{limit,remaining,reset} (resets as RFC 3339 times); undefined if none.
 */
export function rateLimits(headers: Headers, now = Date.now()): RateLimits | undefined {
  const num = (name: string) => {
    const v = headers.get(name);
    const n = v === null ? Number.NaN : Number(v);
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  const reset = (name: string) => {
    const v = headers.get(name);
    if (v === null) return undefined;
    const span = durationMs(v);
    if (span !== undefined) return span;
    const at = Date.parse(v);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now);
  };
  const limits: RateLimits = {
    limitTokens: num('x-ratelimit-limit-tokens') ?? num('anthropic-ratelimit-tokens-limit'),
    remainingTokens: num('x-ratelimit-remaining-tokens') ?? num('anthropic-ratelimit-tokens-remaining'),
    resetTokensMs: reset('x-ratelimit-reset-tokens') ?? reset('anthropic-ratelimit-tokens-reset'),
    limitRequests: num('x-ratelimit-limit-requests') ?? num('anthropic-ratelimit-requests-limit'),
    remainingRequests: num('x-ratelimit-remaining-requests') ?? num('anthropic-ratelimit-requests-remaining'),
    resetRequestsMs: reset('x-ratelimit-reset-requests') ?? reset('anthropic-ratelimit-requests-reset'),
  };
  return Object.values(limits).some((v) => v !== undefined) ? limits : undefined;
}

/** '20ms', '1.5s', '6m0s', '1h2m3s' in ms; undefined for anything else. */
function durationMs(text: string): number | undefined {
  const parts =
    /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/.exec(
      text.trim(),
    );
  if (!parts || text.trim() === '') return undefined;
  const [, h, m, s, ms] = parts.map(Number);
  return (h || 0) * 3_600_000 + (m || 0) * 60_000 + (s || 0) * 1000 + (ms || 0);
}

/** Milliseconds to wait from retry-after-ms, or Retry-After in seconds or as an HTTP date. */
export function retryAfter(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The body as JSON, at most 8 MiB; a body that is not JSON is a 'malformed' LlmError. */
export async function readJson(provider: string, res: Response): Promise<unknown> {
  const text = await readText(provider, res, MAX_BODY_BYTES);
  try {
    return JSON.parse(text);
  } catch {
    throw new LlmError('malformed', provider, `the answer is not JSON: '${text.slice(0, 60)}'`);
  }
}

/** Parses an event's JSON data; a malformed one is a 'malformed' LlmError. */
export function eventJson(provider: string, data: string): Record<string, unknown> {
  try {
    const value = JSON.parse(data) as unknown;
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new LlmError('malformed', provider, `a streamed event is not a JSON object: '${data.slice(0, 60)}'`);
}

/** The Server-Sent Events of a response body, in order. */
export async function* sse(provider: string, res: Response): AsyncGenerator<EventSourceMessage> {
  if (!res.body) throw new LlmError('malformed', provider, 'the streamed answer has no body');
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('text/event-stream')) {
    // A server that ignored stream: true (or sent an error page) answered with something else.
    const text = await readText(provider, res, MAX_ERROR_BYTES).catch(() => '');
    throw new LlmError(
      'malformed',
      provider,
      `expected an event stream, got '${type}': '${text.slice(0, 60)}'`,
    );
  }
  // The parser is fed straight from the body's reader: two web TransformStreams per answer
  // (decoder and parser) cost more host CPU than the rest of the call's path.
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let events: EventSourceMessage[] = [];
  let failure: Error | undefined;
  const parser = createParser({
    onEvent: (event) => events.push(event),
    onError: (error) => {
      failure ??= error;
    },
    maxBufferSize: MAX_BODY_BYTES,
  });
  let ended = false;
  try {
    while (!ended) {
      const { done, value } = await reader.read();
      ended = done;
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (text) parser.feed(text);
      if (failure) {
        throw new LlmError('malformed', provider, `the event stream is malformed: ${failure.message}`);
      }
      const ready = events;
      events = [];
      for (const event of ready) yield event;
    }
  } finally {
    // A caller that stops at its last event ([DONE]) leaves the body's end unread: read it in
    // the background rather than cancel it, which would close the connection and make the
    // next request open a new one.
    if (!ended) drain(reader);
  }
}

/** Reads what is left of a body (a little at most) so its connection can serve the next request. */
function drain(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  void (async () => {
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
      if (size > MAX_ERROR_BYTES) return void (await reader.cancel());
    }
  })().catch(() => {});
}

async function readText(provider: string, res: Response, limit: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new LlmError('malformed', provider, `the answer is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function causeOf(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}
