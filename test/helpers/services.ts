/**
 * System-service tests: a system booted with its services (`boot({ services: true })`) in the
 * test's temp AIOS_HOME, agent files written there, and helpers to run one and read its result.
 *
 * @example
 * const s = await withServices(t);
 * const out = await s.run('alice', `export default async (os) => (await os.memory.put({ text: 'hi' })).id`);
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { boot, type System } from '../../src/boot.ts';
import type { RuntimeTier } from '../../src/kernel/index.ts';
import { type TestEnv, testEnv } from './env.ts';

export interface WithServices {
  env: TestEnv;
  system: System;
  /** Writes agent `name`'s code to `name`.ts, runs it (isolate unless said) and returns its parsed result. */
  run(name: string, code: string, runtime?: RuntimeTier, grants?: Record<string, number>): Promise<unknown>;
  file(name: string, code: string): string;
  /** Shuts the system down and boots the same home again. */
  reboot(): Promise<System>;
  /** The pid of the running memoryd. */
  memorydPid(): Promise<number>;
}

export async function withServices(
  t: { after(fn: () => void | Promise<void>): void },
  config?: object,
): Promise<WithServices> {
  const env = testEnv(t);
  mkdirSync(env.aiosHome, { recursive: true });
  if (config) writeFileSync(join(env.aiosHome, 'config.json'), JSON.stringify(config));
  let system = await boot({ home: env.aiosHome, services: true });
  t.after(() => system.shutdown());
  const file = (name: string, code: string) => {
    const path = join(env.dir, `${name}.ts`);
    writeFileSync(path, code);
    return path;
  };
  const s: WithServices = {
    env,
    get system() {
      return system;
    },
    file,
    async run(name, code, runtime, grants) {
      const { pid } = system.host.spawnFile(file(name, code), { name, runtime, grants });
      const exit = await system.host.exitOf(pid, 120_000);
      if (exit.code !== 0) throw new Error(`${name} ended ${exit.reason} ${exit.code}: ${exit.message}`);
      return exit.result === undefined ? undefined : JSON.parse(exit.result);
    },
    async reboot() {
      await system.shutdown();
      system = await boot({ home: env.aiosHome, services: true });
      return system;
    },
    async memorydPid() {
      const status = await system.supervisor!.status();
      const services = status.children.find((c) => c.id === 'services');
      const pid = services?.children?.find((c) => c.id === 'memoryd')?.pid;
      if (!pid) throw new Error('memoryd is not running');
      return pid;
    },
  };
  return s;
}

/** Agent code that runs `body` and returns what it returns, or `{ code, message }` of an AiosError. */
export function agent(body: string): string {
  return `export default async function (os) {
  const attempt = async (fn) => { try { return { ok: await fn() }; } catch (e) { return { code: e.code, message: e.message }; } };
  ${body}
}
`;
}
