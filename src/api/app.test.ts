import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { SLEEPER } from '../../test/helpers/agents.ts';
import { bootApi, waitForState } from '../../test/helpers/api.ts';
import { core } from '../../test/helpers/internals.ts';
import { Accounting } from '../intel/accounting.ts';
import { IntelDb } from '../intel/db.ts';
import { verifyExport } from '../platform/journal.ts';

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

test('without a token nothing is served on TCP, and the problem names the authorization field', async (t) => {
  const api = await bootApi(t);
  for (const [method, path] of [
    ['GET', '/v1/agents'],
    ['DELETE', '/v1/agents/1'],
    ['POST', '/v1/tokens'],
    ['GET', '/metrics'],
  ]) {
    const res = await api.tcp.request(path, { method });
    assert.equal(res.status, 401, `${method} ${path}`);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const p = (await res.json()) as { field: string; detail: string };
    assert.equal(p.field, 'authorization');
    assert.match(p.detail, /aios token mint/);
  }
});

test('a token lets its holder do only what its rights allow, and the denial is audited', async (t) => {
  const api = await bootApi(t);
  const reader = api.mint('inspect');
  const list = await api.tcp.request('/v1/agents', { headers: api.bearer(reader) });
  assert.equal(list.status, 200);
  const agents = (await list.json()) as { pid: number; name: string }[];
  assert.ok(agents.some((a) => a.pid === 1 && a.name === 'init'));

  const kill = await api.tcp.request('/v1/agents/1', { method: 'DELETE', headers: api.bearer(reader) });
  assert.equal(kill.status, 403);
  const p = (await kill.json()) as { code: string };
  assert.equal(p.code, 'E_NO_RIGHTS');
  api.system.persist.flush();
  const audit = api.system.store.audit.page(0, 1000).map((l) => JSON.parse(l));
  assert.ok(audit.some((e) => e.what === 'process_kill' && e.ok === false && e.code === 'E_NO_RIGHTS'));
  assert.equal(core(api.system).processes.get(1)?.state, 'running');
});

test('bad input gets a 400 naming the field; an oversized body gets a 413', async (t) => {
  const api = await bootApi(t);
  const admin = api.mint('all');
  const bad = await api.tcp.request('/v1/tokens', {
    ...json({ rights: 7 }),
    headers: { ...api.bearer(admin), 'content-type': 'application/json' },
  });
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { field: string }).field, 'body.rights');

  const extra = await api.owner.request('/v1/tokens', json({ rights: 'inspect', bogus: 1 }));
  assert.equal(extra.status, 400);
  assert.match(((await extra.json()) as { detail: string }).detail, /bogus/);

  const pid = await api.owner.request('/v1/agents/abc');
  assert.equal(pid.status, 400);
  assert.equal(((await pid.json()) as { field: string }).field, 'path.pid');

  const notJson = await api.owner.request('/v1/tokens', { method: 'POST', body: '{"rights":' });
  assert.equal(notJson.status, 400);

  const big = await api.owner.request('/v1/tokens', json({ rights: 'x'.repeat(2 * 1024 * 1024) }));
  assert.equal(big.status, 413);
  assert.equal(big.headers.get('content-type'), 'application/problem+json');
});

test('the login code from aios up trades for the dashboard token; wrong codes are refused and throttled', async (t) => {
  const api = await bootApi(t);
  const token = api.mint('inspect');
  const code = api.services.logins.issue(token, Date.now() + 60_000, ['inspect']);
  const ok = await api.tcp.request('/v1/login', json({ code }));
  assert.equal(ok.status, 200);
  const login = (await ok.json()) as { token: string; rights: string[] };
  assert.equal(login.token, token);
  assert.deepEqual(login.rights, ['inspect']);

  const statuses: number[] = [];
  for (let i = 0; i < 22; i++) {
    const res = await api.tcp.request('/v1/login', json({ code: `wrong-${i}` }));
    statuses.push(res.status);
  }
  assert.equal(statuses[0], 401);
  assert.equal(statuses.at(-1), 429);
  // a throttled window refuses even the right code until it passes
  assert.equal((await api.tcp.request('/v1/login', json({ code }))).status, 429);
});

test('the OpenAPI document describes every route with the schemas that validate it', async (t) => {
  const api = await bootApi(t);
  const res = await api.tcp.request('/openapi.json');
  assert.equal(res.status, 200);
  const doc = (await res.json()) as {
    openapi: string;
    paths: Record<
      string,
      Record<string, { parameters: { name: string; in: string }[]; requestBody?: unknown }>
    >;
  };
  assert.equal(doc.openapi, '3.1.0');
  const { ROUTES } = await import('./app.ts');
  for (const r of ROUTES) {
    const path = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const op = doc.paths[path]?.[r.method];
    assert.ok(op, `${r.method} ${path} is documented`);
    assert.equal(Boolean(op.requestBody), Boolean(r.body), `${path} body`);
  }
  const validator = new Validator();
  const verdict = await validator.validate(structuredClone(doc) as never);
  assert.equal(validator.version, '3.1');
  assert.deepEqual(verdict.errors, undefined, 'the document is valid OpenAPI 3.1');
  assert.equal(verdict.valid, true);
  const kill = doc.paths['/v1/agents/{pid}'].delete;
  assert.deepEqual(
    kill.parameters.map((p) => [p.name, p.in]),
    [['pid', 'path']],
  );
  const mint = doc.paths['/v1/tokens'].post.requestBody as {
    content: { 'application/json': { schema: { required: string[]; additionalProperties: boolean } } };
  };
  assert.deepEqual(mint.content['application/json'].schema.required, ['rights']);
  assert.equal(mint.content['application/json'].schema.additionalProperties, false);
});

test('metrics count syscalls by name and result from the audit chain, and agents by state', async (t) => {
  const api = await bootApi(t);
  const reader = api.mint('inspect');
  await api.tcp.request('/v1/agents', { headers: api.bearer(reader) });
  await api.tcp.request('/v1/agents/1', { method: 'DELETE', headers: api.bearer(reader) });
  api.system.persist.flush();
  await new Promise((r) => setImmediate(r));
  const res = await api.tcp.request('/metrics', { headers: api.bearer(reader) });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
  const text = await res.text();
  assert.match(text, /aios_syscalls_total\{name="process_list",result="ok"\} 1/);
  assert.match(text, /aios_syscalls_total\{name="process_kill",result="E_NO_RIGHTS"\} 1/);
  // init and the session at least; the system services run or wait beside them as they start
  const running = Number(/aios_agents\{state="running"\} (\d+)/.exec(text)?.[1]);
  assert.ok(running >= 2, `${running} agents counted running`);
  assert.match(text, /aios_audit_entries \d+/);
  assert.match(text, /aios_api_requests_total\{method="delete",route="\/v1\/agents\/:pid",status="403"\} 1/);
  assert.match(text, /process_resident_memory_bytes/);
});

test('metrics carry LLM tokens, calls and cost per model from intel accounting', async (t) => {
  const api = await bootApi(t);
  const db = IntelDb.open(api.system.home);
  const accounting = new Accounting(db);
  const call = {
    purpose: 'translate',
    provider: 'openai',
    model: 'gpt-x',
    role: 'strong',
    latencyMs: 80,
  } as const;
  accounting.record({
    ...call,
    usage: { input: 900, output: 60, estimated: false },
    costUsd: 0.0021,
    ok: true,
  });
  accounting.record({
    ...call,
    usage: { input: 100, output: 0, estimated: false },
    costUsd: 0.0001,
    ok: false,
    error: 'rate_limit',
  });
  db.close();
  const text = await (await api.owner.request('/metrics')).text();
  assert.match(text, /aios_llm_tokens_total\{model="gpt-x",provider="openai",direction="input"\} 1000/);
  assert.match(text, /aios_llm_tokens_total\{model="gpt-x",provider="openai",direction="output"\} 60/);
  const cost = /aios_llm_cost_usd_total\{model="gpt-x",provider="openai"\} (\S+)/.exec(text)?.[1];
  assert.ok(Math.abs(Number(cost) - 0.0022) < 1e-9, `cost ${cost}`);
  assert.match(text, /aios_llm_calls_total\{model="gpt-x",provider="openai",result="failed"\} 1/);
});

test('the audit export is JSONL that verifies offline against the system key', async (t) => {
  const api = await bootApi(t);
  const res = await api.owner.request('/v1/audit/export');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/x-ndjson');
  const text = await res.text();
  const report = verifyExport(text, api.system.store.publicKey());
  assert.equal(report.ok, true);
  assert.ok(report.entries > 0);

  const verify = await api.owner.request('/v1/audit/verify', { method: 'POST' });
  assert.equal(((await verify.json()) as { ok: boolean }).ok, true);
});

test('spawn, suspend, resume and kill through the API; the agent ends', async (t) => {
  const api = await bootApi(t);
  const file = join(api.env.dir, 'sleeper.ts');
  writeFileSync(file, SLEEPER);
  const spawned = await api.owner.request('/v1/agents', json({ file, name: 'sleeper' }));
  assert.equal(spawned.status, 200);
  const { pid } = (await spawned.json()) as { pid: number };
  await waitForState(api.owner, pid, 'blocked'); // waiting on its channel, making no syscalls
  for (const verb of ['suspend', 'resume']) {
    const res = await api.owner.request(`/v1/agents/${pid}/${verb}`, { method: 'POST' });
    assert.equal(res.status, 200, verb);
  }
  const killed = await api.owner.request(`/v1/agents/${pid}`, { method: 'DELETE' });
  assert.equal(killed.status, 200);
  const info = (await (await api.owner.request(`/v1/agents/${pid}`)).json()) as { state: string };
  assert.equal(info.state, 'exited');
});
