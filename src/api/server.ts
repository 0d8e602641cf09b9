/**
 * Serving the app: on the owner's Unix socket ($AIOS_HOME/aios.sock, mode 0600) and on TCP
 * (127.0.0.1:7700 by default) with bearer tokens.
 *
 * The app may be given as a function that builds it: the listener then accepts connections at
 * once and each request waits for the app (hono, zod, the routes and @hono/node-server load on
 * the first request, or when `aios up` asks for them right after its ready line).
 *
 * A listener is a plain `net` server that hands each connection to an HTTP server made at the
 * first connection (or by buildApp): `aios up` listens before its ready line, and `node:http`
 * (with its client, agent and parsers) loads after it. A connection is handed over in the tick
 * it is accepted, before any of its bytes are read, so nothing is lost or refused.
 */
import type { Server as HttpServer, RequestListener } from 'node:http';
import type { Server } from 'node:net';
import type { Hono } from 'hono';
import { problem } from './problem.ts';

// Not `import ... from 'node:http'` (or node:fs): Node builds an ES module's view of a built-in
// by reading every export, and node:http's WebSocket, CloseEvent and MessageEvent getters then
// load undici (measured: 15-30 ms as CommonJS, 120-450 ms as an ES module, on a busy 2-core VM).
const { chmodSync, existsSync, unlinkSync } = process.getBuiltinModule('node:fs');
const net = process.getBuiltinModule('node:net');

/** An app, or what builds it on first use (called once). */
export type AppSource = Hono | (() => Promise<Hono>);

/** Each listener's HTTP server (made on first call) and what builds its app, for buildApp and closeServer. */
interface Served {
  http(): HttpServer;
  made(): HttpServer | undefined;
  build(): Promise<RequestListener>;
}
const served = new WeakMap<Server, Served>();

/** Builds the server's app now rather than at its first request (`aios up`, once ready). */
export async function buildApp(server: Server): Promise<void> {
  const listener = served.get(server);
  listener?.http();
  await listener?.build();
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
    server.listen(boundSocket(host, port) ?? { port, host }, () => resolve());
  });
  return server;
}

/**
 * A socket already bound to a numeric address (Node 24.19's net.BoundSocket), or undefined where
 * that is not to be had. `listen(port, host)` looks even a numeric host up: that loads `dns` and
 * compiles Node's IPv6 regular expression (about 10 ms of CPU, before the ready line); a bound
 * socket needs neither for an IPv4 address. A name, an older Node or a failed bind (a port in
 * use) listen the usual way, which also words the error as it always has.
 */
function boundSocket(host: string, port: number) {
  if (typeof net.BoundSocket !== 'function' || net.isIP(host) === 0) return undefined;
  try {
    return new net.BoundSocket({ host, port });
  } catch {
    return undefined;
  }
}

export function closeServer(server: Server): Promise<void> {
  const http = served.get(server)?.made();
  return new Promise((resolve) => {
    server.close(() => resolve());
    http?.close();
    for (const open of [server as Partial<HttpServer>, http]) open?.closeAllConnections?.();
  });
}

/** A listener for the app, through Hono's adapter; requests before it is built wait. */
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
  const onRequest: RequestListener = (req, res) => {
    if (listener) return listener(req, res);
    build().then(
      (ready) => ready(req, res),
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/problem+json' });
        const detail = `The API did not load (${(error as Error)?.message ?? error}); see aios logs`;
        res.end(JSON.stringify(problem(500, 'Internal error', detail)));
      },
    );
  };
  let http: HttpServer | undefined;
  const httpServer = () => {
    if (http) return http;
    http = process.getBuiltinModule('node:http').createServer(onRequest);
    // It never listens itself: 'listening' is what starts its connection tracking, which
    // enforces the header and request timeouts and lets closeAllConnections find every socket.
    http.emit('listening');
    return http;
  };
  // The options an HTTP server gives its own net server, so its sockets behave the same.
  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    httpServer().emit('connection', socket);
  });
  served.set(server, { http: httpServer, made: () => http, build });
  return server;
}
