/**
 * os.llm.generate end to end: an agent holding an llm handle asks; the kernel schedules the
 * request on its 'llm' resource; the executor wired in boot calls the configured model on the
 * local protocol server; the call is accounted against the agent. Also through the real CLI
 * (`aios run --grant llm`, `aios stats`, `aios feedback`) as child processes.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { boot } from '../src/boot.ts';
import { IntelDb } from '../src/intel/db.ts';
import { RIGHTS } from '../src/kernel/rights.ts';
import { aios, type TestEnv, testEnv } from './helpers/env.ts';
import { type LlmServer, startLlmServer } from './helpers/llm-server.ts';

let server: LlmServer;
before(async () => {
  server = await startLlmServer();
});
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const AGENT = `export default async function (os) {
  const input = JSON.parse(process.env.AIOS_TEST_INPUT ?? 'null');
  try {
    return await os.llm.generate(input);
  } catch (e) {
    return { error: e.code, message: e.message };
  }
}`;

function agentFile(env: TestEnv, payload: unknown): string {
  const file = join(env.dir, `agent-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, AGENT.replace("process.env.AIOS_TEST_INPUT ?? 'null'", `'${JSON.stringify(payload)}'`));
  return file;
}

function configure(env: TestEnv): void {
  mkdirSync(env.aiosHome, { recursive: true });
  writeFileSync(
    join(env.aiosHome, 'config.json'),
    JSON.stringify({
      llm: {
        providers: { local: { api: 'openai', baseUrl: `${server.url}/v1`, timeoutMs: 2000 } },
        models: {
          cheap: { provider: 'local', model: 'small-model', price: { input: 1, output: 2 } },
          strong: { provider: 'local', model: 'big-model' },
        },
      },
    }),
  );
}

async function run(env: TestEnv, payload: unknown, grant = true) {
  const system = await boot({ home: env.aiosHome });
  try {
    const { pid } = system.host.spawnFile(agentFile(env, payload), {
      grants: grant ? { llm: RIGHTS.USE } : {},
    });
    const exit = await system.host.exitOf(pid, 10_000);
    return { pid, result: JSON.parse(exit.result ?? 'null') };
  } finally {
    await system.shutdown();
  }
}

test('an agent generates text through the scheduled llm service, and the call is accounted to it', async (t) => {
  const env = testEnv(t);
  configure(env);
  server.reply({ kind: 'text', text: 'Hello from the model', usage: { input: 30, output: 5 } });
  const { pid, result } = await run(env, { prompt: 'Say hello', system: 'Be brief', maxTokens: 50 });
  assert.deepEqual(result, {
    text: 'Hello from the model',
    tokens: 35,
    model: 'small-model',
    usage: { input: 30, output: 5 },
    costUsd: 0.00004,
  });
  const body = server.requests[0].body;
  assert.equal(body.model, 'small-model');
  assert.equal(body.max_tokens, 50);
  assert.deepEqual(body.messages, [
    { role: 'system', content: 'Be brief' },
    { role: 'user', content: 'Say hello' },
  ]);
  const db = IntelDb.open(env.aiosHome);
  const row = db.sql('SELECT purpose, pid, model, input, output FROM llm_calls').get();
  db.close();
  assert.deepEqual({ ...row }, { purpose: 'generate', pid, model: 'small-model', input: 30, output: 5 });
});

test('an agent may name the model; an unknown one, a bad payload or a missing handle is refused', async (t) => {
  const env = testEnv(t);
  configure(env);
  server.reply({ kind: 'text', text: 'big answer' });
  assert.equal((await run(env, { prompt: 'x', model: 'strong' })).result.model, 'big-model');
  assert.equal(server.requests[0].body.model, 'big-model');
  const unknown = (await run(env, { prompt: 'x', model: 'gpt-9' })).result;
  assert.equal(unknown.error, 'E_NOT_FOUND');
  assert.match(unknown.message, /No model 'gpt-9' is configured; use one of/);
  const bad = (await run(env, { prompt: '' })).result;
  assert.equal(bad.error, 'E_BAD_ARG');
  assert.match(bad.message, /os\.llm\.generate: prompt: Too small/);
  assert.equal((await run(env, { prompt: 'x', maxTokens: 0.5 })).result.error, 'E_BAD_ARG');
  const extra = (await run(env, { prompt: 'x', temperature: 2 })).result;
  assert.equal(extra.error, 'E_BAD_ARG');
  const nohandle = (await run(env, { prompt: 'x' }, false)).result;
  assert.equal(nohandle.error, 'E_NO_RIGHTS');
  assert.equal(server.requests.length, 1, 'nothing refused reached the model');
});

test('when the first model fails the other answers; when all fail the agent gets one clear error', async (t) => {
  const env = testEnv(t);
  configure(env);
  server.reply(
    { kind: 'status', status: 401, body: '{"error":{"message":"bad key"}}' },
    { kind: 'text', text: 'ok' },
  );
  assert.equal((await run(env, { prompt: 'x' })).result.model, 'big-model');
  server.fallback = () => ({ kind: 'status', status: 400, body: '{"error":{"message":"context too long"}}' });
  const failed = (await run(env, { prompt: 'x' })).result;
  server.fallback = undefined;
  assert.equal(failed.error, 'E_BAD_STATE');
  assert.match(failed.message, /No model answered: .*context too long/);
});

test('with no model configured the agent learns that no LLM provider is configured', async (t) => {
  const env = testEnv(t);
  const { result } = await run(env, { prompt: 'x' });
  assert.equal(result.error, 'E_NOT_FOUND');
  assert.match(result.message, /No LLM provider is configured; see docs\/llm\.md/);
});

test('CLI: aios run with --grant llm, then aios stats and aios feedback, across processes', async (t) => {
  const env = testEnv(t);
  env.env.AIOS_LLM_BASE_URL = `${server.url}/v1`;
  env.env.AIOS_LLM_MODEL = 'env-model';
  server.reply({ kind: 'text', text: 'CLI says hi', usage: { input: 12, output: 3 } });
  const file = agentFile(env, { prompt: 'hi' });
  const r = await aios(env, ['run', file, '--grant', 'llm']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).text, 'CLI says hi');

  const stats = await aios(env, ['stats', '--json']);
  assert.equal(stats.code, 0, stats.stderr);
  const report = JSON.parse(stats.stdout);
  assert.deepEqual(
    report.models.map((m: { model: string; calls: number; input: number; output: number }) => [
      m.model,
      m.calls,
      m.input,
      m.output,
    ]),
    [['env-model', 1, 12, 3]],
  );
  const text = await aios(env, ['stats']);
  assert.match(text.stdout, /MODEL\s+PROVIDER\s+ROLE\s+CALLS/);
  assert.match(text.stdout, /env-model\s+env\s+strong\s+1\s+0\s+12\s+3\s+\$0/);
  assert.match(text.stdout, /v1-direct\s+0\s+-\s+champion/);

  const up = await aios(env, ['feedback', 'up', 'h-7']);
  assert.equal(up.code, 0, up.stderr);
  assert.match(up.stdout, /Recorded up for 'h-7'; it counts once that request is linked/);
  const bad = await aios(env, ['feedback', 'sideways']);
  assert.equal(bad.code, 2);
  assert.equal(
    bad.stderr.trim(),
    "aios feedback: the vote must be 'up' or 'down', not 'sideways' (see 'aios feedback --help')",
  );
  const after = JSON.parse((await aios(env, ['stats', '--json'])).stdout);
  assert.deepEqual(after.feedback, { up: 1, down: 0, pending: 1 });
});

test('CLI: a bad LLM configuration is one line naming the field, and nothing runs', async (t) => {
  const env = testEnv(t);
  mkdirSync(env.aiosHome, { recursive: true });
  writeFileSync(
    join(env.aiosHome, 'config.json'),
    JSON.stringify({ llm: { providers: { x: { api: 'gemini' } } } }),
  );
  const r = await aios(env, ['run', agentFile(env, { prompt: 'x' })]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^aios run: .*config\.json: llm\.providers\.x\.api: .*use openai or anthropic$/m);
  const empty = await aios(env, ['stats']);
  assert.match(empty.stdout, /No LLM use recorded yet/);
});
