import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeTinyModel } from '../../../test/helpers/onnx-model.ts';
import type { Embedder } from './embedder.ts';
import { MemoryEngine } from './engine.ts';
import { OnnxEmbedder } from './onnx-embedder.ts';

async function models(t: { after(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'aios-reembed-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const make = async (name: string, dimension: number, seed: number) => {
    const at = writeTinyModel(join(dir, name), { dimension, seed });
    const e = new OnnxEmbedder({
      model: join(at, 'model.onnx'),
      tokenizer: join(at, 'vocab.txt'),
      pooling: 'mean',
      normalise: true,
    });
    await e.load();
    return e;
  };
  return { path: join(dir, 'memory.db'), a: await make('a', 8, 1), b: await make('b', 12, 2) };
}

/** The engine over `path` with `embedder`, closed after the test. */
function open(t: { after(fn: () => void): void }, path: string, embedder: Embedder): MemoryEngine {
  const engine = new MemoryEngine({ path, embedder });
  t.after(() => engine.close());
  return engine;
}

test('re-embedding: writes meanwhile get the new model, a changed text is never overwritten by the old batch, the switch is whole', async (t) => {
  const { path, a, b } = await models(t);
  const before = open(t, path, a);
  const texts = [
    'Dana handles the annual audit',
    'bake a cake',
    'walk the dog',
    'flight to the airport',
    'dentist appointment',
  ];
  const put = await before.put(
    'n',
    texts.map((text) => ({ text })),
  );
  before.close();

  const engine = open(t, path, b);
  // the engine refuses to mix: model B's vector for a namespace of model A, with no re-embedding
  await assert.rejects(
    engine.put('n', [{ text: 'the oven' }]),
    /holds 8-dimensional vectors of model 'onnx:model\.onnx@.*re-embed it/,
  );
  const job = engine.reembedStart('n', b)!;
  assert.deepEqual([job.model, job.dimension, job.done, job.total], [b.model, 12, 0, 5]);
  assert.equal(engine.reembedStart('n', b)?.startedAt, job.startedAt, 'starting again keeps the job');

  // one batch of two, then writes in the middle
  assert.equal((await engine.reembedStep('n', 2))?.done, 2);
  // a batch in flight while its memory's text changes: the batch's vector of the old text loses
  const racing = engine.reembedStep('n', 1);
  await engine.update('n', put[2].id, { text: 'the puppy in the park' });
  await racing;
  const [added] = await engine.put('n', [{ text: 'the auditor reads the ledger' }]);
  await engine.update('n', put[3].id, { text: 'boarding the plane' });
  assert.equal(engine.forget('n', [put[4].id]), 1);
  const mid = engine.reembedJob('n')!;
  assert.deepEqual(
    [mid.done, mid.total],
    [5, 5],
    'the put and the updates are staged, the forgotten one gone',
  );
  assert.equal(engine.namespaces()[0].dimension, 8, 'the namespace stays on model A meanwhile');
  const notes: string[] = [];
  const lexical = await engine.search('n', 'auditor ledger', { notes });
  assert.equal(lexical[0].id, added.id, 'a memory put meanwhile is found by words');
  assert.match(notes[0], /is being re-embedded with 'onnx:.*' \(5 of 5 memories\).*lexical/);
  assert.deepEqual(engine.check().problems, []);

  while (await engine.reembedStep('n', 2));
  const [ns] = engine.namespaces();
  assert.deepEqual([ns.model, ns.dimension, ns.count], [b.model, 12, 5]);
  assert.equal(engine.reembedJob('n'), undefined);
  assert.equal(engine.vector('n', put[0].id)?.length, 12);
  const after: string[] = [];
  const hits = await engine.search('n', 'ledger review', { notes: after, mode: 'vector', limit: 2 });
  assert.deepEqual(after, []);
  assert.deepEqual(new Set(hits.map((h) => h.id)), new Set([put[0].id, added.id]));
  // the updated memories were embedded from their new text, not by the batch of the old one
  for (const [m, text] of [
    [put[2], 'the puppy in the park'],
    [put[3], 'boarding the plane'],
  ] as const) {
    const [expected] = await b.embed([text]);
    const stored = engine.vector('n', m.id)!;
    assert.ok(
      stored.every((x, i) => Math.abs(x - expected[i]) < 1e-6),
      text,
    );
  }
  assert.deepEqual(engine.check().problems, []);
});

test('re-embedding back to the namespace’s own model drops the job and its staged vectors', async (t) => {
  const { path, a, b } = await models(t);
  const engine = open(t, path, a);
  await engine.put('n', [{ text: 'walk the dog' }, { text: 'bake a cake' }]);
  engine.reembedStart('n', b);
  assert.equal(engine.reembedding().length, 1);
  assert.equal(engine.reembedStart('n', a), undefined);
  assert.deepEqual(engine.reembedding(), []);
  assert.deepEqual(engine.check().problems, []);
  assert.equal((await engine.search('n', 'puppy', { mode: 'vector' }))[0].text, 'walk the dog');
});
