/**
 * The translation cascade end to end against a local server that speaks both LLM protocols:
 * routing, the plan cache, and every failure mode (429 with Retry-After, timeouts, malformed
 * JSON, plans that fail validation, a failing provider's circuit breaker), each of which
 * must end in a plan from the next model or the offline translator, within bounded requests.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { Accounting } from '../src/intel/accounting.ts';
import type { CascadeTranslator } from '../src/intel/cascade.ts';
import { IntelDb } from '../src/intel/db.ts';
import { createTranslator, recordFeedback } from '../src/intel/index.ts';
import type { TranslateContext } from '../src/intel/intent.ts';
import { CATALOG, fixtureOffline } from './helpers/catalog-fixture.ts';
import { testEnv } from './helpers/env.ts';
import { type LlmServer, type Reply, startLlmServer } from './helpers/llm-server.ts';

let server: LlmServer;
before(async () => {
  server = await startLlmServer();
});
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.fallback = undefined;
});

const SIMPLE = 'show the 5 biggest files here';
const COMPLEX = 'find logs older than 7 days, zip them, then delete the originals';

const findBig: Reply = {
  kind: 'tools',
  text: 'Show the five largest files.',
  calls: [{ name: 'files_find', args: { sort: 'size', limit: 5 } }],
  usage: { input: 800, output: 40 },
};
const invalid: Reply = { kind: 'tools', calls: [{ name: 'files_find', args: { limit: 0 } }] };

interface Setup {
  home: string;
  translator: CascadeTranslator;
  context: TranslateContext;
}

/** strong = Anthropic API, cheap = OpenAI API, both served by the local server. */
async function setup(t: { after(fn: () => void): void }, llm: Record<string, unknown> = {}): Promise<Setup> {
  const env = testEnv(t);
  mkdirSync(env.aiosHome, { recursive: true });
  const config = {
    llm: {
      providers: {
        claude: { api: 'anthropic', baseUrl: server.url, apiKey: 'sk-ant', timeoutMs: 2000 },
        local: { api: 'openai', baseUrl: `${server.url}/v1`, timeoutMs: 2000 },
      },
      models: {
        strong: { provider: 'claude', model: 'big-model', price: { input: 3, output: 15 } },
        cheap: { provider: 'local', model: 'small-model' },
      },
      retries: { perModel: 1, total: 3, maxWaitMs: 2000 },
      breaker: { failures: 3, cooldownMs: 60_000 },
      ...llm,
    },
  };
  writeFileSync(join(env.aiosHome, 'config.json'), JSON.stringify(config));
  const translator = (await createTranslator({
    home: env.aiosHome,
    env: {},
    offline: fixtureOffline,
    catalog: () => CATALOG,
  })) as CascadeTranslator;
  t.after(() => translator.close());
  return { home: env.aiosHome, translator, context: { cwd: env.dir, home: env.home, catalog: [] } };
}

const apis = () => server.requests.map((r) => r.api);

test('with no model configured the offline translator itself is returned', async (t) => {
  const env = testEnv(t);
  const translator = await createTranslator({ home: env.aiosHome, env: {}, offline: fixtureOffline });
  assert.equal(translator, fixtureOffline);
});

test('a simple request goes to the cheap model; the same request again comes from the cache', async (t) => {
  const { translator, context, home } = await setup(t);
  server.reply(findBig);
  const first = await translator.translate(SIMPLE, context);
  assert.equal(first.source, 'llm');
  assert.equal(first.model, 'small-model');
  assert.deepEqual(first.plan?.steps[0].args, { sort: 'size', limit: 5 });
  assert.equal(first.plan?.goal, 'Show the five largest files.');
  assert.deepEqual(first.usage, { input: 800, output: 40, costUsd: 0 });
  assert.match(first.id ?? '', /^[0-9a-f]{12}$/);
  assert.deepEqual(apis(), ['openai']);
  const offered = (server.requests[0].body.tools as { function: { name: string } }[]).map(
    (x) => x.function.name,
  );
  assert.deepEqual(offered, [
    'files_list',
    'files_find',
    'files_archive',
    'files_delete',
    'system_disk',
    'ask_user',
  ]);

  const again = await translator.translate('Show the 5 biggest files here!', context);
  assert.equal(again.source, 'cache');
  assert.deepEqual(again.plan, first.plan);
  assert.equal(server.requests.length, 1, 'no model was asked');

  // A new process: memory is cold, the store still has it.
  const fresh = (await createTranslator({
    home,
    env: {},
    offline: fixtureOffline,
    catalog: () => CATALOG,
  })) as CascadeTranslator;
  t.after(() => fresh.close());
  assert.equal((await fresh.translate(SIMPLE, context)).source, 'cache');
  // Elsewhere the plan may differ: another directory is another key.
  server.reply(findBig);
  assert.equal((await translator.translate(SIMPLE, { ...context, cwd: '/elsewhere' })).source, 'llm');
});

test('a complex request goes to the strong model first, and its cost is accounted', async (t) => {
  const { translator, context, home } = await setup(t);
  server.reply({
    kind: 'tools',
    calls: [
      { name: 'files_find', args: { ext: 'log', olderThanDays: 7 } },
      { name: 'files_archive', args: { paths: ['old.log'], dest: 'logs.tar.gz' } },
      { name: 'files_delete', args: { paths: ['old.log'] } },
    ],
    usage: { input: 1000, output: 100 },
  });
  const t1 = await translator.translate(COMPLEX, context);
  assert.deepEqual(apis(), ['anthropic']);
  assert.equal(t1.model, 'big-model');
  assert.equal(t1.plan?.requiresConfirmation, true);
  assert.ok(Math.abs((t1.usage?.costUsd ?? 0) - 0.0045) < 1e-12);
  const db = IntelDb.open(home);
  const summary = new Accounting(db).summary();
  db.close();
  assert.deepEqual(
    summary.map((s) => [s.model, s.calls, s.input, s.output]),
    [['big-model', 1, 1000, 100]],
  );
});

test('a 429 is retried after its Retry-After, on the same model', async (t) => {
  const { translator, context } = await setup(t);
  server.reply({ kind: 'status', status: 429, headers: { 'retry-after-ms': '80' } }, findBig);
  const r = await translator.translate(SIMPLE, context);
  assert.equal(r.source, 'llm');
  assert.equal(r.model, 'small-model');
  assert.deepEqual(apis(), ['openai', 'openai']);
  assert.ok(server.requests[1].at - server.requests[0].at >= 70, 'waited what Retry-After said');
  assert.match(r.trail?.[0] ?? '', /cheap model small-model: rate_limit: HTTP 429/);
});

test('a 429 asking for a longer wait than allowed moves on to the next model at once', async (t) => {
  const { translator, context } = await setup(t);
  server.reply({ kind: 'status', status: 429, headers: { 'retry-after': '60' } }, findBig);
  const r = await translator.translate(SIMPLE, context);
  assert.deepEqual(apis(), ['openai', 'anthropic']);
  assert.equal(r.model, 'big-model');
  assert.ok(r.trail?.some((l) => /not waiting 60 s/.test(l)));
});

test('a timeout moves on to the next model without retrying the slow one', async (t) => {
  const { translator, context } = await setup(t, {
    providers: {
      claude: { api: 'anthropic', baseUrl: server.url, timeoutMs: 2000 },
      local: { api: 'openai', baseUrl: `${server.url}/v1`, timeoutMs: 200 },
    },
  });
  server.reply({ kind: 'delay', ms: 5000, after: findBig }, findBig);
  const r = await translator.translate(SIMPLE, context);
  assert.deepEqual(apis(), ['openai', 'anthropic']);
  assert.equal(r.source, 'llm');
  assert.equal(r.model, 'big-model');
  assert.match(r.trail?.[0] ?? '', /timeout: no complete answer within 200 ms/);
});

test('malformed JSON is retried once, then the cascade moves on', async (t) => {
  const { translator, context } = await setup(t);
  server.reply({ kind: 'malformed', where: 'event' }, { kind: 'malformed', where: 'event' }, findBig);
  const r = await translator.translate(SIMPLE, context);
  assert.deepEqual(apis(), ['openai', 'openai', 'anthropic']);
  assert.equal(r.model, 'big-model');
  assert.equal(r.trail?.filter((l) => l.includes('malformed')).length, 2);
});

test('a plan that fails validation is sent back for repair, then falls through to the next model', async (t) => {
  const { translator, context } = await setup(t);
  server.reply(invalid, invalid, findBig);
  const r = await translator.translate(SIMPLE, context);
  assert.deepEqual(apis(), ['openai', 'openai', 'anthropic']);
  assert.equal(r.source, 'llm');
  assert.equal(r.model, 'big-model');
  const repairTurn = server.requests[1].body.messages as { role: string; content: string }[];
  assert.deepEqual(
    repairTurn.map((m) => m.role),
    ['system', 'user', 'assistant', 'user'],
  );
  assert.match(
    repairTurn[3].content,
    /That plan cannot be used: step s1 \(files_find\) has bad arguments: limit: Too small/,
  );
  assert.equal(r.trail?.filter((l) => l.includes('invalid plan')).length, 2);
});

test('a repaired plan is accepted from the same model', async (t) => {
  const { translator, context } = await setup(t);
  server.reply({ kind: 'tools', calls: [{ name: 'files_find', args: '{"limit": 5' }] }, findBig);
  const r = await translator.translate(SIMPLE, context);
  assert.deepEqual(apis(), ['openai', 'openai']);
  assert.equal(r.model, 'small-model');
  assert.match(r.trail?.[0] ?? '', /arguments of files_find are not valid JSON/);
});

test('when every model fails validation the offline translator answers', async (t) => {
  const { translator, context } = await setup(t);
  server.fallback = () => invalid;
  const r = await translator.translate('list files please', context);
  assert.equal(r.source, 'offline');
  assert.equal(r.plan?.steps[0].action, 'list');
  assert.ok(server.requests.length <= 4, `bounded: ${server.requests.length} requests`);
  assert.ok((r.usage?.input ?? 0) > 0, 'the tokens spent on the failed attempts are reported');
  assert.equal(r.trail?.at(-1), 'offline translator');
  // Not understood offline either: suggestions, no plan.
  const none = await translator.translate('make me a sandwich', context);
  assert.equal(none.source, 'offline');
  assert.equal(none.plan, undefined);
  assert.deepEqual(none.suggestions, ['list files', 'show disk usage']);
});

test('a provider that keeps failing is cut off by its breaker, and requests stay bounded', async (t) => {
  const { translator, context } = await setup(t, { retries: { perModel: 0, total: 3, maxWaitMs: 2000 } });
  server.fallback = (req) => (req.api === 'openai' ? { kind: 'status', status: 500 } : findBig);
  for (let i = 0; i < 3; i++) {
    const r = await translator.translate(`${SIMPLE} ${i}`, context);
    assert.equal(r.model, 'big-model');
  }
  assert.equal(apis().filter((a) => a === 'openai').length, 3);
  const r = await translator.translate(`${SIMPLE} again`, context);
  assert.equal(apis().filter((a) => a === 'openai').length, 3, 'the open breaker sent nothing');
  assert.match(r.trail?.[0] ?? '', /circuit for provider 'local' is open/);
  assert.equal(r.model, 'big-model');
});

test('a server that always fails ends in the offline translator after a bounded number of requests', async (t) => {
  const { translator, context } = await setup(t);
  server.fallback = () => ({ kind: 'status', status: 503, headers: { 'retry-after-ms': '10' } });
  const r = await translator.translate('list files', context);
  assert.equal(r.source, 'offline');
  assert.equal(server.requests.length, 4, 'each model tried twice (one retry each)');
});

test('an ambiguous request comes back as a question, and is not cached', async (t) => {
  const { translator, context } = await setup(t);
  server.reply({
    kind: 'tools',
    calls: [{ name: 'ask_user', args: { question: 'Which folder do you mean?' } }],
  });
  const r = await translator.translate('clean it up', context);
  assert.equal(r.clarify, 'Which folder do you mean?');
  assert.equal(r.plan, undefined);
  assert.equal(translator.cache.size(), 0);
});

test('a json-mode model gets the catalog in its prompt and answers with a JSON plan', async (t) => {
  const { translator, context } = await setup(t, {
    models: { cheap: { provider: 'local', model: 'small-model', mode: 'json', stream: false } },
  });
  server.reply({
    kind: 'text',
    text: '{"goal": "Disk usage", "steps": [{"tool": "system", "action": "disk", "args": {}}]}',
  });
  const r = await translator.translate('how full are my disks', context);
  assert.equal(r.plan?.steps[0].action, 'disk');
  const body = server.requests[0].body;
  assert.equal(body.tools, undefined);
  assert.deepEqual(body.response_format, { type: 'json_object' });
  assert.match((body.messages as { content: string }[])[0].content, /system\.disk — Disk usage/);
});

test('a plan voted up becomes a few-shot example; voted down it leaves the cache', async (t) => {
  const { translator, context, home } = await setup(t);
  server.reply(findBig);
  const first = await translator.translate(SIMPLE, context);
  assert.deepEqual(await recordFeedback(home, 'last', 'up'), { translationId: first.id, request: SIMPLE });
  server.reply(findBig);
  await translator.translate('what are the five largest files in this folder', context);
  const system = (server.requests.at(-1)!.body.messages as { content: string }[])[0].content;
  assert.match(
    system,
    /Request: show the 5 biggest files here\nPlan: files_find \{"sort":"size","limit":5\}/,
  );

  await recordFeedback(home, first.id!, 'down');
  server.reply(findBig);
  assert.equal((await translator.translate(SIMPLE, context)).source, 'llm', 'the cached plan was dropped');
});

test("the caller's abort stops the cascade", async (t) => {
  const { translator, context } = await setup(t);
  server.reply({ kind: 'delay', ms: 5000, after: findBig });
  await assert.rejects(translator.translate(SIMPLE, { ...context, signal: AbortSignal.timeout(100) }), {
    name: 'LlmError',
    kind: 'aborted',
  });
});
