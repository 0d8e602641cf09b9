/**
 * Atlas using an external MCP server (configured in mcp.json) as a tool, in a running system
 * with a model (a local server speaking the OpenAI protocol) that plans with it: the call runs
 * after the kernel authorised it at its risk and is in the audit chain; a destructive tool of
 * the same server is refused without confirmation and changes nothing.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { aios, aiosUp, testEnv } from './helpers/env.ts';
import { startLlmServer } from './helpers/llm-server.ts';

const SERVER = resolve(import.meta.dirname, 'fixtures', 'mcp-notes-server.ts');

test('Atlas calls an external MCP tool under the kernel policy and audit', async (t) => {
  const env = testEnv(t);
  const llm = await startLlmServer();
  t.after(() => llm.close());
  const notes = join(env.dir, 'notes.json');
  writeFileSync(notes, JSON.stringify(['keep me']));
  mkdirSync(env.aiosHome, { recursive: true });
  writeFileSync(
    join(env.aiosHome, 'mcp.json'),
    JSON.stringify({
      mcpServers: {
        notes: { command: process.execPath, args: [SERVER], env: { NOTES_FILE: notes }, risk: 1 },
      },
    }),
  );
  env.env.AIOS_LLM_BASE_URL = `${llm.url}/v1`;
  env.env.AIOS_LLM_MODEL = 'test-model';
  env.env.AIOS_LLM_API_KEY = 'test';
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const url = /api (http:\/\/[^ )]+)/.exec(up.ready)![1];
  const token = (await aios(env, ['token', 'mint', '--rights', 'all'])).stdout.trim();
  const call = async (path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & {
        steps?: { tool: string; action: string; risk: number }[];
      },
    };
  };

  llm.reply({ kind: 'tools', calls: [{ name: 'mcp-notes_add_note', args: { text: 'buy milk' } }] });
  const plan = await call('/v1/do', { request: 'remember to buy milk' });
  assert.equal(plan.status, 200, JSON.stringify(plan.body));
  assert.deepEqual(
    plan.body.steps?.map((s) => [s.tool, s.action, s.risk]),
    [['mcp-notes', 'add_note', 1]],
  );
  const tools = (llm.requests[0].body.tools ?? []) as { function?: { name: string }; name?: string }[];
  assert.ok(
    tools.some((x) => (x.function?.name ?? x.name) === 'mcp-notes_clear_notes'),
    'the model was offered the external tools',
  );
  const run = await call(`/v1/do/${plan.body.id}/execute`, { confirmed: false });
  assert.equal(run.body.ok, true, JSON.stringify(run.body));
  assert.deepEqual(JSON.parse(readFileSync(notes, 'utf8')), ['keep me', 'buy milk']);

  llm.reply({ kind: 'tools', calls: [{ name: 'mcp-notes_clear_notes', args: {} }] });
  const wipe = await call('/v1/do', { request: 'forget all my notes' });
  assert.equal(wipe.body.steps?.[0].risk, 3, 'the server marks it destructive');
  const refused = await call(`/v1/do/${wipe.body.id}/execute`, { confirmed: false });
  assert.equal(refused.body.ok, false, 'unconfirmed, the kernel refuses a risk-3 step');
  assert.deepEqual(JSON.parse(readFileSync(notes, 'utf8')), ['keep me', 'buy milk']);

  const page = await fetch(`${url}/v1/audit?after=0&limit=5000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const audit = (
    (await page.json()) as {
      entries: { what: string; ok: boolean; code?: string; detail?: Record<string, unknown> }[];
    }
  ).entries;
  const invokes = audit.filter((e) => e.what === 'tool_invoke' && e.detail?.tool === 'mcp-notes');
  assert.ok(
    invokes.some((e) => e.ok && e.detail?.action === 'add_note' && e.detail?.target === 'mcp:notes/add_note'),
  );
  assert.ok(
    audit.some(
      (e) =>
        e.what === 'tool_invoke' &&
        !e.ok &&
        e.code === 'E_NO_RIGHTS' &&
        String(e.detail?.message).includes('mcp-notes.clear_notes'),
    ),
    'the refusal of the destructive call is in the audit chain',
  );
});
