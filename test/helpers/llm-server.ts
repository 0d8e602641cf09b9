/**
 * A local LLM server for tests and benchmarks: real HTTP on 127.0.0.1 speaking both the
 * OpenAI chat-completions API (POST /v1/chat/completions) and Anthropic's messages API
 * (POST /v1/messages), streamed with real SSE framing (events split across writes) or whole,
 * with real tool-call shapes. Replies are scripted, including the failure modes: delays
 * (timeouts), statuses with Retry-After, malformed bodies and events, cut and stalled streams,
 * and in-stream errors.
 *
 * @example
 * const server = await startLlmServer();           // t.after(() => server.close())
 * server.reply({ kind: 'tools', calls: [{ name: 'files_list', args: { path: '.' } }] });
 * // OpenAI baseUrl: `${server.url}/v1`; Anthropic baseUrl: server.url
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Call {
  name: string;
  /** An object (sent as JSON) or a string sent verbatim (to send malformed arguments). */
  args: unknown;
}

export type Reply =
  | { kind: 'tools'; calls: Call[]; text?: string; usage?: { input: number; output: number } }
  | { kind: 'text'; text: string; usage?: { input: number; output: number } }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Waits before answering at all. */
  | { kind: 'delay'; ms: number; after: Reply }
  /** Starts the answer, then sends nothing more until the client gives up. */
  | { kind: 'stall' }
  /** 'body': a 200 whose body is not JSON; 'event': a stream with an event that is not JSON. */
  | { kind: 'malformed'; where: 'body' | 'event' }
  /** A stream that ends cleanly but before [DONE] / message_stop. */
  | { kind: 'cut' }
  /** `bytes` of one endless event (streamed) or body (whole): a server that never stops talking. */
  | { kind: 'flood'; bytes: number }
  /** An error event inside a 200 stream (Anthropic 'error' event, OpenAI error chunk). */
  | { kind: 'stream-error'; type: string; message: string };

export interface Received {
  api: 'openai' | 'anthropic';
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> & { stream?: boolean; model?: string; tools?: unknown[] };
  at: number;
}

export interface LlmServer {
  url: string;
  /** Requests in arrival order. */
  requests: Received[];
  /** Queues replies, consumed one per request in order. */
  reply(...replies: Reply[]): void;
  /** Answers requests when the queue is empty (default: a 500 saying nothing was scripted). */
  fallback: ((request: Received) => Reply) | undefined;
  close(): Promise<void>;
}

export async function startLlmServer(): Promise<LlmServer> {
  const queue: Reply[] = [];
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const api =
        req.url === '/v1/messages' ? 'anthropic' : req.url === '/v1/chat/completions' ? 'openai' : null;
      if (req.method !== 'POST' || !api) return send(res, 404, { error: { message: `no route ${req.url}` } });
      let body: Received['body'];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(res, 400, { error: { message: 'request body is not JSON' } });
      }
      const received: Received = { api, headers: req.headers, body, at: performance.now() };
      requests.push(received);
      const reply = queue.shift() ??
        self.fallback?.(received) ?? {
          kind: 'status',
          status: 500,
          body: '{"error":{"message":"no reply scripted"}}',
        };
      void answer(res, received, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const self: LlmServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => queue.push(...replies),
    fallback: undefined,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return self;
}

function send(
  res: ServerResponse,
  status: number,
  json: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(json));
}

const pause = (res: ServerResponse, ms: number) =>
  new Promise<boolean>((resolve) => {
    if (res.destroyed) return resolve(false);
    const timer = setTimeout(() => resolve(!res.destroyed), ms);
    res.once('close', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });

async function answer(res: ServerResponse, req: Received, reply: Reply): Promise<void> {
  switch (reply.kind) {
    case 'delay':
      if (await pause(res, reply.ms)) await answer(res, req, reply.after);
      return;
    case 'status':
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? JSON.stringify({ error: { message: `status ${reply.status}` } }));
      return;
    case 'malformed':
      if (reply.where === 'body' || !req.body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"choices": [{"message": {"content": "unterminated');
        return;
      }
      sseHead(res);
      await writeEvent(
        res,
        req.api === 'anthropic' ? 'message_start' : undefined,
        '{"type": "message_start", "mess',
      );
      res.end();
      return;
    case 'flood': {
      const chunk = 'x'.repeat(64 * 1024);
      if (req.body.stream) {
        sseHead(res);
        res.write('data: ');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"pad": "');
      }
      for (let sent = 0; sent < reply.bytes && !res.destroyed; sent += chunk.length) {
        if (!res.write(chunk)) await new Promise((r) => res.once('drain', r).once('close', r));
      }
      res.end();
      return;
    }
    case 'stall':
      if (req.body.stream) {
        sseHead(res);
        const events =
          req.api === 'anthropic'
            ? anthropicEvents(req, textReply('thinking'))
            : openAiEvents(req, textReply('thinking'));
        await writeEvent(res, events[0][0], events[0][1]);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id": "x", ');
      }
      await pause(res, 600_000);
      return;
    default:
      break;
  }
  if (!req.body.stream) {
    if (reply.kind === 'cut' || reply.kind === 'stream-error') {
      return send(res, 500, { error: { message: reply.kind } });
    }
    return send(res, 200, req.api === 'anthropic' ? anthropicWhole(req, reply) : openAiWhole(req, reply));
  }
  sseHead(res);
  if (reply.kind === 'stream-error') {
    const first =
      req.api === 'anthropic' ? anthropicEvents(req, textReply('')) : openAiEvents(req, textReply(''));
    await writeEvent(res, first[0][0], first[0][1]);
    if (req.api === 'anthropic') {
      await writeEvent(
        res,
        'error',
        JSON.stringify({ type: 'error', error: { type: reply.type, message: reply.message } }),
      );
    } else {
      await writeEvent(
        res,
        undefined,
        JSON.stringify({ error: { type: reply.type, message: reply.message } }),
      );
    }
    res.end();
    return;
  }
  const full = reply.kind === 'cut' ? textReply('partial answer') : reply;
  let events = req.api === 'anthropic' ? anthropicEvents(req, full) : openAiEvents(req, full);
  if (reply.kind === 'cut') events = events.slice(0, 3);
  for (const [event, data] of events) {
    if (res.destroyed) return;
    await writeEvent(res, event, data);
  }
  res.end();
}

function textReply(text: string): Extract<Reply, { kind: 'text' }> {
  return { kind: 'text', text };
}

function sseHead(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
}

/** Writes one SSE frame in two pieces on separate turns, so frames straddle reads. */
async function writeEvent(res: ServerResponse, event: string | undefined, data: string): Promise<void> {
  const frame = `${event ? `event: ${event}\n` : ''}data: ${data}\n\n`;
  const cut = Math.max(1, Math.floor(frame.length / 2));
  res.write(frame.slice(0, cut));
  await new Promise((r) => setImmediate(r));
  res.write(frame.slice(cut));
}

type Answer = Extract<Reply, { kind: 'tools' } | { kind: 'text' }>;

function callsOf(reply: Answer): Call[] {
  return reply.kind === 'tools' ? reply.calls : [];
}

function argsText(args: unknown): string {
  return typeof args === 'string' ? args : JSON.stringify(args);
}

function pieces(text: string, size = 7): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function usageOf(req: Received, reply: Answer) {
  if (reply.usage) return reply.usage;
  const output = Math.ceil(
    (
      (reply.text ?? '') +
      callsOf(reply)
        .map((c) => c.name + argsText(c.args))
        .join('')
    ).length / 4,
  );
  return { input: Math.ceil(JSON.stringify(req.body).length / 4), output: Math.max(1, output) };
}

function openAiWhole(req: Received, reply: Answer) {
  const calls = callsOf(reply);
  const usage = usageOf(req, reply);
  return {
    id: 'chatcmpl-local',
    object: 'chat.completion',
    created: 0,
    model: req.body.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.text ?? null,
          ...(calls.length
            ? {
                tool_calls: calls.map((c, i) => ({
                  id: `call_${i}`,
                  type: 'function',
                  function: { name: c.name, arguments: argsText(c.args) },
                })),
              }
            : {}),
        },
        finish_reason: calls.length ? 'tool_calls' : 'stop',
      },
    ],
    usage: {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    },
  };
}

function openAiEvents(req: Received, reply: Answer): [string | undefined, string][] {
  const base = { id: 'chatcmpl-local', object: 'chat.completion.chunk', created: 0, model: req.body.model };
  const chunk = (choice: unknown) =>
    [undefined, JSON.stringify({ ...base, choices: [choice] })] as [undefined, string];
  const out: [string | undefined, string][] = [
    chunk({ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }),
  ];
  for (const p of pieces(reply.text ?? ''))
    out.push(chunk({ index: 0, delta: { content: p }, finish_reason: null }));
  callsOf(reply).forEach((c, i) => {
    out.push(
      chunk({
        index: 0,
        delta: {
          tool_calls: [
            { index: i, id: `call_${i}`, type: 'function', function: { name: c.name, arguments: '' } },
          ],
        },
        finish_reason: null,
      }),
    );
    for (const p of pieces(argsText(c.args))) {
      out.push(
        chunk({
          index: 0,
          delta: { tool_calls: [{ index: i, function: { arguments: p } }] },
          finish_reason: null,
        }),
      );
    }
  });
  out.push(chunk({ index: 0, delta: {}, finish_reason: callsOf(reply).length ? 'tool_calls' : 'stop' }));
  const streamOptions = req.body.stream_options as { include_usage?: boolean } | undefined;
  if (streamOptions?.include_usage) {
    const u = usageOf(req, reply);
    out.push([
      undefined,
      JSON.stringify({
        ...base,
        choices: [],
        usage: { prompt_tokens: u.input, completion_tokens: u.output, total_tokens: u.input + u.output },
      }),
    ]);
  }
  out.push([undefined, '[DONE]']);
  return out;
}

function anthropicWhole(req: Received, reply: Answer) {
  const usage = usageOf(req, reply);
  const calls = callsOf(reply);
  return {
    id: 'msg_local',
    type: 'message',
    role: 'assistant',
    model: req.body.model,
    content: [
      ...(reply.text ? [{ type: 'text', text: reply.text }] : []),
      ...calls.map((c, i) => ({ type: 'tool_use', id: `toolu_${i}`, name: c.name, input: c.args })),
    ],
    stop_reason: calls.length ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: usage.input, output_tokens: usage.output },
  };
}

function anthropicEvents(req: Received, reply: Answer): [string | undefined, string][] {
  const usage = usageOf(req, reply);
  const calls = callsOf(reply);
  const ev = (type: string, data: Record<string, unknown>) =>
    [type, JSON.stringify({ type, ...data })] as [string, string];
  const out: [string | undefined, string][] = [
    ev('message_start', {
      message: {
        id: 'msg_local',
        type: 'message',
        role: 'assistant',
        model: req.body.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: usage.input, output_tokens: 1 },
      },
    }),
    ev('ping', {}),
  ];
  let index = 0;
  if (reply.text) {
    out.push(ev('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    for (const p of pieces(reply.text))
      out.push(ev('content_block_delta', { index, delta: { type: 'text_delta', text: p } }));
    out.push(ev('content_block_stop', { index }));
    index++;
  }
  calls.forEach((c, i) => {
    out.push(
      ev('content_block_start', {
        index,
        content_block: { type: 'tool_use', id: `toolu_${i}`, name: c.name, input: {} },
      }),
    );
    for (const p of pieces(argsText(c.args))) {
      out.push(ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: p } }));
    }
    out.push(ev('content_block_stop', { index }));
    index++;
  });
  out.push(
    ev('message_delta', {
      delta: { stop_reason: calls.length ? 'tool_use' : 'end_turn', stop_sequence: null },
      usage: { output_tokens: usage.output },
    }),
  );
  out.push(ev('message_stop', {}));
  return out;
}
