import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { loadMcpConfig, McpConfigError, McpPool } from './client.ts';

const SERVER = resolve(import.meta.dirname, '../../../test/fixtures/mcp-notes-server.ts');

test('a configured stdio MCP server lists its tools with risks and answers calls', async (t) => {
  const env = testEnv(t);
  mkdirSync(env.aiosHome, { recursive: true });
  const notes = join(env.dir, 'notes.json');
  writeFileSync(
    join(env.aiosHome, 'mcp.json'),
    JSON.stringify({
      mcpServers: {
        notes: { command: process.execPath, args: [SERVER], env: { NOTES_FILE: notes }, risk: 1 },
      },
    }),
  );
  const pool = new McpPool(loadMcpConfig(env.aiosHome));
  t.after(() => pool.close());
  const tools = await pool.tools('notes');
  assert.deepEqual(
    tools.map((x) => [x.name, x.risk]),
    [
      ['list_notes', 0],
      ['add_note', 1],
      ['clear_notes', 3],
    ],
  );
  assert.deepEqual((tools[1].inputSchema as { required: string[] }).required, ['text']);
  assert.equal(await pool.call('notes', 'add_note', { text: 'buy milk' }), 'added note 1');
  assert.deepEqual(await pool.call('notes', 'list_notes', {}), { notes: ['buy milk'] });
  assert.deepEqual(JSON.parse(readFileSync(notes, 'utf8')), ['buy milk']);
  await assert.rejects(pool.call('notes', 'add_note', { text: '' }), /add_note failed/);
});

test('a bad mcp.json is refused with the file and field named', (t) => {
  const env = testEnv(t);
  mkdirSync(env.aiosHome, { recursive: true });
  assert.deepEqual(loadMcpConfig(env.aiosHome), {});
  writeFileSync(
    join(env.aiosHome, 'mcp.json'),
    JSON.stringify({ mcpServers: { Bad_Name: { command: 'x' } } }),
  );
  assert.throws(
    () => loadMcpConfig(env.aiosHome),
    (e: Error) => e instanceof McpConfigError && /mcpServers/.test(e.message),
  );
  writeFileSync(
    join(env.aiosHome, 'mcp.json'),
    JSON.stringify({ mcpServers: { web: { url: 'ftp://x', risk: 9 } } }),
  );
  assert.throws(() => loadMcpConfig(env.aiosHome), /mcp\.json: mcpServers\.web/);
  writeFileSync(join(env.aiosHome, 'mcp.json'), '{');
  assert.throws(() => loadMcpConfig(env.aiosHome), /not valid JSON/);
});
