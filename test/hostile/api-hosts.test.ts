/**
 * Hostile web clients of the TCP listener: a guesser on another address floods the login
 * with wrong codes (the owner must still log in), and a page served under a foreign host
 * name that resolves to 127.0.0.1 (DNS rebinding) calls the API (refused, 421). Real sockets
 * on 127.0.0.x; the configured names of config.json are checked against a real `aios up`.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { closeServer, serveTcp } from '../../src/api/server.ts';
import { bootApi } from '../helpers/api.ts';
import { aios, aiosUp, testEnv } from '../helpers/env.ts';

interface Reply {
  status: number;
  type: string | undefined;
  body: string;
}

/** One HTTP request over a real socket, from `from` (a loopback address), with any Host header. */
function send(
  port: number,
  options: { method?: string; path: string; host?: string; from?: string; body?: unknown; token?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = { host: options.host ?? `127.0.0.1:${port}` };
    if (payload) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers,
        localAddress: options.from ?? '127.0.0.1',
      },
      (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

test('wrong login codes from one address do not lock out the owner on another', async (t) => {
  const api = await bootApi(t);
  const code = api.services.logins.issue(api.mint('inspect'), Date.now() + 60_000, ['inspect']);
  const server = await serveTcp(api.tcp, '127.0.0.1', 0);
  t.after(() => closeServer(server));
  const port = (server.address() as { port: number }).port;

  const guesses = new Set<number>();
  for (let i = 0; i < 30; i++) {
    const r = await send(port, {
      method: 'POST',
      path: '/v1/login',
      from: '127.0.0.2',
      body: { code: `wrong-${i}` },
    });
    guesses.add(r.status);
  }
  assert.deepEqual([...guesses].sort(), [401, 429], 'the guesser is throttled');
  // the owner, on another address, still logs in …
  const owner = await send(port, { method: 'POST', path: '/v1/login', from: '127.0.0.1', body: { code } });
  assert.equal(owner.status, 200, owner.body);
  assert.equal(typeof JSON.parse(owner.body).token, 'string');
  // … while the guesser stays throttled, even with the right code
  const blocked = await send(port, { method: 'POST', path: '/v1/login', from: '127.0.0.2', body: { code } });
  assert.equal(blocked.status, 429);
  assert.match(JSON.parse(blocked.body).detail, /from this address/);
});

test('a request under a foreign Host name (DNS rebinding) is refused; loopback names work', async (t) => {
  const api = await bootApi(t);
  const token = api.mint('inspect');
  const code = api.services.logins.issue(token, Date.now() + 60_000, ['inspect']);
  const server = await serveTcp(api.tcp, '127.0.0.1', 0);
  t.after(() => closeServer(server));
  const port = (server.address() as { port: number }).port;

  for (const host of [`attacker.example:${port}`, 'attacker.example', `localhost.attacker.example:${port}`]) {
    for (const [method, path, body] of [
      ['GET', '/v1/agents', undefined],
      ['POST', '/v1/login', { code }],
      ['GET', '/', undefined],
    ] as const) {
      const r = await send(port, { method, path, host, token, body });
      assert.equal(r.status, 421, `${method} ${path} with Host ${host}`);
      assert.equal(r.type, 'application/problem+json');
      const p = JSON.parse(r.body) as { detail: string; token?: string };
      assert.equal(p.token, undefined, 'no token is handed to the foreign page');
      assert.match(p.detail, /^Host '[^']+' is not served here; .*api\.hosts/);
    }
  }
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'LOCALHOST', 'localhost.']) {
    const r = await send(port, { path: '/v1/agents', host, token });
    assert.equal(r.status, 200, `Host ${host}: ${r.body}`);
  }
});

test('aios up answers the host names listed in config.json, and no others', async (t) => {
  const env = testEnv(t);
  mkdirSync(env.aiosHome, { recursive: true });
  const config = join(env.aiosHome, 'config.json');
  writeFileSync(config, JSON.stringify({ api: { hosts: 'aios.lan' } }));
  const bad = await aios(env, ['up', '--port', '0']);
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
  assert.match(bad.stderr, /'api\.hosts'/);

  writeFileSync(config, JSON.stringify({ api: { hosts: ['aios.lan'] } }));
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const port = Number(/api http:\/\/127\.0\.0\.1:(\d+)/.exec(up.ready)?.[1]);
  const code = /#login=(\S+)/.exec(up.output())?.[1];
  assert.ok(port > 0 && code, up.output());
  const login = (host: string) => send(port, { method: 'POST', path: '/v1/login', host, body: { code } });
  const named = await login(`aios.lan:${port}`);
  assert.equal(named.status, 200, named.body);
  assert.equal((await login(`aios.evil:${port}`)).status, 421);
});
