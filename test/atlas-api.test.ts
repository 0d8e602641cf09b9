/**
 * Atlas over HTTP and MCP with bearer tokens, against a real `aios up`: a token plans and runs
 * only within its rights (a risk-3 delete needs the destroy right), only its own plans, only in
 * the person's home; a token with the rights plans, confirms, runs and undoes, over REST and
 * over MCP. Refusals change nothing and are in the audit chain.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { aios, aiosUp, type TestEnv, testEnv } from './helpers/env.ts';

function workdir(env: TestEnv): string {
  const cwd = join(env.home, 'work');
  mkdirSync(cwd, { recursive: true });
  writeFileSync(join(cwd, 'notes.txt'), 'meeting notes\n');
  writeFileSync(join(cwd, 'a.log'), 'log a\n');
  writeFileSync(join(cwd, 'b.log'), 'log b\n');
  return cwd;
}

async function start(t: { after(fn: () => unknown): void }) {
  const env = testEnv(t);
  const cwd = workdir(env);
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const url = /api (http:\/\/[^ )]+)/.exec(up.ready)![1];
  const mint = async (rights: string) =>
    (await aios(env, ['token', 'mint', '--rights', rights])).stdout.trim();
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { code?: string } };
  };
  return { env, cwd, url, mint, call };
}

test('a token runs Atlas only within its rights, its own plans and the home folder', async (t) => {
  const { env, cwd, mint, call } = await start(t);
  const weak = await mint('inspect,use,read,write');
  const strong = await mint('all');

  const plan = await call(weak, 'POST', '/v1/do', { request: 'delete all .log files', cwd });
  assert.equal(plan.status, 200, JSON.stringify(plan.body));
  assert.equal(plan.body.requiresConfirmation, true);
  const run = await call(weak, 'POST', `/v1/do/${plan.body.id}/execute`, { confirmed: true });
  assert.equal(run.status, 403);
  assert.equal(run.body.code, 'E_NO_RIGHTS');
  assert.ok(existsSync(join(cwd, 'a.log')) && existsSync(join(cwd, 'b.log')), 'nothing was deleted');

  const elsewhere = await call(weak, 'POST', '/v1/do', { request: 'list the files here', cwd: '/etc' });
  assert.equal(elsewhere.status, 403);
  assert.equal(elsewhere.body.field, 'body.cwd');

  const theirs = await call(strong, 'POST', '/v1/do', { request: 'delete all .log files', cwd });
  const stolen = await call(weak, 'POST', `/v1/do/${theirs.body.id}/execute`, { confirmed: true });
  assert.equal(stolen.status, 403);
  assert.equal(stolen.body.field, 'path.id');

  const none = await call(await mint('inspect'), 'POST', '/v1/do', { request: 'list the files here', cwd });
  assert.equal(none.status, 403);

  const audit = await aios(env, ['audit', 'tail', '--lines', '400', '--json']);
  const refused = audit.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((e) => e.ok === false && e.code === 'E_NO_RIGHTS')
    .map((e) => (e.what === 'tool_invoke' ? e.detail?.action : e.what));
  assert.ok(refused.includes('atlas_execute'));
  assert.ok(refused.includes('atlas_plan'));
});

test('with the rights, a token plans, confirms, runs and undoes over REST and over MCP', async (t) => {
  const { cwd, url, mint, call } = await start(t);
  const token = await mint('all');
  const plan = await call(token, 'POST', '/v1/do', { request: 'delete all .log files', cwd });
  const run = await call(token, 'POST', `/v1/do/${plan.body.id}/execute`, { confirmed: true });
  assert.equal(run.status, 200, JSON.stringify(run.body));
  assert.equal(run.body.ok, true);
  assert.ok(!existsSync(join(cwd, 'a.log')));
  const undo = await call(token, 'POST', '/v1/undo', { undoId: run.body.undoId });
  assert.equal(undo.status, 200, JSON.stringify(undo.body));
  assert.ok(existsSync(join(cwd, 'a.log')) && existsSync(join(cwd, 'b.log')));

  const client = new Client({ name: 'atlas-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  t.after(() => client.close());
  const text = (r: unknown) => (r as { content: { text: string }[] }).content[0].text;
  const catalog = JSON.parse(text(await client.callTool({ name: 'atlas_tools', arguments: {} })));
  assert.ok(
    catalog.some((e: { tool: string; action: string }) => e.tool === 'files' && e.action === 'delete'),
  );
  const planned = JSON.parse(
    text(await client.callTool({ name: 'atlas_plan', arguments: { request: 'delete all .log files', cwd } })),
  );
  const unconfirmed = JSON.parse(
    text(await client.callTool({ name: 'atlas_execute', arguments: { id: planned.id } })),
  );
  assert.equal(unconfirmed.ok, false, 'without confirmation the kernel refuses the risk-3 step');
  assert.ok(existsSync(join(cwd, 'a.log')));
  const again = JSON.parse(
    text(await client.callTool({ name: 'atlas_plan', arguments: { request: 'delete all .log files', cwd } })),
  );
  const done = JSON.parse(
    text(await client.callTool({ name: 'atlas_execute', arguments: { id: again.id, confirmed: true } })),
  );
  assert.equal(done.ok, true);
  assert.ok(!existsSync(join(cwd, 'b.log')));
  await client.callTool({ name: 'atlas_undo', arguments: { undoId: done.undoId } });
  assert.ok(existsSync(join(cwd, 'b.log')));
  const history = JSON.parse(text(await client.callTool({ name: 'atlas_history', arguments: {} })));
  assert.ok(history.length >= 3);
});
