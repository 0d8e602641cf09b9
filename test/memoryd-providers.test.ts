/**
 * memoryd's configured embedders, end to end: the ONNX provider (a tiny model the test writes)
 * and an OpenAI-compatible server on 127.0.0.1 selected in config.json; status showing the
 * provider, model, dimension and health; a failing provider leaving memories readable and search
 * lexical with a note; and a model change re-embedding a namespace in the background, through a
 * kill -9 of the whole system, without ever mixing dimensions.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { send } from '../src/api/client.ts';
import { requestOf } from '../src/api/routes/services.ts';
import { boot } from '../src/boot.ts';
import { INIT_PID } from '../src/kernel/index.ts';
import { socketPath } from '../src/platform/paths.ts';
import { MemoryEngine } from '../src/services/memoryd/engine.ts';
import { OnnxEmbedder } from '../src/services/memoryd/onnx-embedder.ts';
import { MEMORYD } from '../src/services/memoryd/ops.ts';
import { embeddingsServer } from './helpers/embeddings-server.ts';
import { aios, aiosUp, type TestEnv, testEnv } from './helpers/env.ts';
import { TOPICS, writeTinyModel } from './helpers/onnx-model.ts';

type Status = {
  provider: string;
  model: string | null;
  dimension: number | null;
  health: string;
  error?: string;
  namespaces: {
    name: string;
    model: string;
    dimension: number;
    count: number;
    reembedDone?: number;
    reembedState?: string;
  }[];
};
type Hits = { hits: { id: number; text: string; similarity?: number }[]; note?: string };

function home(t: { after(fn: () => void): void }, memory: object): TestEnv {
  const env = testEnv(t);
  mkdirSync(env.aiosHome, { recursive: true });
  writeTinyModel(join(env.aiosHome, 'models', 'a'), { dimension: 16 });
  writeFileSync(join(env.aiosHome, 'config.json'), JSON.stringify({ memory }));
  return env;
}

const ONNX_A = {
  embedder: {
    provider: 'onnx',
    model: 'models/a/model.onnx',
    tokenizer: 'models/a/tokenizer.json',
    pooling: 'mean',
  },
};

/** Everyday memories from the tiny model's topics, and one about the audit. */
function memories(n: number): string[] {
  const topics = Object.values(TOPICS);
  return [
    'Dana handles the annual audit',
    ...Array.from({ length: n - 1 }, (_, i) => {
      const words = topics[(i % (topics.length - 1)) + 1];
      return `${words[i % words.length]} and ${words[(i + 3) % words.length]} note ${i}`;
    }),
  ];
}

test('memoryd with a configured ONNX model: status names it, and search finds by meaning', async (t) => {
  const env = home(t, ONNX_A);
  const system = await boot({ home: env.aiosHome, services: true });
  t.after(() => system.shutdown());
  const call = (op: string, args: object) => system.services.call(INIT_PID, 'memoryd', op, args);
  const before = (await call('status', {})) as Status;
  assert.equal(before.provider, 'onnx');
  for (const text of memories(12)) await call('put', { text });
  const { hits, note } = (await call('search', { query: 'ledger review', limit: 3 })) as Hits;
  assert.equal(note, undefined);
  assert.equal(hits[0].text, 'Dana handles the annual audit');
  assert.ok((hits[0].similarity ?? 0) > 0.5);
  const status = (await call('status', {})) as Status;
  assert.match(status.model ?? '', /^onnx:model\.onnx@[0-9a-f]{12}$/);
  assert.equal(status.dimension, 16);
  assert.equal(status.health, 'ok');
  assert.deepEqual(
    status.namespaces.map((n) => [n.name, n.model, n.dimension, n.count]),
    [['owner', status.model, 16, 12]],
  );
});

test('a provider that fails: one clear line for a write, memories stay readable, search is lexical with a note', async (t) => {
  const env = testEnv(t);
  mkdirSync(env.aiosHome, { recursive: true });
  const dir = writeTinyModel(join(env.dir, 'b'), { dimension: 24, seed: 7 });
  const model = new OnnxEmbedder({
    model: join(dir, 'model.onnx'),
    tokenizer: join(dir, 'vocab.txt'),
    pooling: 'mean',
    normalise: true,
  });
  const srv = await embeddingsServer(t, model);
  writeFileSync(
    join(env.aiosHome, 'config.json'),
    JSON.stringify({
      memory: { embedder: { provider: 'openai', baseUrl: srv.url, model: 'tiny-b', dimensions: 24 } },
    }),
  );
  const system = await boot({ home: env.aiosHome, services: true });
  t.after(() => system.shutdown());
  const call = (op: string, args: object) => system.services.call(INIT_PID, 'memoryd', op, args);
  const m = (await call('put', { text: 'Dana handles the annual audit' })) as { id: number };
  await call('put', { text: 'bake a chocolate cake' });
  assert.equal(((await call('status', {})) as Status).health, 'ok');

  srv.down = true;
  await assert.rejects(call('put', { text: 'walk the dog' }), (e: Error & { code: string }) => {
    assert.equal(e.code, 'E_UNAVAILABLE');
    assert.match(
      e.message,
      /Embeddings provider 'http:\/\/127\.0\.0\.1:\d+\/v1\/embeddings' failed: it answered HTTP 503/,
    );
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
  assert.equal(((await call('get', { id: m.id })) as { text: string }).text, 'Dana handles the annual audit');
  const found = (await call('search', { query: 'annual audit' })) as Hits;
  assert.equal(found.hits[0].id, m.id);
  assert.match(found.note ?? '', /HTTP 503.*; these are lexical \(word\) matches only/);
  const status = (await call('status', { probe: true })) as Status;
  assert.equal(status.health, 'failing');
  assert.match(status.error ?? '', /HTTP 503/);

  srv.down = false;
  assert.equal(((await call('status', { probe: true })) as Status).health, 'ok');
  assert.equal(((await call('search', { query: 'ledger review' })) as Hits).hits[0].id, m.id);
});

test('a bad memory section: aios up refuses it naming file, field and limit; a system booted anyway answers 503-style E_UNAVAILABLE', async (t) => {
  const bad: [object, RegExp][] = [
    [
      { embedder: { provider: 'bert' } },
      /config\.json: memory\.embedder\.provider is "bert", not a provider memoryd knows; use use-lite, openai, onnx/,
    ],
    [
      { embedder: { provider: 'openai', baseUrl: 'http://127.0.0.1:9/v1', model: 'm', dimensions: 5000 } },
      /config\.json: memory\.embedder\.dimensions is 5000, but must be at most 4096/,
    ],
  ];
  for (const [memory, expected] of bad) {
    const env = home(t, memory);
    const r = await aios(env, ['up', '--no-http'], { timeoutMs: 30_000 });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, expected);
  }
  // the CLI's embedded system (no aios up) boots without the check: memoryd itself refuses
  const env = home(t, bad[0][0]);
  const r = await aios(env, ['memory', 'status'], { timeoutMs: 60_000 });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /memory\.embedder\.provider is "bert".*then restart aios/);
});

test('a model change re-embeds in the background: searches stay lexical meanwhile, a kill -9 resumes, the switch never mixes dimensions', async (t) => {
  const env = home(t, ONNX_A);
  const texts = memories(300);
  // the namespace as model A wrote it
  const a = new OnnxEmbedder({
    model: join(env.aiosHome, 'models', 'a', 'model.onnx'),
    tokenizer: join(env.aiosHome, 'models', 'a', 'tokenizer.json'),
    pooling: 'mean',
    normalise: true,
  });
  const engine = new MemoryEngine({ path: join(env.aiosHome, 'memory.db'), embedder: a });
  await engine.put(
    'owner',
    texts.map((text) => ({ text })),
    { link: false },
  );
  engine.close();

  // model B: 24-d, behind an OpenAI-compatible server that holds batches once told to
  const dir = writeTinyModel(join(env.dir, 'b'), { dimension: 24, seed: 7 });
  const b = new OnnxEmbedder({
    model: join(dir, 'model.onnx'),
    tokenizer: join(dir, 'vocab.txt'),
    pooling: 'mean',
    normalise: true,
  });
  const srv = await embeddingsServer(t, b);
  writeFileSync(
    join(env.aiosHome, 'config.json'),
    JSON.stringify({
      memory: {
        embedder: {
          provider: 'openai',
          baseUrl: srv.url,
          model: 'tiny-b',
          dimensions: 24,
          timeoutMs: 120_000,
        },
      },
    }),
  );
  const socket = socketPath(env.aiosHome);
  const call = async <T>(op: string, args: object): Promise<T> => {
    const [method, path, body] = requestOf(MEMORYD, op, args as Record<string, unknown>);
    const r = await send(
      socket,
      method,
      path,
      { 'content-type': 'application/json' },
      body === undefined ? undefined : JSON.stringify(body),
    );
    assert.ok(r.status < 400, `${op}: ${r.status} ${r.text}`);
    return JSON.parse(r.text) as T;
  };
  const owner = async () => (await call<Status>('status', {})).namespaces.find((n) => n.name === 'owner')!;

  // Two batches go through, then the rest wait: the job is in the middle when it is killed
  srv.holdBatchesAfter = 128;
  const up = await aiosUp(env, ['--no-http']);
  let killed = false;
  // (a child killed by a signal has no exit code: stop() would wait for an exit that has passed)
  t.after(() => (killed ? undefined : up.stop('SIGKILL')));
  const deadline = Date.now() + 120_000;
  let mid = await owner();
  while (mid.reembedState !== 'running' || (mid.reembedDone ?? 0) < 128 || srv.held === 0) {
    assert.ok(Date.now() < deadline, `the job is held mid-way: ${JSON.stringify(mid)} held ${srv.held}`);
    await new Promise((r) => setTimeout(r, 50));
    mid = await owner();
  }
  assert.equal(mid.model, a.model, 'the namespace is on the old model until the switch');
  assert.equal(mid.dimension, 16);
  assert.ok(mid.reembedDone! < 300);

  // meanwhile: searches are lexical with a note; a put is embedded with the new model
  const during = await call<Hits>('search', { query: 'annual audit' });
  assert.equal(during.hits[0].text, 'Dana handles the annual audit');
  assert.match(during.note ?? '', /being re-embedded with 'tiny-b' \(\d+ of 300 memories\)/);
  const added = await call<{ id: number }>('put', { text: 'the auditor checks the ledger yearly' });
  const after = await owner();
  assert.equal(after.count, 301);
  assert.equal(after.reembedDone, mid.reembedDone! + 1, 'the new memory has its new-model vector already');
  assert.ok((await call<Hits>('search', { query: 'auditor ledger' })).hits.some((h) => h.id === added.id));
  const answered = srv.texts;

  // kill -9 the whole system in the middle
  assert.equal(await up.stop('SIGKILL'), 137);
  killed = true;
  srv.holdBatchesAfter = Number.POSITIVE_INFINITY;
  const up2 = await aiosUp(env, ['--no-http']);
  t.after(() => up2.stop());
  const watch = await aios(env, ['memory', 'reembed', '--watch', '--json'], { timeoutMs: 120_000 });
  assert.equal(watch.code, 0, watch.stdout + watch.stderr);
  const lines = watch.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { namespace: string; state: string; done: number; total: number });
  assert.equal(lines.at(-1)?.state, 'done');
  assert.ok(lines.every((l) => l.namespace === 'owner'));
  // resumed, not started again: the texts embedded after the restart are about what was left
  const again = srv.texts - answered;
  assert.ok(
    again <= 301 - after.reembedDone! + 64,
    `re-embedded ${again} after the restart, ${301 - after.reembedDone!} were left`,
  );

  const done = await owner();
  assert.equal(done.model, 'tiny-b');
  assert.equal(done.dimension, 24);
  assert.equal(done.count, 301);
  assert.equal(done.reembedState, 'done', 'status shows the switch happened');
  const check = await call<{ ok: boolean; problems: string[] }>('check', {});
  assert.deepEqual(check.problems, []);
  const final = await call<Hits>('search', { query: 'ledger review', mode: 'vector' });
  assert.equal(final.note, undefined);
  assert.ok(
    ['Dana handles the annual audit', 'the auditor checks the ledger yearly'].includes(final.hits[0].text),
  );
  const cli = await aios(env, ['memory', 'status']);
  assert.match(cli.stdout, /model: tiny-b/);
});

test('a shutdown while a re-embedding waits on a silent provider keeps the job and leaves the store clean', {
  timeout: 120_000,
}, async (t) => {
  const env = home(t, ONNX_A);
  const a = new OnnxEmbedder({
    model: join(env.aiosHome, 'models', 'a', 'model.onnx'),
    tokenizer: join(env.aiosHome, 'models', 'a', 'tokenizer.json'),
    pooling: 'mean',
    normalise: true,
  });
  const engine = new MemoryEngine({ path: join(env.aiosHome, 'memory.db'), embedder: a });
  await engine.put(
    'owner',
    memories(100).map((text) => ({ text })),
    { link: false },
  );
  engine.close();
  const srv = await embeddingsServer(t, a);
  srv.holdBatchesAfter = 0;
  writeFileSync(
    join(env.aiosHome, 'config.json'),
    JSON.stringify({
      // a shutdown that waited for the held request would outlast this test's timeout
      memory: {
        embedder: {
          provider: 'openai',
          baseUrl: srv.url,
          model: 'other',
          dimensions: 16,
          timeoutMs: 600_000,
        },
      },
    }),
  );
  const system = await boot({ home: env.aiosHome, services: true });
  await system.services.call(INIT_PID, 'memoryd', 'reembed', {});
  while (srv.held === 0) await new Promise((r) => setTimeout(r, 20));
  await system.shutdown();
  const after = new MemoryEngine({ path: join(env.aiosHome, 'memory.db'), embedder: a });
  t.after(() => after.close());
  assert.equal(after.reembedJob('owner')?.done, 0, 'the job is kept, to go on at the next start');
  assert.deepEqual(after.check().problems, []);
});
