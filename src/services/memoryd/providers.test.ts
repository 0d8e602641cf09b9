import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { embeddingsServer } from '../../../test/helpers/embeddings-server.ts';
import { testEnv } from '../../../test/helpers/env.ts';
import { writeTinyModel } from '../../../test/helpers/onnx-model.ts';
import { OnnxEmbedder } from './onnx-embedder.ts';
import { configuredEmbedder } from './providers.ts';

test('a configured embedder reports its health; a server of another dimension is a provider failure', async (t) => {
  const env = testEnv(t);
  const dir = writeTinyModel(join(env.dir, 'm'), { dimension: 24 });
  const model = new OnnxEmbedder({
    model: join(dir, 'model.onnx'),
    tokenizer: join(dir, 'vocab.txt'),
    pooling: 'mean',
    normalise: true,
  });
  const srv = await embeddingsServer(t, model);
  const wrong = configuredEmbedder({ provider: 'openai', baseUrl: srv.url, model: 'tiny', dimensions: 16 });
  assert.equal(wrong.status().health, 'not loaded');
  await assert.rejects(wrong.embed(['audit']), (e: Error & { code: string }) => {
    assert.equal(e.code, 'E_EMBEDDER', 'the caller’s input was fine: not a usage error');
    assert.match(
      e.message,
      /returned 24 dimensions for model 'tiny', but 16 are configured; set the model's real dimension/,
    );
    return true;
  });
  assert.equal(wrong.status().health, 'failing');

  const right = configuredEmbedder({ provider: 'openai', baseUrl: srv.url, model: 'tiny', dimensions: 24 });
  assert.deepEqual(await right.identity(), { model: 'tiny', dimension: 24 });
  await right.probe();
  assert.deepEqual(right.status(), {
    provider: 'openai',
    model: 'tiny',
    dimension: 24,
    health: 'ok',
    location: srv.url,
  });

  const onnx = configuredEmbedder({
    provider: 'onnx',
    model: join(dir, 'model.onnx'),
    tokenizer: join(dir, 'tokenizer.json'),
    pooling: 'mean',
    normalise: true,
  });
  assert.equal(onnx.status().model, null, 'an ONNX model has no name before it loads');
  assert.equal((await onnx.identity()).dimension, 24);
  assert.equal(onnx.status().health, 'ok');
});
