import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeTinyModel } from '../../../test/helpers/onnx-model.ts';
import { MemoryEngine } from './engine.ts';
import { OnnxEmbedder } from './onnx-embedder.ts';
import { WordPiece } from './wordpiece.ts';

function tmp(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'aios-onnx-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

test('WordPiece splits words into the longest pieces, marks inner pieces and cuts at the max length', (t) => {
  const dir = writeTinyModel(tmp(t), { dimension: 8 });
  for (const file of ['tokenizer.json', 'vocab.txt']) {
    const tok = WordPiece.fromFile(join(dir, file));
    const vocab = new Map<number, string>();
    for (const [i, w] of ['[PAD]', '[UNK]', '[CLS]', '[SEP]'].entries()) vocab.set(i, w);
    const ids = tok.encode('Walks, DOGS and zebras!', 64);
    assert.equal(ids[0], tok.cls);
    assert.equal(ids.at(-1), tok.sep);
    // walks | , | dog ##s | and | zebras (unknown: one [UNK]) | !  (punctuation not in the vocabulary)
    assert.equal(ids.length, 2 + 1 + 1 + 2 + 1 + 1 + 1);
    assert.equal(ids.filter((id) => id === tok.unk).length, 3);
    const cut = tok.encode('the dog and the cake and the oven', 5);
    assert.equal(cut.length, 5);
    assert.equal(cut.at(-1), tok.sep, 'the [SEP] survives the cut');
  }
});

test('the ONNX provider embeds by meaning: texts on one topic close, others apart, in batches', async (t) => {
  const dir = writeTinyModel(tmp(t), { dimension: 16 });
  const e = new OnnxEmbedder({
    model: join(dir, 'model.onnx'),
    tokenizer: join(dir, 'tokenizer.json'),
    pooling: 'mean',
    normalise: true,
  });
  await e.load();
  assert.equal(e.dimension, 16);
  assert.match(e.model, /^onnx:model\.onnx@[0-9a-f]{12}$/);
  const texts = [
    'Dana handles the annual audit',
    'who looks after the yearly accounts',
    'bake a chocolate cake in the oven',
    ...Array.from({ length: 40 }, (_, i) => `dog walk number ${i} in the park`),
  ];
  const v = await e.embed(texts);
  assert.equal(v.length, texts.length);
  for (const x of v) assert.ok(Math.abs(cosine(x, x) - 1) < 1e-4, 'unit length');
  assert.ok(cosine(v[0], v[1]) > 0.8, `paraphrase ${cosine(v[0], v[1])}`);
  assert.ok(cosine(v[0], v[2]) < 0.5, `unrelated ${cosine(v[0], v[2])}`);
  // one batch or one at a time: the same vectors (padding does not leak into the mean)
  const [alone] = await e.embed([texts[1]]);
  assert.ok(cosine(alone, v[1]) > 0.9999);
  const cls = new OnnxEmbedder({
    model: join(dir, 'model.onnx'),
    tokenizer: join(dir, 'vocab.txt'),
    pooling: 'cls',
    normalise: true,
  });
  const [a, b] = await cls.embed(['audit', 'cake']);
  assert.ok(cosine(a, b) > 0.999, '[CLS] pooling reads position 0 only, the same token for both');
});

test('a missing or unloadable model is one E_EMBEDDER line naming the file', async (t) => {
  const dir = writeTinyModel(tmp(t), { dimension: 8 });
  const missing = new OnnxEmbedder({
    model: join(dir, 'nope.onnx'),
    tokenizer: join(dir, 'vocab.txt'),
    pooling: 'mean',
    normalise: true,
  });
  await assert.rejects(missing.embed(['x']), (e: Error & { code: string }) => {
    assert.equal(e.code, 'E_EMBEDDER');
    assert.match(e.message, /nope\.onnx.*ENOENT/);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
  writeFileSync(join(dir, 'junk.onnx'), 'not a model at all');
  const junk = new OnnxEmbedder({
    model: join(dir, 'junk.onnx'),
    tokenizer: join(dir, 'vocab.txt'),
    pooling: 'mean',
    normalise: true,
  });
  await assert.rejects(
    junk.embed(['x']),
    /Cannot use the ONNX model '.*junk\.onnx': onnxruntime cannot load it/,
  );
  const badTokenizer = new OnnxEmbedder({
    model: join(dir, 'model.onnx'),
    tokenizer: join(dir, 'model.onnx.json'),
    pooling: 'mean',
    normalise: true,
  });
  await assert.rejects(badTokenizer.embed(['x']), /Cannot read the tokenizer .*ENOENT/);
});

test('memoryd’s engine with the ONNX provider finds a memory by meaning, sharing no word with the question', async (t) => {
  const dir = writeTinyModel(tmp(t), { dimension: 16 });
  const embedder = new OnnxEmbedder({
    model: join(dir, 'model.onnx'),
    tokenizer: join(dir, 'tokenizer.json'),
    pooling: 'mean',
    normalise: true,
  });
  const engine = new MemoryEngine({ path: join(dir, 'memory.db'), embedder });
  t.after(() => engine.close());
  await engine.put('notes', [
    { text: 'Dana handles the annual audit' },
    { text: 'bake a chocolate cake for sunday' },
    { text: 'the puppy needs a walk in the park' },
    { text: 'boarding pass for the flight' },
  ]);
  const [ns] = engine.namespaces();
  assert.equal(ns.model, embedder.model);
  assert.equal(ns.dimension, 16);
  const hits = await engine.search('notes', 'ledger review', { limit: 2, mode: 'vector' });
  assert.equal(hits[0].text, 'Dana handles the annual audit');
  const dogs = await engine.search('notes', 'pet leash', { limit: 1 });
  assert.equal(dogs[0].text, 'the puppy needs a walk in the park');
});
