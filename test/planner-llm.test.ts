/**
 * llm nodes against a local OpenAI-compatible server (real HTTP and SSE on 127.0.0.1): the
 * answer flows into the next node; a provider that answers garbage or cuts its stream fails the
 * node with the cause, and the node's retries try again within their budget.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { INIT_PID } from '../src/kernel/index.ts';
import { testEnv } from './helpers/env.ts';
import { type LlmServer, startLlmServer } from './helpers/llm-server.ts';
import { withServices } from './helpers/services.ts';

let server: LlmServer;
before(async () => {
  server = await startLlmServer();
});
after(() => server.close());

test('an llm node answers into the next node; garbage and cut streams fail it with the cause, retried within its budget', async (t) => {
  // the planner's thread takes HOME as the root its tool nodes may touch: the test's own
  process.env.HOME = testEnv(t).home;
  const s = await withServices(t, {
    llm: {
      providers: { local: { api: 'openai', baseUrl: `${server.url}/v1`, timeoutMs: 5000 } },
      models: { cheap: { provider: 'local', model: 'small-model' } },
    },
  });
  const work = join(process.env.HOME ?? '', 'work');
  mkdirSync(work, { recursive: true });
  const out = join(work, 'summary.txt');
  const plan = (retries: number) => ({
    nodes: [
      {
        id: 'ask',
        kind: 'llm',
        args: { prompt: 'Summarise the day in three words', maxTokens: 20 },
        retries,
        backoffMs: 10,
      },
      {
        id: 'keep',
        kind: 'tool',
        tool: 'files.append',
        args: { path: out, content: { $from: 'ask.output.text' } },
      },
    ],
  });
  const run = async (retries: number) =>
    (await s.system.services.call(INIT_PID, 'planner', 'run', { plan: plan(retries), wait: true })) as {
      state: string;
      error?: string;
      nodes: { id: string; state: string; output?: unknown }[];
    };

  server.reply({ kind: 'text', text: 'Calm, busy, done' });
  const ok = await run(0);
  assert.equal(ok.state, 'done', JSON.stringify(ok));
  assert.equal(readFileSync(out, 'utf8'), 'Calm, busy, done\n');
  assert.equal(server.requests.at(-1)?.body.model, 'small-model');

  server.reply(
    { kind: 'malformed', where: 'body' },
    { kind: 'cut' },
    { kind: 'text', text: 'Third time lucky' },
  );
  const retried = await run(3);
  assert.equal(retried.state, 'done', JSON.stringify(retried));
  assert.equal(readFileSync(out, 'utf8'), 'Calm, busy, done\nThird time lucky\n');

  server.fallback = () => ({ kind: 'cut' });
  t.after(() => {
    server.fallback = undefined;
  });
  const failed = await run(1);
  assert.equal(failed.state, 'failed');
  assert.match(failed.error ?? '', /^Node 'ask' failed: .+/);
  assert.equal(failed.nodes[1].state, 'pending', 'nothing after it ran');
  assert.equal(existsSync(out) && readFileSync(out, 'utf8').split('\n').length, 3, 'no third line');
});
