import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalise } from './embedder.ts';
import { QuantisedIndex, signBits } from './quantised-index.ts';
import { compileScan } from './scan-build.ts';
import { SCAN_WASM } from './scan-wasm.ts';
import { openMemoryDb } from './schema.ts';

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
}

test('scan-wasm.ts is scan.wat compiled (run node src/services/memoryd/scan-build.ts after editing scan.wat)', async () => {
  assert.equal(Buffer.from(await compileScan()).toString('base64'), SCAN_WASM);
});

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

test('the two quantised stages find the exact top 10, scores are cosines, and deletes leave no trace', () => {
  const next = random(42);
  const d = 200; // not a multiple of 128: codes and int8 rows are padded to whole SIMD lanes
  const centres = Array.from({ length: 40 }, () => Float32Array.from({ length: d }, () => next() - 0.5));
  const vectors = Array.from({ length: 5000 }, (_, i) =>
    normalise(Float32Array.from(centres[i % 40], (x) => x + (next() - 0.5) * 0.6)),
  );
  const index = new QuantisedIndex(d);
  // Callers' vectors need not be unit length: the index scores cosines.
  for (const [id, v] of vectors.entries())
    index.set(
      id,
      Float32Array.from(v, (x) => x * (1 + (id % 7))),
    );
  const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, j) => s + x * b[j], 0);
  let found = 0;
  for (let q = 0; q < 20; q++) {
    const query = vectors[q * 97];
    const exact = vectors
      .map((v, id) => [id, dot(v, query)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([id]) => id);
    const near = index.nearest(
      Float32Array.from(query, (x) => x * 3),
      30,
      600,
    );
    assert.equal(near.length, 30);
    assert.ok(
      Math.abs(near[0].score - dot(vectors[near[0].id], query)) < 0.01,
      'an int8 score is the cosine, nearly',
    );
    const top = near
      .map((h) => [h.id, dot(vectors[h.id], query)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([id]) => id);
    found += top.filter((id) => exact.includes(id)).length;
  }
  assert.ok(found / 200 >= 0.99, `recall@10 ${found / 200}`);

  for (let id = 0; id < 5000; id += 2) index.delete(id);
  assert.equal(index.size, 2500);
  assert.ok(index.ids().every((id) => id % 2 === 1));
  assert.ok(!index.nearest(vectors[0], 400, 1000).some((h) => h.id === 0));
  assert.equal(index.nearest(vectors[1], 1, 100)[0].id, 1);
  // Replacing a vector moves the memory to where the new one points.
  index.set(1, vectors[2]);
  assert.equal(index.nearest(vectors[2], 1, 100)[0].id, 1);
});
