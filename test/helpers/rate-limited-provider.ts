/**
 * A local OpenAI-compatible provider that behaves like a real, limited one, for tests and
 * bench/llm.bench.ts: real HTTP on 127.0.0.1, POST /v1/chat/completions streamed (SSE) or
 * whole. It has `slots` requests in service at once and a tokens-per-minute budget (a bucket
 * refilled continuously, as OpenAI's is) charged at admission with the prompt's tokens plus
 * max_tokens; optionally a requests-per-minute budget too. Beyond them it answers 429 with
 * Retry-After (and retry-after-ms) and OpenAI's x-ratelimit-* headers, which every answer
 * carries. Service takes prefill (per prompt token) plus decode (per generated token). In
 * 'slowdown' mode it admits everything and, like a local inference server, decodes slower as
 * load passes its slots (the slots share its speed).
 *
 * The answer to a prompt is `max_tokens` tokens, each the word `tok` and a space (4 characters,
 * one token by the usual estimate), so every client can check what it got.
 *
 * @example
 * const provider = await startRateLimitedProvider({ slots: 8, tokensPerMinute: 600_000 });
 * // baseUrl: `${provider.url}/v1`; provider.stats.rejected; await provider.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProviderOptions {
  /** Requests in service at once. */
  slots: number;
  /** Tokens (prompt + max_tokens) admitted per minute; Infinity for no budget. */
  tokensPerMinute?: number;
  /** Requests admitted per minute; Infinity (the default) for no budget. */
  requestsPerMinute?: number;
  /** Service time per prompt token and per generated token, in ms. */
  prefillMsPerToken?: number;
  decodeMsPerToken?: number;
  /** '429' refuses beyond the limits; 'slowdown' admits all and slows down past `slots`. */
  mode?: '429' | 'slowdown';
  /** Largest completion served (a request asking more gets this many). */
  maxTokensCap?: number;
  /**
   * How long its "minute" is, in ms: a benchmark that scales time down scales the budgets'
   * window with it. Its reset headers tell the real time, so clients see the true rate.
   */
  minuteMs?: number;
}

export interface ProviderStats {
  /** Requests that reached the server, admitted or not. */
  arrived: number;
  admitted: number;
  completed: number;
  /** 429s sent. */
  rejected: number;
  /** Tokens generated into answers the client took whole. */
  outputTokens: number;
  promptTokens: number;
  /** Tokens generated into answers whose client hung up before the end. */
  wastedTokens: number;
  /** Sum of the service time of every admitted request, in ms (ideal, from the cost model). */
  serviceMs: number;
  /** Most requests in service at once. */
  peakActive: number;
  /**
   * Slot time really spent: the sum over admitted requests of arrival to end (or hang-up), in
   * ms. Against serviceMs it shows the provider's own lateness; against slots × the run's
   * length, how long its slots stood empty.
   */
  occupiedMs: number;
}

export interface Arrival {
  /** performance.now() when the request arrived. */
  at: number;
  /** Set on a 429: when it told the client to come back (performance.now() time). */
  retryAt?: number;
  /** Set on a 429: what was short, its slots or its token (or request) budget. */
  refused?: 'slots' | 'budget';
  /** Set once an admitted request leaves its slot (answered or hung up), performance.now() time. */
  end?: number;
  /** Its class as the prompt names it (the bench's prompts start with it), for the timeline. */
  label?: string;
}

export interface RateLimitedProvider {
  url: string;
  readonly options: Required<ProviderOptions>;
  readonly stats: ProviderStats;
  /** Every request in arrival order (capped at ARRIVALS_KEPT). */
  readonly arrivals: Arrival[];
  /** Ideal service time of a request with this many prompt and completion tokens, in ms. */
  serviceMs(promptTokens: number, completionTokens: number): number;
  close(): Promise<void>;
}

const ARRIVALS_KEPT = 100_000;
/** Most tokens written in one SSE event: fewer timers than one event per token. */
const TOKENS_PER_EVENT = 8;
const MAX_BODY_BYTES = 1024 * 1024;

export async function startRateLimitedProvider(options: ProviderOptions): Promise<RateLimitedProvider> {
  const o: Required<ProviderOptions> = {
    tokensPerMinute: Infinity,
    requestsPerMinute: Infinity,
    prefillMsPerToken: 0.02,
    decodeMsPerToken: 1,
    mode: '429',
    maxTokensCap: 4096,
    minuteMs: 60_000,
    ...options,
  };
  const stats: ProviderStats = {
    arrived: 0,
    admitted: 0,
    completed: 0,
    rejected: 0,
    outputTokens: 0,
    promptTokens: 0,
    wastedTokens: 0,
    serviceMs: 0,
    peakActive: 0,
    occupiedMs: 0,
  };
  const arrivals: Arrival[] = [];
  const tokens = new Bucket(o.tokensPerMinute, o.minuteMs);
  const requests = new Bucket(o.requestsPerMinute, o.minuteMs);
  /** Expected end (performance.now()) of each request in service. */
  const running = new Set<{ end: number }>();
  const serviceMs = (p: number, c: number) => p * o.prefillMsPerToken + c * o.decodeMsPerToken;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        return json(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
      }
      let body: {
        messages?: { content?: unknown }[];
        max_tokens?: number;
        max_completion_tokens?: number;
        stream?: boolean;
        model?: string;
      };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return json(res, 400, { error: { message: 'request body is not JSON' } });
      }
      if (!Array.isArray(body.messages))
        return json(res, 400, { error: { message: 'messages is required' } });
      const now = performance.now();
      stats.arrived++;
      const arrival: Arrival = { at: now };
      if (arrivals.length < ARRIVALS_KEPT) arrivals.push(arrival);
      const prompt = Math.ceil(body.messages.map((m) => String(m.content ?? '')).join('').length / 4);
      const completion = Math.max(
        1,
        Math.min(o.maxTokensCap, body.max_tokens ?? body.max_completion_tokens ?? 256),
      );
      const cost = prompt + completion;
      arrival.label = /^\w+/.exec(String(body.messages[0]?.content ?? ''))?.[0];
      const wait = admission(now, cost);
      if (wait > 0) {
        stats.rejected++;
        arrival.retryAt = now + wait;
        arrival.refused = running.size >= o.slots ? 'slots' : 'budget';
        return json(
          res,
          429,
          {
            error: { message: 'Rate limit reached; retry after the time given', type: 'rate_limit_exceeded' },
          },
          {
            ...limitHeaders(now),
            'retry-after': String(Math.ceil(wait / 1000)),
            'retry-after-ms': String(Math.ceil(wait)),
          },
        );
      }
      tokens.take(now, cost);
      requests.take(now, 1);
      stats.admitted++;
      stats.serviceMs += serviceMs(prompt, completion);
      const slot = { end: now + serviceMs(prompt, completion) };
      running.add(slot);
      stats.peakActive = Math.max(stats.peakActive, running.size);
      let freed = false;
      const free = () => {
        running.delete(slot);
        if (!freed) {
          stats.occupiedMs += performance.now() - now;
          arrival.end = performance.now();
        }
        freed = true;
      };
      res.once('close', free);
      void serve(req, res, body, prompt, completion, slot, limitHeaders(now)).finally(free);
    });
  });

  /** 0 to admit now, or the ms after which this request would be admitted. */
  function admission(now: number, cost: number): number {
    if (o.mode === 'slowdown') return 0;
    let wait = Math.max(tokens.waitFor(now, cost), requests.waitFor(now, 1));
    if (running.size >= o.slots) {
      let first = Infinity;
      for (const r of running) first = Math.min(first, r.end);
      wait = Math.max(wait, first - now, 1);
    }
    return wait;
  }

  function limitHeaders(now: number): Record<string, string> {
    const h: Record<string, string> = {};
    if (Number.isFinite(o.tokensPerMinute)) {
      h['x-ratelimit-limit-tokens'] = String(o.tokensPerMinute);
      h['x-ratelimit-remaining-tokens'] = String(Math.floor(tokens.level(now)));
      h['x-ratelimit-reset-tokens'] = duration(tokens.untilFull(now));
    }
    if (Number.isFinite(o.requestsPerMinute)) {
      h['x-ratelimit-limit-requests'] = String(o.requestsPerMinute);
      h['x-ratelimit-remaining-requests'] = String(Math.floor(requests.level(now)));
      h['x-ratelimit-reset-requests'] = duration(requests.untilFull(now));
    }
    return h;
  }

  async function serve(
    req: IncomingMessage,
    res: ServerResponse,
    body: { stream?: boolean; model?: string },
    prompt: number,
    completion: number,
    slot: { end: number },
    headers: Record<string, string>,
  ): Promise<void> {
    let closed = false;
    res.once('close', () => {
      closed = !res.writableFinished;
      // A client that hangs up frees its slot at once, as a server that stops generating does.
      running.delete(slot);
    });
    req.socket.setNoDelay(true);
    const id = `chatcmpl-${stats.admitted}`;
    const model = body.model ?? 'model';
    // Time runs against a schedule, not per timer, so timer lateness does not add up.
    let due = performance.now() + prompt * o.prefillMsPerToken * slowdown();
    if (!body.stream) {
      due += completion * o.decodeMsPerToken * slowdown();
      slot.end = due;
      await until(due, () => closed);
      if (closed) {
        stats.wastedTokens += completion;
        return;
      }
      stats.completed++;
      stats.outputTokens += completion;
      stats.promptTokens += prompt;
      return json(
        res,
        200,
        {
          id,
          object: 'chat.completion',
          model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: 'tok '.repeat(completion) },
              finish_reason: 'length',
            },
          ],
          usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
        },
        headers,
      );
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
    const event = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    event({
      id,
      object: 'chat.completion.chunk',
      model,
      choices: [{ index: 0, delta: { role: 'assistant', content: '' } }],
    });
    let sent = 0;
    while (sent < completion) {
      const n = Math.min(TOKENS_PER_EVENT, completion - sent);
      due += n * o.decodeMsPerToken * slowdown();
      slot.end = due + (completion - sent - n) * o.decodeMsPerToken;
      await until(due, () => closed);
      if (closed) {
        stats.wastedTokens += sent;
        return;
      }
      event({
        id,
        object: 'chat.completion.chunk',
        model,
        choices: [{ index: 0, delta: { content: 'tok '.repeat(n) } }],
      });
      sent += n;
    }
    event({
      id,
      object: 'chat.completion.chunk',
      model,
      choices: [{ index: 0, delta: {}, finish_reason: 'length' }],
    });
    event({
      id,
      object: 'chat.completion.chunk',
      model,
      choices: [],
      usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
    });
    res.end('data: [DONE]\n\n');
    stats.completed++;
    stats.outputTokens += completion;
    stats.promptTokens += prompt;
  }

  /** In slowdown mode, how much slower each token is with the load there is now. */
  function slowdown(): number {
    return o.mode === 'slowdown' ? Math.max(1, running.size / o.slots) : 1;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    options: o,
    stats,
    arrivals,
    serviceMs,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A budget per minute refilled continuously; Infinity never runs dry. */
class Bucket {
  readonly #perMinute: number;
  readonly #minuteMs: number;
  #level: number;
  #at = performance.now();

  constructor(perMinute: number, minuteMs: number) {
    this.#perMinute = perMinute;
    this.#minuteMs = minuteMs;
    this.#level = perMinute;
  }

  level(now: number): number {
    if (!Number.isFinite(this.#perMinute)) return Infinity;
    this.#level = Math.min(
      this.#perMinute,
      this.#level + ((now - this.#at) * this.#perMinute) / this.#minuteMs,
    );
    this.#at = now;
    return this.#level;
  }

  /** Ms until `amount` is available (0 now); a request larger than the budget never is. */
  waitFor(now: number, amount: number): number {
    const missing = amount - this.level(now);
    if (missing <= 0) return 0;
    return (missing * this.#minuteMs) / this.#perMinute;
  }

  take(now: number, amount: number): void {
    if (Number.isFinite(this.#perMinute)) this.#level = this.level(now) - amount;
  }

  untilFull(now: number): number {
    return ((this.#perMinute - this.level(now)) * this.#minuteMs) / this.#perMinute;
  }
}

/** A duration as OpenAI writes its reset headers: 20ms, 1.5s, 6m0s. */
function duration(ms: number): string {
  if (ms < 1000) return `${Math.ceil(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(3))}s`;
  return `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

/** Resolves at performance.now() time `due`, or earlier once `stop()` says so (looked at least every 50 ms). */
async function until(due: number, stop: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000_000 && !stop(); i++) {
    const left = due - performance.now();
    if (left <= 0) return;
    await new Promise((r) => setTimeout(r, Math.min(left, 50)));
  }
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
