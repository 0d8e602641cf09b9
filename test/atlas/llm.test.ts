/**
 * Atlas with a language model configured (a local server speaking the OpenAI protocol): the
 * model's plan is validated and previewed like any other, its risk is recomputed by the tools
 * and enforced by the kernel, and when the model fails the offline translator answers.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { boot } from '../../src/boot.ts';
import { createTranslator } from '../../src/intel/index.ts';
import { OfflineTranslator } from '../../src/intel/offline/translator.ts';
import { Atlas } from '../../src/shell/atlas.ts';
import { toolCatalog } from '../../src/tools/catalog.ts';
import { aios, testEnv } from '../helpers/env.ts';
import { type LlmServer, startLlmServer } from '../helpers/llm-server.ts';

let server: LlmServer;
before(async () => {
  server = await startLlmServer();
});
after(() => server.close());

const CONFIG = { roots: [], onlyRoots: false, mutatingStepsPerMinute: 1000, undoDays: 30 };

type T = { after(fn: () => unknown): void };

function place(t: T) {
  const env = testEnv(t);
  const cwd = join(env.home, 'work');
  mkdirSync(cwd, { recursive: true });
  writeFileSync(join(cwd, 'notes.txt'), 'keep\n');
  writeFileSync(join(cwd, 'a.log'), 'log\n');
  const llmEnv = {
    AIOS_LLM_BASE_URL: `${server.url}/v1`,
    AIOS_LLM_MODEL: 'local-model',
    // No test here waits for a timeout; a short one only turned a slow (loaded) machine's
    // answer into the offline fallback.
    AIOS_LLM_TIMEOUT_MS: '120000',
  };
  return { env, cwd, llmEnv };
}

async function setup(t: T) {
  const { env, cwd, llmEnv } = place(t);
  const system = await boot({ home: env.aiosHome, logLevel: 'error' });
  t.after(() => system.shutdown());
  const translator = await createTranslator({
    home: env.aiosHome,
    env: llmEnv,
    offline: new OfflineTranslator(),
    catalog: toolCatalog,
  });
  const atlas = new Atlas(system, { home: env.home, config: CONFIG, translator });
  t.after(() => atlas.close());
  return { env, cwd, atlas, llmEnv };
}

test("a model's plan is checked like any other: it understated a delete's risk, the kernel still refuses it unconfirmed", async (t) => {
  const { cwd, atlas } = await setup(t);
  server.reply({
    kind: 'tools',
    text: 'Remove the notes.',
    calls: [{ name: 'files_delete', args: { paths: ['notes.txt'] } }],
  });
  const planned = await atlas.plan('tidy up my notes', { cwd });
  assert.equal(planned.source, 'llm');
  const offered = (server.requests.at(-1)!.body.tools as { function: { name: string } }[]).map(
    (x) => x.function.name,
  );
  for (const name of ['files_find', 'process_kill', 'git_commit', 'network_get', 'shell_run'])
    assert.ok(offered.includes(name), name);
  // "tidy up" is a clean-up: Atlas adds a backup before the delete, so find the delete itself.
  assert.equal(planned.steps.find((s) => s.action === 'delete')?.risk, 3);
  assert.equal(planned.requiresConfirmation, true);
  const out = await atlas.execute(planned.id, { confirmed: false });
  assert.equal(out.ok, false);
  assert.match(out.results[0].error ?? '', /E_NO_RIGHTS/);
  assert.ok(existsSync(join(cwd, 'notes.txt')));
});

test('a model that asks for a path outside the roots gets a refusal, not an action', async (t) => {
  const { cwd, atlas } = await setup(t);
  server.reply({ kind: 'tools', calls: [{ name: 'files_read', args: { path: '/etc/shadow' } }] });
  await assert.rejects(atlas.plan('show me the secrets', { cwd }), /outside the allowed roots/);
});

test('when the model fails, the offline translator answers', async (t) => {
  const { cwd, atlas } = await setup(t);
  server.fallback = () => ({ kind: 'status', status: 500, body: '{"error":{"message":"down"}}' });
  t.after(() => {
    server.fallback = undefined;
  });
  const planned = await atlas.plan('delete all .log files', { cwd });
  assert.equal(planned.source, 'offline');
  const out = await atlas.execute(planned.id, { confirmed: true });
  assert.ok(out.ok);
  assert.ok(!existsSync(join(cwd, 'a.log')));
});

test('aios do uses the configured model', async (t) => {
  const { env, cwd, llmEnv } = place(t);
  server.reply({
    kind: 'tools',
    text: 'List the files.',
    calls: [{ name: 'files_list', args: { path: '.' } }],
  });
  const r = await aios({ ...env, env: { ...env.env, ...llmEnv } }, ['do', 'what do we have here', '--json'], {
    cwd,
  });
  assert.equal(r.code, 0, r.stderr || r.stdout);
  const out = JSON.parse(r.stdout);
  assert.equal(out.source, 'llm');
  assert.ok(out.results[0].output.entries.some((e: { path: string }) => e.path.endsWith('notes.txt')));
});
