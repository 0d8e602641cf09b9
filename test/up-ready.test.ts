/**
 * `aios up` prints its ready line before the API's modules, the supervisor, the isolate workers
 * and the dashboard's token exist (they come right after it): a request sent the moment the line
 * appears must wait for them and get a full answer, never a refusal or a half-started system.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { send } from '../src/api/client.ts';
import { socketPath } from '../src/platform/paths.ts';
import { aiosUp, ROOT, testEnv } from './helpers/env.ts';

test('requests sent the moment aios up is ready get full answers', async (t) => {
  const env = testEnv(t);
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const url = /api (http:\/\/[^)]+)\)/.exec(up.ready)?.[1];
  assert.ok(url, up.ready);
  const code = /#login=([\w-]+)/.exec(up.output())?.[1];
  assert.ok(code, `the dashboard's URL comes before the ready line: ${up.output()}`);
  const socket = socketPath(env.aiosHome);
  const agentFile = join(env.dir, 'answer.ts');
  writeFileSync(agentFile, 'export default async function () {\n  return 42;\n}\n');
  const [agents, supervisor, tcp, rebound, login, page, mcp, isolate] = await Promise.all([
    send(socket, 'GET', '/v1/agents', {}, undefined),
    send(socket, 'GET', '/v1/supervisor', {}, undefined),
    fetch(`${url}/v1/system`),
    foreignHost(url),
    fetch(`${url}/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    }),
    fetch(`${url}/`),
    send(socket, 'POST', '/mcp', MCP_HEADERS, MCP_INITIALIZE),
    send(
      socket,
      'POST',
      '/v1/agents',
      { 'content-type': 'application/json' },
      JSON.stringify({ file: agentFile, wait: true }),
    ),
  ]);
  assert.equal(agents.status, 200, agents.text);
  const names = (JSON.parse(agents.text) as { name: string }[]).map((a) => a.name);
  assert.ok(names.includes('supervisor'), `the supervisor runs: ${names.join(', ')}`);
  assert.equal(supervisor.status, 200, supervisor.text);
  assert.equal(tcp.status, 401); // the bearer-token listener answers, and wants a token
  assert.equal(rebound, 421, 'a request under a foreign Host name waits for the app and is refused');
  // the dashboard's token, minted right after the ready line, answers its login code at once
  assert.equal(login.status, 200);
  const { token } = (await login.json()) as { token: string };
  const withToken = await fetch(`${url}/v1/system`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(withToken.status, 200, await withToken.text());
  if (existsSync(join(ROOT, 'web', 'dist', 'index.html'))) {
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html/i, 'the dashboard page is served');
  }
  assert.equal(mcp.status, 200, mcp.text); // the MCP SDK loads on this first /mcp request
  assert.match(mcp.text, /"serverInfo"/);
  assert.equal(isolate.status, 200, isolate.text); // the isolate workers start for this first agent
  const exit = (JSON.parse(isolate.text) as { exit: { code: number; result?: string } }).exit;
  assert.deepEqual([exit.code, exit.result], [0, '42']);
  const metrics = await send(socket, 'GET', '/metrics', {}, undefined);
  assert.equal(metrics.status, 200, metrics.text);
  assert.match(metrics.text, /aios_syscalls_total\{name="token_mint",result="ok"\} 1/);
});

test('aios up loads before its ready line only what ready needs', async (t) => {
  const env = testEnv(t);
  const record = join(env.dir, 'loaded.json');
  const preload = pathToFileURL(join(ROOT, 'test', 'fixtures', 'loaded-at-ready.ts')).href;
  env.env.NODE_OPTIONS = `--import=${preload}`;
  env.env.AIOS_TEST_LOADED = record;
  env.env.AIOS_BUNDLE = '0'; // the sources, module by module (test/bundle.test.ts: the bundle)
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const loaded = JSON.parse(readFileSync(record, 'utf8')) as { urls: string[]; builtins: string[] };
  const ours = loaded.urls
    .filter((u) => u.startsWith('file:'))
    .map((u) => relative(ROOT, fileURLToPath(u)).split(sep).join('/'));
  assert.ok(ours.includes('src/boot.ts'), ours.join('\n'));
  // The API's app and routes, the packages, the services, the isolate workers, Atlas, the tools
  // and the model layer load after the line (docs/boot.md).
  const late = ours.filter((p) =>
    /^(node_modules\/|src\/(api\/(app|routes\/|mcp|prometheus)|services\/|tools\/|shell\/|sdk\/)|src\/runtime\/(pool\.ts|worker\/|isolate\/))/.test(
      p,
    ),
  );
  assert.deepEqual(late, [], 'loaded before the ready line');
  assert.deepEqual(
    ours.filter((p) => p.startsWith('src/intel/')),
    ['src/intel/configured.ts'],
  );
  // Parts of Node that ES imports of node:fs and node:util would load, and nothing there uses;
  // node:http, which the listeners load at their first connection; dns, which listen() on a
  // numeric address no longer needs.
  for (const internal of ['internal/fs/promises', 'worker_threads', 'internal/util/diff', 'http', 'dns']) {
    assert.ok(!loaded.builtins.includes(`NativeModule ${internal}`), `${internal} loaded before ready`);
  }
});

test('a restart loads node:crypto only after its ready line, and its login code still logs in', async (t) => {
  const env = testEnv(t);
  const first = await aiosUp(env); // a first boot makes the key pair, with node:crypto
  assert.equal(await first.stop(), 0);
  const record = join(env.dir, 'loaded.json');
  env.env.NODE_OPTIONS = `--import=${pathToFileURL(join(ROOT, 'test', 'fixtures', 'loaded-at-ready.ts')).href}`;
  env.env.AIOS_TEST_LOADED = record;
  env.env.AIOS_BUNDLE = '0';
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const { builtins } = JSON.parse(readFileSync(record, 'utf8')) as { builtins: string[] };
  // The handle values and the login code came from /dev/urandom, boot's audit entries were
  // hashed in plain JavaScript, and the key is first used right after the line.
  for (const internal of ['crypto', 'internal/crypto/keys', 'internal/crypto/hash']) {
    assert.ok(!builtins.includes(`NativeModule ${internal}`), `${internal} loaded before ready`);
  }
  const url = /api (http:\/\/[^)]+)\)/.exec(up.ready)?.[1];
  const code = /#login=([\w-]+)/.exec(up.output())?.[1];
  assert.ok(url && code, up.output());
  const login = await fetch(`${url}/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  assert.equal(login.status, 200, await login.clone().text());
  const { token } = (await login.json()) as { token: string };
  const system = await fetch(`${url}/v1/system`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(system.status, 200, await system.text());
});

test('connections made as aios up comes up, and a burst at its ready line, are all answered', async (t) => {
  const env = testEnv(t);
  const socket = socketPath(env.aiosHome);
  let ready = false;
  const starting = aiosUp(env).then((up) => {
    ready = true;
    return up;
  });
  t.after(async () => (await starting).stop());
  // The owner's socket accepts a moment before the line: a client that connects then reaches a
  // listener whose HTTP server and app are not there yet.
  while (!ready && !(await accepts(socket))) await new Promise((r) => setTimeout(r, 1));
  const early = [1, 2, 3].map(() => send(socket, 'GET', '/v1/agents', {}, undefined));
  const up = await starting;
  const url = /api (http:\/\/[^)]+)\)/.exec(up.ready)?.[1];
  assert.ok(url, up.ready);
  const burst = await Promise.all([
    ...Array.from({ length: 12 }, () => fetch(`${url}/v1/system`).then((res) => res.status)),
    ...Array.from({ length: 6 }, () =>
      send(socket, 'GET', '/v1/system', {}, undefined).then((res) => res.status),
    ),
  ]);
  for (const res of await Promise.all(early)) assert.equal(res.status, 200, res.text);
  // without a token the TCP listener answers 401, the owner's socket 200: never refused, never 500
  assert.deepEqual(burst, [...Array(12).fill(401), ...Array(6).fill(200)]);
});

/** Whether the Unix socket at `path` accepts a connection (it exists a moment before it does). */
function accepts(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path, () => {
      probe.destroy();
      resolve(true);
    });
    probe.on('error', () => resolve(false));
  });
}

/** The status of GET /v1/system on `url` under the Host name of another site (DNS rebinding). */
function foreignHost(url: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path: '/v1/system', headers: { host: 'evil.example' } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const MCP_INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'up-ready', version: '1' } },
});
