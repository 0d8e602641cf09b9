import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { bootApi } from '../../test/helpers/api.ts';
import { TallyGateway } from '../../test/helpers/tally-service.ts';
import { INIT_PID } from '../kernel/params.ts';
import { createMcpServer, invokeVia } from './mcp.ts';

type ToolResult = {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent?: unknown;
};

async function connect(t: { after(fn: () => Promise<void>): void }, rights?: string) {
  const gateway = new TallyGateway();
  const api = await bootApi(t, { gateway });
  const authorization = rights ? `Bearer ${api.mint(rights)}` : undefined;
  const app = rights ? api.tcp : api.owner;
  const server = createMcpServer(
    invokeVia((path, init) => app.request(path, init), authorization),
    { services: gateway.declarations() },
  );
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'aios-test', version: '1.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  t.after(async () => {
    await client.close();
    await server.close();
  });
  return { client, gateway, api };
}

test('each operation of a declared service is an MCP tool: its summary, its args as the input schema', async (t) => {
  const { client } = await connect(t);
  const { tools } = await client.listTools();
  const byName = new Map(tools.map((x) => [x.name, x]));
  for (const name of ['tally_add', 'tally_get', 'tally_list', 'tally_reset'])
    assert.ok(byName.has(name), name);
  const add = byName.get('tally_add')!;
  assert.equal(add.description, 'Add to a counter (made at its first add)');
  const schema = add.inputSchema as { properties: Record<string, { type: string }>; required: string[] };
  assert.deepEqual(Object.keys(schema.properties), ['name', 'by', 'tags']);
  assert.deepEqual(schema.required, ['name']);
  assert.equal(schema.properties.by.type, 'integer');
  const output = byName.get('tally_get')?.outputSchema as { properties: Record<string, unknown> };
  assert.deepEqual(Object.keys(output.properties), ['name', 'value', 'tags'], "the result's schema too");
  assert.equal(byName.get('tally_list')?.annotations?.readOnlyHint, true);
  assert.equal(byName.get('tally_reset')?.annotations?.destructiveHint, true);
});

test('a tool call reaches the service as the MCP caller, and a refusal is a one-line tool error', async (t) => {
  const { client, gateway } = await connect(t, 'inspect,use,read,write');
  const added = (await client.callTool({
    name: 'tally_add',
    arguments: { name: 'cups', by: 2, tags: ['blue'] },
  })) as ToolResult;
  assert.ok(!added.isError, added.content[0]?.text);
  assert.deepEqual(added.structuredContent, { name: 'cups', value: 2, tags: ['blue'] });
  const listed = (await client.callTool({
    name: 'tally_list',
    arguments: { tags: ['blue'], ascending: true },
  })) as ToolResult;
  assert.deepEqual(JSON.parse(listed.content[0].text), {
    tallies: [{ name: 'cups', value: 2, tags: ['blue'] }],
  });
  assert.deepEqual(gateway.calls.at(-1)?.args, { tags: ['blue'], ascending: true });
  assert.ok((gateway.calls.at(-1)?.caller ?? 0) > INIT_PID, "the token's session calls, not the owner");

  const missing = (await client.callTool({ name: 'tally_get', arguments: { name: 'nope' } })) as ToolResult;
  assert.equal(missing.isError, true);
  assert.equal(missing.content[0].text, "E_NOT_FOUND: No tally 'nope'; add it first");
  const risky = (await client.callTool({
    name: 'tally_reset',
    arguments: { names: ['cups'] },
  })) as ToolResult;
  assert.equal(risky.isError, true);
  assert.match(risky.content[0].text, /^E_NO_RIGHTS: tally reset is risk 3/);
  assert.doesNotMatch(risky.content[0].text, /\n/);
  const bad = (await client.callTool({
    name: 'tally_add',
    arguments: { name: 'cups', by: 'two' },
  })) as ToolResult;
  assert.equal(bad.isError, true, 'bad arguments are a tool error, not a crash');
  assert.match(bad.content[0].text, /expected number, received string at by$/);
  assert.equal(gateway.calls.filter((c) => c.op === 'reset').length, 0);
});

test("the API's /mcp endpoint serves the services' tools", async (t) => {
  const api = await bootApi(t, { gateway: new TallyGateway() });
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  const rpc = (id: number, method: string, params: unknown) =>
    api.owner.request('/mcp', {
      method: 'POST',
      headers,
      body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
    });
  const listed = await rpc(1, 'tools/list', {});
  assert.equal(listed.status, 200);
  const { result } = (await listed.json()) as { result: { tools: { name: string }[] } };
  assert.ok(result.tools.some((x) => x.name === 'tally_add'));
});
