import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { bootApi } from '../../../test/helpers/api.ts';
import { TallyGateway } from '../../../test/helpers/tally-service.ts';
import { INIT_PID } from '../../kernel/params.ts';

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

async function problemOf(
  res: Response,
): Promise<{ status: number; detail: string; field?: string; code?: string }> {
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  return (await res.json()) as { status: number; detail: string; field?: string; code?: string };
}

test('a service declared once gets its routes: reads as GET with a typed query, changes as POST', async (t) => {
  const gateway = new TallyGateway();
  const api = await bootApi(t, { gateway });
  const listing = await api.owner.request('/v1/tally');
  assert.equal(listing.status, 200);
  const { ops } = (await listing.json()) as { ops: { name: string; method: string; path: string }[] };
  assert.deepEqual(
    ops.map((o) => `${o.method} ${o.path}`),
    ['POST /v1/tally/add', 'GET /v1/tally/get', 'GET /v1/tally/list', 'POST /v1/tally/reset'],
  );
  const added = await api.owner.request('/v1/tally/add', post({ name: 'cups', by: 3, tags: ['red'] }));
  assert.equal(added.status, 200, await added.clone().text());
  assert.deepEqual(await added.json(), { name: 'cups', value: 3, tags: ['red'] });
  await api.owner.request('/v1/tally/add', post({ name: 'plates', tags: ['red', 'blue'] }));
  // numbers, booleans and repeated keys come converted by the schema
  const list = await api.owner.request('/v1/tally/list?min=1&tags=red&tags=blue&ascending=true');
  assert.equal(list.status, 200);
  assert.deepEqual(await list.json(), { tallies: [{ name: 'plates', value: 1, tags: ['red', 'blue'] }] });
  assert.deepEqual(gateway.calls.at(-1), {
    caller: INIT_PID,
    op: 'list',
    args: { min: 1, tags: ['red', 'blue'], ascending: true },
  });
  const got = await api.owner.request('/v1/tally/get?name=cups');
  assert.deepEqual(await got.json(), { name: 'cups', value: 3, tags: ['red'] });
});

test('bad input to a derived route is a 400 naming the field (the service is never asked); a service down is a 503', async (t) => {
  const gateway = new TallyGateway();
  const api = await bootApi(t, { gateway });
  const cases: [string, RequestInit | undefined, string][] = [
    ['/v1/tally/list?min=lots', undefined, 'query.min'],
    ['/v1/tally/list?tags=green', undefined, 'query.tags.0'],
    ['/v1/tally/list?ascending=maybe', undefined, 'query.ascending'],
    ['/v1/tally/list?limt=5', undefined, 'query.limt'],
    ['/v1/tally/add', post({}), 'body.name'],
    ['/v1/tally/add', post({ name: 'cups', by: 1.5 }), 'body.by'],
    ['/v1/tally/add', post({ name: 'cups', colour: 'red' }), 'body'],
  ];
  for (const [path, init, field] of cases) {
    const res = await api.owner.request(path, init);
    const p = await problemOf(res);
    assert.equal(res.status, 400, `${path}: ${p.detail}`);
    assert.equal(p.field, field, p.detail);
    assert.ok(p.detail.startsWith(field), p.detail);
  }
  const badJson = await api.owner.request('/v1/tally/add', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"name":',
  });
  assert.equal(badJson.status, 400);
  assert.deepEqual(gateway.calls, []);
  const missing = await api.owner.request('/v1/tally/get?name=nope');
  assert.equal(missing.status, 404);
  assert.match((await problemOf(missing)).detail, /No tally 'nope'/);
  gateway.down = true;
  const down = await api.owner.request('/v1/tally/get?name=cups');
  assert.equal(down.status, 503, 'a service that is down is unavailable, not an internal error');
  assert.equal((await problemOf(down)).code, 'E_UNAVAILABLE');
  gateway.down = false;
  const wrongMethod = await api.owner.request('/v1/tally/add');
  assert.equal(wrongMethod.status, 405);
  assert.equal(wrongMethod.headers.get('allow'), 'POST');
});

test('a token calls as its own session, and a destructive operation needs the rights of its risk', async (t) => {
  const gateway = new TallyGateway();
  const api = await bootApi(t, { gateway });
  const reader = api.bearer(api.mint('inspect,use,read,write'));
  const added = await api.tcp.request('/v1/tally/add', post({ name: 'cups' }, reader));
  assert.equal(added.status, 200);
  const caller = gateway.calls.at(-1)?.caller ?? 0;
  assert.ok(caller > INIT_PID, `the service sees the token's session (pid ${caller}), not the owner`);
  const refused = await api.tcp.request('/v1/tally/reset', post({ names: ['cups'] }, reader));
  const p = await problemOf(refused);
  assert.equal(refused.status, 403, p.detail);
  assert.equal(p.code, 'E_NO_RIGHTS');
  assert.match(p.detail, /tally reset is risk 3; it needs a token with .*destroy/);
  assert.equal(gateway.calls.at(-1)?.op, 'add', 'the refused reset never reached the service');
  const audit = (await (await api.owner.request('/v1/audit?limit=500')).json()) as {
    entries: { what: string; ok: boolean; detail?: { tool?: string; action?: string } }[];
  };
  const denial = audit.entries.find((e) => e.what === 'tool_invoke' && !e.ok && e.detail?.action === 'reset');
  assert.equal(denial?.detail?.tool, 'tallyd', 'the refusal is in the audit chain');
  const admin = api.bearer(api.mint('all'));
  const reset = await api.tcp.request('/v1/tally/reset', post({ names: ['cups'] }, admin));
  assert.equal(reset.status, 200);
  assert.deepEqual(await reset.json(), { reset: 1 });
  const noToken = await api.tcp.request('/v1/tally/list');
  assert.equal(noToken.status, 401);
});

test('the OpenAPI document carries every derived route with its schemas, and stays valid', async (t) => {
  const api = await bootApi(t, { gateway: new TallyGateway() });
  const doc = (await (await api.tcp.request('/openapi.json')).json()) as {
    tags: { name: string; description: string }[];
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  assert.ok(doc.tags.some((tag) => tag.name === 'tally' && tag.description === 'Named counters'));
  const list = doc.paths['/v1/tally/list'].get as {
    summary: string;
    parameters: { name: string; in: string; schema: { type: string } }[];
  };
  assert.equal(list.summary, 'Counters, largest first unless ascending');
  assert.deepEqual(
    list.parameters.map((p) => [p.name, p.in, p.schema.type]),
    [
      ['min', 'query', 'number'],
      ['tags', 'query', 'array'],
      ['ascending', 'query', 'boolean'],
    ],
  );
  const add = doc.paths['/v1/tally/add'].post as {
    requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
    responses: Record<string, unknown>;
  };
  assert.deepEqual(add.requestBody.content['application/json'].schema.required, ['name']);
  assert.ok(add.responses['503'], 'a service that is down is a documented answer');
  assert.ok(doc.paths['/v1/tally'].get);
  const validator = new Validator();
  const verdict = await validator.validate(structuredClone(doc) as never);
  assert.deepEqual(verdict.errors, undefined, 'the document is valid OpenAPI 3.1');
});
