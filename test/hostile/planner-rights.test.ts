/**
 * Hostile: the planner must not be a confused deputy. It holds a tool handle good for deletes
 * (services audit through it), yet a plan runs with the rights of whoever submitted it: an agent
 * with no tool rights, or read-only ones, cannot get a file written by handing the planner a
 * plan, neither when it submits nor when a write turns out riskier as it runs. An agent cannot
 * see, approve or cancel another agent's run either. The planner keeps serving a bystander.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { boot, type System } from '../../src/boot.ts';
import { INIT_PID } from '../../src/kernel/index.ts';
import { RISK, RISK_RIGHTS } from '../../src/kernel/risk.ts';
import { testEnv } from '../helpers/env.ts';

describe('hostile agents against the planner', () => {
  let system: System;
  let dir: string;
  let home: string;
  const cleanups: (() => unknown)[] = [];
  before(async () => {
    const env = testEnv({ after: (fn) => cleanups.push(fn) });
    dir = join(env.dir, 'agents');
    home = env.home;
    mkdirSync(dir);
    mkdirSync(home, { recursive: true });
    process.env.HOME = home; // the planner's thread reads HOME for the roots it may touch
    system = await boot({ home: env.aiosHome, logLevel: 'warn', services: true });
  });
  after(async () => {
    await system.shutdown();
    for (const fn of cleanups) fn();
  });

  let files = 0;
  /** Runs agent code that returns `attempt(...)` results: { ok } or { code, message }. */
  const agent = async (name: string, body: string, grants: Record<string, number> = {}) => {
    const file = join(dir, `${name}-${files++}.ts`);
    writeFileSync(
      file,
      `export default async function (os) {
  const attempt = async (fn) => { try { return { ok: await fn() }; } catch (e) { return { code: e.code, message: e.message }; } };
  ${body}
}`,
    );
    const { pid } = system.host.spawnFile(file, { name, grants });
    const exit = await system.host.exitOf(pid, 120_000);
    assert.equal(exit.reason, 'normal', exit.message);
    return JSON.parse(exit.result ?? 'null');
  };
  const writePlan = (path: string) =>
    JSON.stringify({
      nodes: [
        { id: 'look', kind: 'tool', tool: 'files.list', args: { path: home } },
        {
          id: 'plant',
          kind: 'tool',
          tool: 'files.write',
          args: { path, content: 'planted' },
          after: ['look'],
        },
      ],
    });

  it('an agent with no tool rights is refused at submission, naming the node, and nothing is written', async () => {
    const target = join(home, 'planted.txt');
    const r = await agent(
      'mallory',
      `return attempt(() => os.plan.run({ plan: ${writePlan(target)}, wait: true }));`,
    );
    assert.equal(r.code, 'E_NO_RIGHTS', JSON.stringify(r));
    assert.match(r.message, /^Node 'look' runs files.list \(risk 0\), but 'mallory' holds no tool rights/);
    assert.equal(existsSync(target), false);
  });

  it('read-only tool rights do not buy a write: refused naming the write node', async () => {
    const target = join(home, 'planted-ro.txt');
    const r = await agent(
      'reader',
      `return attempt(() => os.plan.run({ plan: ${writePlan(target)}, wait: true }));`,
      { tool: RISK_RIGHTS[RISK.READ_ONLY] },
    );
    assert.equal(r.code, 'E_NO_RIGHTS', JSON.stringify(r));
    assert.match(
      r.message,
      /^Node 'plant' runs files.write \(risk 1\), but 'reader' holds no tool rights for risk 1/,
    );
    assert.equal(existsSync(target), false);
  });

  it('a write that turns out to overwrite (risk 2) fails at run time for a submitter allowed only to create', async () => {
    const target = join(home, 'precious.txt');
    writeFileSync(target, 'precious');
    const r = await agent(
      'creator',
      `const run = await os.plan.run({ plan: ${writePlan(target)}, wait: true });
       return { state: run.state, error: run.error, plant: run.nodes.find((n) => n.id === 'plant').state };`,
      { tool: RISK_RIGHTS[RISK.CREATE] },
    );
    assert.equal(r.state, 'failed', JSON.stringify(r));
    assert.equal(r.plant, 'failed');
    assert.match(
      r.error,
      /Node 'plant' runs files.write at risk 2 \(overwrites: .*\), but 'creator', who submitted the plan, may run tools up to risk 1/,
    );
    assert.equal(readFileSync(target, 'utf8'), 'precious');
  });

  it("an agent cannot see, approve or cancel another agent's run; the owner's and a bystander's go on", async () => {
    const gate = JSON.stringify({ nodes: [{ id: 'ok', kind: 'approval', prompt: 'Go?' }] });
    const mine = await agent('alice', `return (await os.plan.run({ plan: ${gate}, wait: true })).id;`, {
      tool: RISK_RIGHTS[RISK.READ_ONLY],
    });
    const r = await agent(
      'eve',
      `return { show: await attempt(() => os.plan.show({ id: '${mine}' })),
                approve: await attempt(() => os.plan.approve({ id: '${mine}' })),
                cancel: await attempt(() => os.plan.cancel({ id: '${mine}' })),
                ls: (await os.plan.ls({})).runs.map((x) => x.id) };`,
    );
    for (const op of ['show', 'approve', 'cancel'] as const) {
      assert.equal(r[op].code, 'E_NOT_FOUND', `${op}: ${JSON.stringify(r[op])}`);
      assert.match(r[op].message, new RegExp(`No plan run '${mine}' of yours`));
    }
    assert.deepEqual(r.ls, []);
    const bystander = await agent(
      'bystander',
      `const run = await os.plan.run({ plan: { nodes: [{ id: 'l', kind: 'tool', tool: 'files.list', args: { path: ${JSON.stringify(home)} } }] }, wait: true });
       return run.state;`,
      { tool: RISK_RIGHTS[RISK.READ_ONLY] },
    );
    assert.equal(bystander, 'done');
    const still = (await system.services.call(INIT_PID, 'planner', 'show', { id: mine })) as {
      state: string;
      submitter: string;
    };
    assert.equal(still.state, 'waiting');
    assert.equal(still.submitter, 'alice', 'the vouched name is recorded with the run');
  });
});
