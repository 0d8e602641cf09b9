import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { codeLayout, quantise } from './codes.ts';
import { MemoryEngine } from './engine.ts';
import { SCHEMA_VERSION } from './schema.ts';

/** A unit vector leaning from axis `hot` toward the next one. */
function vec(hot: number, lean = 0, dim = 8): Float32Array {
  const v = new Float32Array(dim);
  v[hot % dim] = 1;
  v[(hot + 1) % dim] = lean;
  return v;
}

function open(t: { after(fn: () => void): void }) {
  const env = testEnv(t);
  const path = join(env.dir, 'memory.db');
  const memory = new MemoryEngine({ path });
  t.after(() => memory.close());
  return { memory, path };
}

test('a code is sign bits, int8 and the inverse norm, laid out for the SIMD stages', () => {
  const layout = codeLayout(512);
  assert.deepEqual(layout, { dimension: 512, signBytes: 64, int8Bytes: 512, bytes: 580 });
  const code = quantise(Float32Array.from({ length: 20 }, (_, j) => (j % 3 === 0 ? -0.5 : 0.25)));
  // 20 dimensions: one 64-byte group of sign bits, 32 bytes of int8 (two 16-byte lanes), 4 bytes of norm.
  assert.equal(code.length, 64 + 32 + 4);
  assert.equal(code[0], 0b10110110, 'dimensions 1, 2, 4, 5 and 7 are positive');
  assert.equal(new Int8Array(code.buffer, 64, 2)[0], -127, 'the largest component is ±127');
  assert.equal(new Int8Array(code.buffer, 64, 2)[1], 64);
});

test('a store written before codes existed opens, gets its codes once, and searches as before', async (t) => {
  const { memory, path } = open(t);
  const ms = await memory.put(
    'alice',
    [
      { text: 'The spare key is under the blue pot' },
      { text: 'Bins go out on Tuesday' },
      { text: 'Dentist on the 14th' },
    ],
    { vectors: [vec(1), vec(4), vec(6, 0.3)], model: 'test-8' },
  );
  const before = await memory.search('alice', 'bins tuesday', { vector: vec(4, 0.1) });
  memory.close();
  // The previous engine's schema: the same tables without memory_codes, at user_version 1.
  const raw = new DatabaseSync(path);
  raw.exec('drop table memory_codes; pragma user_version = 1');
  raw.close();

  const again = new MemoryEngine({ path });
  t.after(() => again.close());
  assert.deepEqual(again.check().problems, []);
  const after = await again.search('alice', 'bins tuesday', { vector: vec(4, 0.1) });
  assert.deepEqual(
    after.map((h) => [h.id, h.similarity]),
    before.map((h) => [h.id, h.similarity]),
  );
  assert.deepEqual(
    again.nearest('alice', vec(6, 0.3), 1).map((h) => h.id),
    [ms[2].id],
  );
  const check = new DatabaseSync(path, { readOnly: true });
  t.after(() => check.close());
  assert.equal(
    (check.prepare('pragma user_version').get() as { user_version: number }).user_version,
    SCHEMA_VERSION,
  );
  assert.equal((check.prepare('select count(*) n from memory_codes').get() as { n: number }).n, 3);
});

test('codes follow every write, and check() names a code that is missing or is not its vector’s', async (t) => {
  const { memory, path } = open(t);
  const [a, b, c] = await memory.put('alice', [{ text: 'one' }, { text: 'two' }, { text: 'three' }], {
    vectors: [vec(1), vec(2), vec(3)],
    model: 'test-8',
  });
  await memory.update('alice', a.id, { text: 'one, changed' }, vec(5));
  memory.forget('alice', [c.id]);
  assert.deepEqual(memory.check().problems, []);
  // A fresh engine loads its index from the codes alone: the update moved memory a.
  const reopened = new MemoryEngine({ path });
  t.after(() => reopened.close());
  assert.equal(reopened.nearest('alice', vec(5), 1)[0].id, a.id);

  const raw = new DatabaseSync(path);
  raw.prepare('update memory_codes set code = ? where memory_id = ?').run(quantise(vec(7)), a.id);
  raw.prepare('delete from memory_codes where memory_id = ?').run(b.id);
  raw.close();
  const problems = memory.check().problems;
  assert.ok(problems.includes(`code ${a.id} is not its vector's code`), problems.join('\n'));
  assert.ok(problems.includes(`vector ${b.id} has no quantised code`), problems.join('\n'));
});
