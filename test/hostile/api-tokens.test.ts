/**
 * Hostile clients of the HTTP API and MCP: a read-only token tries every route that changes
 * something, over REST and over MCP; tampered, forged, expired and revoked tokens try to get
 * in; a guesser tries login codes. Every attempt fails with a problem naming why, the system
 * is unchanged, and the kernel's audit chain records the refusals.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { closeServer, serveTcp } from '../../src/api/server.ts';
import { boot } from '../../src/boot.ts';
import { isAlive } from '../../src/kernel/process.ts';
import { parseRights } from '../../src/kernel/rights.ts';
import { SLEEPER } from '../helpers/agents.ts';
import { bootApi, waitForState } from '../helpers/api.ts';
import { testEnv } from '../helpers/env.ts';
import { core } from '../helpers/internals.ts';

test('a read-only token changes nothing, by any route or MCP tool, and each refusal is audited', async (t) => {
  const api = await bootApi(t);
  const file = join(api.env.dir, 'sleeper.ts');
  writeFileSync(file, SLEEPER);
  const { pid } = (await (
    await api.owner.request('/v1/agents', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ file, name: 'victim' }),
    })
  ).json()) as { pid: number };
  await waitForState(api.owner, pid, 'blocked');
  const reader = api.mint('inspect');
  const tokensBefore = core(api.system).tokens.list().length;

  const tries: [string, string, unknown?][] = [
    ['DELETE', `/v1/agents/${pid}`],
    ['POST', `/v1/agents/${pid}/suspend`],
    ['POST', '/v1/agents', { file, name: 'intruder' }],
    ['POST', '/v1/tokens', { rights: 'all' }],
    ['POST', '/v1/tokens', { rights: 'inspect' }],
    ['DELETE', `/v1/tokens/${'0'.repeat(32)}`],
    ['GET', '/v1/audit'],
    ['POST', '/v1/audit/verify'],
    ['GET', '/v1/audit/export'],
  ];
  for (const [method, path, body] of tries) {
    const res = await api.tcp.request(path, {
      method,
      headers: { ...api.bearer(reader), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(res.status === 403, `${method} ${path} was refused (got ${res.status})`);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
  }

  const server: Server = await serveTcp(api.tcp, '127.0.0.1', 0);
  t.after(() => closeServer(server));
  const port = (server.address() as { port: number }).port;
  const client = new Client({ name: 'hostile', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
      requestInit: { headers: api.bearer(reader) },
    }),
  );
  t.after(() => client.close());
  for (const [name, args] of [
    ['agent_kill', { pid }],
    ['agent_suspend', { pid }],
    ['agent_spawn', { file }],
    ['audit_page', {}],
  ] as const) {
    const r = (await client.callTool({ name, arguments: args })) as { isError?: boolean };
    assert.equal(r.isError, true, `${name} was refused`);
  }

  // nothing changed
  assert.equal(core(api.system).processes.get(pid)?.state, 'blocked');
  assert.ok(![...core(api.system).processes.values()].some((a) => a.name === 'intruder'));
  assert.equal(core(api.system).tokens.list().length, tokensBefore);
  // and the kernel wrote the refusals down
  api.system.persist.flush();
  const denied = api.system.store.audit
    .page(0, 10_000)
    .map((l) => JSON.parse(l))
    .filter((e) => e.ok === false && e.code === 'E_NO_RIGHTS')
    .map((e) => e.what);
  for (const call of ['process_kill', 'process_suspend', 'process_spawn', 'token_mint']) {
    assert.ok(denied.includes(call), `${call} refusal is in the audit chain`);
  }
});

test('tampered, forged, expired and revoked tokens are refused with distinct problems', async (t) => {
  const api = await bootApi(t);
  const good = api.mint('all');
  const [prefix, claims, sig] = good.split('.');
  const raw = JSON.parse(Buffer.from(claims, 'base64url').toString());
  const raised = Buffer.from(JSON.stringify({ ...raw, expiresAt: raw.expiresAt + 1e9 })).toString(
    'base64url',
  );
  const tampered = `${prefix}.${raised}.${sig}`;

  // a token signed by another system's key
  const other = testEnv(t);
  const elsewhere = await boot({ home: other.aiosHome, logLevel: 'warn' });
  const foreign = (
    elsewhere.kernel.syscall(1, 'token_mint', {
      handle: elsewhere.systemHandle,
      agentId: 0,
      rights: parseRights('all'),
      scope: 'system',
    }) as { token: string }
  ).token;
  await elsewhere.shutdown();

  const short = api.mint('inspect', 1);
  await new Promise((r) => setTimeout(r, 20));
  const revokedMint = api.system.kernel.syscall(1, 'token_mint', {
    handle: api.system.systemHandle,
    agentId: 0,
    rights: parseRights('all'),
    scope: 'system',
  }) as { token: string; tokenId: string };
  assert.equal((await api.tcp.request('/v1/agents', { headers: api.bearer(revokedMint.token) })).status, 200);
  api.system.kernel.syscall(1, 'token_revoke', {
    handle: api.system.systemHandle,
    tokenId: revokedMint.tokenId,
  });

  const codes: Record<string, string> = {};
  for (const [name, token] of [
    ['tampered', tampered],
    ['forged', foreign],
    ['expired', short],
    ['revoked', revokedMint.token],
    ['garbage', 'aios1.e30.AAAA'],
  ]) {
    const res = await api.tcp.request('/v1/agents/1', { method: 'DELETE', headers: api.bearer(token) });
    assert.ok(res.status === 401 || res.status === 403, `${name}: ${res.status}`);
    codes[name] = ((await res.json()) as { code: string }).code;
  }
  assert.equal(codes.tampered, 'E_TOKEN_TAMPERED');
  assert.equal(codes.forged, 'E_TOKEN_FORGED');
  assert.equal(codes.expired, 'E_TOKEN_EXPIRED');
  assert.equal(codes.revoked, 'E_TOKEN_REVOKED');
  // init lives on (it may be blocked a moment: the revocation asks the planner to stop the
  // token's runs on the owner's behalf)
  assert.ok(['running', 'blocked'].includes(core(api.system).processes.get(1)?.state ?? 'gone'));
});

test('guessing login codes gets nowhere and is throttled', async (t) => {
  const api = await bootApi(t);
  api.services.logins.issue(api.mint('all'), Date.now() + 60_000, ['all']);
  const statuses = new Set<number>();
  for (let i = 0; i < 40; i++) {
    const res = await api.tcp.request('/v1/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: Buffer.from(String(i)).toString('base64url') }),
    });
    statuses.add(res.status);
    const body = (await res.json()) as { token?: string };
    assert.equal(body.token, undefined);
  }
  assert.deepEqual([...statuses].sort(), [401, 429]);
});

test('a session ends when its token expires: every later request is refused with 401', async (t) => {
  const api = await bootApi(t);
  const file = join(api.env.dir, 'sleeper.ts');
  writeFileSync(file, SLEEPER);
  const { pid } = (await (
    await api.owner.request('/v1/agents', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ file, name: 'victim' }),
    })
  ).json()) as { pid: number };
  await waitForState(api.owner, pid, 'blocked');

  const short = api.mint('all', 1500);
  assert.equal((await api.tcp.request('/v1/agents', { headers: api.bearer(short) })).status, 200);
  await new Promise((r) => setTimeout(r, 1700));
  const sessions = () =>
    [...core(api.system).processes.values()].filter((a) => a.name === 'session' && isAlive(a)).length;
  const sessionsBefore = sessions();
  for (const [method, path] of [
    ['DELETE', `/v1/agents/${pid}`],
    ['GET', '/v1/agents'],
    ['GET', '/v1/agents'],
  ]) {
    const res = await api.tcp.request(path, { method, headers: api.bearer(short) });
    assert.equal(res.status, 401, `${method} ${path} after expiry`);
    assert.equal(((await res.json()) as { code: string }).code, 'E_TOKEN_EXPIRED');
  }
  assert.equal(core(api.system).processes.get(pid)?.state, 'blocked', 'the victim is alive');
  assert.equal(sessions(), sessionsBefore, 'a dead token makes no new session');
  await new Promise((r) => setTimeout(r, 50)); // the kernel's clock revokes what the token gave
  api.system.persist.flush();
  const expired = api.system.store.audit
    .page(0, 10_000)
    .map((l) => JSON.parse(l))
    .filter((e) => e.what === 'token_expire');
  assert.equal(expired.length, 1, 'the expiry is in the audit chain');
});

test('a token minted with a token never outlives it nor holds more, and dies with it', async (t) => {
  const api = await bootApi(t);
  const parent = api.system.kernel.syscall(1, 'token_mint', {
    handle: api.system.systemHandle,
    agentId: 0,
    rights: parseRights('mint,inspect'),
    scope: 'system',
    ttlMs: 10 * 60_000,
  }) as { token: string; tokenId: string; expiresAt: number };
  const mint = (body: Record<string, unknown>) =>
    api.tcp.request('/v1/tokens', {
      method: 'POST',
      headers: { ...api.bearer(parent.token), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const longer = await mint({ rights: 'inspect', ttlMs: 30 * 24 * 3600_000 });
  assert.equal(longer.status, 403, 'a 30-day token from a 10-minute one');
  assert.match(((await longer.json()) as { detail: string }).detail, /cannot outlive/);
  assert.equal((await mint({ rights: 'inspect,manage' })).status, 403, 'more rights than the minter');

  const child = (await (await mint({ rights: 'inspect' })).json()) as { token: string; expiresAt: number };
  assert.ok(child.expiresAt <= parent.expiresAt, 'by default it expires with its minter');
  assert.equal((await api.tcp.request('/v1/agents', { headers: api.bearer(child.token) })).status, 200);

  await api.owner.request(`/v1/tokens/${parent.tokenId}`, { method: 'DELETE' });
  const after = await api.tcp.request('/v1/agents', { headers: api.bearer(child.token) });
  assert.equal(after.status, 401, 'revoking the minter revokes what it minted');
  assert.equal(((await after.json()) as { code: string }).code, 'E_TOKEN_REVOKED');
});

test('listing tokens needs the mint right, and a minter sees only its own tokens', async (t) => {
  const api = await bootApi(t);
  const kernel = api.system.kernel;
  const mintAs = (rights: string, scope = 'system') =>
    kernel.syscall(1, 'token_mint', {
      handle: api.system.systemHandle,
      agentId: 0,
      rights: parseRights(rights),
      scope,
    }) as { token: string; tokenId: string };
  const weak = mintAs('use', 'resource:llm');
  const reader = mintAs('inspect');
  const minter = mintAs('mint,inspect');
  for (const token of [weak.token, reader.token]) {
    const res = await api.tcp.request('/v1/tokens', { headers: api.bearer(token) });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { code: string }).code, 'E_NO_RIGHTS');
  }
  const minted = (await (
    await api.tcp.request('/v1/tokens', {
      method: 'POST',
      headers: { ...api.bearer(minter.token), 'content-type': 'application/json' },
      body: JSON.stringify({ rights: 'inspect' }),
    })
  ).json()) as { tokenId: string };
  const seen = (await (
    await api.tcp.request('/v1/tokens', { headers: api.bearer(minter.token) })
  ).json()) as { tokenId: string; mintedBy: string | null }[];
  assert.deepEqual(seen.map((r) => r.tokenId).sort(), [minter.tokenId, minted.tokenId].sort());
  assert.equal(seen.find((r) => r.tokenId === minted.tokenId)?.mintedBy, minter.tokenId);
  const all = (await (await api.owner.request('/v1/tokens')).json()) as { tokenId: string }[];
  for (const id of [weak.tokenId, reader.tokenId, minter.tokenId, minted.tokenId])
    assert.ok(
      all.some((r) => r.tokenId === id),
      'the owner sees every token',
    );
});

test('reads of the system go through syscalls: a token without inspect or audit on the system handle gets 403, each time audited, and the server goes on', async (t) => {
  const api = await bootApi(t);
  const mintAs = (rights: string, scope: string) =>
    (
      api.system.kernel.syscall(1, 'token_mint', {
        handle: api.system.systemHandle,
        agentId: 0,
        rights: parseRights(rights),
        scope,
      }) as { token: string }
    ).token;
  // Every right, but on the llm resource rather than the system; and the system without inspect.
  const onLlm = mintAs('all', 'resource:llm');
  const blind = mintAs('use,mint', 'system');
  const reads = ['/metrics', '/v1/ipc', '/v1/events', '/v1/audit', '/v1/audit/export'];
  for (const token of [onLlm, blind]) {
    for (const path of reads) {
      const res = await api.tcp.request(path, { headers: api.bearer(token) });
      assert.equal(res.status, 403, `${path} (got ${res.status})`);
      await res.body?.cancel();
    }
  }
  const metrics = await api.owner.request('/metrics');
  assert.equal(metrics.status, 200, 'the owner still reads metrics');
  assert.match(await metrics.text(), /aios_agents/);
  api.system.persist.flush();
  const refused = api.system.store.audit
    .page(0, 100_000)
    .map((l) => JSON.parse(l) as { what: string; ok: boolean })
    .filter((e) => !e.ok && (e.what === 'system_info' || e.what === 'audit_read'));
  assert.ok(refused.length >= reads.length * 2 - 2, `refusals audited (${refused.length})`);
});
