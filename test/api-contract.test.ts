/**
 * The HTTP API against its own OpenAPI document. For every operation the served document
 * lists, requests are generated from its JSON Schemas — valid ones and ones with one thing
 * broken — and sent with an all-rights token, a narrow (inspect) token and none; every reply
 * must be one the document promises (status, content type, body schema, WWW-Authenticate on
 * 401, Allow on 405). A request the document calls invalid must be refused with 400 when the
 * token may make it. Then the stateful sequences a schema fuzzer found broken: a session that
 * suspends or kills itself, a system service killed over HTTP, a token that revokes itself or
 * the dashboard's.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { ROUTES } from '../src/api/app.ts';
import { serviceRoutes } from '../src/api/routes/services.ts';
import { bootApi, type TestApi } from './helpers/api.ts';
import { Contract, type OpenApiDoc, type Operation } from './helpers/contract.ts';
import { ROOT } from './helpers/env.ts';
import { invalidOf, validOf } from './helpers/schema-arbitrary.ts';

/** Generated requests per operation and token: every operation x 3 tokens x (VALID + INVALID). */
const VALID = Number(process.env.CONTRACT_VALID ?? 8);
const INVALID = Number(process.env.CONTRACT_INVALID ?? 5);
const SEED = Number(process.env.CONTRACT_SEED ?? 42);

type Auth = 'all' | 'narrow' | 'none';

interface Generated {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  /** Set when one part was broken on purpose (and the document agrees it is invalid). */
  broken?: string;
}

function requestOf(op: Operation, g: Generated): { url: string; init: RequestInit } {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(String(g.path[name])));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(g.query))
    if (value !== undefined) query.set(name, String(value));
  const qs = query.toString();
  const init: RequestInit = { method: op.method, headers: {} };
  if (op.body !== undefined) {
    init.body = JSON.stringify(g.body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  return { url: `${path}${qs ? `?${qs}` : ''}`, init };
}

/** A real agent file that ends at once, so that some generated spawns run an agent. */
const HELLO = join(ROOT, 'examples', 'agents', 'hello.ts');

/** Valid values for every parameter and the body of `op`. */
function validRequest(op: Operation, contract: Contract): fc.Arbitrary<Generated> {
  const doc = contract.doc;
  const path: Record<string, fc.Arbitrary<unknown>> = {};
  const query: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const p of op.parameters) {
    (p.in === 'path' ? path : query)[p.name] = validOf(p.schema, doc);
    if (p.in === 'query' && p.required) required.push(p.name);
  }
  return fc.record({
    path: fc.record(path),
    query: fc.record(query, { requiredKeys: required }),
    body: op.body ? validOf(op.body, doc).chain((b) => realFile(op, b)) : fc.constant(undefined),
  });
}

function realFile(op: Operation, body: unknown): fc.Arbitrary<unknown> {
  if (op.operationId !== 'postAgents') return fc.constant(body);
  // unsupervised (supervision is the owner's), so that it runs rather than being refused
  const { restart: _r, critical: _c, ...plain } = body as Record<string, unknown>;
  return fc.boolean().map((real) => (real ? { ...plain, file: HELLO } : body));
}

/** A valid request with one part broken: a path or query value, an unknown parameter, the body. */
function invalidRequest(op: Operation, contract: Contract): fc.Arbitrary<Generated> {
  const doc = contract.doc;
  const breakers: fc.Arbitrary<(g: Generated) => Generated>[] = [
    fc.constant((g: Generated) => ({ ...g, query: { ...g.query, notAParameter: '1' }, broken: 'query' })),
  ];
  for (const p of op.parameters) {
    breakers.push(
      invalidOf(p.schema, doc).map((bad) => (g: Generated) => {
        const text = typeof bad === 'object' ? JSON.stringify(bad) : String(bad);
        // a value only counts as broken if the document itself refuses its text form (and, for
        // a query array, the one-item array that form-style `name=value` is)
        const refused =
          !contract.valid(p.schema, text).ok &&
          !contract.valid(p.schema, Number(text)).ok &&
          !(p.in === 'query' && contract.valid(p.schema, [text]).ok);
        const where = p.in === 'path' ? 'path' : 'query';
        return { ...g, [where]: { ...g[where], [p.name]: text }, broken: refused ? where : undefined };
      }),
    );
  }
  if (op.body) {
    const body = op.body;
    breakers.push(
      invalidOf(body, doc).map((bad) => (g: Generated) => ({
        ...g,
        body: bad,
        broken: contract.valid(body, bad).ok ? undefined : 'body',
      })),
    );
  }
  return fc.tuple(validRequest(op, contract), fc.oneof(...breakers)).map(([g, breakIt]) => breakIt(g));
}

describe('the API answers only what its OpenAPI document promises', () => {
  let api: TestApi;
  let contract: Contract;
  let tokens: Record<Auth, string | undefined>;
  const saved = { HOME: process.env.HOME, AIOS_HOME: process.env.AIOS_HOME };

  const hooks: (() => void | Promise<void>)[] = [];
  after(async () => {
    for (const fn of hooks) await fn();
    process.env.HOME = saved.HOME;
    process.env.AIOS_HOME = saved.AIOS_HOME;
  });

  before(async () => {
    api = await bootApi({ after: (fn) => hooks.push(fn) });
    // Atlas plans in the person's home: here, the test's own
    process.env.HOME = api.env.home;
    process.env.AIOS_HOME = api.env.aiosHome;
    const res = await api.tcp.request('/openapi.json');
    contract = new Contract((await res.json()) as OpenApiDoc);
    tokens = { all: api.mint('all'), narrow: api.mint('inspect'), none: undefined };
  });

  /** The server's own account of a 5xx, for the failure message. */
  function serverErrors(): string {
    api.system.log.flush();
    const log = readFileSync(join(api.env.aiosHome, 'logs', 'aios.log'), 'utf8');
    return log
      .split('\n')
      .filter((l) => l.includes('"level":"error"'))
      .slice(-2)
      .join('\n');
  }

  async function checked(op: Operation, res: Response, where: string): Promise<number> {
    try {
      return await contract.check(op, res, where);
    } catch (error) {
      if (res.status >= 500) (error as Error).message += `\n${serverErrors()}`;
      throw error;
    }
  }

  async function send(app: Hono, op: Operation, g: Generated, auth: Auth): Promise<Response> {
    const { url, init } = requestOf(op, g);
    const token = tokens[auth];
    if (token) (init.headers as Record<string, string>).authorization = `Bearer ${token}`;
    return app.request(url, init);
  }

  it('lists every route of the server, and nothing refers to the whole document', () => {
    // the fixed routes, and those derived from the running services' declarations (memoryd's)
    const derived = serviceRoutes(api.system.services);
    assert.ok(derived.some((r) => r.path === '/v1/memory/search'));
    assert.equal(contract.operations.length, ROUTES.length + derived.length);
    assert.doesNotMatch(JSON.stringify(contract.doc), /"\$ref":"#"/);
  });

  it('answers generated requests, valid and invalid, with all, narrow and no token, as documented', {
    timeout: 180_000,
  }, async () => {
    const started = performance.now();
    let sent = 0;
    const minted: number[] = [];
    for (const op of contract.operations) {
      for (const auth of ['all', 'narrow', 'none'] as const) {
        const label = (g: Generated) => `${op.method} ${requestOf(op, g).url} as ${auth}`;
        await fc.assert(
          fc.asyncProperty(validRequest(op, contract), async (g) => {
            const status = await checked(op, await send(api.tcp, op, g, auth), label(g));
            if (op.operationId === 'postTokens' && auth === 'all') minted.push(status);
            sent++;
          }),
          { numRuns: VALID, seed: SEED, endOnFailure: true },
        );
        await fc.assert(
          fc.asyncProperty(invalidRequest(op, contract), async (g) => {
            const where = `${label(g)} (broken: ${g.broken ?? 'nothing after all'})`;
            const status = await checked(op, await send(api.tcp, op, g, auth), where);
            // the document calls it invalid, so a token that may make the call gets a 400 (an
            // owner-only operation refuses a token, 403, before it reads the body)
            if (g.broken && auth === 'all' && op.security?.length !== 0) {
              assert.ok(status === 400 || status === 403, `${where}: answered ${status}, not 400`);
            }
            sent++;
          }),
          { numRuns: INVALID, seed: SEED + 1, endOnFailure: true },
        );
      }
    }
    // a body the document calls valid mints a token (the fuzzer's 146 tries never did)
    assert.ok(minted.filter((s) => s === 200).length >= minted.length / 2, `POST /v1/tokens gave ${minted}`);
    assert.ok(sent >= contract.operations.length * 3 * (VALID + INVALID));
    api.system.log.info('contract run', { sent, ms: Math.round(performance.now() - started) });
  });

  it('answers a method a path does not take with 405 and Allow', async () => {
    for (const path of new Set(contract.operations.map((o) => o.path))) {
      const taken = new Set(contract.operations.filter((o) => o.path === path).map((o) => o.method));
      const method = ['PUT', 'PATCH', 'DELETE', 'POST'].find((m) => !taken.has(m))!;
      const url = path.replace(/\{\w+\}/g, '1');
      const res = await api.tcp.request(url, { method, headers: api.bearer(tokens.all!) });
      assert.equal(res.status, 405, `${method} ${url}`);
      const allow = res.headers.get('allow') ?? '';
      for (const m of taken) assert.ok(allow.includes(m), `${method} ${url}: Allow '${allow}' lacks ${m}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      await res.body?.cancel();
    }
  });

  it('answers a malformed bearer token with 401 and WWW-Authenticate, not 400', async () => {
    for (const authorization of [
      'Bearer not-a-token',
      'Bearer aios1.AAAA.BBBB',
      'Basic dXNlcjpwYXNz',
      'Bearer',
    ]) {
      const res = await api.tcp.request('/v1/system', { headers: { authorization } });
      assert.equal(res.status, 401, authorization);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer realm="aios"/);
      await res.body?.cancel();
    }
  });
});

/** The session agents, as GET /v1/agents lists them to `token`. */
async function sessions(api: TestApi, token: string): Promise<{ pid: number; state: string }[]> {
  const res = await api.tcp.request('/v1/agents', { headers: api.bearer(token) });
  assert.equal(res.status, 200);
  const list = (await res.json()) as { pid: number; name: string; state: string }[];
  return list.filter((a) => a.name === 'session');
}

describe('stateful sequences', () => {
  it('a session cannot suspend or kill itself, and keeps working', async (t) => {
    const api = await bootApi(t);
    const token = api.mint('all');
    const [own] = await sessions(api, token); // the only session so far: this token's
    for (const [method, path] of [
      ['POST', `/v1/agents/${own.pid}/suspend`],
      ['DELETE', `/v1/agents/${own.pid}`],
    ]) {
      const res = await api.tcp.request(path, { method, headers: api.bearer(token) });
      assert.equal(res.status, 409, `${method} ${path}`);
      const problem = (await res.json()) as { detail: string };
      assert.match(problem.detail, /own session/);
      const after = await api.tcp.request('/v1/system', { headers: api.bearer(token) });
      assert.equal(after.status, 200, `after ${method} ${path} the token still works`);
    }
    // another token's session is not suspended either (it could then only fail): revoke instead
    const other = api.mint('inspect');
    await api.tcp.request('/v1/system', { headers: api.bearer(other) });
    const theirs = (await sessions(api, token)).find((s) => s.pid !== own.pid)!;
    const res = await api.tcp.request(`/v1/agents/${theirs.pid}/suspend`, {
      method: 'POST',
      headers: api.bearer(token),
    });
    assert.equal(res.status, 409);
    assert.equal((await api.tcp.request('/v1/system', { headers: api.bearer(other) })).status, 200);
  });

  it('a system service cannot be killed or suspended with a token; init restarts it if it dies anyway', async (t) => {
    const api = await bootApi(t);
    const token = api.mint('all');
    const bystander = api.mint('inspect');
    const list = (await (await api.tcp.request('/v1/agents', { headers: api.bearer(token) })).json()) as {
      pid: number;
      name: string;
      state: string;
    }[];
    const service = list.find((a) => a.name === 'supervisor')!;
    for (const [method, path] of [
      ['POST', `/v1/agents/${service.pid}/suspend`],
      ['DELETE', `/v1/agents/${service.pid}`],
    ]) {
      const res = await api.tcp.request(path, { method, headers: api.bearer(token) });
      assert.equal(res.status, 409, `${method} ${path}`);
      assert.match(((await res.json()) as { detail: string }).detail, /system service 'supervisor'/);
    }
    assert.equal((await api.owner.request('/v1/supervisor')).status, 200, 'supervision still answers');
    const tree = {
      name: 'kept',
      children: [{ id: 'counter', file: join(ROOT, 'examples', 'supervision', 'counter.ts') }],
    };
    const started = await api.owner.request('/v1/supervisor/trees', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(tree),
    });
    assert.equal(started.status, 200, await started.text());
    // the owner, on the host plane, may stop it (audited); init starts it again
    const killed = await api.owner.request(`/v1/agents/${service.pid}`, { method: 'DELETE' });
    assert.equal(killed.status, 200);
    let status = 0;
    for (let i = 0; i < 300 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 10));
      status = (await api.owner.request('/v1/supervisor')).status;
    }
    assert.equal(status, 200, 'supervision answers again');
    // and the new root starts again the tree it kept
    let kept: { id: string; children?: { state: string; pid: number | null }[] } | undefined;
    for (let i = 0; i < 300 && kept?.children?.[0]?.state !== 'running'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      const now = (await (await api.owner.request('/v1/supervisor')).json()) as { children: (typeof kept)[] };
      kept = now.children.find((c) => c?.id === 'kept');
    }
    assert.equal(kept?.children?.[0]?.state, 'running', JSON.stringify(kept));
    const now = (await (await api.owner.request('/v1/agents')).json()) as {
      pid: number;
      name: string;
      exit: unknown;
    }[];
    const again = now.find((a) => a.name === 'supervisor' && a.exit === null);
    assert.ok(again && again.pid !== service.pid, 'a new supervisor runs');
    assert.equal((await api.tcp.request('/v1/system', { headers: api.bearer(bystander) })).status, 200);
    const audit = (await (await api.owner.request('/v1/audit?limit=5000')).json()) as {
      entries: { pid?: number; call?: string; op?: string; ok?: boolean }[];
    };
    assert.ok(
      JSON.stringify(audit.entries).includes('process_kill'),
      'the owner’s kill is in the audit chain',
    );
  });

  it('revoking the token in use, or the dashboard’s, needs ?force=true', async (t) => {
    const api = await bootApi(t);
    const mint = async (rights: string) =>
      (await (
        await api.owner.request('/v1/tokens', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ rights }),
        })
      ).json()) as { token: string; tokenId: string; expiresAt: number };
    const caller = await mint('all');
    const dashboard = await mint('inspect');
    api.services.logins.issue(dashboard.token, dashboard.expiresAt, ['inspect'], dashboard.tokenId);
    const headers = api.bearer(caller.token);
    for (const id of [dashboard.tokenId, caller.tokenId]) {
      const res = await api.tcp.request(`/v1/tokens/${id}`, { method: 'DELETE', headers });
      assert.equal(res.status, 409, `revoking ${id} without force`);
      assert.match(((await res.json()) as { detail: string }).detail, /force=true/);
      assert.equal((await api.tcp.request('/v1/system', { headers })).status, 200, 'nothing was revoked');
    }
    const dash = await api.tcp.request(`/v1/tokens/${dashboard.tokenId}?force=true`, {
      method: 'DELETE',
      headers,
    });
    assert.equal(dash.status, 200);
    const self = await api.tcp.request(`/v1/tokens/${caller.tokenId}?force=true`, {
      method: 'DELETE',
      headers,
    });
    assert.equal(self.status, 200, 'the reply says it worked, because it did');
    const gone = await api.tcp.request('/v1/system', { headers });
    assert.equal(gone.status, 401);
    assert.match(gone.headers.get('www-authenticate') ?? '', /invalid_token/);
  });
});
