import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BinaryIndex, signBits } from './binary-index.ts';
import { normalise } from './embedder.ts';
import { openMemoryDb } from './schema.ts';

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
}

test('sign bits pack dimension j into word j >> 5, bit j & 31, as sqlite-vec packs them', () => {
  const v = new Float32Array(64);
  v[0] = 1;
  v[33] = 0.5;
  v[63] = -1;
  assert.deepEqual([...signBits(v)], [1, 2]);
  const db = openMemoryDb(':memory:');
  const { code } = db.prepare('select vec_quantize_binary(?) code').get(v) as { code: Uint8Array };
  db.close();
  assert.deepEqual([...new Uint32Array(code.slice().buffer)], [1, 2]);
});

test('candidates scored against sign bits, rescored exactly, find the exact top 10, and deletes leave no trace', () => {
  const next = random(42);
  const d = 128;
  const centres = Array.from({ length: 40 }, () => Float32Array.from({ length: d }, () => next() - 0.5));
  const vectors = Array.from({ length: 4000 }, (_, i) =>
    normalise(Float32Array.from(centres[i % 40], (x) => x + (next() - 0.5) * 0.6)),
  );
  const index = new BinaryIndex(d);
  for (const [id, v] of vectors.entries()) index.add(id, v);
  const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, j) => s + x * b[j], 0);
  let found = 0;
  for (let q = 0; q < 20; q++) {
    const query = vectors[q * 97];
    const exact = vectors
      .map((v, id) => [id, dot(v, query)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([id]) => id);
    const rescored = index
      .candidates(query, 400)
      .map((id) => [id, dot(vectors[id], query)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([id]) => id);
    found += rescored.filter((id) => exact.includes(id)).length;
  }
  assert.ok(found / 200 >= 0.99, `recall@10 ${found / 200}`);

  for (let id = 0; id < 4000; id += 2) index.delete(id);
  assert.equal(index.size, 2000);
  assert.ok(index.ids().every((id) => id % 2 === 1));
  assert.ok(!index.candidates(vectors[0], 400).includes(0));
  assert.ok(index.candidates(vectors[1], 10).includes(1));
});
