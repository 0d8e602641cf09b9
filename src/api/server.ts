/**
 * Serving the app: on the owner's Unix socket ($AIOS_HOME/aios.sock, mode 0600) and on TCP
 * (127.0.0.1:7700 by default) with bearer tokens.
 */
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';

export async function serveUnix(app: Hono, path: string): Promise<Server> {
  if (existsSync(path)) unlinkSync(path); // left by a run that died; the lock says no one else is up
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return server;
}

export async function serveTcp(app: Hono, host: string, port: number): Promise<Server> {
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
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
