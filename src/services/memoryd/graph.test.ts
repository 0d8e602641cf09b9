import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { getLoadablePath } from 'sqlite-vec';
import { testEnv } from '../../../test/helpers/env.ts';
import { MemoryEngine } from './engine.ts';
import { MEMORY_LIMITS } from './limits.ts';
import { SCHEMA_VERSION } from './schema.ts';

/** A unit vector leaning on dimension `hot` (and a little on `hot + 1`), so tests need no encoder. */
function vec(hot: number, lean = 0, dim = 8): Float32Array {
  const v = new Float32Array(dim);
  v[hot % dim] = 1;
  v[(hot + 1) % dim] = lean;
  return v;
}

function engine(t: { after(fn: () => void): void }) {
  const env = testEnv(t);
  let clock = 1_000_000;
  const path = join(env.dir, 'memory.db');
  const memory = new MemoryEngine({ path, now: () => clock });
  t.after(() => memory.close());
  return { memory, path, tick: (ms: number) => (clock += ms) };
}

async function put(memory: MemoryEngine, texts: string[], vectors: Float32Array[], ns = 'alice') {
  return (
    await memory.put(
      ns,
      texts.map((text) => ({ text })),
      { vectors, model: 'test-8' },
    )
  ).map((m) => m.id);
}

test('a new memory is linked to its close neighbours (similar, weight = cosine), not to unrelated ones', async (t) => {
  const { memory } = engine(t);
  const [keys] = await put(memory, ['The spare key is under the blue pot'], [vec(1)]);
  const [bins] = await put(memory, ['Bins go out on Tuesday'], [vec(4)]);
  // cosine with vec(1) is 1 / sqrt(1 + 0.5²) ≈ 0.894; with vec(4) it is 0.
  const [moved] = await put(memory, ['The spare key moved to the shed'], [vec(1, 0.5)]);
  const { links } = memory.graph('alice', moved);
  assert.equal(links.length, 1, JSON.stringify(links));
  assert.equal(links[0].from, moved);
  assert.equal(links[0].to, keys);
  assert.equal(links[0].relation, 'similar');
  assert.ok(Math.abs(links[0].weight - 1 / Math.sqrt(1.25)) < 1e-4, String(links[0].weight));
  assert.deepEqual(memory.graph('alice', bins).links, []);
  // Within one put, later memories link to earlier ones as separate puts would.
  const [a, b] = await put(memory, ['Water the ferns', 'Water the ferns on Sunday'], [vec(6), vec(6, 0.1)]);
  assert.deepEqual(
    memory.graph('alice', b).links.map((l) => [l.from, l.to]),
    [[b, a]],
  );
  // At most AUTO_LINK_MAX neighbours, the closest.
  const many = await put(
    memory,
    ['n1', 'n2', 'n3', 'n4', 'n5'],
    [vec(2, 0.1), vec(2, 0.2), vec(2, 0.3), vec(2, 0.4), vec(2, 0.05)],
  );
  const last = memory.graph('alice', many[4]).links.filter((l) => l.from === many[4]);
  assert.equal(last.length, MEMORY_LIMITS.AUTO_LINK_MAX);
  assert.deepEqual(
    last.map((l) => l.to),
    [many[0], many[1], many[2]],
  );
});

test('link relates two memories with a typed relation, idempotently, and says clearly what is wrong', async (t) => {
  const { memory } = engine(t);
  const [a, b] = await put(
    memory,
    ['Dana handles the annual audit', 'The audit is due in April'],
    [vec(1), vec(3)],
  );
  assert.deepEqual(memory.link('alice', a, b, 'due-date', 0.5), {
    from: a,
    to: b,
    relation: 'due-date',
    weight: 0.5,
  });
  assert.deepEqual(memory.link('alice', a, b, 'due-date', 0.7), {
    from: a,
    to: b,
    relation: 'due-date',
    weight: 0.7,
  });
  assert.deepEqual(memory.link('alice', a, b), { from: a, to: b, relation: 'related', weight: 1 });
  assert.deepEqual(
    memory.export('alice').links.map((l) => [l.relation, l.weight]),
    [
      ['due-date', 0.7],
      ['related', 1],
    ],
  );
  assert.throws(() => memory.link('alice', a, 999), {
    code: 'E_NOT_FOUND',
    message: "No memory 999 in namespace 'alice'; list or search the namespace for ids",
  });
  await put(memory, ['Bob keeps bees'], [vec(5)], 'bob');
  const [bobs] = memory.export('bob').memories.map((m) => m.id);
  assert.throws(() => memory.link('alice', a, bobs), { code: 'E_NOT_FOUND' }, "another namespace's memory");
  assert.throws(() => memory.link('alice', a, b, 'is due'), {
    code: 'E_BAD_ARGUMENT',
    message:
      "Invalid relation 'is due'; use one word of letters, digits and _ . : / - (at most 64 characters), such as 'related'",
  });
  assert.throws(() => memory.link('alice', a, b, 'x'.repeat(65)), { code: 'E_BAD_ARGUMENT' });
  assert.throws(() => memory.link('alice', a, b, 'ok', Number.NaN), {
    message: "Link weight 'NaN' is not a finite number",
  });
});

test('graph gives the neighbourhood within a depth both ways, and the shortest path with to', async (t) => {
  const { memory } = engine(t);
  // A chain a - b - c - d, plus e hanging off b; orthogonal vectors, so no auto-links.
  const [a, b, c, d, e, lone] = await put(
    memory,
    ['a', 'b', 'c', 'd', 'e', 'lone'],
    [vec(0), vec(1), vec(2), vec(3), vec(4), vec(5)],
  );
  memory.link('alice', a, b, 'next');
  memory.link('alice', c, b, 'prev');
  memory.link('alice', c, d, 'next');
  memory.link('alice', e, b, 'about');
  const one = memory.graph('alice', b);
  assert.equal(one.nodes[0].id, b, 'the memory asked about comes first');
  assert.deepEqual(one.nodes.map((m) => m.id).sort(), [a, b, c, e].sort());
  assert.equal(one.links.length, 3);
  const two = memory.graph('alice', a, { depth: 2 });
  assert.deepEqual(
    two.nodes.map((m) => m.id),
    [a, b, c, e],
  );
  assert.equal(memory.graph('alice', a, { depth: 3 }).nodes.length, 5);
  const path = memory.graph('alice', a, { to: d });
  assert.deepEqual(
    path.nodes.map((m) => m.text),
    ['a', 'b', 'c', 'd'],
  );
  assert.deepEqual(
    path.links.map((l) => `${l.from} ${l.relation} ${l.to}`),
    [`${a} next ${b}`, `${c} prev ${b}`, `${c} next ${d}`],
  );
  assert.deepEqual(memory.graph('alice', a, { to: d, depth: 2 }), { nodes: [], links: [] }, 'too far');
  assert.deepEqual(memory.graph('alice', a, { to: lone }), { nodes: [], links: [] }, 'no path');
  assert.throws(() => memory.graph('alice', a, { depth: 0 }), {
    message: `Depth '0' is not an integer from 1 to ${MEMORY_LIMITS.GRAPH_DEPTH_MAX}`,
  });
  assert.throws(() => memory.graph('alice', 4242), { code: 'E_NOT_FOUND' });
  assert.throws(() => memory.graph('alice', a, { to: 4242 }), { code: 'E_NOT_FOUND' });
});

test('a hub memory’s neighbourhood is cut at GRAPH_NODES_MAX', async (t) => {
  const { memory } = engine(t);
  const n = MEMORY_LIMITS.GRAPH_NODES_MAX + 20;
  const ids = await put(
    memory,
    Array.from({ length: n }, (_, i) => `spoke ${i}`),
    Array.from({ length: n }, (_, i) => vec(i % 2 === 0 ? 0 : 4, (i % 7) / 10, 8)),
  );
  for (const id of ids.slice(1)) memory.link('alice', ids[0], id, 'spoke');
  const g = memory.graph('alice', ids[0], { depth: 2 });
  assert.equal(g.nodes.length, MEMORY_LIMITS.GRAPH_NODES_MAX);
  const shown = new Set(g.nodes.map((m) => m.id));
  assert.ok(
    g.links.every((l) => shown.has(l.from) && shown.has(l.to)),
    'no link to a memory left out',
  );
});

test('diff names each field and metadata key that changed between two versions', async (t) => {
  const { memory, tick } = engine(t);
  const [m] = await memory.put('alice', [{ text: 'Standup is at 9:00', metadata: { room: 'A', by: 'me' } }], {
    vectors: [vec(1)],
    model: 'test-8',
  });
  tick(1000);
  await memory.update(
    'alice',
    m.id,
    { text: 'Standup moved to 9:30', metadata: { room: 'B', by: 'me', tz: 'UTC' } },
    vec(2),
  );
  tick(1000);
  await memory.update('alice', m.id, { importance: 0.9 });
  const d = memory.diff('alice', m.id, 1, 3);
  assert.equal(d.from.version, 1);
  assert.equal(d.to.version, 3);
  assert.deepEqual(d.changes, [
    { field: 'text', before: 'Standup is at 9:00', after: 'Standup moved to 9:30' },
    { field: 'importance', before: 0.5, after: 0.9 },
    { field: 'metadata.room', before: 'A', after: 'B' },
    { field: 'metadata.tz', before: undefined, after: 'UTC' },
  ]);
  assert.deepEqual(memory.diff('alice', m.id, 2, 2).changes, []);
  assert.throws(() => memory.diff('alice', m.id, 1, 4), {
    code: 'E_NOT_FOUND',
    message: `Memory ${m.id} in namespace 'alice' has no version 4; it has versions 1 to 3`,
  });
  assert.throws(() => memory.diff('alice', m.id, 0, 1), { code: 'E_BAD_ARGUMENT' });
  assert.throws(() => memory.diff('alice', 777, 1, 2), { code: 'E_NOT_FOUND' });
});

test('usage counts memories and bytes of text and metadata, kept in step by every write', async (t) => {
  const { memory } = engine(t);
  assert.deepEqual(memory.usage('alice'), { count: 0, bytes: 0 });
  const [m] = await memory.put('alice', [{ text: 'héllo', metadata: { a: 1 } }], {
    vectors: [vec(1)],
    model: 'test-8',
  });
  // 'héllo' is 6 bytes of UTF-8, '{"a":1}' is 7.
  assert.deepEqual(memory.usage('alice'), { count: 1, bytes: 13 });
  await put(memory, ['four'], [vec(3)]);
  assert.deepEqual(memory.usage('alice'), { count: 2, bytes: 13 + 4 + 2 });
  await memory.update('alice', m.id, { text: 'hello there' }, vec(1));
  assert.deepEqual(memory.usage('alice'), { count: 2, bytes: 11 + 7 + 6 });
  memory.forget('alice', [m.id]);
  assert.deepEqual(memory.usage('alice'), { count: 1, bytes: 6 });
  assert.deepEqual(
    memory.namespaces().map((n) => [n.name, n.count, n.bytes]),
    [['alice', 1, 6]],
  );
  assert.equal(memory.check().ok, true);
});

test('export gives every current memory with its links; forget takes a memory’s links with it', async (t) => {
  const { memory, path } = engine(t);
  const [a, b, c] = await put(memory, ['a', 'b', 'c'], [vec(0), vec(2), vec(4)]);
  memory.link('alice', a, b);
  memory.link('alice', c, a, 'cites');
  const out = memory.export('alice');
  assert.equal(out.namespace, 'alice');
  assert.deepEqual(
    out.memories.map((m) => m.text),
    ['a', 'b', 'c'],
  );
  assert.equal(out.links.length, 2);
  assert.equal(memory.forget('alice', [a]), 1);
  assert.deepEqual(memory.export('alice').links, []);
  assert.deepEqual(memory.graph('alice', b).links, []);
  assert.deepEqual(memory.check().problems, []);

  // A link left pointing at a missing memory (written behind the engine's back) is named.
  const raw = new DatabaseSync(path);
  raw
    .prepare("insert into memory_links values (?, 'related', 4242, 1, (select id from namespaces), 0)")
    .run(b);
  raw.close();
  assert.ok(memory.check().problems.includes(`link ${b} related 4242 points to a missing memory`));
});

// The schema the first engine wrote (before links and usage counters), as it created it.
const FIRST_SCHEMA = `
create table namespaces (id integer primary key, name text not null unique, model text not null,
  dimension integer not null, created_at integer not null);
create table memories (id integer primary key, namespace_id integer not null references namespaces(id),
  kind text not null check (kind in ('core', 'archival', 'recall')), text text not null, metadata text not null,
  importance real not null, hash text not null, version integer not null, created_at integer not null,
  updated_at integer not null);
create index memories_by_namespace on memories(namespace_id, kind);
create table memory_versions (memory_id integer not null, version integer not null, kind text not null,
  text text not null, metadata text not null, importance real not null, hash text not null,
  valid_from integer not null, valid_to integer, primary key (memory_id, version)) without rowid;
create virtual table memory_fts using fts5(text, tokenize = 'porter unicode61');
create table memory_vectors (memory_id integer primary key, namespace_id integer not null, embedding blob not null);
create index memory_vectors_by_namespace on memory_vectors(namespace_id);
`;

test('a store written by the first engine opens, is migrated once, and works: usage, links, search', async (t) => {
  const env = testEnv(t);
  const path = join(env.dir, 'memory.db');
  const old = new DatabaseSync(path, { allowExtension: true });
  old.loadExtension(getLoadablePath());
  old.exec('pragma journal_mode = wal');
  old.exec(FIRST_SCHEMA);
  old.exec("insert into namespaces values (1, 'alice', 'test-8', 8, 0)");
  for (const [id, text, hot] of [
    [1, 'The spare key is under the blue pot', 1],
    [2, 'Bins go out on Tuesday', 4],
  ] as const) {
    old.prepare("insert into memories values (?, 1, 'archival', ?, '{}', 0.5, 'h', 1, 0, 0)").run(id, text);
    old
      .prepare("insert into memory_versions values (?, 1, 'archival', ?, '{}', 0.5, 'h', 0, null)")
      .run(id, text);
    old.prepare('insert into memory_fts (rowid, text) values (?, ?)').run(id, text);
    old.prepare('insert into memory_vectors values (?, 1, ?)').run(id, new Uint8Array(vec(hot).buffer));
  }
  old.close();

  const memory = new MemoryEngine({ path });
  t.after(() => memory.close());
  assert.deepEqual(memory.check().problems, []);
  assert.deepEqual(memory.usage('alice'), { count: 2, bytes: 35 + 2 + 22 + 2 });
  assert.equal(memory.get('alice', 1)?.text, 'The spare key is under the blue pot');
  assert.deepEqual(memory.link('alice', 1, 2), { from: 1, to: 2, relation: 'related', weight: 1 });
  const [m] = await memory.put('alice', [{ text: 'The spare key moved' }], { vectors: [vec(1, 0.2)] });
  assert.deepEqual(
    memory.graph('alice', m.id).links.map((l) => l.to),
    [1],
  );
  assert.equal((await memory.search('alice', 'bins tuesday', { vector: vec(4) }))[0].id, 2);
  assert.equal(memory.usage('alice').count, 3);
  memory.close();
  const raw = new DatabaseSync(path, { readOnly: true });
  t.after(() => raw.close());
  assert.equal(
    (raw.prepare('pragma user_version').get() as { user_version: number }).user_version,
    SCHEMA_VERSION,
  );
  const again = new MemoryEngine({ path });
  t.after(() => again.close());
  assert.deepEqual(again.check().problems, [], 'opening a migrated store again changes nothing');
  assert.equal(again.export('alice').links.length, 2);
});

test('hostile: a link forged into another namespace shows nothing of it, and walks stop at the boundary', async (t) => {
  const { memory, path } = engine(t);
  const [mine, also] = await put(memory, ['my note', 'my other note'], [vec(0), vec(3)]);
  const [secret, deeper] = await put(memory, ['bob’s secret', 'bob’s other secret'], [vec(5), vec(7)], 'bob');
  memory.link('bob', secret, deeper, 'related');
  memory.link('alice', mine, also);
  // Written behind the engine's back: alice's memory linked to bob's, filed under alice.
  const raw = new DatabaseSync(path);
  raw
    .prepare(
      "insert into memory_links values (?, 'related', ?, 1, (select id from namespaces where name = 'alice'), 0)",
    )
    .run(mine, secret);
  raw.close();
  const g = memory.graph('alice', mine, { depth: 3 });
  assert.deepEqual(
    g.nodes.map((m) => m.text),
    ['my note', 'my other note'],
  );
  assert.ok(
    g.links.every((l) => l.to !== secret && l.from !== secret && l.to !== deeper),
    'no id of bob’s is revealed through a link',
  );
  assert.deepEqual(memory.graph('alice', mine, { to: also }).nodes.length, 2);
  assert.ok(!memory.export('alice').links.some((l) => l.to === secret));
  assert.ok(memory.check().problems.includes(`link ${mine} related ${secret} points to a missing memory`));
});
