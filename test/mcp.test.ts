/**
 * MCP, tested with the official SDK's client: over stdio (`aios mcp`, against a running
 * system and on its own) and over streamable HTTP (/mcp). Tools act with the token's rights:
 * a call the token does not allow is refused by the kernel and audited.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SLEEPER } from './helpers/agents.ts';
import { AIOS_BIN, aios, aiosUp, type TestEnv, testEnv } from './helpers/env.ts';

type ToolResult = { isError?: boolean; content: { type: string; text: string }[] };

async function stdioClient(env: TestEnv, args: string[] = []): Promise<Client> {
  const client = new Client({ name: 'aios-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [AIOS_BIN, 'mcp', ...args],
      env: env.env as Record<string, string>,
      cwd: env.dir,
      stderr: 'pipe',
    }),
  );
  return client;
}

const text = (r: unknown) => (r as ToolResult).content.map((c) => c.text).join('\n');

test('aios mcp over stdio acts with the rights of its token; a refused call is an audited tool error', async (t) => {
  const env = testEnv(t);
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const minted = await aios(env, ['token', 'mint', '--rights', 'inspect']);
  const token = minted.stdout.trim();
  const client = await stdioClient(env, ['--token', token]);
  t.after(() => client.close());

  const { tools } = await client.listTools();
  const names = tools.map((x) => x.name);
  for (const name of [
    'agents_list',
    'agent_spawn',
    'agent_kill',
    'agent_suspend',
    'agent_resume',
    'audit_verify',
  ]) {
    assert.ok(names.includes(name), name);
  }
  assert.equal(tools.find((x) => x.name === 'agent_kill')?.annotations?.destructiveHint, true);

  const list = await client.callTool({ name: 'agents_list', arguments: {} });
  assert.ok(!(list as ToolResult).isError);
  assert.ok(JSON.parse(text(list)).some((a: { name: string }) => a.name === 'init'));

  const kill = (await client.callTool({ name: 'agent_kill', arguments: { pid: 1 } })) as ToolResult;
  assert.equal(kill.isError, true);
  assert.match(text(kill), /E_NO_RIGHTS/);

  const audit = await aios(env, ['audit', 'tail', '--lines', '200', '--json']);
  const entries = audit.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.ok(entries.some((e) => e.what === 'process_kill' && e.ok === false && e.code === 'E_NO_RIGHTS'));

  const bad = (await client.callTool({ name: 'agent_get', arguments: { pid: 'one' } })) as ToolResult;
  assert.equal(bad.isError, true, 'arguments are validated against the tool schema');
});

test('aios mcp with no system running runs one for the client, as the owner', async (t) => {
  const env = testEnv(t);
  const client = await stdioClient(env);
  const status = await client.callTool({ name: 'system_status', arguments: {} });
  assert.equal(JSON.parse(text(status)).policy, 'fair');
  const verify = await client.callTool({ name: 'audit_verify', arguments: {} });
  assert.equal(JSON.parse(text(verify)).ok, true);
  await client.close();
});

test('MCP over streamable HTTP needs a token and can manage agents with the right one', async (t) => {
  const env = testEnv(t);
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const url = new URL(`${/api (http:\/\/[^ )]+)/.exec(up.ready)![1]}/mcp`);

  const anonymous = new Client({ name: 'anon', version: '1.0.0' });
  await assert.rejects(anonymous.connect(new StreamableHTTPClientTransport(url)));

  const token = (await aios(env, ['token', 'mint', '--rights', 'process,inspect'])).stdout.trim();
  const client = new Client({ name: 'aios-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(url, {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  t.after(() => client.close());
  const file = join(env.dir, 'sleeper.ts');
  writeFileSync(file, SLEEPER);
  const spawned = (await client.callTool({
    name: 'agent_spawn',
    arguments: { file, name: 'via-mcp' },
  })) as ToolResult;
  assert.ok(!spawned.isError, text(spawned));
  const { pid } = JSON.parse(text(spawned));
  for (let i = 0; i < 200; i++) {
    const state = JSON.parse(text(await client.callTool({ name: 'agent_get', arguments: { pid } }))).state;
    if (state === 'blocked') break; // waiting on its channel: safe to suspend
    await new Promise((r) => setTimeout(r, 10));
  }
  for (const name of ['agent_suspend', 'agent_resume', 'agent_kill']) {
    const r = (await client.callTool({ name, arguments: { pid } })) as ToolResult;
    assert.ok(!r.isError, `${name}: ${text(r)}`);
  }
  const info = JSON.parse(text(await client.callTool({ name: 'agent_get', arguments: { pid } })));
  assert.equal(info.state, 'exited');
  const denied = (await client.callTool({ name: 'audit_verify', arguments: {} })) as ToolResult;
  assert.equal(denied.isError, true, 'the token has no audit right');
});
