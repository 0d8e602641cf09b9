/**
 * A real `aios up` for the API benchmarks: a child process in a temporary AIOS_HOME serving
 * TCP on a free loopback port, with helpers to call it as the owner (its Unix socket) and to
 * fill it with idle agents.
 *
 * @example
 * const server = await startAios();
 * await server.spawnIdle(1000);
 * ... await server.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { call } from '../src/api/client.ts';
import { socketPath } from '../src/platform/paths.ts';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'aios.js');

/** Waits on a channel nothing writes to: alive, blocked, making no syscalls. */
const IDLE = `export default async (os) => {
  const [end] = await os.ipc.channel();
  await os.ipc.recv(end);
};
`;

/** Spawns COUNT idle children (init may have at most 256 children, so groups do the spawning). */
const GROUP = `export default async (os) => {
  const count = GROUP_SIZE;
  for (let i = 0; i < count; i++) await os.spawn('./idle.ts', { name: 'idle-' + i });
  const [end] = await os.ipc.channel();
  await os.ipc.recv(end);
};
`;

export interface AiosServer {
  url: string;
  home: string;
  dir: string;
  dashboard: string;
  child: ChildProcess;
  /** As the owner, over the Unix socket. */
  owner<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** A bearer token with these rights. */
  mint(rights: string): Promise<string>;
  /** Spawns `count` idle agents (in groups of at most 200) and waits until they are all up. */
  spawnIdle(count: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startAios(): Promise<AiosServer> {
  const dir = mkdtempSync(join(tmpdir(), 'aios-bench-'));
  const home = join(dir, 'home');
  const nodeArgs = (process.env.AIOS_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean); // e.g. --cpu-prof
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'up', '--port', '0', '--json'], {
    env: { ...process.env, AIOS_HOME: home, HOME: dir, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ url: string; dashboard: string }>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"ready"'));
      if (line) done(JSON.parse(line));
    });
    child.once('exit', (code) => fail(new Error(`aios up exited with ${code}: ${out}`)));
  });
  const socket = socketPath(home);
  const owner = <T>(method: string, path: string, body?: unknown) => call<T>(socket, method, path, body);
  return {
    url: ready.url,
    dashboard: ready.dashboard,
    home,
    dir,
    child,
    owner,
    async mint(rights) {
      return (await owner<{ token: string }>('POST', '/v1/tokens', { rights })).token;
    },
    async spawnIdle(count) {
      writeFileSync(join(dir, 'idle.ts'), IDLE);
      const before = (await owner<unknown[]>('GET', '/v1/agents')).length;
      for (let left = count; left > 0; left -= 200) {
        const size = Math.min(200, left);
        const file = join(dir, `group-${left}.ts`);
        writeFileSync(file, GROUP.replace('GROUP_SIZE', String(size)));
        await owner('POST', '/v1/agents', {
          file,
          name: `group-${left}`,
          grants: { system: 'spawn,basic' },
          quotas: { children: size },
        });
      }
      const groups = Math.ceil(count / 200);
      for (let i = 0; i < 600; i++) {
        const agents = await owner<{ state: string }[]>('GET', '/v1/agents');
        const blocked = agents.filter((a) => a.state === 'blocked').length;
        if (agents.length >= before + count + groups && blocked >= count + groups) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the ${count} idle agents did not all start`);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
