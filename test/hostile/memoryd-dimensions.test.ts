/**
 * Hostile: vectors of the wrong dimension forged into memory.db behind memoryd's back (a
 * damaged file, or a writer that bypassed the engine). A search never compares them with the
 * query (sqlite-vec would fail the whole search on the first one), the other memories are still
 * found by meaning, and `aios memory check` names each forged row.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { boot } from '../../src/boot.ts';
import { INIT_PID } from '../../src/kernel/index.ts';
import { MemoryEngine } from '../../src/services/memoryd/engine.ts';
import { OnnxEmbedder } from '../../src/services/memoryd/onnx-embedder.ts';
import { aios, testEnv } from '../helpers/env.ts';
import { writeTinyModel } from '../helpers/onnx-model.ts';

test('a forged vector of another dimension is never compared, and memory check reports it', async (t) => {
  const env = testEnv(t);
  mkdirSync(env.aiosHome, { recursive: true });
  const dir = writeTinyModel(join(env.aiosHome, 'model'), { dimension: 16 });
  writeFileSync(
    join(env.aiosHome, 'config.json'),
    JSON.stringify({
      memory: { embedder: { provider: 'onnx', model: 'model/model.onnx', tokenizer: 'model/vocab.txt' } },
    }),
  );
  const embedder = new OnnxEmbedder({
    model: join(dir, 'model.onnx'),
    tokenizer: join(dir, 'vocab.txt'),
    pooling: 'mean',
    normalise: true,
  });
  const path = join(env.aiosHome, 'memory.db');
  const engine = new MemoryEngine({ path, embedder });
  const put = await engine.put(
    'owner',
    [
      'Dana handles the annual audit',
      'bake a chocolate cake',
      'walk the puppy in the park',
      'flight to the airport',
    ].map((text) => ({ text })),
  );
  engine.close();

  // the forgery: memory 2's vector cut to 3 floats, and a "new model" vector of 5 for memory 3
  const db = new DatabaseSync(path);
  db.prepare('update memory_vectors set embedding = ? where memory_id = ?').run(
    new Uint8Array(new Float32Array([1, 0, 0]).buffer),
    put[1].id,
  );
  db.prepare('insert into memory_vectors_next (memory_id, namespace_id, embedding) values (?, 1, ?)').run(
    put[2].id,
    new Uint8Array(new Float32Array(5).fill(0.5).buffer),
  );
  db.close();

  const system = await boot({ home: env.aiosHome, services: true });
  try {
    const call = (op: string, args: object) => system.services.call(INIT_PID, 'memoryd', op, args);
    for (const mode of ['vector', 'hybrid']) {
      const { hits, note } = (await call('search', { query: 'ledger review', mode })) as {
        hits: { id: number; similarity?: number }[];
        note?: string;
      };
      assert.equal(note, undefined);
      assert.equal(hits[0].id, put[0].id, `${mode}: the audit memory is still found by meaning`);
      assert.ok(
        hits.every((h) => h.id !== put[1].id || h.similarity === undefined),
        'the forged vector is never scored',
      );
    }
    // memoryd keeps serving: a put and a search after the attempt
    await call('put', { text: 'the auditor reads the ledger' });
  } finally {
    await system.shutdown();
  }

  const r = await aios(env, ['memory', 'check', '--json'], { timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { ok: boolean; problems: string[] };
  assert.equal(report.ok, false);
  assert.ok(
    report.problems.includes(`vector ${put[1].id} does not match its namespace's dimension`),
    r.stdout,
  );
  assert.ok(
    report.problems.some((p) => p.startsWith(`re-embedded vector ${put[2].id} `)),
    r.stdout,
  );
});
