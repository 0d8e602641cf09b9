/**
 * Hostile: a token's authority does not outlive its revocation inside the planner. A bearer
 * session submits a slow plan of five effects and another that waits for an approval; the owner
 * revokes the token while the first runs. No node starts after the revocation (at most the one
 * already running finishes), both runs end cancelled naming the revoked token, and a bystander's
 * run, the owner's, goes on to the end.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { boot, type System } from '../../src/boot.ts';
import { INIT_PID } from '../../src/kernel/index.ts';
import { RISK, RISK_RIGHTS } from '../../src/kernel/risk.ts';
import { testEnv } from '../helpers/env.ts';

interface View {
  id: string;
  state: string;
  error?: string;
  nodes: { id: string; state: string }[];
}

describe('a revoked token against its runs on the planner', () => {
  let system: System;
  let work: string;
  const cleanups: (() => unknown)[] = [];
  before(async () => {
    const env = testEnv({ after: (fn) => cleanups.push(fn) });
    work = join(env.home, 'work');
    mkdirSync(work, { recursive: true });
    process.env.HOME = env.home; // the planner's thread reads HOME for the roots it may touch
    system = await boot({ home: env.aiosHome, logLevel: 'warn', services: true });
  });
  after(async () => {
    await system.shutdown();
    for (const fn of cleanups) fn();
  });

  const lines = (name: string) =>
    existsSync(join(work, name)) ? readFileSync(join(work, name), 'utf8').split('\n').filter(Boolean) : [];
  const slow = (file: string, n: number) => ({
    parallel: 1,
    nodes: Array.from({ length: n }, (_, i) => ({
      id: `n${i + 1}`,
      kind: 'tool',
      tool: 'shell.run',
      args: { command: `sleep 1 && echo n${i + 1} >> ${file}`, cwd: '.', timeoutMs: 20_000 },
      ...(i > 0 ? { after: [`n${i}`] } : {}),
    })),
  });
  const show = (id: string) => system.services.call(INIT_PID, 'planner', 'show', { id }) as Promise<View>;
  const until = async (what: () => Promise<boolean> | boolean, ms = 60_000) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((ok) => setTimeout(ok, 50)))
      if (await what()) return;
    assert.fail('timed out');
  };

  it('stops the running and the waiting runs of a revoked token before their next node; the owner’s run goes on', async () => {
    const { token, tokenId } = system.kernel.syscall(INIT_PID, 'token_mint', {
      handle: system.systemHandle,
      agentId: 0,
      rights: RISK_RIGHTS[RISK.DESTROY],
      scope: 'resource:tool',
      ttlMs: 600_000,
    }) as { token: string; tokenId: string };
    const session = system.host.external.openSession(token, 'test');
    const submit = (plan: unknown, pid = session.pid) =>
      system.services.call(pid, 'planner', 'run', { plan, cwd: work }) as Promise<View>;

    const running = await submit(slow('count.txt', 5));
    const waiting = await submit({
      nodes: [
        { id: 'ok', kind: 'approval', prompt: 'Go on?' },
        {
          id: 'then',
          kind: 'tool',
          tool: 'files.append',
          args: { path: 'later.txt', content: 'x' },
          after: ['ok'],
        },
      ],
    });
    const bystander = await submit(slow('owner.txt', 3), INIT_PID);
    await until(async () => (await show(waiting.id)).state === 'waiting');
    await until(() => lines('count.txt').length >= 1);

    system.kernel.syscall(INIT_PID, 'token_revoke', { handle: system.systemHandle, tokenId });
    const atRevoke = lines('count.txt').length;
    await until(async () => (await show(running.id)).state !== 'running');
    const stopped = await show(running.id);
    assert.equal(stopped.state, 'cancelled', JSON.stringify(stopped));
    assert.match(stopped.error ?? '', new RegExp(`token ${tokenId} was revoked`));
    await new Promise((ok) => setTimeout(ok, 2500)); // time for two more nodes, had any started
    const effects = lines('count.txt').length;
    assert.ok(
      effects <= atRevoke + 1,
      `no node started after the revocation: ${effects} lines, ${atRevoke} then`,
    );
    assert.ok(effects < 5, 'the run did not finish');

    const gated = await show(waiting.id);
    assert.equal(gated.state, 'cancelled', JSON.stringify(gated));
    assert.match(gated.error ?? '', /was revoked/);
    assert.equal(existsSync(join(work, 'later.txt')), false);

    await until(async () => (await show(bystander.id)).state !== 'running');
    assert.equal((await show(bystander.id)).state, 'done');
    assert.deepEqual(lines('owner.txt'), ['n1', 'n2', 'n3'], 'the bystander ran every node');
  });
});
