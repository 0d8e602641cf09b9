import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { MemoryEngine } from './engine.ts';
import { MEMORY_LIMITS } from './limits.ts';

/** A unit vector at angle `angle` (radians) from axis 0, in the plane of axes 0 and 1. */
function at(angle: number, dim = 8): Float32Array {
  const v = new Float32Array(dim);
  v[0] = Math.cos(angle);
  v[1] = Math.sin(angle);
  return v;
}

function open(t: { after(fn: () => void): void }) {
  const env = testEnv(t);
  const memory = new MemoryEngine({ path: join(env.dir, 'memory.db') });
  t.after(() => memory.close());
  return memory;
}

test('hybrid lifts a close vector hit that holds the query’s words above a slightly closer one that does not', async (t) => {
  const memory = open(t);
  const [closer, worded, wordedFar] = await memory.put(
    'alice',
    [
      { text: 'Quarterly figures are due soon' },
      { text: 'Dana handles the annual audit' },
      { text: 'The audit of the car park lights, annual and overdue, is Dana’s' },
    ],
    // cosines with the query at(0): 0.995, 0.98, 0.5
    { vectors: [at(0.1), at(0.2), at(Math.PI / 3)], model: 'test-8' },
  );
  const ids = async (query: string, o: object = {}) =>
    (await memory.search('alice', query, { vector: at(0), ...o })).map((h) => h.id);
  assert.deepEqual(await ids('annual audit Dana', { mode: 'vector' }), [closer.id, worded.id, wordedFar.id]);
  // 0.98 + 0.1 for covering every word beats 0.995; a far memory with every word does not pass them.
  assert.deepEqual(await ids('annual audit Dana'), [worded.id, closer.id, wordedFar.id]);
  // No word of the query appears anywhere: the vector order, exactly.
  assert.deepEqual(await ids('zygote xylophone'), [closer.id, worded.id, wordedFar.id]);
  const [top] = await memory.search('alice', 'annual audit Dana', { vector: at(0) });
  assert.ok(
    Math.abs((top.similarity ?? 0) - Math.cos(0.2)) < 1e-6,
    'the similarity shown is the exact cosine',
  );
  assert.ok(Math.abs(top.score - (Math.cos(0.2) + MEMORY_LIMITS.FUSION_COVERAGE_WEIGHT)) < 1e-6);
});

test('a memory only the lexical side found is scored by its similarity too, and the answer agrees with the exact reference', async (t) => {
  const memory = open(t);
  const many = Array.from({ length: 130 }, (_, i) => ({ text: `Filler note ${i} about nothing` }));
  const vectors = many.map((_, i) => at(0.005 * i));
  await memory.put('alice', [...many, { text: 'The boiler code is 4411' }], {
    vectors: [...vectors, at(0.66)],
    model: 'test-8',
  });
  // Every filler is nearer the query, so the boiler memory is past the vector side's 100
  // candidates: only its words find it, and their bonus lifts it into the 100 answers.
  const hits = await memory.search('alice', 'boiler code', { vector: at(0), limit: 100 });
  const boiler = hits.find((h) => h.text === 'The boiler code is 4411');
  assert.ok(boiler, 'found by its words');
  assert.equal(boiler.vectorRank, undefined);
  assert.equal(boiler.lexicalRank, 1);
  assert.ok(Math.abs((boiler.similarity ?? 0) - Math.cos(0.66)) < 1e-6, 'its exact cosine');
  // The reference (exact scan, exact cosines) ranks it the same, give or take the int8 estimate.
  const exact = await memory.search('alice', 'boiler code', { vector: at(0), limit: 100, exact: true });
  const place = (list: { id: number }[]) => list.findIndex((h) => h.id === boiler.id);
  assert.ok(Math.abs(place(hits) - place(exact)) <= 1, `${place(hits)} against ${place(exact)}`);
  assert.deepEqual(
    hits.slice(0, 50).map((h) => h.id),
    exact.slice(0, 50).map((h) => h.id),
  );
});
