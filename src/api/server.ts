/**
 * Serving the app: on the owner's Unix socket ($AIOS_HOME/aios.sock, mode 0600) and on TCP
 * (127.0.0.1:7700 by default) with bearer tokens.
 *
 * The app may be given as a function that builds it: the listener then accepts connections at
 * once and each request waits for the app (hono, zod, the routes and @hono/node-server load on
 * the first request, or when `aios up` asks for them right after its ready line).
 */
import type { RequestListener, Server } from 'node:http';
import type { Hono } from 'hono';
import { problem } from './problem.ts';

// Not `import ... from 'node:http'` (or node:fs): Node builds an ES module's view of a built-in
// by reading every export, and node:http's WebSocket, CloseEvent and MessageEvent getters then
// load undici (measured: 15-30 ms as CommonJS, 120-450 ms as an ES module, on a busy 2-core VM).
const { chmodSync, existsSync, unlinkSync } = process.getBuiltinModule('node:fs');
const { createServer } = process.getBuiltinModule('node:http');

/** An app, or what builds it on first use (called once). */
export type AppSource = Hono | (() => Promise<Hono>);

/** What builds each server's app (and Hono's Node adapter), for buildApp. */
const builders = new WeakMap<Server, () => Promise<RequestListener>>();

/** Builds the server's app now rather than at its first request (`aios up`, once ready). */
export async function buildApp(server: Server): Promise<void> {
  await builders.get(server)?.();
}

export async function serveUnix(app: AppSource, path: string): Promise<Server> {
  if (existsSync(path)) unlinkSync(path); // left by a run that died; the lock says no one else is up
  const server = serverFor(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return server;
}

export async function serveTcp(app: AppSource, host: string, port: number): Promise<Server> {
  const server = serverFor(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

/** A server for the app, through Hono's adapter; requests before it is built wait. */
function serverFor(source: AppSource): Server {
  let listener: RequestListener | undefined;
  let building: Promise<RequestListener> | undefined;
  const build = () => {
    building ??= Promise.all([
      typeof source === 'function' ? source() : source,
      import('@hono/node-server'),
    ]).then(([app, { getRequestListener }]) => {
      listener = getRequestListener(app.fetch);
      return listener;
    });
    return building;
  };
  const server = createServer((req, res) => {
    if (listener) return listener(req, res);
    build().then(
      (ready) => ready(req, res),
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/problem+json' });
        const detail = `The API did not load (${(error as Error)?.message ?? error}); see aios logs`;
        res.end(JSON.stringify(problem(500, 'Internal error', detail)));
      },
    );
  });
  builders.set(server, build);
  return server;
}
