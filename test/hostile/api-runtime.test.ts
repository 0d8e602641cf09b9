/**
 * A token that may only spawn asks for a runtime that would run its file unconfined (builtin:
 * inside the aios process; process: a child process of the host). Whatever the route (REST,
 * MCP over HTTP, a token on the owner's socket as `aios mcp --token` sends it), the request
 * is refused with a 403 problem naming what to do, the file never runs, and the refusal is in
 * the audit chain. The owner can still choose builtin, and the token can still spawn in
 * isolate.
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { closeServer, serveTcp } from '../../src/api/server.ts';
import { bootApi, type TestApi } from '../helpers/api.ts';
import { core } from '../helpers/internals.ts';

interface Bait {
  file: string;
  /** Where the agent writes what it read, if it ever runs with Node's powers. */
  loot: string;
  /** How many requests the loopback server received. */
  hits(): number;
}

/** An agent that, given Node, reads a secret file, calls a loopback server and leaves loot. */
async function bait(t: { after(fn: () => unknown): void }, api: TestApi): Promise<Bait> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    res.end('reached');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => closeServer(server));
  const port = (server.address() as { port: number }).port;
  const secret = join(api.env.dir, 'secret.txt');
  writeFileSync(secret, 'the owner secret');
  const loot = join(api.env.dir, 'loot.txt');
  const file = join(api.env.dir, 'escape.ts');
  writeFileSync(
    file,
    `export default async function () {
  const fs = await import('node:fs');
  const stolen = fs.readFileSync(${JSON.stringify(secret)}, 'utf8');
  const reached = await (await fetch('http://127.0.0.1:${port}/')).text();
  fs.writeFileSync(${JSON.stringify(loot)}, stolen + ' ' + reached);
  return stolen;
}
`,
  );
  return { file, loot, hits: () => hits };
}

const JSON_HEADERS = { 'content-type': 'application/json' };

test('a spawn-only token cannot choose the builtin or process runtime over REST', async (t) => {
  const api = await bootApi(t);
  const b = await bait(t, api);
  const spawner = api.mint('spawn');
  for (const runtime of ['builtin', 'process']) {
    const res = await api.tcp.request('/v1/agents', {
      method: 'POST',
      headers: { ...api.bearer(spawner), ...JSON_HEADERS },
      body: JSON.stringify({ file: b.file, runtime, wait: true, timeoutMs: 5000 }),
    });
    assert.equal(res.status, 403, `runtime ${runtime} is refused`);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const p = (await res.json()) as { detail: string; code: string };
    assert.equal(p.code, 'E_NO_RIGHTS');
    assert.match(p.detail, new RegExp(`'${runtime}'`));
    assert.match(p.detail, /isolate or wasm/);
  }
  // the same token still spawns confined agents; its file runs without Node's powers
  const res = await api.tcp.request('/v1/agents', {
    method: 'POST',
    headers: { ...api.bearer(spawner), ...JSON_HEADERS },
    body: JSON.stringify({ file: b.file, wait: true, timeoutMs: 10_000 }),
  });
  assert.equal(res.status, 200);
  const { exit } = (await res.json()) as { exit: { reason: string } };
  assert.notEqual(exit.reason, 'normal', 'in an isolate the agent cannot import node:fs');
  assert.equal(existsSync(b.loot), false, 'the secret never left its file');
  assert.equal(b.hits(), 0, 'the loopback server was never reached');

  api.system.persist.flush();
  const denied = api.system.store.audit
    .page(0, 10_000)
    .map((l) => JSON.parse(l))
    .filter((e) => e.what === 'process_spawn' && e.ok === false && e.code === 'E_NO_RIGHTS');
  assert.ok(denied.length >= 2, 'both refusals are in the audit chain');
});

test('a spawn-only token cannot reach the builtin runtime through MCP or a token on the owner socket', async (t) => {
  const api = await bootApi(t);
  const b = await bait(t, api);
  const spawner = api.mint('spawn');

  // `aios mcp --token` sends the token over the owner's socket: it must narrow, not widen
  const viaSocket = await api.owner.request('/v1/agents', {
    method: 'POST',
    headers: { ...api.bearer(spawner), ...JSON_HEADERS },
    body: JSON.stringify({ file: b.file, runtime: 'builtin', wait: true, timeoutMs: 5000 }),
  });
  assert.equal(viaSocket.status, 403);

  const server = await serveTcp(api.tcp, '127.0.0.1', 0);
  t.after(() => closeServer(server));
  const port = (server.address() as { port: number }).port;
  const client = new Client({ name: 'hostile', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
      requestInit: { headers: api.bearer(spawner) },
    }),
  );
  t.after(() => client.close());
  const r = (await client.callTool({
    name: 'agent_spawn',
    arguments: { file: b.file, runtime: 'builtin', wait: true, timeoutMs: 5000 },
  })) as { isError?: boolean; content: { text: string }[] };
  // MCP may refuse the argument or ignore it; either way the file must not run unconfined
  if (!r.isError) assert.doesNotMatch(r.content[0].text, /"reason":\s*"normal"/);
  assert.equal(existsSync(b.loot), false, 'the secret never left its file');
  assert.equal(b.hits(), 0, 'the loopback server was never reached');
  assert.equal(core(api.system).processes.get(1)?.state, 'running');
});

test('the owner (no token on the Unix socket) may still choose builtin for a file it trusts', async (t) => {
  const api = await bootApi(t);
  const file = join(api.env.dir, 'trusted.ts');
  writeFileSync(file, `export default async () => typeof (await import('node:fs')).readFileSync;\n`);
  const res = await api.owner.request('/v1/agents', {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ file, runtime: 'builtin', wait: true, timeoutMs: 10_000 }),
  });
  assert.equal(res.status, 200);
  const { exit } = (await res.json()) as { exit: { reason: string; result?: string } };
  assert.equal(exit.reason, 'normal');
  assert.equal(exit.result, '"function"');
});
