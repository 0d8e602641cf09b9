import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { MemoryEngine } from './engine.ts';
import { OpenAIEmbedder } from './openai-embedder.ts';

/** A local /v1/embeddings server: 4-d vectors from letter counts, answered out of order. */
async function server(t: { after(fn: () => void): void }, dimension = 4) {
  const requests: { auth?: string; body: { model: string; input: string[]; encoding_format: string } }[] = [];
  const read = async (req: IncomingMessage) => {
    let s = '';
    for await (const chunk of req) s += chunk;
    return s;
  };
  const srv = createServer(async (req, res) => {
    const body = JSON.parse(await read(req));
    requests.push({ auth: req.headers.authorization, body });
    if (req.url !== '/v1/embeddings' || req.method !== 'POST') {
      res.writeHead(404).end('{"error":{"message":"not found"}}');
      return;
    }
    if (body.model === 'missing') {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"error":{"message":"model \\"missing\\" not found"}}');
      return;
    }
    const data = (body.input as string[]).map((text, index) => ({
      object: 'embedding',
      index,
      embedding: Array.from(
        { length: dimension },
        (_, j) => [...text].filter((c) => c.charCodeAt(0) % dimension === j).length + 0.01,
      ),
    }));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        object: 'list',
        model: body.model,
        data: data.reverse(),
        usage: { prompt_tokens: 1, total_tokens: 1 },
      }),
    );
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  t.after(() => srv.close());
  return { baseUrl: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/v1`, requests };
}

test('the OpenAI-compatible provider speaks /v1/embeddings, batches, and orders answers by index', async (t) => {
  const { baseUrl, requests } = await server(t);
  const embedder = new OpenAIEmbedder({ baseUrl, model: 'tiny', dimension: 4, apiKey: 'sk-test', batch: 2 });
  const vectors = await embedder.embed(['aaaa', 'bbbb', 'abcd']);
  assert.equal(requests.length, 2, 'three texts in batches of two');
  assert.deepEqual(requests[0], {
    auth: 'Bearer sk-test',
    body: { model: 'tiny', input: ['aaaa', 'bbbb'], encoding_format: 'float' },
  });
  assert.equal(vectors.length, 3);
  assert.ok(
    vectors[0][97 % 4] > 0.99,
    'first answer belongs to the first text although the server reversed them',
  );
  assert.ok(vectors[1][98 % 4] > 0.99);

  const env = testEnv(t);
  const memory = new MemoryEngine({ path: join(env.dir, 'm.db'), embedder });
  t.after(() => memory.close());
  await memory.put('notes', [{ text: 'aaaa' }, { text: 'bbbb' }]);
  assert.deepEqual(
    memory.namespaces().map((n) => [n.model, n.dimension]),
    [['tiny', 4]],
  );
  const [hit] = await memory.search('notes', 'bbb', { mode: 'vector' });
  assert.equal(hit.text, 'bbbb');
});

test('a provider that fails or answers another dimension gets one clear error', async (t) => {
  const { baseUrl } = await server(t, 3);
  await assert.rejects(new OpenAIEmbedder({ baseUrl, model: 'missing', dimension: 3 }).embed(['x']), {
    code: 'E_EMBEDDER',
    message:
      /^Embeddings provider 'http:\/\/127\.0\.0\.1:\d+\/v1\/embeddings' failed: it answered HTTP 404: .*model \\"missing\\" not found.*; check its address, model and key$/,
  });
  await assert.rejects(new OpenAIEmbedder({ baseUrl, model: 'tiny', dimension: 4 }).embed(['x']), {
    code: 'E_DIMENSION',
    message: /returned 3 dimensions for model 'tiny', but 4 are configured/,
  });
  await assert.rejects(
    new OpenAIEmbedder({ baseUrl: 'http://127.0.0.1:1/v1', model: 'tiny', dimension: 4 }).embed(['x']),
    {
      code: 'E_EMBEDDER',
      message: /failed: cannot reach it/,
    },
  );
});
