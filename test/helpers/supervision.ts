/**
 * Supervision tests: an in-process system with services (`boot({ services: true })`) in the
 * test's temp dir, real agent files written there, and a client acting as init.
 *
 * @example
 * const s = await supervised(t);
 * await s.start({ name: 'web', children: [{ id: 'a', file: 'worker.ts' }] });
 * await s.call('web/a', { incr: true });
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { boot, type System } from '../../src/boot.ts';
import { createOs } from '../../src/sdk/os.ts';
import type { ChildStatus, TreeStatus } from '../../src/services/supervisor/protocol.ts';
import { resolveTree } from '../../src/services/supervisor/spec.ts';
import { type TestEnv, testEnv } from './env.ts';
import { core } from './internals.ts';

/**
 * A worker serving on its service endpoint. Requests: {get}, {incr} (count and checkpoint),
 * {crash} (throws), {exit: code} (0 returns normally, else process_exit), {echo: x}.
 */
export const WORKER = `
export default async function (os) {
  const state = (await os.checkpoint.load()) ?? { n: 0 };
  for (;;) {
    const m = await os.ipc.recv(os.handles.service);
    const req = m.json();
    if (req.crash) throw new Error('asked to crash');
    if (req.exit !== undefined) {
      if (req.exit === 0) return 'done';
      await os.exit(req.exit);
      return;
    }
    if (req.incr) {
      state.n++;
      await os.checkpoint.save(state);
    }
    if (req.ask) {
      // The sibling may be restarting: on a loaded machine that takes seconds.
      const answer = await os.ipc.call(os.handles[req.ask], { get: true }, { timeoutMs: 120000 });
      await os.ipc.reply(os.handles.service, m, { pid: os.pid, n: state.n, asked: answer.json() });
      continue;
    }
    if (m.txid) await os.ipc.reply(os.handles.service, m, { pid: os.pid, n: state.n, echo: req.echo });
  }
}
`;

/** Throws as soon as it starts: a crash loop. */
export const CRASHY = `export default async function () { throw new Error('broken at start'); }\n`;

export interface Supervised {
  env: TestEnv;
  system: System;
  /** Boots the same home again (after system.shutdown()), shut down when the test ends. */
  reboot(): Promise<System>;
  /** Lifecycle events in order: [type, name, pid]. */
  events: [string, string, number][];
  file(name: string, code: string): string;
  start(spec: Record<string, unknown>): Promise<ChildStatus>;
  status(): Promise<TreeStatus>;
  child(path: string): Promise<ChildStatus | undefined>;
  call(path: string, data: unknown, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Sends without waiting for a reply (for crash requests). */
  send(path: string, data: unknown): Promise<void>;
}

export async function supervised(t: { after(fn: () => void | Promise<void>): void }): Promise<Supervised> {
  const env = testEnv();
  const systems: System[] = [];
  t.after(async () => {
    for (const s of systems) await s.shutdown();
    rmSync(env.dir, { recursive: true, force: true });
  });
  const system = await boot({ home: env.aiosHome, services: true });
  systems.push(system);
  const sup = system.supervisor;
  if (!sup) throw new Error('supervision did not start');
  const events: [string, string, number][] = [];
  system.kernel.events.on('lifecycle', (type, agent) => events.push([type, agent.name, agent.pid]));
  const os = createOs(system.host.portFor(core(system).processes.required(1)));
  const file = (name: string, code: string) => {
    const path = join(env.dir, name);
    writeFileSync(path, code);
    return path;
  };
  file('worker.ts', WORKER);
  file('crashy.ts', CRASHY);
  const child = async (path: string) => {
    let children = (await sup.status()).children;
    let found: ChildStatus | undefined;
    for (const id of path.split('/')) {
      found = children.find((c) => c.id === id);
      children = found?.children ?? [];
    }
    return found;
  };
  return {
    env,
    system,
    reboot: async () => {
      const again = await boot({ home: env.aiosHome, services: true });
      systems.push(again);
      return again;
    },
    events,
    file,
    start: (spec) =>
      sup.start(
        resolveTree(spec, { baseDir: env.dir, hasRuntime: (r) => r === 'builtin' || r === 'isolate' }),
      ),
    status: () => sup.status(),
    child,
    // No test here waits for a call to time out; a short default only failed loaded machines.
    call: async (path, data, timeoutMs = 120_000) =>
      (await sup.call(path.split('/'), data as object, timeoutMs)).json<Record<string, unknown>>(),
    send: async (path, data) => {
      const handle = await sup.connect(path.split('/'));
      await os.ipc.trySend(handle, data as object);
      await os.handle.close(handle);
    },
  };
}

/** Polls `check` until it returns a value other than undefined/false (bounded: 500 tries, 10 ms apart). */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`Gave up waiting until ${what}`);
}
