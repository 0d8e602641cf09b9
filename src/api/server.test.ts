import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { Hono } from 'hono';
import { closeServer, serveTcp } from './server.ts';

function url(server: { address(): AddressInfo | string | null }, path: string): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
}

test('a request that comes before the app is built waits for it and gets its answer', async (t) => {
  let builds = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server = await serveTcp(
    async () => {
      builds++;
      await gate;
      const app = new Hono();
      app.get('/hello', (c) => c.json({ hello: 'world' }));
      return app;
    },
    '127.0.0.1',
    0,
  );
  t.after(() => closeServer(server));
  const early = [fetch(url(server, '/hello')), fetch(url(server, '/hello'))];
  await new Promise((r) => setTimeout(r, 100));
  release();
  for (const res of await Promise.all(early)) {
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { hello: 'world' });
  }
  const later = await fetch(url(server, '/hello'));
  assert.deepEqual(await later.json(), { hello: 'world' });
  assert.equal(builds, 1);
});

test('an app that fails to build answers 500 as a problem, and the listener stays up', async (t) => {
  const server = await serveTcp(() => Promise.reject(new Error('no routes today')), '127.0.0.1', 0);
  t.after(() => closeServer(server));
  for (let i = 0; i < 2; i++) {
    const res = await fetch(url(server, '/v1/system'));
    assert.equal(res.status, 500);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.match(((await res.json()) as { detail: string }).detail, /did not load \(no routes today\)/);
  }
});
