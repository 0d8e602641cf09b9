/**
 * One conformance suite run against both providers, streamed and whole, over real HTTP to the
 * local protocol server: answers, tool calls assembled from fragments, usage, and every
 * failure mode mapped to its LlmError kind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type LlmServer, startLlmServer } from '../../../test/helpers/llm-server.ts';
import type { ApiKind } from '../config.ts';
import { createProvider } from './index.ts';
import { defaultDialect } from './openai.ts';
import { type ChatRequest, LlmError, type Provider } from './types.ts';

let server: LlmServer;
before(async () => {
  server = await startLlmServer();
});
after(() => server.close());

function provider(api: ApiKind, apiKey = 'sk-test'): Provider {
  return createProvider({
    name: `local-${api}`,
    api,
    baseUrl: api === 'openai' ? `${server.url}/v1` : server.url,
    apiKey,
    headers: {},
    timeoutMs: 5000,
  });
}

const TOOLS = [
  {
    name: 'files_list',
    description: 'List a directory',
    parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  },
];

function request(stream: boolean, extra: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'test-model',
    system: 'You are terse.',
    messages: [{ role: 'user', content: 'list my files' }],
    maxTokens: 256,
    stream,
    timeoutMs: 5000,
    ...extra,
  };
}

async function failure(p: Provider, r: ChatRequest): Promise<LlmError> {
  try {
    await p.chat(r);
  } catch (error) {
    assert.ok(error instanceof LlmError, `expected an LlmError, got ${String(error)}`);
    return error;
  }
  assert.fail('the request succeeded');
}

for (const api of ['openai', 'anthropic'] as const) {
  for (const stream of [true, false]) {
    describe(`${api} provider, ${stream ? 'streamed' : 'whole'}`, () => {
      test('returns the text, the model and the usage the server reported', async () => {
        server.reply({
          kind: 'text',
          text: 'Hello there, how are you today?',
          usage: { input: 42, output: 9 },
        });
        const pieces: string[] = [];
        const answer = await provider(api).chat(request(stream, { onText: (d) => pieces.push(d) }));
        assert.equal(answer.text, 'Hello there, how are you today?');
        assert.deepEqual(answer.usage, { input: 42, output: 9, estimated: false });
        assert.equal(answer.model, 'test-model');
        assert.deepEqual(answer.toolCalls, []);
        if (stream) assert.ok(pieces.length > 1, 'text arrives in pieces');
        assert.equal(pieces.join(''), stream ? answer.text : '');
      });

      test('sends tools in the API shape and assembles tool calls from their fragments', async () => {
        server.reply({
          kind: 'tools',
          text: 'Listing.',
          calls: [
            { name: 'files_list', args: { path: './some dir/with "quotes"' } },
            { name: 'files_list', args: { path: '/data' } },
          ],
        });
        const answer = await provider(api).chat(request(stream, { tools: TOOLS, toolChoice: 'required' }));
        assert.equal(answer.toolCalls.length, 2);
        assert.equal(answer.toolCalls[0].name, 'files_list');
        assert.deepEqual(JSON.parse(answer.toolCalls[0].arguments), { path: './some dir/with "quotes"' });
        assert.deepEqual(JSON.parse(answer.toolCalls[1].arguments), { path: '/data' });
        assert.notEqual(answer.toolCalls[0].id, answer.toolCalls[1].id);
        const sent = server.requests.at(-1)!;
        assert.equal(sent.body.stream, stream);
        if (api === 'openai') {
          assert.equal(sent.headers.authorization, 'Bearer sk-test');
          assert.deepEqual(sent.body.tools, [{ type: 'function', function: TOOLS[0] }]);
          assert.equal(sent.body.tool_choice, 'required');
          assert.deepEqual(
            (sent.body.messages as { role: string }[]).map((m) => m.role),
            ['system', 'user'],
          );
        } else {
          assert.equal(sent.headers['x-api-key'], 'sk-test');
          assert.equal(sent.headers['anthropic-version'], '2023-06-01');
          assert.deepEqual(sent.body.tools, [
            { name: 'files_list', description: 'List a directory', input_schema: TOOLS[0].parameters },
          ]);
          assert.deepEqual(sent.body.tool_choice, { type: 'any' });
          assert.equal(sent.body.system, 'You are terse.');
        }
      });

      test('a 429 is a rate_limit error carrying Retry-After', async () => {
        server.reply({ kind: 'status', status: 429, headers: { 'retry-after': '2' } });
        const e = await failure(provider(api), request(stream));
        assert.equal(e.kind, 'rate_limit');
        assert.equal(e.retryAfterMs, 2000);
        assert.equal(e.retryable, true);
        server.reply({
          kind: 'status',
          status: 429,
          headers: { 'retry-after-ms': '120', 'retry-after': '1' },
        });
        assert.equal((await failure(provider(api), request(stream))).retryAfterMs, 120);
      });

      test('statuses map to kinds: 500 server, 401 auth, 400 bad_request (not retryable)', async () => {
        server.reply(
          { kind: 'status', status: 503, body: '{"error":{"message":"overloaded"}}' },
          { kind: 'status', status: 401, body: '{"error":{"message":"bad key"}}' },
          { kind: 'status', status: 400, body: '{"error":{"message":"bad tool schema"}}' },
        );
        const server5xx = await failure(provider(api), request(stream));
        assert.equal(server5xx.kind, 'server');
        assert.match(server5xx.message, /overloaded/);
        const auth = await failure(provider(api), request(stream));
        assert.equal(auth.kind, 'auth');
        assert.equal(auth.retryable, false);
        const bad = await failure(provider(api), request(stream));
        assert.equal(bad.kind, 'bad_request');
        assert.match(bad.message, /bad tool schema/);
      });

      test('no answer within the deadline is a timeout, whether silent or stalled mid-answer', async () => {
        server.reply({ kind: 'delay', ms: 10_000, after: { kind: 'text', text: 'late' } });
        assert.equal((await failure(provider(api), request(stream, { timeoutMs: 150 }))).kind, 'timeout');
        server.reply({ kind: 'stall' });
        assert.equal((await failure(provider(api), request(stream, { timeoutMs: 150 }))).kind, 'timeout');
      });

      test('malformed JSON is a malformed error', async () => {
        server.reply({ kind: 'malformed', where: stream ? 'event' : 'body' });
        const e = await failure(provider(api), request(stream));
        assert.equal(e.kind, 'malformed');
        assert.equal(e.retryable, true);
      });

      test('a server that never stops talking is cut off at 8 MiB, not buffered without end', async () => {
        server.reply({ kind: 'flood', bytes: 9 * 1024 * 1024 });
        const e = await failure(provider(api), request(stream));
        assert.equal(e.kind, 'malformed');
        assert.match(e.message, stream ? /event stream is malformed|buffer/i : /larger than 8388608 bytes/);
      });

      test("the caller's abort is 'aborted' and does not count against the provider", async () => {
        server.reply({ kind: 'delay', ms: 10_000, after: { kind: 'text', text: 'late' } });
        const e = await failure(provider(api), request(stream, { signal: AbortSignal.timeout(100) }));
        assert.equal(e.kind, 'aborted');
        assert.equal(e.countsAgainstProvider, false);
      });

      if (stream) {
        test('a stream that ends early is malformed; an error event keeps its kind', async () => {
          server.reply({ kind: 'cut' });
          assert.equal((await failure(provider(api), request(true))).kind, 'malformed');
          server.reply({ kind: 'stream-error', type: 'overloaded_error', message: 'Overloaded' });
          const e = await failure(provider(api), request(true));
          assert.equal(e.kind, 'server');
          assert.match(e.message, /Overloaded/);
        });
      }
    });
  }
}

test('an unreachable server is a network error', async () => {
  const gone = await startLlmServer();
  const url = gone.url;
  await gone.close();
  const p = createProvider({
    name: 'gone',
    api: 'openai',
    baseUrl: `${url}/v1`,
    headers: {},
    timeoutMs: 2000,
  });
  const e = await failure(p, request(false));
  assert.equal(e.kind, 'network');
  assert.match(e.message, /ECONNREFUSED/);
});

test('a server that ignores stream: true is reported, not misread', async () => {
  server.reply({ kind: 'malformed', where: 'body' }); // a JSON body where an event stream was asked for
  const e = await failure(provider('openai'), request(true));
  assert.equal(e.kind, 'malformed');
  assert.match(e.message, /expected an event stream/);
});

/** OpenAI's own refusals, word for word, from a model that wants the newer parameters. */
const refusal = (param: string, message: string) => ({
  kind: 'status' as const,
  status: 400,
  body: JSON.stringify({
    error: { message, type: 'invalid_request_error', param, code: 'unsupported_parameter' },
  }),
});

test('a model that refuses max_tokens and temperature gets max_completion_tokens and the default temperature, remembered', async () => {
  const p = provider('openai');
  const before = server.requests.length;
  server.reply(
    refusal(
      'max_tokens',
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
    ),
    refusal(
      'temperature',
      "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.",
    ),
    { kind: 'text', text: 'done' },
    { kind: 'text', text: 'again' },
  );
  const first = await p.chat(request(false, { model: 'o-reasoning' }));
  assert.equal(first.text, 'done');
  const second = await p.chat(request(true, { model: 'o-reasoning' }));
  assert.equal(second.text, 'again');
  const sent = server.requests.slice(before).map((r) => r.body);
  assert.equal(sent.length, 4, 'one retry per refused parameter, none once learnt');
  assert.equal(sent[0].max_tokens, 256);
  assert.equal(sent[1].max_completion_tokens, 256);
  assert.equal(sent[1].max_tokens, undefined);
  for (const body of sent.slice(2)) {
    assert.equal(body.max_completion_tokens, 256);
    assert.equal(body.max_tokens, undefined);
    assert.equal(body.temperature, undefined);
  }
});

test('other models of the same provider keep max_tokens; an unrelated 400 is not retried', async () => {
  const p = provider('openai');
  const before = server.requests.length;
  server.reply(
    { kind: 'text', text: 'ok' },
    { kind: 'status', status: 400, body: '{"error":{"message":"messages is too long"}}' },
  );
  await p.chat(request(false, { model: 'classic' }));
  const e = await failure(p, request(false, { model: 'classic' }));
  assert.equal(e.kind, 'bad_request');
  const sent = server.requests.slice(before).map((r) => r.body);
  assert.equal(sent.length, 2);
  assert.equal(sent[0].max_tokens, 256);
});

test("OpenAI's own endpoint is sent max_completion_tokens from the first request; others max_tokens", () => {
  assert.equal(defaultDialect('https://api.openai.com/v1').tokens, 'max_completion_tokens');
  assert.equal(defaultDialect('http://127.0.0.1:11434/v1').tokens, 'max_tokens');
  assert.equal(defaultDialect('https://api.deepseek.com').tokens, 'max_tokens');
});
