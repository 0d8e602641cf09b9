import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { MemoryEngine } from './engine.ts';
import { MEMORY_LIMITS } from './limits.ts';

/** Caller-given vectors: a direction per topic, so tests need no encoder. */
function vec(dim: number, hot: number, noise = 0): Float32Array {
  const v = new Float32Array(dim);
  v[hot % dim] = 1;
  v[(hot + 1) % dim] = noise;
  return v;
}

function engine(t: { after(fn: () => void): void }, start = 1_000_000) {
  const env = testEnv(t);
  let clock = start;
  const path = join(env.dir, 'memory.db');
  const memory = new MemoryEngine({ path, now: () => clock });
  t.after(() => memory.close());
  return { memory, path, tick: (ms: number) => (clock += ms) };
}

test('a memory round-trips with its kind, metadata, importance and content hash, and survives reopening', async (t) => {
  const { memory, path } = engine(t);
  const [m] = await memory.put(
    'alice',
    [{ text: 'Dana handles the annual audit', kind: 'core', metadata: { source: 'chat' }, importance: 0.9 }],
    {
      vectors: [vec(8, 1)],
      model: 'test-8',
    },
  );
  assert.equal(m.text, 'Dana handles the annual audit');
  assert.equal(m.kind, 'core');
  assert.deepEqual(m.metadata, { source: 'chat' });
  assert.equal(m.importance, 0.9);
  assert.match(m.hash, /^[0-9a-f]{64}$/);
  memory.close();
  const again = new MemoryEngine({ path });
  t.after(() => again.close());
  assert.deepEqual(again.get('alice', m.id), m);
  assert.deepEqual(
    again.namespaces().map((n) => [n.name, n.model, n.dimension, n.count]),
    [['alice', 'test-8', 8, 1]],
  );
  assert.equal(again.nearest('alice', vec(8, 1), 1)[0].id, m.id);
});

test('every update is a version: history lists them and asOf reads the past', async (t) => {
  const { memory, tick } = engine(t);
  const [m] = await memory.put('alice', [{ text: 'Standup is at 9:00' }], {
    vectors: [vec(8, 1)],
    model: 'test-8',
  });
  const before = tick(1000);
  tick(1000);
  await memory.update('alice', m.id, { text: 'Standup moved to 9:30' }, vec(8, 2));
  tick(1000);
  await memory.update('alice', m.id, { importance: 1 });
  assert.deepEqual(
    memory.history('alice', m.id).map((v) => [v.version, v.text, v.importance]),
    [
      [1, 'Standup is at 9:00', 0.5],
      [2, 'Standup moved to 9:30', 0.5],
      [3, 'Standup moved to 9:30', 1],
    ],
  );
  assert.equal(memory.get('alice', m.id, before)?.text, 'Standup is at 9:00');
  assert.equal(memory.get('alice', m.id)?.text, 'Standup moved to 9:30');
  assert.equal(memory.get('alice', m.id, 0), undefined, 'nothing existed before it was written');
  const hits = await memory.search('alice', 'standup', { mode: 'lexical' });
  assert.deepEqual(
    hits.map((h) => h.text),
    ['Standup moved to 9:30'],
    'the old text is no longer searchable',
  );
  assert.equal(memory.check().ok, true);
});

test('forget removes the row, its versions, its FTS entry and its vector, and says how many', async (t) => {
  const { memory, path } = engine(t);
  const ms = await memory.put(
    'alice',
    [{ text: 'The spare key is under the blue pot' }, { text: 'Bins go out on Tuesday' }],
    {
      vectors: [vec(8, 1), vec(8, 2)],
      model: 'test-8',
    },
  );
  await memory.update('alice', ms[0].id, { text: 'The spare key is with the neighbour' }, vec(8, 3));
  assert.equal(memory.forget('alice', [ms[0].id, 12345]), 1);
  assert.equal(memory.get('alice', ms[0].id), undefined);
  assert.deepEqual(memory.history('alice', ms[0].id), []);
  assert.deepEqual(await memory.search('alice', 'spare key neighbour', { mode: 'lexical' }), []);
  assert.deepEqual(
    memory.nearest('alice', vec(8, 3), 5).map((h) => h.id),
    [ms[1].id],
  );
  const raw = new DatabaseSync(path, { readOnly: true });
  t.after(() => raw.close());
  const left = raw
    .prepare(
      `select (select count(*) from memory_versions where memory_id = ?1) v,
              (select count(*) from memory_fts where memory_fts match 'spare') f,
              (select count(*) from memory_vectors where memory_id = ?1) e`,
    )
    .get(ms[0].id);
  assert.deepEqual({ ...left }, { v: 0, f: 0, e: 0 });
  assert.equal(memory.check().ok, true);
});

test('a namespace never mixes dimensions: a wrong-sized vector is one clear error and nothing is written', async (t) => {
  const { memory } = engine(t);
  await memory.put('alice', [{ text: 'first' }], { vectors: [vec(8, 1)], model: 'test-8' });
  await assert.rejects(memory.put('alice', [{ text: 'second' }], { vectors: [vec(4, 1)], model: 'test-4' }), {
    code: 'E_DIMENSION',
    message:
      "Vector has 4 dimensions but namespace 'alice' holds 8-dimensional vectors of model 'test-8'; embed with that model or use another namespace",
  });
  assert.throws(() => memory.nearest('alice', vec(16, 1), 1), { code: 'E_DIMENSION' });
  assert.equal(memory.namespaces()[0].count, 1);
});

test('check() names what disagrees when a store is broken behind the engine', async (t) => {
  const { memory, path } = engine(t);
  const ms = await memory.put('alice', [{ text: 'one' }, { text: 'two' }, { text: 'three' }], {
    vectors: [vec(8, 1), vec(8, 2), vec(8, 3)],
    model: 'test-8',
  });
  assert.deepEqual(memory.check().problems, []);
  const raw = new DatabaseSync(path);
  raw.prepare('delete from memory_fts where rowid = ?').run(ms[0].id);
  raw.prepare('delete from memory_vectors where memory_id = ?').run(ms[1].id);
  raw.prepare('update memory_vectors set embedding = zeroblob(12) where memory_id = ?').run(ms[2].id);
  raw.close();
  const report = memory.check();
  assert.equal(report.ok, false);
  assert.ok(report.problems.includes(`memory ${ms[0].id} has no FTS entry`), report.problems.join('\n'));
  assert.ok(report.problems.includes(`memory ${ms[1].id} has no vector`), report.problems.join('\n'));
  assert.ok(
    report.problems.includes(`vector ${ms[2].id} does not match its namespace's dimension`),
    report.problems.join('\n'),
  );
});

test('bad input gets one clear line: oversized text, malformed queries, unknown kinds', async (t) => {
  const { memory } = engine(t);
  await memory.put('alice', [{ text: 'ok' }], { vectors: [vec(8, 1)], model: 'test-8' });
  const big = 'x'.repeat(MEMORY_LIMITS.TEXT_MAX_BYTES + 1);
  await assert.rejects(memory.put('alice', [{ text: big }], { vectors: [vec(8, 1)] }), {
    code: 'E_TOO_BIG',
    message: `Memory text is ${big.length} bytes, over the ${MEMORY_LIMITS.TEXT_MAX_BYTES}-byte limit; split it into smaller memories`,
  });
  await assert.rejects(memory.search('alice', '   '), {
    code: 'E_BAD_ARGUMENT',
    message: /^Search query must be a non-empty string/,
  });
  await assert.rejects(memory.search('alice', 42 as unknown as string), { code: 'E_BAD_ARGUMENT' });
  await assert.rejects(memory.search('alice', 'ok', { limit: 0 }), {
    message: "Limit '0' is not an integer from 1 to 100",
  });
  await assert.rejects(
    memory.put('alice', [{ text: 'x', kind: 'episodic' as 'core' }], { vectors: [vec(8, 1)] }),
    {
      message: "Unknown memory kind 'episodic'; use core, archival or recall",
    },
  );
  await assert.rejects(memory.put('../etc', [{ text: 'x' }], { vectors: [vec(8, 1)] }), {
    code: 'E_BAD_ARGUMENT',
  });
  // FTS5 syntax in a query is text, never an expression.
  assert.deepEqual(
    await memory.search('alice', 'ok" OR NEAR(', { mode: 'lexical' }).then((h) => h.map((x) => x.text)),
    ['ok'],
  );
  assert.equal(memory.check().memories, 1);
});

test('search filters by kind and weighs importance and recency when asked', async (t) => {
  const { memory, tick } = engine(t);
  const [old] = await memory.put('alice', [{ text: 'Parking permit renews in May', importance: 1 }], {
    vectors: [vec(8, 1)],
    model: 'test-8',
  });
  tick(90 * 24 * 3600 * 1000);
  const [fresh, core] = await memory.put(
    'alice',
    [
      { text: 'Parking permit costs 80 pounds', importance: 0 },
      { text: 'Parking is behind the gym', kind: 'core' },
    ],
    { vectors: [vec(8, 1, 0.01), vec(8, 5)] },
  );
  const order = async (o: object) =>
    (await memory.search('alice', 'parking permit', { mode: 'lexical', ...o })).map((h) => h.id);
  assert.deepEqual(await order({ kinds: ['core'] }), [core.id]);
  assert.equal((await order({ importanceWeight: 1 }))[0], old.id);
  assert.equal((await order({ recencyWeight: 1 }))[0], fresh.id);
});
