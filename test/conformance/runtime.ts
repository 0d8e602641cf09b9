/**
 * The runtime conformance suite: what an agent is promised whatever tier runs it. Run against
 * each tier by test/conformance/runtime.test.ts; a new tier is added by passing it.
 *
 * A tier that cannot keep a promise says so in its descriptor, with the reason, and the suite
 * reports it as skipped with that reason (never silently): docs/runtimes.md lists them.
 * Each tier runs on its own embedded system next to a bystander agent (test/hostile/harness.ts),
 * which must still answer after every case that goes wrong on purpose.
 *
 * @example
 * runtimeConformance({ tier: 'isolate', agents: javascriptAgents() });
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ERROR_NUMBERS } from '../../src/kernel/errors.ts';
import type { ExitStatus, RuntimeTier } from '../../src/kernel/process.ts';
import { RIGHTS } from '../../src/kernel/rights.ts';
import { logPath } from '../../src/platform/paths.ts';
import { imageOf } from '../../src/runtime/images.ts';
import { deniedWith, type Hostile, useHostile } from '../hostile/harness.ts';
import { type AgentFile, type AgentRole, TEXTS } from './runtime-agents.ts';

/** A promise of the suite, by the name a tier uses to declare it absent. */
export type Clause =
  | 'result'
  | 'throws'
  | 'exit'
  | 'log'
  | 'info'
  | 'channel'
  | 'call'
  | 'region'
  | 'denied'
  | 'unknown'
  | 'kill'
  | 'killComputing'
  | 'timeout';

/** The agents each promise needs. */
const ROLES: Record<Clause, AgentRole[]> = {
  result: ['result'],
  throws: ['throws'],
  exit: ['exit'],
  log: ['log'],
  info: ['info'],
  channel: ['channel'],
  call: ['callServer', 'callClient'],
  region: ['region'],
  denied: ['denied'],
  unknown: ['unknown'],
  kill: ['hang'],
  killComputing: ['spin'],
  timeout: ['hang'],
};

export interface TierUnderTest {
  tier: RuntimeTier;
  /** Its agent for each role; a role only absent promises need may be left out. */
  agents: Partial<Record<AgentRole, AgentFile>>;
  /** Promises the tier does not keep, each with the reason docs/runtimes.md gives. */
  absent?: Partial<Record<Clause, string>>;
  /** The message its `throws` agent's failure is reported with (a wasm trap is named by V8). */
  thrownMessage?: string;
}

const RW = RIGHTS.READ | RIGHTS.WRITE;
/** Bounds every wait, so that a broken tier fails the test instead of hanging it. */
const BOUND_MS = 30_000;
/** The `--timeout` the timeout case gives a waiting agent. */
const TIMEOUT_MS = 300;

/** The error code an agent reports: its name (the SDK's errors), or its negated number (wasm). */
function codeSeen(result: string | undefined): string {
  const value = JSON.parse(result ?? 'null') as unknown;
  if (typeof value === 'number' && value < 0) {
    const name = Object.entries(ERROR_NUMBERS).find(([, n]) => n === -value)?.[0];
    return name ?? `error number ${-value}`;
  }
  return String(value);
}

export function runtimeConformance(tier: TierUnderTest): void {
  describe(`runtime conformance: ${tier.tier}`, () => {
    const system = useHostile();

    /** Starts the agent of `role` as a child of init with `grants` (name: [handle, rights]). */
    const start = async (
      role: AgentRole,
      grants: Record<string, [number, number]> = {},
      quotas?: Record<string, number>,
    ): Promise<{ pid: number; handle: number }> => {
      const h = system();
      const file = tier.agents[role];
      assert.ok(file, `the ${tier.tier} tier brings an agent for '${role}'`);
      const path = h.write(file.name, file.content);
      const names = Object.keys(grants);
      return h.init.sys<{ pid: number; handle: number }>('process_spawn', {
        handle: h.system.systemHandle,
        image: imageOf(path),
        runtime: tier.tier,
        labels: { grantNames: names.join(',') },
        grants: names.map((name) => ({ handle: grants[name][0], rights: grants[name][1] })),
        quotas,
      });
    };
    const exitOf = (pid: number, timeoutMs = BOUND_MS): Promise<ExitStatus> =>
      system().system.host.exitOf(pid, timeoutMs);
    /** A channel whose far end goes to the agent as `name`; the near end stays with the test. */
    const channel = async (name: string, rights = RW) => {
      const [near, far] = await system().init.ipc.channel();
      return { near, grant: { [name]: [far, rights] as [number, number] } };
    };
    const text = async (near: number) => (await system().init.ipc.recv(near, { timeoutMs: BOUND_MS })).text();
    const assertNormal = (exit: ExitStatus) => {
      assert.equal(exit.reason, 'normal', exit.message);
      assert.equal(exit.code, 0);
    };

    /** Declares promise `clause`: run by the suite, or reported skipped with the tier's reason. */
    const promise = (clause: Clause, title: string, body: (h: Hostile) => Promise<void>) => {
      const reason = tier.absent?.[clause];
      if (reason !== undefined) {
        it(title, (t) => t.skip(`${tier.tier}: ${reason} — docs/runtimes.md`));
        return;
      }
      it(title, () => body(system()));
    };

    it('declares each promise as kept (with its agents) or absent (with a reason)', () => {
      for (const [clause, roles] of Object.entries(ROLES) as [Clause, AgentRole[]][]) {
        if (tier.absent?.[clause] !== undefined) continue;
        for (const role of roles) assert.ok(tier.agents[role], `'${clause}' needs an agent for '${role}'`);
      }
    });

    promise('result', 'starts the agent and reports its result', async () => {
      const { pid } = await start('result');
      const exit = await exitOf(pid);
      assertNormal(exit);
      assert.equal(exit.result, String(TEXTS.result));
    });

    promise('throws', 'reports a failing agent as an error, with its message', async (h) => {
      const { pid } = await start('throws');
      const exit = await exitOf(pid);
      assert.equal(exit.reason, 'error');
      assert.notEqual(exit.code, 0);
      assert.equal(exit.message, tier.thrownMessage ?? TEXTS.thrown);
      await h.assertUnharmed();
    });

    promise('exit', 'reports the code and message an agent ends itself with', async (h) => {
      const { pid } = await start('exit');
      const exit = await exitOf(pid);
      assert.deepEqual([exit.reason, exit.code, exit.message], ['error', TEXTS.exitCode, TEXTS.exitMessage]);
      await h.assertUnharmed();
    });

    promise('log', "writes what the agent logs into the system log, with the agent's pid", async (h) => {
      const { pid } = await start('log');
      assertNormal(await exitOf(pid));
      h.system.log.flush();
      const lines = readFileSync(logPath(h.env.aiosHome), 'utf8').trim().split('\n');
      const logged = lines.map((l) => JSON.parse(l) as { msg: string; pid?: number });
      assert.ok(
        logged.some((l) => l.msg === TEXTS.logLine && l.pid === pid),
        `the log holds '${TEXTS.logLine}' from agent ${pid}`,
      );
    });

    promise('info', 'answers process_info on itself', async () => {
      const { pid } = await start('info');
      const exit = await exitOf(pid);
      assertNormal(exit);
      assert.equal(exit.result, String(pid));
    });

    promise('channel', 'creates, writes and reads channels, and talks with a peer', async () => {
      const { near, grant } = await channel('peer');
      const { pid } = await start('channel', grant);
      await system().init.ipc.send(near, TEXTS.ping);
      assert.equal(await text(near), `${TEXTS.echoPrefix}${TEXTS.ping}`);
      assertNormal(await exitOf(pid));
    });

    promise('call', 'makes a channel_call round trip with another agent of its tier', async () => {
      const [serverEnd, clientEnd] = await system().init.ipc.channel();
      const report = await channel('report');
      const server = await start('callServer', { line: [serverEnd, RW] });
      const client = await start('callClient', { line: [clientEnd, RW], ...report.grant });
      assert.equal(await text(report.near), `${TEXTS.pongPrefix}${TEXTS.ping}`);
      assertNormal(await exitOf(client.pid));
      assertNormal(await exitOf(server.pid));
    });

    promise('region', 'allocates, writes and reads a memory region', async () => {
      const report = await channel('report');
      const { pid } = await start('region', report.grant);
      assert.equal(await text(report.near), TEXTS.region);
      assertNormal(await exitOf(pid));
    });

    promise(
      'denied',
      'refuses a call without the right (E_NO_RIGHTS), audits it, and the agent goes on',
      async (h) => {
        const inbox = await channel('inbox', RIGHTS.READ);
        const { pid } = await start('denied', inbox.grant);
        const exit = await exitOf(pid);
        assertNormal(exit);
        assert.equal(codeSeen(exit.result), 'E_NO_RIGHTS');
        h.assertAudited(pid, deniedWith('E_NO_RIGHTS', 'channel_write'));
        await h.assertUnharmed();
      },
    );

    promise('unknown', 'answers an unknown syscall with E_UNKNOWN_CALL, and audits it', async (h) => {
      const { pid } = await start('unknown');
      const exit = await exitOf(pid);
      assertNormal(exit);
      assert.equal(codeSeen(exit.result), 'E_UNKNOWN_CALL');
      h.assertAudited(pid, deniedWith('E_UNKNOWN_CALL', TEXTS.unknownCall));
      await h.assertUnharmed();
    });

    promise('kill', 'ends a waiting agent its parent kills, as killed', async (h) => {
      const report = await channel('report');
      const { pid, handle } = await start('hang', report.grant);
      assert.equal(await text(report.near), TEXTS.ready);
      await h.init.kill(handle);
      const exit = await exitOf(pid);
      assert.equal(exit.reason, 'killed', exit.message);
      await h.assertUnharmed();
    });

    promise('killComputing', 'ends a computing agent its parent kills, as killed', async (h) => {
      const report = await channel('report');
      // A CPU quota far above what the test takes: the kill, not the CPU limit, must end it.
      const { pid, handle } = await start('spin', report.grant, { cpuMsPerEpoch: 60_000 });
      assert.equal(await text(report.near), TEXTS.ready);
      await h.init.kill(handle);
      const exit = await exitOf(pid);
      assert.equal(exit.reason, 'killed', exit.message);
      await h.assertUnharmed();
    });

    promise('timeout', 'ends a waiting agent at its timeout, with the timeout cause', async (h) => {
      const report = await channel('report');
      const { pid } = await start('hang', report.grant);
      assert.equal(await text(report.near), TEXTS.ready);
      const exit = await exitOf(pid, TIMEOUT_MS);
      assert.deepEqual([exit.reason, exit.code], ['timeout', 124]);
      assert.equal(exit.message, `still running after ${TIMEOUT_MS} ms`);
      await h.assertUnharmed();
    });
  });
}
