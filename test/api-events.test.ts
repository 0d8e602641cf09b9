/**
 * The live event stream over real TCP: lifecycle and audit events arrive, a reconnecting
 * client resumes with Last-Event-ID, rights decide the topics, and revoking the token ends it.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { closeServer, serveTcp } from '../src/api/server.ts';
import { SLEEPER } from './helpers/agents.ts';
import { bootApi } from './helpers/api.ts';
import { followEvents, readUntil } from './helpers/sse.ts';

async function listen(t: { after(fn: () => Promise<void>): void }, app: Parameters<typeof serveTcp>[0]) {
  const server: Server = await serveTcp(app, '127.0.0.1', 0);
  t.after(() => closeServer(server));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

test('lifecycle and audit events of a spawned agent reach a client; it can resume from an id', async (t) => {
  const api = await bootApi(t);
  const base = await listen(t, api.tcp);
  const token = api.mint('inspect,audit,spawn,manage');
  const stream = await followEvents(`${base}/v1/events?topics=lifecycle,audit`, api.bearer(token));
  assert.equal(stream.status, 200);
  const hello = await readUntil(stream, (e) => e.event === 'hello');
  assert.deepEqual(JSON.parse(hello[0].data).topics, ['lifecycle', 'audit']);

  const file = join(api.env.dir, 'sleeper.ts');
  writeFileSync(file, SLEEPER);
  const spawned = await api.tcp.request('/v1/agents', {
    method: 'POST',
    headers: { ...api.bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({ file, name: 'watched' }),
  });
  const { pid } = (await spawned.json()) as { pid: number };
  await api.tcp.request(`/v1/agents/${pid}`, { method: 'DELETE', headers: api.bearer(token) });

  const seen = await readUntil(
    stream,
    (e) => e.event === 'lifecycle' && JSON.parse(e.data).type === 'exit' && JSON.parse(e.data).pid === pid,
  );
  stream.close();
  if (process.env.DEBUG_EVENTS) console.log(seen);
  const lifecycle = seen.filter((e) => e.event === 'lifecycle').map((e) => JSON.parse(e.data));
  assert.deepEqual(
    lifecycle.filter((d) => d.pid === pid).map((d) => d.type),
    ['spawn', 'running', 'exit'],
  );
  assert.ok(
    seen.some((e) => e.event === 'audit' && JSON.parse(e.data).what === 'process_spawn'),
    'the audit line of the spawn arrives',
  );
  for (const e of seen) assert.ok(Number(e.id) > 0 && typeof JSON.parse(e.data).t === 'number');

  // a client that lost the connection resumes after the last id it saw
  const spawnEvent = seen.find((e) => e.event === 'lifecycle' && JSON.parse(e.data).type === 'spawn')!;
  const resumed = await followEvents(`${base}/v1/events?topics=lifecycle`, {
    ...api.bearer(token),
    'last-event-id': spawnEvent.id!,
  });
  const replay = await readUntil(
    resumed,
    (e) => e.event === 'lifecycle' && JSON.parse(e.data).type === 'exit',
  );
  resumed.close();
  assert.deepEqual(
    replay
      .filter((e) => e.event === 'lifecycle')
      .map((e) => JSON.parse(e.data))
      .filter((d) => d.pid === pid)
      .map((d) => d.type),
    ['running', 'exit'],
  );
});

test('the audit topic needs the audit right; a token without it gets the other topics', async (t) => {
  const api = await bootApi(t);
  const base = await listen(t, api.tcp);
  const token = api.mint('inspect');
  const refused = await fetch(`${base}/v1/events?topics=audit`, { headers: api.bearer(token) });
  assert.equal(refused.status, 403);
  assert.equal(((await refused.json()) as { code: string }).code, 'E_NO_RIGHTS');
  const stream = await followEvents(`${base}/v1/events`, api.bearer(token));
  const [hello] = await readUntil(stream, (e) => e.event === 'hello');
  stream.close();
  assert.ok(!JSON.parse(hello.data).topics.includes('audit'));

  const none = await fetch(`${base}/v1/events`, { headers: api.bearer(api.mint('read')) });
  assert.equal(none.status, 403);
  const bad = await fetch(`${base}/v1/events?topics=secrets`, { headers: api.bearer(token) });
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { field: string }).field, 'query.topics');
});

test('revoking the token ends its stream', async (t) => {
  const api = await bootApi(t);
  const base = await listen(t, api.tcp);
  const minted = api.system.kernel.syscall(1, 'token_mint', {
    handle: api.system.systemHandle,
    agentId: 0,
    rights: 1 << 5,
    scope: 'system',
  }) as { token: string; tokenId: string };
  const stream = await followEvents(`${base}/v1/events?topics=lifecycle`, api.bearer(minted.token));
  await readUntil(stream, (e) => e.event === 'hello');
  const revoked = await api.owner.request(`/v1/tokens/${minted.tokenId}`, { method: 'DELETE' });
  assert.equal(revoked.status, 200);
  const started = Date.now();
  const rest = await readUntil(stream, () => false, 5000);
  assert.ok(Date.now() - started < 4000, 'the stream ended by itself, well before the test gave up');
  assert.equal(rest.length, 0);
  const after = await fetch(`${base}/v1/events`, { headers: api.bearer(minted.token) });
  assert.equal(after.status, 401);
});

test('the token expiring ends its stream', async (t) => {
  const api = await bootApi(t);
  const base = await listen(t, api.tcp);
  const token = api.mint('inspect', 1500);
  const stream = await followEvents(`${base}/v1/events?topics=lifecycle`, api.bearer(token));
  await readUntil(stream, (e) => e.event === 'hello');
  const started = Date.now();
  await readUntil(stream, () => false, 6000);
  assert.ok(Date.now() - started < 5000, 'the stream ended by itself, well before the test gave up');
  const after = await fetch(`${base}/v1/events`, { headers: api.bearer(token) });
  assert.equal(after.status, 401);
});
