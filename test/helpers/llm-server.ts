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
import { anthropicEvents, anthropicWhole, openAiEvents, openAiWhole } from './llm-wire.ts';

export interface Call {
  name: string;
  /** An object (sent as JSON) or a string sent verbatim (to send malformed arguments). */
  args: unknown;
}

export type Reply =
  | { kind: 'tools'; calls: Call[]; text?: string; usage?: { input: number; output: number } }
  /**
   * `pace`: ms between streamed events (a slow generation). `holdAfter`: after that many
   * events the stream stops, open, until the client closes it (a generation still under way
   * whatever the machine's speed); `onHold` is called then.
   */
  | {
      kind: 'text';
      text: string;
      usage?: { input: number; output: number };
      pace?: number;
      holdAfter?: number;
      onHold?: () => void;
    }
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
  /** When its answer was complete, or its connection closed while it was held (performance.now()). */
  ended?: number;
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
      // Set in the turn the last byte is handed to the socket, before the client can see it.
      void answer(res, received, reply).then(() => {
        received.ended = performance.now();
      });
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
    const timer = ms === Infinity ? undefined : setTimeout(() => resolve(!res.destroyed), ms);
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
  const pace = reply.kind === 'text' ? (reply.pace ?? 0) : 0;
  const holdAfter = reply.kind === 'text' ? (reply.holdAfter ?? Infinity) : Infinity;
  for (const [i, [event, data]] of events.entries()) {
    if (res.destroyed) return;
    if (i === holdAfter && reply.kind === 'text') {
      reply.onHold?.();
      await pause(res, Infinity);
      return;
    }
    await writeEvent(res, event, data);
    if (pace > 0 && !(await pause(res, pace))) return;
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
