/**
 * Per-agent LLM accounting where people look: GET /v1/agents (summary and full) carries each
 * agent's LLM tokens and cost, and `aios ps --llm` shows them with its quota, against a real
 * `aios up` and a local provider.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { call } from '../src/api/client.ts';
import { socketPath } from '../src/platform/paths.ts';
import { aios, aiosUp, testEnv } from './helpers/env.ts';
import { startRateLimitedProvider } from './helpers/rate-limited-provider.ts';

test('an agent’s LLM tokens and cost show in GET /v1/agents and in aios ps --llm', async (t) => {
  const provider = await startRateLimitedProvider({ slots: 4, decodeMsPerToken: 0.2 });
  t.after(() => provider.close());
  const env = testEnv(t);
  mkdirSync(env.aiosHome, { recursive: true });
  writeFileSync(
    join(env.aiosHome, 'config.json'),
    JSON.stringify({
      llm: {
        providers: { local: { api: 'openai', baseUrl: `${provider.url}/v1` } },
        // USD per million tokens: 1000 in, 2000 out, so the cost is big enough to read.
        models: { strong: { provider: 'local', model: 'm', price: { input: 1000, output: 2000 } } },
      },
    }),
  );
  const agent = join(env.dir, 'asker.ts');
  writeFileSync(
    agent,
    `export default async function (os) {
      await os.llm.generate({ prompt: 'abcdabcdabcdabcd', maxTokens: 10 });
      await os.llm.generate({ prompt: 'abcdabcdabcdabcd', maxTokens: 10 });
      const [, b] = await os.ipc.channel();
      await os.ipc.recv(b); // stays alive, so plain ps lists it
    }`,
  );
  const up = await aiosUp(env, ['--no-http']);
  t.after(() => up.stop());
  const socket = socketPath(env.aiosHome);
  const { pid } = await call<{ pid: number }>(socket, 'POST', '/v1/agents', {
    file: agent,
    grants: { llm: 'use' },
  });
  type Listed = { pid: number; usage: { llmTokens: number; llmCostUsd: number } };
  let listed: Listed | undefined;
  for (let i = 0; i < 400 && !(listed && listed.usage.llmTokens >= 28); i++) {
    await new Promise((r) => setTimeout(r, 25));
    listed = (await call<Listed[]>(socket, 'GET', '/v1/agents')).find((a) => a.pid === pid);
  }
  // Each call: 4 prompt tokens + 10 generated, as the provider counted them.
  assert.equal(listed?.usage.llmTokens, 28);
  assert.ok(Math.abs(listed!.usage.llmCostUsd - (8 * 1000 + 20 * 2000) / 1e6) < 1e-9);
  const full = (await call<Listed[]>(socket, 'GET', '/v1/agents?view=full')).find((a) => a.pid === pid);
  assert.equal(full?.usage.llmTokens, 28);

  const ps = await aios(env, ['ps', '--llm']);
  assert.equal(ps.code, 0, ps.stderr);
  const row = ps.stdout.split('\n').find((l) => l.trimStart().startsWith(`${pid} `));
  assert.ok(row, ps.stdout);
  assert.match(ps.stdout, /LLM TOKENS\s+LLM COST\s+TOKENS THIS MIN\/QUOTA/);
  assert.match(row, /\b28\b\s+\$0\.0480\s+\d+\/100000/);
});

test('an agent over its LLM token budget is refused with the budget named and how to raise it', async (t) => {
  const provider = await startRateLimitedProvider({ slots: 4, decodeMsPerToken: 0.2 });
  t.after(() => provider.close());
  const env = testEnv(t);
  mkdirSync(env.aiosHome, { recursive: true });
  writeFileSync(
    join(env.aiosHome, 'config.json'),
    JSON.stringify({
      llm: {
        providers: { local: { api: 'openai', baseUrl: `${provider.url}/v1` } },
        models: { strong: { provider: 'local', model: 'm' } },
      },
    }),
  );
  const agent = join(env.dir, 'greedy.ts');
  writeFileSync(
    agent,
    `export default async function (os) {
      const first = await os.llm.generate({ prompt: 'abcdabcd', maxTokens: 20 });
      try {
        await os.llm.generate({ prompt: 'abcdabcd', maxTokens: 100 });
        return 'second call answered';
      } catch (e) {
        return first.text.length > 0 ? e.code + ': ' + e.message : 'no first answer';
      }
    }`,
  );
  const run = await aios(env, ['run', agent, '--grant', 'llm', '--llm-tokens', '50']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /E_QUOTA: .*over its budget of 50 a minute .*--llm-tokens/);
  assert.equal(provider.stats.admitted, 1, 'the refused call never reached the provider');
  const bad = await aios(env, ['run', agent, '--grant', 'llm', '--llm-tokens', 'lots']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--llm-tokens/);
});
