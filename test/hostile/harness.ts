/**
 * The hostile-agent harness: one embedded system per test file, a bystander agent that
 * answers pings the whole time, and helpers to run a hostile agent, check that the system
 * and the bystander are still fine, and find the denial in the audit journal on disk.
 *
 * @example
 * const h = await hostile(t);
 * const { exit } = await h.run('escape.js', `export default async (os) => { ... }`);
 * await h.assertUnharmed();
 * h.assertAudited(exit.pid, (e) => e.code === 'E_NO_RIGHTS');
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { boot, type System } from '../../src/boot.ts';
import type { ExitStatus } from '../../src/kernel/process.ts';
import type { SpawnFileOptions } from '../../src/runtime/host.ts';
import { imageOf } from '../../src/runtime/images.ts';
import { createOs, type Os } from '../../src/sdk/os.ts';
import { type TestEnv, testEnv } from '../helpers/env.ts';
import { core } from '../helpers/internals.ts';

export interface AuditEntry {
  seq: number;
  kind: string;
  pid: number;
  what: string;
  ok: boolean;
  code?: string;
  detail?: Record<string, unknown>;
}

const BYSTANDER = `
export default async function (os) {
  await os.ipc.serve(os.handles.chan, (m) => 'pong:' + m.text());
  return 'bystander done';
}
`;

export interface Hostile {
  env: TestEnv;
  system: System;
  /** init's SDK, for talking to agents from the test. */
  init: Os;
  /** Writes `source` to `name` in the agents' folder (unless empty: already written) and runs it to its end. */
  run(
    name: string,
    source: string,
    options?: SpawnFileOptions & { timeoutMs?: number },
  ): Promise<{ pid: number; exit: ExitStatus }>;
  /** Writes a file into the agents' folder (a subfolder of the test's directory). */
  write(name: string, source: string | Uint8Array): string;
  /** Writes a file into the test's directory, outside the agents' folder. */
  writeOutside(name: string, content: string): string;
  /** The bystander still answers and the kernel still takes calls. */
  assertUnharmed(): Promise<void>;
  /** Flushes the journal and returns the entries of `pid` that match. */
  audited(pid: number, match: (e: AuditEntry) => boolean): AuditEntry[];
  assertAudited(pid: number, match: (e: AuditEntry) => boolean): void;
}

export async function hostile(t: { after(fn: () => void | Promise<void>): void }): Promise<Hostile> {
  const env = testEnv(t);
  const system = await boot({ home: env.aiosHome });
  t.after(() => system.shutdown());
  const initAgent = core(system).processes.get(1)!;
  const init = createOs({ ...system.host.portFor(initAgent), handles: { system: system.systemHandle } });
  const agents = join(env.dir, 'agents');
  mkdirSync(agents);
  const write = (name: string, source: string | Uint8Array) => {
    const file = join(agents, name);
    writeFileSync(file, source);
    return file;
  };
  // The bystander serves one end of a channel; init keeps the other.
  const [mine, theirs] = await init.ipc.channel();
  const bystanderFile = write('bystander.js', BYSTANDER);
  const { pid: bystander } = system.kernel.syscall(1, 'process_spawn', {
    handle: system.systemHandle,
    image: imageOf(bystanderFile),
    runtime: 'isolate',
    labels: { grantNames: 'chan' },
    grants: [{ handle: theirs, rights: 0b1111 }],
  }) as { pid: number };

  let after = 0;
  const audited = (pid: number, match: (e: AuditEntry) => boolean) => {
    system.persist.flush();
    const found: AuditEntry[] = [];
    for (;;) {
      const page = system.store.audit.page(after, 5000);
      if (page.length === 0) break;
      for (const line of page) {
        const e = JSON.parse(line) as AuditEntry;
        after = e.seq;
        entries.push(e);
      }
    }
    for (const e of entries) if (e.pid === pid && match(e)) found.push(e);
    return found;
  };
  const entries: AuditEntry[] = [];

  return {
    env,
    system,
    init,
    write,
    writeOutside(name, content) {
      const file = join(env.dir, name);
      writeFileSync(file, content);
      return file;
    },
    async run(name, source, options = {}) {
      const file = source === '' ? join(agents, name) : write(name, source);
      const { pid } = system.host.spawnFile(file, options);
      const exit = await system.host.exitOf(pid, options.timeoutMs ?? 20_000);
      return { pid, exit };
    },
    async assertUnharmed() {
      const agent = core(system).processes.get(bystander);
      assert.ok(agent && (agent.state === 'running' || agent.state === 'blocked'), 'the bystander is alive');
      const answer = await init.ipc.call(mine, 'ping', { timeoutMs: 10_000 });
      assert.equal(answer.text(), 'pong:ping');
    },
    audited,
    assertAudited(pid, match) {
      assert.ok(audited(pid, match).length > 0, `the audit journal holds the entry for agent ${pid}`);
    },
  };
}

/** The audit entry of an agent ending with `reason`. */
export const exitWith =
  (reason: string) =>
  (e: AuditEntry): boolean =>
    e.kind === 'lifecycle' && e.what === 'exit' && e.detail?.reason === reason;

/** The audit entry of a denied syscall with `code`. */
export const deniedWith =
  (code: string, what?: string) =>
  (e: AuditEntry): boolean =>
    e.kind === 'syscall' && !e.ok && e.code === code && (what === undefined || e.what === what);

/** Sets up one hostile system for the enclosing describe block; returns a getter for it. */
export function useHostile(): () => Hostile {
  let h: Hostile | undefined;
  const cleanups: (() => unknown)[] = [];
  before(async () => {
    h = await hostile({ after: (fn) => cleanups.push(fn) });
  });
  after(async () => {
    for (const fn of cleanups.reverse()) await fn();
  });
  return () => h!;
}
