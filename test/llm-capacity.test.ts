/**
 * The LLM as a scheduled resource: a 429 is back-pressure (waited out, never a failure, never
 * the breaker), Retry-After is honoured for every request to that provider, the learnt
 * concurrency settles at what the provider serves, and a provider that answers garbage or a
 * cut stream fails that attempt with the cause and is retried within the budget. All against
 * real HTTP servers on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { boot } from '../src/boot.ts';
import { Breakers } from '../src/intel/breaker.ts';
import { IntelDb } from '../src/intel/db.ts';
import { createLlmExecutor } from '../src/intel/executor.ts';
import type { Agent } from '../src/kernel/index.ts';
import { RIGHTS } from '../src/kernel/rights.ts';
import { type TestEnv, testEnv } from './helpers/env.ts';
import { startLlmServer } from './helpers/llm-server.ts';
import { startRateLimitedProvider } from './helpers/rate-limited-provider.ts';

function configure(env: TestEnv, baseUrl: string, extra: Record<string, unknown> = {}): void {
  mkdirSync(env.aiosHome, { recursive: true });
  writeFileSync(
    join(env.aiosHome, 'config.json'),
    JSON.stringify({
      llm: {
        providers: { local: { api: 'openai', baseUrl, timeoutMs: 30_000 } },
        models: { strong: { provider: 'local', model: 'm', stream: true } },
        ...extra,
      },
    }),
  );
}

const agent = (pid: number) => ({ pid }) as Agent;
/** What the broker hands an executor: a signal that never aborts here. */
const idle = () => ({ signal: new AbortController().signal });

test('20 agents × 3 requests against a provider that refuses most of them with 429: all 60 succeed, the breaker stays closed', async (t) => {
  const provider = await startRateLimitedProvider({ slots: 2, decodeMsPerToken: 0.5 });
  t.after(() => provider.close());
  const env = testEnv(t);
  configure(env, `${provider.url}/v1`);
  const system = await boot({ home: env.aiosHome });
  try {
    const file = join(env.dir, 'asker.ts');
    writeFileSync(
      file,
      `export default async function (os) {
        const texts = [];
        for (let i = 0; i < 3; i++) texts.push((await os.llm.generate({ prompt: 'question ' + i, maxTokens: 20 })).text);
        return texts;
      }`,
    );
    const pids = Array.from(
      { length: 20 },
      () => system.host.spawnFile(file, { grants: { llm: RIGHTS.USE } }).pid,
    );
    const exits = await Promise.all(pids.map((pid) => system.host.exitOf(pid, 120_000)));
    const answers = exits.flatMap((e) => {
      assert.equal(e.reason, 'normal', e.message);
      return JSON.parse(e.result!) as string[];
    });
    assert.equal(answers.length, 60);
    for (const text of answers) assert.equal(text, 'tok '.repeat(20));
    assert.ok(provider.stats.rejected > 0, 'the provider did refuse some (the test means something)');
    assert.equal(provider.stats.completed, 60);
  } finally {
    await system.shutdown();
  }
  const db = IntelDb.open(env.aiosHome);
  t.after(() => db.close());
  assert.equal(new Breakers(db, { failures: 3, cooldownMs: 30_000 }).info('local').state, 'closed');
});

test('after a 429 nothing is sent to that provider before the time its Retry-After gave', async (t) => {
  // A token budget of 1000 a (600 ms) minute: three requests of ~300 tokens pass, the fourth
  // is told to come back when enough has refilled.
  const provider = await startRateLimitedProvider({ slots: 10, tokensPerMinute: 1000, minuteMs: 600 });
  t.after(() => provider.close());
  const env = testEnv(t);
  configure(env, `${provider.url}/v1`);
  const executor = await createLlmExecutor({ home: env.aiosHome, env: {} });
  t.after(() => executor.close());
  const ask = () => executor(agent(7), { prompt: 'hi', maxTokens: 300 }, idle());
  const first = [ask(), ask(), ask(), ask()];
  for (let i = 0; i < 2000 && !executor.capacity.snapshot().some((k) => k.rateLimited > 0); i++) {
    await new Promise((r) => setTimeout(r, 5));
  }
  const later = ask(); // asked after the client has seen the 429
  const results = await Promise.all([...first, later]);
  assert.equal(results.length, 5);
  const refusal = provider.arrivals.find((a) => a.retryAt !== undefined)!;
  assert.ok(refusal, 'the provider refused one');
  const after = provider.arrivals.slice(provider.arrivals.indexOf(refusal) + 1);
  assert.ok(after.length >= 2, 'the refused request and the later one were sent again');
  for (const a of after)
    assert.ok(a.at >= refusal.retryAt! - 1, `a request came ${refusal.retryAt! - a.at} ms early`);
});

test('the learnt concurrency settles at the provider’s slot count', async (t) => {
  const slots = 6;
  const provider = await startRateLimitedProvider({ slots, decodeMsPerToken: 0.5 });
  t.after(() => provider.close());
  const env = testEnv(t);
  configure(env, `${provider.url}/v1`);
  const resized: number[] = [];
  const executor = await createLlmExecutor({
    home: env.aiosHome,
    env: {},
    onCapacity: (c) => resized.push(c.slots),
  });
  t.after(() => executor.close());
  // 24 callers, each asking 8 times: always more waiting than the provider serves.
  await Promise.all(
    Array.from({ length: 24 }, async (_, i) => {
      for (let n = 0; n < 8; n++)
        await executor(agent(100 + i), { prompt: `q ${i} ${n}`, maxTokens: 30 }, idle());
    }),
  );
  const [learnt] = executor.capacity.snapshot();
  assert.ok(learnt.rateLimited > 0, 'it found the limit by running into it');
  assert.ok(
    Math.floor(learnt.limit) >= slots - 2 && Math.floor(learnt.limit) <= slots + 1,
    `learnt ${learnt.limit} for a provider of ${slots} slots`,
  );
  // The kernel grants a quarter more, which wait for the provider with their work done.
  const told = resized.at(-1)!;
  assert.equal(
    told,
    Math.floor(learnt.limit) + Math.ceil(Math.floor(learnt.limit) / 4),
    'the kernel was told',
  );
  assert.equal(provider.stats.completed, 24 * 8);
});

test('a provider that slows down instead of refusing: the concurrency stops where latency grows', async (t) => {
  const slots = 4;
  const provider = await startRateLimitedProvider({ slots, mode: 'slowdown', decodeMsPerToken: 0.5 });
  t.after(() => provider.close());
  const env = testEnv(t);
  configure(env, `${provider.url}/v1`);
  const executor = await createLlmExecutor({ home: env.aiosHome, env: {} });
  t.after(() => executor.close());
  // 32 callers: without the latency rule slow start would let all 32 in at once.
  await Promise.all(
    Array.from({ length: 32 }, async (_, i) => {
      for (let n = 0; n < 6; n++)
        await executor(agent(200 + i), { prompt: `q ${i} ${n}`, maxTokens: 40 }, idle());
    }),
  );
  const [learnt] = executor.capacity.snapshot();
  assert.equal(learnt.rateLimited, 0);
  assert.ok(learnt.slowdowns > 0, 'it saw the provider slow down');
  // Latency is what it learns from, and a loaded machine adds its own: the bound says it stopped
  // well short of letting every caller in, not how close to the provider's slots it came.
  assert.ok(
    provider.stats.peakActive < 32 && Math.floor(learnt.limit) <= 4 * slots,
    `learnt ${learnt.limit}, peak ${provider.stats.peakActive}, for a provider of ${slots} slots`,
  );
});

test('garbage or a cut stream fails that attempt with its cause and is retried within the budget', async (t) => {
  const server = await startLlmServer();
  t.after(() => server.close());
  const env = testEnv(t);
  configure(env, `${server.url}/v1`);
  const executor = await createLlmExecutor({ home: env.aiosHome, env: {} });
  t.after(() => executor.close());
  server.reply({ kind: 'cut' }, { kind: 'text', text: 'whole answer' });
  assert.equal(
    ((await executor(agent(9), { prompt: 'x' }, idle())) as { text: string }).text,
    'whole answer',
  );
  server.reply({ kind: 'malformed', where: 'event' }, { kind: 'text', text: 'second answer' });
  assert.equal(
    ((await executor(agent(9), { prompt: 'x' }, idle())) as { text: string }).text,
    'second answer',
  );
  server.fallback = () => ({ kind: 'cut' });
  await assert.rejects(executor(agent(9), { prompt: 'x' }, idle()), (e: Error) =>
    /No model answered: .*the stream ended before the answer did/.test(e.message),
  );
  // One attempt and one retry (retries.perModel): bounded.
  assert.equal(server.requests.length, 6);
});
