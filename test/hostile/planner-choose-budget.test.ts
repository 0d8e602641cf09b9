/**
 * Hostile: `planner.choose` previews every tool node of up to 8 plans with the caller's rights,
 * and a preview may walk a whole tree. An agent handing it 8 plans whose nodes each walk a big
 * tree several times would make one call walk millions of entries on the planner's thread. One
 * choose call has a budget as a whole (PLAN_LIMITS.CHOOSE_WALK_ENTRIES_MAX): past it the call is
 * refused with one line, and a bystander agent, the planner and the host go on.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { boot, type System } from '../../src/boot.ts';
import { RISK, RISK_RIGHTS } from '../../src/kernel/risk.ts';
import { PLAN_LIMITS } from '../../src/services/planner/limits.ts';
import { testEnv } from '../helpers/env.ts';

describe('a hostile agent against planner.choose', () => {
  let system: System;
  let dir: string;
  let home: string;
  const cleanups: (() => unknown)[] = [];
  before(async () => {
    const env = testEnv({ after: (fn) => cleanups.push(fn) });
    dir = join(env.dir, 'agents');
    home = env.home;
    mkdirSync(dir);
    // a tree of 50 folders of 100 files: 5,050 entries per walk
    for (let d = 0; d < 50; d++) {
      const sub = join(home, 'big', `d${d}`);
      mkdirSync(sub, { recursive: true });
      for (let f = 0; f < 100; f++) writeFileSync(join(sub, `f${f}`), '');
    }
    process.env.HOME = home; // the planner's thread reads HOME for the roots it may touch
    system = await boot({ home: env.aiosHome, logLevel: 'warn', services: true });
  });
  after(async () => {
    await system.shutdown();
    for (const fn of cleanups) fn();
  });

  let files = 0;
  const start = (name: string, body: string, grants: Record<string, number> = {}) => {
    const file = join(dir, `${name}-${files++}.ts`);
    writeFileSync(
      file,
      `export default async function (os) {
  const attempt = async (fn) => { try { return { ok: await fn() }; } catch (e) { return { code: e.code, message: e.message }; } };
  ${body}
}`,
    );
    return system.host.spawnFile(file, { name, grants }).pid;
  };
  const result = async (pid: number) => {
    const exit = await system.host.exitOf(pid, 120_000);
    assert.equal(exit.reason, 'normal', exit.message);
    return JSON.parse(exit.result ?? 'null');
  };

  it('8 plans whose nodes walk a big tree are refused with one line; the bystander and the host go on', async () => {
    // each node archives the same tree 6 times over (a preview walks each source): 8 plans x
    // 3 nodes x 6 walks x 5,050 entries is about 727,000 entries for one call
    const plan = (i: number) => ({
      name: `walker ${i}`,
      nodes: [0, 1, 2].map((n) => ({
        id: `a${n}`,
        kind: 'tool',
        tool: 'files.archive',
        args: { paths: Array(6).fill('big'), to: `out${i}-${n}.tar.gz` },
      })),
    });
    const plans = JSON.stringify(Array.from({ length: 8 }, (_, i) => plan(i)));
    const bystander = start(
      'bystander',
      `let n = 0;
       for (let i = 0; i < 50; i++) { await os.info(os.handles.self); n++; await os.sleep(20); }
       return n;`,
    );
    const mallory = start(
      'mallory',
      `return attempt(() => os.plan.choose({ plans: ${plans}, cwd: ${JSON.stringify(home)} }));`,
      { tool: RISK_RIGHTS[RISK.CREATE] },
    );
    const r = await result(mallory);
    assert.equal(r.code, 'E_QUOTA', JSON.stringify(r).slice(0, 400));
    // the entries run out first; on a machine slow enough, the time budget may say so first
    assert.match(
      r.message,
      new RegExp(
        `^Comparing these plans (walks more than ${PLAN_LIMITS.CHOOSE_WALK_ENTRIES_MAX} directory entries|takes more than ${PLAN_LIMITS.CHOOSE_TIME_MAX_MS / 1000} s)`,
      ),
    );
    assert.doesNotMatch(r.message, /\n/, 'one line');
    assert.equal(await result(bystander), 50, 'the bystander kept running');

    // the planner still serves: a small choose by another agent is answered
    const small = JSON.stringify([
      { name: 'one', nodes: [{ id: 'l', kind: 'tool', tool: 'files.list', args: { path: 'big' } }] },
    ]);
    const ok = await result(
      start('alice', `return os.plan.choose({ plans: ${small}, cwd: ${JSON.stringify(home)} });`, {
        tool: RISK_RIGHTS[RISK.READ_ONLY],
      }),
    );
    assert.equal(ok.best, 0);
    assert.equal(ok.ranked[0].valid, true);
    // and the host still spawns and runs agents
    assert.equal(await result(start('after', 'return 42;')), 42);
  });
});
