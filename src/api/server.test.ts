import assert from 'node:assert/strict';
import type { RequestListener } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
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

test('a client that never finishes its headers is cut off, though the HTTP server never listens itself', {
  timeout: 30_000,
}, async (t) => {
  // The listener's HTTP server is made at the first connection; shorter timeouts than Node's
  // (60 s for headers, checked every 30 s) keep the test short, the mechanism is the same.
  const http = process.getBuiltinModule('node:http');
  const createServer = http.createServer;
  t.after(() => {
    http.createServer = createServer;
  });
  http.createServer = ((listener: RequestListener) =>
    createServer(
      { connectionsCheckingInterval: 100, headersTimeout: 300, requestTimeout: 600 },
      listener,
    )) as typeof createServer;
  const app = new Hono();
  app.get('/', (c) => c.text('hi'));
  const server = await serveTcp(app, '127.0.0.1', 0);
  t.after(() => closeServer(server));
  const answer = await new Promise<string>((resolve) => {
    let text = '';
    const slow = connect((server.address() as AddressInfo).port, '127.0.0.1', () => {
      slow.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '); // and never the rest
    });
    slow.on('data', (d) => {
      text += d;
    });
    slow.on('close', () => resolve(text));
  });
  assert.match(answer, /^HTTP\/1\.1 408 /);
  const res = await fetch(url(server, '/'));
  assert.equal(await res.text(), 'hi', 'the listener goes on serving others');
});
