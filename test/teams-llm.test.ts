/**
 * A team with an LLM configured (a local OpenAI-compatible server on 127.0.0.1, real HTTP and
 * SSE): the researcher reads the goal with the model and the planner asks it which files the goal
 * means — through `os.llm.generate`, on their own llm handles — and the rights boundaries stay
 * the same: the planner keeps only files the researcher found (a path the model makes up is
 * dropped), and a model that says "delete" to a team given `create` gets the plan refused.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { list } from 'tar';
import { aios, aiosUp, testEnv } from './helpers/env.ts';
import { startLlmServer } from './helpers/llm-server.ts';

test('roles reason with the LLM within their rights: made-up paths are dropped, a delete beyond the rights is refused', async (t) => {
  const server = await startLlmServer();
  t.after(() => server.close());
  const env = testEnv(t);
  const logs = join(env.home, 'logs');
  mkdirSync(logs, { recursive: true });
  const old = new Date(Date.now() - 30 * 86_400_000);
  for (const name of ['a.log', 'b.log', 'c.log']) {
    writeFileSync(join(logs, name), name.repeat(100));
    utimesSync(join(logs, name), old, old);
  }
  mkdirSync(env.aiosHome, { recursive: true });
  writeFileSync(
    join(env.aiosHome, 'config.json'),
    JSON.stringify({
      llm: {
        providers: { local: { api: 'openai', baseUrl: `${server.url}/v1`, timeoutMs: 5000 } },
        models: { cheap: { provider: 'local', model: 'small-model' } },
      },
    }),
  );
  let action = 'archive';
  server.fallback = (request) => {
    const text = JSON.stringify(request.body);
    if (text.includes('You read requests about files'))
      return {
        kind: 'text',
        text: '{"dir": "~/logs", "ext": ["log"], "olderThan": "2w", "action": "archive"}',
      };
    if (text.includes('You plan file operations'))
      return {
        kind: 'text',
        text: `Here is my plan: {"action": "${action}", "paths": ["${join(logs, 'b.log')}", "/etc/passwd"]}`,
      };
    return { kind: 'status', status: 500, body: '{"error":{"message":"unexpected prompt"}}' };
  };
  const up = await aiosUp(env, ['--no-http']);
  t.after(() => up.stop());
  const cli = (args: string[]) => aios(env, args, { timeoutMs: 180_000 });

  const r1 = await cli(['team', 'run', 'tidy up my old logs somewhere in my home folder']);
  assert.equal(r1.code, 0, `${r1.stdout}\n${r1.stderr}`);
  assert.match(r1.stdout, /init -> manager +goal +.*with the LLM/);
  assert.match(
    r1.stdout,
    /researcher -> manager +reply +found 3 \.log file\(s\) in ~\/logs .*older than 2w.*\(the goal read with the LLM\)/,
  );
  assert.match(r1.stdout, /planner -> manager +reply +archive 1 file\(s\) \(b\.log\) .*chosen with the LLM/);
  const [archive] = readdirSync(join(logs, 'archive'));
  const held: string[] = [];
  await list({ file: join(logs, 'archive', archive), onReadEntry: (e) => void held.push(e.path) });
  assert.deepEqual(
    held,
    ['b.log'],
    'only the file the model chose among those found; /etc/passwd was dropped',
  );
  const prompts = server.requests.map((r) => JSON.stringify(r.body));
  assert.ok(
    prompts.some((p) => p.includes('tidy up my old logs')),
    'the roles asked the model',
  );

  action = 'delete';
  const r2 = await cli([
    'team',
    'run',
    'tidy up my old logs somewhere in my home folder',
    '--rights',
    'create',
  ]);
  assert.equal(r2.code, 1, r2.stdout);
  assert.match(r2.stderr, /^aios team: The executor could not execute .*E_NO_RIGHTS.*files\.delete/m);
  assert.deepEqual(readdirSync(logs).sort(), ['a.log', 'archive', 'b.log', 'c.log'], 'nothing was deleted');
});
